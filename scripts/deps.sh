#!/usr/bin/env bash
# Installs and fetches everything the build and the tests need, and nothing twice.
#   scripts/deps.sh [native|wasm|browser|fuzz|bench|team|all]...   (default: all)
# On Debian it uses apt-get (as root, or through sudo); elsewhere it says what to install.
# Dear ImGui comes from Debian's source package, pinned to one version and checked by sha256,
# unpacked into third_party/ (ignored by git, rebuilt from the archive at any time).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMGUI_VERSION="1.90.1+ds-1"
IMGUI_TARBALL="imgui_1.90.1+ds.orig.tar.xz"
IMGUI_SHA256="ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c"
IMGUI_DIR="$ROOT/third_party/imgui"

want=("$@")
[ ${#want[@]} -eq 0 ] && want=(all)
has() { for w in "${want[@]}"; do [ "$w" = "$1" ] || [ "$w" = all ] && return 0; done; return 1; }

say() { echo "deps: $*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

pkgs=(cmake g++ xz-utils nlohmann-json3-dev doctest-dev fonts-dejavu-core python3-fonttools python3-brotli)
has wasm && pkgs+=(emscripten)
has browser && pkgs+=(emscripten chromium nodejs)
has fuzz && pkgs+=(clang libclang-rt-14-dev)
has bench && pkgs+=(libbenchmark-dev)
has native && pkgs+=(clang libclang-rt-14-dev)
# Team projects: libcurl for the CLI's publish/push/pull (optional at build time), node for the
# CouchDB-protocol test server.
has team && pkgs+=(libcurl4-openssl-dev nodejs)

if ! command -v apt-get >/dev/null 2>&1; then
  missing=()
  command -v cmake >/dev/null || missing+=(cmake)
  command -v em++ >/dev/null || missing+=("Emscripten (emsdk) 3.1.x")
  [ -d /usr/include/nlohmann ] || missing+=("nlohmann_json 3.11")
  [ -d /usr/include/doctest ] || missing+=("doctest 2.4")
  if [ ${#missing[@]} -gt 0 ]; then
    say "this machine has no apt-get. Install: ${missing[*]}; Dear ImGui v1.90.1 sources in $IMGUI_DIR;"
    say "the DejaVu Sans font, Chromium and Node.js (for browser tests), then run this again."
    exit 1
  fi
else
  need=()
  for p in "${pkgs[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    $SUDO apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}" >&2
  fi
fi

# Dear ImGui: Debian's libimgui-dev has no sources; its source package has. The deb-src entry
# reuses the machine's own mirror and key (read from its apt sources) so that no host is named here.
fetch_imgui() {
  [ -f "$IMGUI_DIR/imgui.cpp" ] && [ -f "$IMGUI_DIR/.version" ] && [ "$(cat "$IMGUI_DIR/.version")" = "$IMGUI_VERSION" ] && return 0
  local work="$ROOT/third_party/.download"
  mkdir -p "$work"
  if [ ! -f "$work/$IMGUI_TARBALL" ] || ! echo "$IMGUI_SHA256  $work/$IMGUI_TARBALL" | sha256sum -c --status; then
    command -v apt-get >/dev/null || { say "place $IMGUI_TARBALL (sha256 $IMGUI_SHA256) in $work"; exit 1; }
    local list=/etc/apt/sources.list.d/article-annotator-src.sources
    if [ ! -f "$list" ]; then
      local uri signed
      uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1 | awk '{print $2}')
      signed=$(grep -hE '^Signed-By:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1 | awk '{print $2}')
      if [ -z "$uri" ]; then
        uri=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | head -n1 | awk '{print $2}')
      fi
      [ -n "$uri" ] || { say "cannot find the Debian mirror in the apt sources"; exit 1; }
      [ -n "$signed" ] || signed=/usr/share/keyrings/debian-archive-keyring.gpg
      printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: %s\n' "$uri" "$signed" | $SUDO tee "$list" >/dev/null
      $SUDO apt-get update -q >&2
    fi
    (cd "$work" && apt-get source --download-only "imgui=$IMGUI_VERSION" >&2) || {
      $SUDO apt-get update -q >&2
      (cd "$work" && apt-get source --download-only "imgui=$IMGUI_VERSION" >&2)
    }
    echo "$IMGUI_SHA256  $work/$IMGUI_TARBALL" | sha256sum -c --status || { say "checksum mismatch for $IMGUI_TARBALL"; exit 1; }
  fi
  rm -rf "$IMGUI_DIR" "$work/unpack"
  mkdir -p "$work/unpack"
  tar xJf "$work/$IMGUI_TARBALL" -C "$work/unpack"
  mv "$work/unpack"/* "$IMGUI_DIR"
  echo "$IMGUI_VERSION" > "$IMGUI_DIR/.version"
  say "Dear ImGui $IMGUI_VERSION in $IMGUI_DIR"
}
fetch_imgui

# Playwright drives Debian's Chromium; it never downloads a browser of its own.
if has browser; then
  if [ ! -d "$ROOT/node_modules/playwright-core" ]; then
    say "npm ci (playwright-core)"
    (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund >&2)
  fi
fi

# The team-project tests' server: pouchdb-server 4.2.0 pinned by tests/team/package-lock.json
# (npm's integrity hashes), installed without scripts: leveldown's native download is never used
# by the in-memory server.
if has team; then
  if [ ! -d "$ROOT/tests/team/node_modules/express-pouchdb" ]; then
    say "npm ci --ignore-scripts (tests/team: pouchdb-server)"
    (cd "$ROOT/tests/team" && npm ci --ignore-scripts --no-audit --no-fund >&2)
  fi
fi
