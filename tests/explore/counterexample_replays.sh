#!/usr/bin/env bash
# The whole loop through the real binary: `explore` checks the properties of
# scenarios/explore/potato-facts-properties.yml (all hold: exit 0); with one
# more property that breaks (prod-us never rolls back) it exits 1 and writes
# the most probable counterexample, which `run --choices` replays to that end
# state with a trace.
set -euo pipefail
deploysim="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$deploysim" explore "$root/scenarios/explore/potato-facts-properties.yml" --format json -o "$tmp/ok.json"
grep -q '"holds": false' "$tmp/ok.json" && { echo "a property of the committed file fails" >&2; exit 1; }

sed -e "s#deployment: ../examples/deploy.yml#deployment: $root/scenarios/examples/deploy.yml#" \
    -e 's/^properties:/properties:\n  - name: prod-us-never-rolls-back\n    never: {target: prod-us, status: ROLLED_BACK}/' \
    "$root/scenarios/explore/potato-facts-properties.yml" > "$tmp/broken.yml"
status=0
"$deploysim" explore "$tmp/broken.yml" --counterexample "$tmp/cx.json" -o "$tmp/broken.txt" || status=$?
[ "$status" -eq 1 ] || { echo "explore of a broken property: exit $status, expected 1" >&2; exit 1; }
grep -q 'prod-us-never-rolls-back (never): VIOLATED with probability 0.023814' "$tmp/broken.txt"
grep -q '"property": "prod-us-never-rolls-back"' "$tmp/cx.json"
grep -q '"what":"prod-us: webhook Check-Logs outcome failure"' "$tmp/cx.json"

"$deploysim" run "$tmp/broken.yml" --choices "$tmp/cx.json" --format json -o "$tmp/run.json" \
  --trace "$tmp/trace.jsonl"
grep -q '"status": "ROLLED_BACK"' "$tmp/run.json"
grep -q 'Check-Logs' "$tmp/trace.jsonl"
echo "explore's counterexample replays"
