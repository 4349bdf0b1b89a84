#!/usr/bin/env bash
# Generates the run, montecarlo, sweep and compare HTML pages of the example scenario
# and opens each in headless Chromium (scripts/html_check.sh): no console
# message, the page's self-check says ok, no URL in the file.
set -euo pipefail
deploysim="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scenario="$root/scenarios/examples/pipeline.yml"
"$deploysim" run "$scenario" --seed 5 --html "$tmp/run.html" >/dev/null 2>&1
"$deploysim" run "$scenario" --seed 7 --html "$tmp/run-seed7.html" >/dev/null 2>&1
"$deploysim" montecarlo "$scenario" --runs 2000 --threads 2 --html "$tmp/montecarlo.html" >/dev/null
"$deploysim" montecarlo "$scenario" --runs 500 --threads 2 --html "$tmp/sweep.html" \
  --sweep webhooks.Run-Integration-Tests.latency=10m,30m,1h >/dev/null
"$deploysim" montecarlo "$scenario" --runs 300 --threads 2 --html "$tmp/sweep-grid.html" \
  --sweep webhooks.Run-Integration-Tests.outcome.failure=0,0.2 \
  --sweep approvals.default.after.exponential.mean=10m,2h >/dev/null
"$deploysim" compare "$scenario" "$root/scenarios/whatif/compare/after-pr.yml" --runs 2000 \
  --threads 2 --html "$tmp/compare.html" >/dev/null
"$root/scripts/html_check.sh" "$tmp"/*.html
