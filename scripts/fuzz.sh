#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang + ASan + UBSan, build/fuzz) and runs each in turn:
#   scripts/fuzz.sh [--smoke] [--time SECONDS] [TARGET...]
#     (default) 60 s per target; --time: your budget; --smoke (CI, scripts/test.sh): 3,000 inputs
#     per target from a fixed seed over the committed seeds only, so that it is deterministic.
#     TARGET: format ids (spacy, brat, ...), "session", "page_state" or "text"; default: every target.
# Targets: annotator_fuzz_<format> for every readable format in the registry (round trip read ->
# write -> read -> write), annotator_fuzz_session, annotator_fuzz_text (see fuzz/README.md).
# Each target's corpus (build/fuzz-runs/<target>/corpus) is seeded from tests/fixtures and
# fuzz/seeds at every run and kept between runs. A crash, a broken property, a timeout or an
# out-of-memory leaves the input in build/fuzz-runs/<target>/ and makes the script exit non-zero
# after the other targets ran; it prints the command that reproduces it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD="${AA_FUZZ_BUILD:-$ROOT/build/fuzz}"
RUNS="${AA_FUZZ_RUNS:-$ROOT/build/fuzz-runs}"
JOBS="${JOBS:-$(nproc 2>/dev/null || echo 2)}"
SECONDS_EACH=60
MAX_LEN=32768     # bytes: larger than every fixture, small enough for thousands of runs per second
TIMEOUT=10        # seconds for one input (a reader must stay responsive on a paste)
RSS_MB=2048

targets=()
SMOKE=0
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) SMOKE=1 ;;
        --time) SECONDS_EACH="$2"; shift ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1") ;;
    esac
    shift
done

say() { printf 'fuzz: %s\n' "$*" >&2; }

if ! command -v clang++ >/dev/null || ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
    scripts/deps.sh fuzz
fi

say "building the fuzz targets in $BUILD"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S "$ROOT" -B "$BUILD" -DAA_BUILD_FUZZ=ON -DAA_BUILD_UI=OFF -DAA_BUILD_TESTS=OFF \
        -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE= >/dev/null
fi
cmake --build "$BUILD" -j"$JOBS" --target annotator_fuzz_format annotator_fuzz_session annotator_fuzz_page_state annotator_fuzz_text \
    annotator_fuzz_writer_reader >/dev/null
BIN="$BUILD/fuzz"

if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(AA_FUZZ_LIST_FORMATS=1 ASAN_OPTIONS=detect_leaks=0 "$BIN/annotator_fuzz_format")
    targets+=(session page_state text writer_reader)
fi

# Seeds for one target into its corpus directory. A format's fixtures (tests/fixtures/<id>) go in
# as they are, plus TEXT '\0' FILE when a fixture has its text beside it (brat's a.ann + a.txt,
# W3C's a.jsonld + a.txt): that is how fuzz_format.cpp receives the text of formats that lack it.
# native/ and broken/ are JSON every JSON reader should refuse or read cleanly.
seed() {
    local target="$1" corpus="$2" f stem txt n=0
    mkdir -p "$corpus"
    local dirs=()
    case "$target" in
        session) dirs=(fuzz/seeds/session tests/fixtures/native) ;;
        page_state) dirs=(fuzz/seeds/page_state tests/fixtures/rules) ;;
        text) dirs=(fuzz/seeds/text tests/fixtures) ;;
        writer_reader) dirs=(fuzz/seeds/writer_reader) ;;
        *) dirs=("tests/fixtures/$target" "fuzz/seeds/$target" tests/fixtures/native tests/fixtures/broken) ;;
    esac
    for d in "${dirs[@]}"; do
        [ -d "$d" ] || continue
        while IFS= read -r -d '' f; do
            case "$f" in *.expected) continue ;; esac
            cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
            n=$((n + 1))
            stem="${f%.*}"
            txt="$stem.txt"
            if [ "$target" != text ] && [ "$f" != "$txt" ] && [ -f "$txt" ]; then
                { cat "$txt"; printf '\0'; cat "$f"; } >"$corpus/seed-text-$(echo "$f" | tr '/' '_')"
                n=$((n + 1))
            fi
        done < <(find "$d" -type f -print0)
    done
    echo "$n"
}

failed=()
summary=()
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
for t in "${targets[@]}"; do
    exe="$BIN/annotator_fuzz_$t"
    if [ ! -x "$exe" ]; then
        say "no target annotator_fuzz_$t (known: $(ls "$BIN" | sed -n 's/^annotator_fuzz_//p' | grep -vx format | tr '\n' ' '))"
        failed+=("$t (no such target)")
        continue
    fi
    out="$RUNS/$t"
    mkdir -p "$out"
    rm -f "$out"/crash-* "$out"/timeout-* "$out"/oom-* "$out"/leak-* "$out"/slow-unit-*
    [ "$SMOKE" = 1 ] && rm -rf "$out/corpus"  # only the committed seeds: the same run every time
    seeds=$(seed "$t" "$out/corpus")
    budget_label="${SECONDS_EACH}s"
    [ "$SMOKE" = 1 ] && budget_label="smoke"
    say "$t: $budget_label, $seeds seeds"
    status=0
    max_len=$MAX_LEN
    [ "$t" = text ] && max_len=4096  # its checks are O(n log n) per input: keep it fast
    # The smoke run (CI) is deterministic: a fixed seed and a fixed number of inputs over a corpus
    # made only from the committed seeds, so a green CI stays green; exploration is the timed run.
    budget=(-max_total_time="$SECONDS_EACH")
    [ "$SMOKE" = 1 ] && budget=(-seed=1 -runs=3000 -max_total_time=120)
    "$exe" "$out/corpus" "${budget[@]}" -max_len="$max_len" -timeout="$TIMEOUT" \
        -rss_limit_mb="$RSS_MB" -dict="$ROOT/fuzz/annotator.dict" -artifact_prefix="$out/" \
        -print_final_stats=1 >"$out/log.txt" 2>&1 || status=$?
    # (|| true: a target that fails on its seeds prints no coverage line, and pipefail is on)
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/log.txt" | tail -1 || true)
    [ -n "$execs" ] || execs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$out/log.txt" | tail -1 || true)
    cov=$(grep -o 'cov: [0-9]*' "$out/log.txt" | tail -1 | cut -d' ' -f2 || true)
    corpus_size=$(find "$out/corpus" -type f | wc -l)
    line=$(printf '%-14s %5s %10s execs  cov %6s  corpus %5s' "$t" "$budget_label" "${execs:-?}" "${cov:-?}" "$corpus_size")
    artifact=$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | head -1)
    if [ "$status" -ne 0 ] || [ -n "$artifact" ]; then
        summary+=("$line  FAILED")
        failed+=("$t")
        say "$t FAILED (exit $status); the end of its log ($out/log.txt):"
        grep -E 'ERROR|property broken|SUMMARY|error:|runtime error' "$out/log.txt" | head -8 >&2 || true
        if [ -n "$artifact" ]; then
            say "input kept: $artifact"
            say "reproduce:  $exe $artifact"
            say "minimise:   $exe -minimize_crash=1 -runs=10000 -exact_artifact_path=$out/minimal $artifact"
        fi
    else
        summary+=("$line  ok")
    fi
done

printf '\n%-14s %5s %10s\n' target time executions
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    say "failed: ${failed[*]}"
    exit 1
fi
say "all targets ran clean"
