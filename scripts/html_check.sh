#!/usr/bin/env bash
# Opens deploysim HTML reports in headless Chromium and fails unless each page
# says it is fine: the page's own script sets <meta name="selfcheck"
# content="ok"> after finding its key elements with no script error (see
# sim/report/html.hpp). Also fails on any console message and on
# any URL in the file (the pages must fetch nothing).
#
# Usage: scripts/html_check.sh [--screenshot-dir DIR] FILE.html...
#   With --screenshot-dir, also writes DIR/<name>.png (1400x1000).
# Needs Debian's `chromium` (or $CHROMIUM). Each Chromium call is bounded to 60 s.
set -euo pipefail

shots=""
if [ "${1:-}" = "--screenshot-dir" ]; then
  shots="$2"
  shift 2
fi
[ $# -gt 0 ] || { echo "usage: $0 [--screenshot-dir DIR] FILE.html..." >&2; exit 2; }

chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$chromium" ] || { echo "html_check: chromium not found (apt-get install chromium)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

browse() {  # browse OUT_PREFIX ARGS...: runs chromium with a fresh profile
  local prefix="$1"
  shift
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-extensions --user-data-dir="$(mktemp -d -p "$work")" \
    --enable-logging=stderr --v=0 "$@" >"$prefix.out" 2>"$prefix.err"
}

status=0
for file in "$@"; do
  name=$(basename "$file" .html)
  url="file://$(realpath "$file")"
  if grep -Eq 'https?://|src=|href="(http|//)' "$file"; then
    echo "FAIL $file: contains a URL or an external resource:" >&2
    grep -Eon 'https?://[^"< ]*|src=[^ >]*' "$file" | head -5 >&2
    status=1
    continue
  fi
  if ! browse "$work/$name" --dump-dom "$url"; then
    echo "FAIL $file: chromium failed or timed out" >&2
    tail -20 "$work/$name.err" >&2
    status=1
    continue
  fi
  selfcheck=$(grep -o '<meta name="selfcheck" content="[^"]*"' "$work/$name.out" | head -1 || true)
  if [ "$selfcheck" != '<meta name="selfcheck" content="ok"' ]; then
    echo "FAIL $file: self-check says: ${selfcheck:-nothing (no DOM dumped?)}" >&2
    status=1
    continue
  fi
  if grep -q 'CONSOLE' "$work/$name.err"; then
    echo "FAIL $file: console output:" >&2
    grep 'CONSOLE' "$work/$name.err" | head -10 >&2
    status=1
    continue
  fi
  if [ -n "$shots" ]; then
    mkdir -p "$shots"
    browse "$work/$name-shot" --hide-scrollbars --window-size=1400,1000 \
      --screenshot="$(realpath "$shots")/$name.png" "$url" || {
      echo "FAIL $file: screenshot failed" >&2
      status=1
      continue
    }
  fi
  echo "ok   $file"
done
exit $status
