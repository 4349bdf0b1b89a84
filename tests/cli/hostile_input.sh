#!/bin/sh
# One hostile input through the real binary (issue 20): the command must end
# within bounded time and memory with one of the allowed exit codes, print
# what EXPECT says, show the secret nowhere (stdout, stderr, files written)
# and leave no temporary file behind.
#
# Usage: hostile_input.sh WORKDIR EXITS EXPECT SECRET -- deploysim ARGS...
#   WORKDIR  a scratch directory, emptied first; the command runs in it
#   EXITS    allowed exit codes, e.g. "2" or "0 1"
#   EXPECT   an extended regular expression for stdout+stderr ("" for none)
#   SECRET   text that must appear nowhere ("" for none)
# Limits: 4,000,000 KB of address space (as the fuzzing campaign ran) and
# 120 s of wall time. Under AddressSanitizer (DEPLOYSIM_SANITIZED=1, set by
# CMake) the address space cannot be limited (ASan reserves terabytes of
# shadow memory up front), so ASan's own limit of 4,000 MB resident applies.
set -u
work=$1 exits=$2 expect=$3 secret=$4
shift 4
[ "$1" = "--" ] && shift
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 99

if [ "${DEPLOYSIM_SANITIZED:-0}" = 1 ]; then
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=4000"
  export ASAN_OPTIONS
else
  ulimit -v 4000000
fi
timeout -k 5 120 "$@" >stdout.txt 2>stderr.txt
code=$?

fail() {
  echo "FAILED: $*"
  echo "--- command: $*"
  echo "--- stderr:"; head -c 4000 stderr.txt
  echo "--- stdout:"; head -c 2000 stdout.txt
  exit 1
}
case " $exits " in
  *" $code "*) ;;
  *) fail "exit $code, expected one of: $exits" ;;
esac
if [ -n "$expect" ] && ! cat stdout.txt stderr.txt | grep -Eq -- "$expect"; then
  fail "no line matches: $expect"
fi
if [ -n "$secret" ] && grep -rqF -- "$secret" .; then
  fail "the secret appears in: $(grep -rlF -- "$secret" . | tr '\n' ' ')"
fi
leftover=$(find . -name '*.tmp*' | head -5)
[ -z "$leftover" ] || fail "temporary files left behind: $leftover"
echo "ok: exit $code"
exit 0
