#!/usr/bin/env bash
# Regenerates the example reports (scripts/montecarlo-reports) into a
# temporary folder and fails if any differs from the committed one in reports/.
set -euo pipefail
deploysim="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/scripts/montecarlo-reports" "$deploysim" "$tmp"
status=0
for f in "$tmp"/*; do
  name=$(basename "$f")
  if ! cmp -s "$f" "$root/reports/$name"; then
    echo "STALE reports/$name: regenerate with scripts/montecarlo-reports build/deploysim reports --screenshots" >&2
    diff <(head -c 200000 "$root/reports/$name" 2>/dev/null || true) "$f" | head -20 >&2 || true
    status=1
  fi
done
[ $status -eq 0 ] && echo "reports/ is current"
exit $status
