#!/usr/bin/env bash
# Generates calibrate pages (a censored GitHub history, a Jenkins history with
# --fit best, the empirical fit of a tape, an approvals CSV) and opens each in
# headless Chromium (scripts/html_check.sh): no console message, the page's
# self-check says ok, no URL in the file.
set -euo pipefail
deploysim="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
data="$root/tests/calibrate/data"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$deploysim" calibrate "$data/github-rest.json" --webhook Run-Integration-Tests \
  --workflow "Integration Tests" --timeout 20m --html "$tmp/calibrate-github.html" >/dev/null 2>&1
"$deploysim" calibrate "$data/jenkins-allBuilds.json" --webhook Run-Integration-Tests \
  --fit best --timeout 20m --html "$tmp/calibrate-jenkins.html" >/dev/null 2>&1
"$deploysim" calibrate "$data/live-tape.jsonl" --webhook Run-Integration-Tests \
  --fit empirical --timeout 15m --html "$tmp/calibrate-tape.html" >/dev/null 2>&1
"$deploysim" calibrate "$data/approvals.csv" --approvals targets.prod-us \
  --html "$tmp/calibrate-approvals.html" >/dev/null 2>&1
"$root/scripts/html_check.sh" "$tmp"/*.html
