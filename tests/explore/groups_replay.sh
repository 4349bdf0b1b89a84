#!/usr/bin/env bash
# Independent groups through the real binary: a -> b (gate 0.9) and c (coin
# 0.5) are two groups; the property "never b SUCCEEDED and c FAILED" spans
# both. explore reports 2 groups and 5 paths, the violation with
# probability 0.81 * 0.5, and writes the most probable counterexample: the
# groups' paths one after the other (3 choices), which `run --choices`
# replays, by key, to that end state.
set -euo pipefail
deploysim="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/two-groups.yml" <<'YAML'
name: two-groups
deployment:
  version: v1
  kind: kubernetes
  application: app
  targets:
    a: {account: c, namespace: a, constraints: {afterDeployment: [{runWebhook: {name: gate}}]}}
    b: {account: c, namespace: b, constraints: {dependsOn: [a], afterDeployment: [{runWebhook: {name: gate}}]}}
    c: {account: c, namespace: c, constraints: {afterDeployment: [{runWebhook: {name: coin}}]}}
  manifests: [{path: app.yml}]
  webhooks:
    - {name: gate, method: POST, uriTemplate: "https://ci/g?cb={{armory.callbackUri}}"}
    - {name: coin, method: POST, uriTemplate: "https://ci/c?cb={{armory.callbackUri}}"}
deploy: {readyAfter: 0s}
webhooks:
  gate: {latency: 5m, outcome: {success: 0.9, failure: 0.1}}
  coin: {latency: 1m, outcome: {success: 0.5, failure: 0.5}}
properties:
  - name: b-and-c-not-both
    never: {all: [{target: b, status: SUCCEEDED}, {target: c, status: FAILED}]}
YAML

status=0
"$deploysim" explore "$tmp/two-groups.yml" --format json -o "$tmp/explore.json" \
  --counterexample "$tmp/cx.json" || status=$?
[ "$status" -eq 1 ] || { echo "explore: exit $status, expected 1 (a violated property)" >&2; exit 1; }
grep -q '"groups": 2' "$tmp/explore.json"
grep -q '"paths": 5,' "$tmp/explore.json"
grep -q '"endStates": "6"' "$tmp/explore.json"
grep -q '"probability": 0.405' "$tmp/explore.json"
[ "$(grep -c '"what":' "$tmp/cx.json")" -eq 3 ] || { echo "counterexample: expected 3 choices" >&2; exit 1; }
grep -q '"what":"c: webhook coin outcome failure"' "$tmp/cx.json"

"$deploysim" run "$tmp/two-groups.yml" --choices "$tmp/cx.json" --format json -o "$tmp/run.json"
flat=$(tr -d ' \n' < "$tmp/run.json")
for want in '"pipeline":{"status":"FAILED"' '"a":{"status":"SUCCEEDED"' \
            '"b":{"status":"SUCCEEDED"' '"c":{"status":"FAILED"'; do
  grep -qF "$want" <<< "$flat" || { echo "run --choices: no $want" >&2; exit 1; }
done
echo "a counterexample across two groups replays"
