#!/usr/bin/env bash
# Builds the web page with Emscripten (CMake preset wasm-release) and assembles dist/:
#   index.html + annotator.js + annotator.wasm   (serve with any static server)
#   annotator.html                               (one self-contained file: open it from disk)
# Usage: ./build-wasm.sh          build the page and the wasm test suites (installing what is missing
#                                 through scripts/deps.sh wasm)
#        ./build-wasm.sh serve    build the page, then serve dist/ on http://127.0.0.1:8080
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
mode="${1:-build}"
case "$mode" in
  build|serve) ;;
  *) echo "usage: $0 [serve]" >&2; exit 2 ;;
esac

"$ROOT/scripts/deps.sh" wasm

# Emscripten 3.1.6 from Debian: its tools need Debian's node modules (acorn) and Debian's python.
export NODE_PATH=/usr/share/nodejs
export EMSDK_PYTHON=/usr/bin/python3
JOBS="${JOBS:-2}"

cmake --preset wasm-release >/dev/null
# The page first, so that dist/ is there even if a test suite does not build.
cmake --build --preset wasm-release --target page -j "$JOBS"

BUILD="$ROOT/build/wasm-release"
rm -rf "$ROOT/dist"
mkdir -p "$ROOT/dist"
cp "$BUILD/dist/index.html" "$BUILD/dist/annotator.js" "$BUILD/dist/annotator.wasm" "$BUILD/dist/annotator.html" "$ROOT/dist/"

echo
echo "dist/ (what a browser downloads):"
printf '  %-16s %10s %12s\n' file bytes "gzip -9"
for f in index.html annotator.js annotator.wasm annotator.html; do
  raw=$(stat -c %s "dist/$f")
  gz=$(gzip -9c "dist/$f" | wc -c)
  printf '  %-16s %10d %12d\n' "$f" "$raw" "$gz"
done
total_raw=$(cat dist/index.html dist/annotator.js dist/annotator.wasm | wc -c)
total_gz=$(( $(gzip -9c dist/index.html | wc -c) + $(gzip -9c dist/annotator.js | wc -c) + $(gzip -9c dist/annotator.wasm | wc -c) ))
printf '  %-16s %10d %12d\n' "served page" "$total_raw" "$total_gz"

if [ "$mode" = build ]; then
  # Then everything else in this configuration: the core/io test suites that ctest runs under node.
  echo
  cmake --build --preset wasm-release -j "$JOBS"
else
  echo
  # With the headers a static host should send (frame-ancestors 'none', X-Frame-Options: DENY, ...):
  # scripts/serve.py and README "Hosting the page" list them.
  exec /usr/bin/python3 "$ROOT/scripts/serve.py" "$ROOT/dist" 8080
fi
