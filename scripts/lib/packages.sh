# Installs the Debian packages a script needs, only those missing.
# `apt-get update` runs at most once, and not at all when nothing is missing.
# Usage: source scripts/lib/packages.sh; ensure_packages pkg...

ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  echo "Installing missing packages: ${missing[*]}" >&2
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# What building deploysim needs. ccache and Ninja are optional, small and
# make rebuilds fast; the scripts use them when they are there.
DEPLOYSIM_BUILD_PACKAGES=(
  g++ cmake make ccache ninja-build
  libboost-graph-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-jsonschema python3-yaml
  libssl-dev openssl
)

# What scripts/test needs besides: Chromium opens the HTML reports in a test,
# Open MPI runs the 2-rank Monte Carlo test.
DEPLOYSIM_TEST_PACKAGES=(chromium libopenmpi-dev openmpi-bin)

# What packaging needs: cpack's Depends come from dpkg-shlibdeps (dpkg-dev),
# the man page from help2man.
DEPLOYSIM_BUILD_PACKAGES+=(dpkg-dev help2man)

# What scripts/fuzz needs: Debian's clang, with libFuzzer and the sanitizers.
DEPLOYSIM_FUZZ_PACKAGES=(clang libclang-rt-14-dev)
