#!/usr/bin/env bash
# The include-layer rules, checked on the sources (a second check: the build gives each layer its
# own include root, so that the compiler refuses most of these first; see cmake/Layers.cmake).
#   core (src/core)        includes no io, ui or platform header
#   io   (src/io)          includes no ui or platform header
#   nlohmann/json          only in src/io (the persisted schemas live there) and its tests
#   Emscripten, GLFW, GL   only in src/platform/web
# Usage: scripts/check_layers.sh [ROOT]   Exit 1 and one line per violation (FILE:LINE: ...).
set -euo pipefail
ROOT="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
cd "$ROOT"

status=0
# check PATTERN MESSAGE EXCLUDE DIR...: every #include in DIR... whose target matches PATTERN
# (an extended regex, after any "../") is a violation, except in files whose path matches EXCLUDE.
check() {
  local pattern="$1" message="$2" exclude="$3"; shift 3
  local hits
  hits=$(grep -rnE --include='*.cpp' --include='*.hpp' --include='*.h' --include='*.inc' --include='*.c' \
           "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"](\.\./)*($pattern)" "$@" 2>/dev/null |
         grep -vE "^(${exclude:-\$^})" || true)
  [ -z "$hits" ] && return 0
  cut -d: -f1,2 <<< "$hits" | sed "s|\$|: $message|"
  status=1
}

check 'io/|ui/|platform/' "core includes io, ui or platform (core is the standard library only)" "" src/core
check 'nlohmann/|imgui|emscripten|GLFW/|GL/|GLES' "core includes a third-party header" "" src/core
check 'ui/|platform/|imgui' "io includes ui, platform or Dear ImGui" "" src/io
check 'nlohmann/' "nlohmann/json outside src/io and its tests (JSON schemas are read and written in io)" "src/io/|tests/io/" \
  src tests bench fuzz
check 'emscripten|GLFW/|GL/|GLES[0-9]*/' "Emscripten, GLFW or GL outside src/platform/web" "src/platform/web/" \
  src tests bench fuzz
check 'imgui' "Dear ImGui in core, io or the CLI (the CLI and core/io tests link no ImGui)" "" src/cli tests/core tests/io

exit $status
