#!/usr/bin/env bash
# Runs every test: the README's test command, and what CI runs (.ci/run).
#   1. installs what is missing (scripts/deps.sh)
#   2. native build with AddressSanitizer + UndefinedBehaviorSanitizer: core, io, ui and CLI tests
#   3. WebAssembly build (the page and the core/io tests): core/io tests under node
#   4. browser tests: the built page in Debian's Chromium, driven by playwright-core
#   2b. fuzz smoke run: each libFuzzer target, 3,000 inputs from a fixed seed (scripts/fuzz.sh --smoke)
#   5. benchmark smoke test: both benchmarks at their smallest size (scripts/bench.sh)
# Each configuration is built once. Exits non-zero when any test fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
export NODE_PATH=/usr/share/nodejs EMSDK_PYTHON=/usr/bin/python3

step() { printf '\n==== %s ====\n' "$*"; }

step "dependencies"
scripts/deps.sh native wasm browser team

step "native tests (ASan + UBSan)"
cmake --preset native-debug >/dev/null
cmake --build --preset native-debug -j"$JOBS"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset native-debug -j"$JOBS"

step "fuzz smoke run: every reader's libFuzzer round trip, 3,000 inputs each (scripts/fuzz.sh, fuzz/README.md)"
scripts/fuzz.sh --smoke

step "WebAssembly build and tests under node"
./build-wasm.sh
ctest --preset wasm-release -j"$JOBS"

step "browser tests (Chromium)"
npm test

step "benchmark smoke test (smallest sizes, no timing thresholds; see docs/performance.md)"
scripts/deps.sh bench
scripts/bench.sh native --smoke
scripts/bench.sh browser --smoke
