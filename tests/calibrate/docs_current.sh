#!/usr/bin/env bash
# The README's calibrate loop stays true: calibrating the committed example
# history gives, line for line, the block pasted into
# docs/calibrate/calibrated.yml (and the latency the README shows), and
# montecarlo runs that scenario.
set -euo pipefail
deploysim="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
fragment=$("$deploysim" calibrate docs/calibrate/integration-runs.json \
  --webhook Run-Integration-Tests --timeout 20m 2>/dev/null)
while IFS= read -r line; do
  grep -qxF -- "  $line" docs/calibrate/calibrated.yml || {
    echo "docs/calibrate/calibrated.yml lacks this line of the fragment: $line" >&2
    exit 1
  }
  grep -qxF -- "$line" README.md || {
    echo "README.md lacks this line of the fragment: $line" >&2
    exit 1
  }
done <<<"$fragment"
"$deploysim" montecarlo docs/calibrate/calibrated.yml --runs 500 --threads 1 >/dev/null
