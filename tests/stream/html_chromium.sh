#!/usr/bin/env bash
# Stream pages in headless Chromium (scripts/html_check.sh): no console
# message, the page's self-check says ok, no URL in the file. Both policies,
# a stream where pipelines fail (the canary benchmark), a sweep page, and the
# page merged from shards of several streams.
set -euo pipefail
deploysim="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$deploysim" stream "$root/docs/stream/merge-every-30m.yml" --changes 3000 \
  --html "$tmp/stream-reject.html" >/dev/null
"$deploysim" stream "$root/docs/stream/merge-every-30m.yml" --changes 3000 \
  --if-deployment-in-progress enqueueOne --html "$tmp/stream-enqueue-one.html" >/dev/null
"$deploysim" stream "$root/bench/scenarios/canary-100-stream.yml" --changes 2000 \
  --html "$tmp/stream-canary.html" >/dev/null
"$deploysim" stream "$root/docs/stream/merge-every-30m.yml" --changes 2000 \
  --sweep releases.arrivals.exponential.mean=10m,30m,2h --html "$tmp/stream-sweep.html" >/dev/null
for i in 0 1; do
  "$deploysim" stream "$root/bench/scenarios/canary-100-stream.yml" --changes 300 --streams 3 \
    --shard "$i/2" -o "$tmp/part-$i.json"
done
"$deploysim" merge "$tmp"/part-*.json --html "$tmp/stream-merged.html" >/dev/null
"$root/scripts/html_check.sh" "$tmp"/*.html
