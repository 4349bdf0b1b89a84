#!/usr/bin/env bash
# Regenerates the example stream reports (scripts/stream-reports) into a
# temporary folder and fails if any differs from the committed one in reports/.
set -euo pipefail
deploysim="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/scripts/stream-reports" "$deploysim" "$tmp"
status=0
for f in "$tmp"/*; do
  name=$(basename "$f")
  if ! cmp -s "$f" "$root/reports/$name"; then
    echo "STALE reports/$name: regenerate with scripts/stream-reports build/deploysim reports --screenshots" >&2
    diff <(head -c 200000 "$root/reports/$name" 2>/dev/null || true) "$f" | head -20 >&2 || true
    status=1
  fi
done
[ $status -eq 0 ] && echo "the stream reports in reports/ are current"
exit $status
