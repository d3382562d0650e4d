#!/usr/bin/env bash
# Builds the web page with Emscripten (CMake preset wasm-release) and assembles dist/:
#   index.html + annotator.js + annotator.wasm   (serve with any static server; what the first frame needs)
#   annotator.deferred.wasm                      (the rest of the code, loaded after the first frame)
#   team.js                                      (PouchDB, fflate + the team sync, loaded only by team projects)
#   annotator.html                               (one self-contained file: open it from disk; no team projects)
# Usage: ./build-wasm.sh          build the page and the wasm test suites (installing what is missing
#                                 through scripts/deps.sh wasm)
#        ./build-wasm.sh serve    build the page, then serve dist/ on http://127.0.0.1:8080
#        ./build-wasm.sh page     build and assemble the page only (no test suites)
#        --connect-src ORIGIN     (before the mode, repeatable) also allow the page to connect to ORIGIN,
#                                 a CouchDB server of team projects on another origin than the page
#        --out DIR                (before the mode) assemble the page in DIR instead of dist/
#        --profiling-funcs        (before the mode) keep function names in the wasm, for CPU profiles
#                                 (scripts/bench.sh browser --profile ...); AA_PROFILING_FUNCS=1 does the same
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
connect=()
OUT="$ROOT/dist"
PROFILING_FUNCS=OFF
[ "${AA_PROFILING_FUNCS:-0}" = 1 ] && PROFILING_FUNCS=ON
while [ $# -gt 0 ] && { [ "$1" = --connect-src ] || [ "$1" = --out ] || [ "$1" = --profiling-funcs ]; }; do
  if [ "$1" = --profiling-funcs ]; then
    PROFILING_FUNCS=ON
    shift
    continue
  fi
  if [ "$1" = --out ]; then
    [ $# -ge 2 ] && [ -n "$2" ] || { echo "$0: --out needs a directory" >&2; exit 2; }
    OUT="$(mkdir -p "$2" && cd "$2" && pwd)"
    shift 2
    continue
  fi
  [ $# -ge 2 ] || { echo "$0: --connect-src needs an origin (https://couch.example.org)" >&2; exit 2; }
  # An origin only: scheme, host and an optional port (a CSP source that cannot widen the policy).
  if ! [[ "$2" =~ ^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$ ]]; then
    echo "$0: --connect-src $2: expected an origin such as https://couch.example.org or http://127.0.0.1:5984" >&2
    exit 2
  fi
  connect+=("${2%/}")
  shift 2
done
mode="${1:-build}"
case "$mode" in
  build|page|serve) ;;
  *) echo "usage: $0 [--connect-src ORIGIN]... [--out DIR] [--profiling-funcs] [build|page|serve]" >&2; exit 2 ;;
esac

"$ROOT/scripts/deps.sh" wasm

# Emscripten 3.1.6 from Debian: its tools need Debian's node modules (acorn) and Debian's python.
export NODE_PATH=/usr/share/nodejs
export EMSDK_PYTHON=/usr/bin/python3
JOBS="${JOBS:-2}"

# Always given, so that a page built with names once is not left with them by the next build.
cmake --preset wasm-release -DAA_PAGE_PROFILING_FUNCS="$PROFILING_FUNCS" >/dev/null
# The page first, so that dist/ is there even if a test suite does not build.
cmake --build --preset wasm-release --target page -j "$JOBS"

BUILD="$ROOT/build/wasm-release"
FILES=(index.html annotator.js annotator.wasm annotator.deferred.wasm annotator.html team.js)
if [ "$OUT" = "$ROOT/dist" ]; then
  rm -rf "$OUT"
  mkdir -p "$OUT"
else
  # A directory the user named: only the page's own files are replaced, nothing else is touched.
  for f in "${FILES[@]}"; do rm -f "$OUT/$f"; done
fi
cp "$BUILD/dist/index.html" "$BUILD/dist/annotator.js" "$BUILD/dist/annotator.wasm" "$BUILD/dist/annotator.deferred.wasm" \
   "$BUILD/dist/annotator.html" "$OUT/"
# team.js: PouchDB's browser build (npm "pouchdb", pinned by package-lock.json), fflate's (npm
# "fflate", pinned too: the zips of the corpus) and the page's sync and corpus files, one
# same-origin script that pre.js loads only when a team project is opened.
POUCHDB="$ROOT/node_modules/pouchdb/dist/pouchdb.min.js"
FFLATE="$ROOT/node_modules/fflate/umd/index.js"
for f in "$POUCHDB" "$FFLATE"; do
  [ -f "$f" ] || { echo "$f is missing: run scripts/deps.sh wasm" >&2; exit 1; }
done
{ printf '// PouchDB %s (npm, Apache-2.0): https://pouchdb.com\n' "$(node -p "require('$ROOT/node_modules/pouchdb/package.json').version")"
  cat "$POUCHDB"; printf '\n'
  printf '// fflate %s (npm, MIT): https://github.com/101arrowz/fflate\n' "$(node -p "require('$ROOT/node_modules/fflate/package.json').version")"
  cat "$FFLATE"; printf '\n'
  cat "$ROOT/src/platform/web/team.js" "$ROOT/src/platform/web/team_io.js"; } > "$OUT/team.js"
if [ ${#connect[@]} -gt 0 ]; then
  /usr/bin/python3 - "$OUT/index.html" "${connect[@]}" <<'PY'
import sys
path, origins = sys.argv[1], sys.argv[2:]
html = open(path, encoding="utf-8").read()
if "connect-src 'self'" not in html:
    sys.exit("build-wasm.sh: no connect-src 'self' in " + path)
html = html.replace("connect-src 'self'", "connect-src 'self' " + " ".join(origins), 1)
open(path, "w", encoding="utf-8").write(html)
PY
  echo "index.html may also connect to: ${connect[*]}"
fi

echo
echo "$OUT (what a browser downloads):"
printf '  %-23s %10s %12s\n' file bytes "gzip -9"
for f in index.html annotator.js annotator.wasm annotator.deferred.wasm team.js annotator.html; do
  raw=$(stat -c %s "$OUT/$f")
  gz=$(gzip -9c "$OUT/$f" | wc -c)
  printf '  %-23s %10d %12d\n' "$f" "$raw" "$gz"
done
total_raw=$(cat "$OUT/index.html" "$OUT/annotator.js" "$OUT/annotator.wasm" | wc -c)
total_gz=$(( $(gzip -9c "$OUT/index.html" | wc -c) + $(gzip -9c "$OUT/annotator.js" | wc -c) + $(gzip -9c "$OUT/annotator.wasm" | wc -c) ))
printf '  %-23s %10d %12d   (before the first frame: without annotator.deferred.wasm, loaded after it, and\n' "served page" "$total_raw" "$total_gz"
printf '  %-23s %10s %12s    team.js, loaded only by team projects)\n' "" "" ""

if [ "$mode" = page ]; then
  exit 0
elif [ "$mode" = build ]; then
  # Then everything else in this configuration: the core/io test suites that ctest runs under node.
  echo
  cmake --build --preset wasm-release -j "$JOBS"
else
  echo
  # With the headers a static host should send (frame-ancestors 'none', X-Frame-Options: DENY, ...):
  # scripts/serve.py and README "Hosting the page" list them.
  exec /usr/bin/python3 "$ROOT/scripts/serve.py" "$OUT" 8080
fi
