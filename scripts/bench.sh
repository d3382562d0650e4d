#!/usr/bin/env bash
# Runs the benchmarks of issue 6 (method and results: docs/performance.md).
#   scripts/bench.sh native [--smoke|--large] [Google Benchmark flags...]
#       builds bench/aa_bench (Release, Google Benchmark from Debian's libbenchmark-dev) in
#       build/bench and runs it: text, entities, tokenizer, layout, every io reader and writer at
#       10 KB / 200 KB / 1 MB (--large adds 10 MB; --smoke runs 10 KB once, no timing).
#       Repeats each benchmark 3 times and reports medians unless you pass --benchmark_repetitions.
#       Prints issue 11's native floors (item 4 at 1 MB; item 2: one edit's journal record against the
#       whole session, by size). Quick, the floors only: --benchmark_filter='^(io/(native|label-studio|
#       prodigy|w3c)/(read|write)/1MB|autosave/.*)$'
#   scripts/bench.sh browser [--smoke] [--startup [--cpu]] [--peers] [--import] [--dists DIR,DIR] [--sizes 200KB,1MB,10MB] [--runs N] [--scroll N] [--json FILE]
#       runs scripts/bench-browser.mjs against dist/ (build it first with ./build-wasm.sh; AA_DIST
#       points elsewhere): load, add, frame CPU time while scrolling, memory, download size; from
#       1 MB also a native file dropped on a fresh page (read in slices): its longest frame and the
#       wasm memory after it, its snapshot, edits and a compaction against 3x its JSON (issue 11).
#       --import: only that dropped file's measures.
#       --startup: where the time to the first frame goes at 10 KB, against a bare WebGL canvas
#       (--profile startup: a CPU profile of the first measured load of each build; --cpu: every run
#       traced, and the CPU each page's renderer spent until its first frame, which the load barely
#       moves: main thread, the wasm's lazy compilation, thread pool). --startup and
#       --peers open every page once, unmeasured, before their runs (the browser's own start-up).
#       --peers: load and add beside @recogito/text-annotator, react-text-annotate, plain DOM text
#       and a bare WebGL canvas, in the same run (10KB,200KB,1MB; --smoke: 10KB once); installs the
#       peers first (scripts/deps.sh peers: npm ci of bench/peers, pinned by its lockfile).
#       --dists A,B: the same measures (or --startup's) for several builds of the page, interleaved.
#       --scroll N: wheel notches of the scrolling measure (200; --smoke 20).
#       --profile load,snapshot,add,find,...: a CPU profile of the import (load), of its autosave
#       snapshot (snapshot) or of those operations of issue 11's item 3 (names in the wasm when the
#       page was linked with --profiling-funcs);
#       AA_PROFILE_DIR=DIR also writes each whole profile there (.cpuprofile, DevTools opens it).
# Prints tables; timing thresholds are reported (met / MISSED), never fail the run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JOBS="${JOBS:-2}"
BUILD="${AA_BENCH_BUILD:-$ROOT/build/bench}"

usage() { sed -n '2,31p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 1 ] || usage
what="$1"
shift

case "$what" in
  native)
    # clang++, as the presets: g++ 12 stops on libstdc++ false positives under -Werror at -O3.
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++ -DAA_BUILD_BENCH=ON -DAA_BUILD_UI=OFF -DAA_BUILD_TESTS=OFF >/dev/null
    cmake --build "$BUILD" -j"$JOBS" --target aa_bench
    args=()
    repeat=1
    for a in "$@"; do
      case "$a" in
        --smoke) args+=(--aa_smoke); repeat=0 ;;
        --large) args+=(--aa_large) ;;
        --benchmark_repetitions=*) args+=("$a"); repeat=0 ;;
        *) args+=("$a") ;;
      esac
    done
    if [ "$repeat" = 1 ]; then
      args+=(--benchmark_repetitions=3 --benchmark_report_aggregates_only=true)
    fi
    exec "$BUILD/bench/aa_bench" "${args[@]}"
    ;;
  browser)
    for a in "$@"; do
      if [ "$a" = --peers ]; then "$ROOT/scripts/deps.sh" peers; fi
    done
    exec node "$ROOT/scripts/bench-browser.mjs" "$@"
    ;;
  *) usage ;;
esac
