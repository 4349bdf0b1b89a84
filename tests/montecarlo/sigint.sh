#!/usr/bin/env bash
# Ctrl-C stops `deploysim montecarlo` and `deploysim compare` early and they
# still report the runs they completed, saying so (SIGINT sent after 2 s to a
# run far too long to finish).
set -euo pipefail
deploysim="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
status=0
timeout --preserve-status -s INT 2 "$deploysim" montecarlo "$root/scenarios/examples/pipeline.yml" \
  --runs 1000000000 --threads 2 --format json >"$out" 2>"$err" || status=$?
[ "$status" -eq 0 ] || { echo "exit code $status, expected 0"; cat "$err"; exit 1; }
grep -q '"stoppedEarly": true' "$out" || { echo "no stoppedEarly in the report"; exit 1; }
grep -q 'interrupted: reporting the' "$err" || { echo "stderr does not say so"; cat "$err"; exit 1; }
echo "ok: $(grep -o '"runsCompleted": [0-9]*' "$out")"

status=0
timeout --preserve-status -s INT 2 "$deploysim" compare "$root/scenarios/examples/pipeline.yml" \
  "$root/scenarios/whatif/compare/after-pr.yml" --runs 1000000000 --threads 2 --format json \
  >"$out" 2>"$err" || status=$?
[ "$status" -eq 0 ] || { echo "compare: exit code $status, expected 0"; cat "$err"; exit 1; }
grep -q '"stoppedBy": "interrupt"' "$out" || { echo "compare: no stoppedBy interrupt"; exit 1; }
grep -q 'compare: interrupted: reporting the' "$err" || { echo "compare: stderr does not say so"; cat "$err"; exit 1; }
echo "ok: compare stopped by interrupt"
