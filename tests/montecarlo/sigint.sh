#!/usr/bin/env bash
# Ctrl-C stops `deploysim montecarlo` early and it still reports the runs it
# completed, saying so (SIGINT sent after 2 s to a run far too long to finish).
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
