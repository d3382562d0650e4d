#!/usr/bin/env bash
# Runs the tests: the README's test command, and what CI runs (.ci/run).
#   scripts/test.sh           everything (the default, what CI runs):
#     1. installs what is missing (scripts/deps.sh)
#     2. native build with AddressSanitizer + UndefinedBehaviorSanitizer: core, io, ui and CLI tests,
#        the format and include-layer checks (ctest, one test per doctest case)
#     2b. fuzz smoke run: each libFuzzer target, 3,000 inputs from a fixed seed (scripts/fuzz.sh --smoke)
#     3. WebAssembly build (the page and the core/io tests): core/io tests under node
#     4. browser tests: the built page in Debian's Chromium, driven by playwright-core, and the
#        team-project page tests against an in-memory CouchDB-protocol server (tests/team)
#     5. benchmark smoke test: both benchmarks at their smallest size (scripts/bench.sh), and the
#        side-by-side run with the peers at 10 KB once (installs them: scripts/deps.sh peers)
#   scripts/test.sh native    step 2 only: the inner loop (about a minute on a built tree)
#   scripts/test.sh browser   step 4 only, on the dist/ that ./build-wasm.sh built (and the native CLI)
# One case: ctest --preset native-debug -R 'io: xml reads' (ctest -N lists them).
# Each configuration is built once. Exits non-zero when any test fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
export NODE_PATH=/usr/share/nodejs EMSDK_PYTHON=/usr/bin/python3
mode="${1:-all}"
case "$mode" in
  all|native|browser) ;;
  *) echo "usage: $0 [native|browser]   (no argument: every test)" >&2; exit 2 ;;
esac

step() { printf '\n==== %s ====\n' "$*"; }

native() {
  step "native tests (ASan + UBSan)"
  cmake --preset native-debug >/dev/null
  cmake --build --preset native-debug -j"$JOBS"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --preset native-debug -j"$JOBS"
}

browser() {
  step "browser tests (Chromium)"
  [ -f dist/index.html ] || { echo "dist/ is missing: run ./build-wasm.sh first" >&2; exit 1; }
  if [ ! -x build/native-debug/src/cli/annotator ]; then  # formats.test.js compares the page with the CLI
    cmake --preset native-debug >/dev/null
    cmake --build --preset native-debug -j"$JOBS" --target annotator
  fi
  npm test
  # The page's team mode (tests/team/page.test.mjs): the same dist/ against a CouchDB-protocol
  # server that the test file starts (tests/team/node_modules, scripts/deps.sh team), with the CLI.
  step "team-project browser tests (Chromium, pouchdb-server)"
  ANNOTATOR="$ROOT/build/native-debug/src/cli/annotator" node --test tests/team/page.test.mjs
}

case "$mode" in
  native)
    scripts/deps.sh native
    native
    exit 0 ;;
  browser)
    scripts/deps.sh browser team
    browser
    exit 0 ;;
esac

step "dependencies"
scripts/deps.sh native wasm browser team

native

step "fuzz smoke run: every reader's libFuzzer round trip, 3,000 inputs each (scripts/fuzz.sh, fuzz/README.md)"
scripts/fuzz.sh --smoke

step "WebAssembly build and tests under node"
./build-wasm.sh
ctest --preset wasm-release -j"$JOBS"

browser

step "benchmark smoke test (smallest sizes, no timing thresholds; see docs/performance.md)"
scripts/deps.sh bench
scripts/bench.sh native --smoke
scripts/bench.sh browser --smoke
scripts/bench.sh browser --smoke --peers
