#!/usr/bin/env bash
# Installs and fetches everything the build and the tests need, and nothing twice.
#   scripts/deps.sh [native|wasm|browser|fuzz|bench|team|peers|all]...   (default: all)
# On Debian it uses apt-get (as root, or through sudo); elsewhere it says what to install.
# Dear ImGui, GNU FriBidi (UAX #9) and libunibreak (UAX #14, #29) come from Debian's source
# packages, each pinned to one version and checked by sha256, unpacked into third_party/
# (ignored by git, rebuilt from the archive at any time).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMGUI_VERSION="1.90.1+ds-1"
IMGUI_TARBALL="imgui_1.90.1+ds.orig.tar.xz"
IMGUI_SHA256="ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c"
IMGUI_DIR="$ROOT/third_party/imgui"
FRIBIDI_VERSION="1.0.16-1"
FRIBIDI_TARBALL="fribidi_1.0.16.orig.tar.xz"
FRIBIDI_SHA256="1b1cde5b235d40479e91be2f0e88a309e3214c8ab470ec8a2744d82a5a9ea05c"
UNIBREAK_VERSION="6.1-3"
UNIBREAK_TARBALL="libunibreak_6.1.orig.tar.gz"
UNIBREAK_SHA256="890674996168ef5ba143d80d49ab8b61594a4eb70198dcac76caf6e1bd264a41"
# Expat (the inline-XML reader's parser): bookworm's source package with Debian's security patches
# applied by dpkg-source. The .dsc pins the tarballs by their own sha256; the three are checked here.
EXPAT_VERSION="2.5.0-1+deb12u2"
EXPAT_DSC="expat_2.5.0-1+deb12u2.dsc"
EXPAT_FILES=(
  "expat_2.5.0-1+deb12u2.dsc 6fc87dbd01f49999ed368cfb37c08d35e41348dda2281d60642f3aa14cb77e32"
  "expat_2.5.0.orig.tar.gz ab00ee05c7067fd10a35c5d2a4922ebba746ddd50ff83b79c828da17bbdf1757"
  "expat_2.5.0-1+deb12u2.debian.tar.xz 7e29f5db5067e55193540089ed0f3ec9676704cf79dcea81a9bfb9f49435ae53"
)
EXPAT_DIR="$ROOT/third_party/expat"

want=("$@")
[ ${#want[@]} -eq 0 ] && want=(all)
has() { for w in "${want[@]}"; do [ "$w" = "$1" ] || [ "$w" = all ] && return 0; done; return 1; }
# Only when named: the benchmark's peers (scripts/bench.sh browser --peers), not part of "all".
named() { for w in "${want[@]}"; do [ "$w" = "$1" ] && return 0; done; return 1; }

say() { echo "deps: $*" >&2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# unicode-data: the Unicode conformance suites (BidiTest.txt, LineBreakTest.txt, ...) run by test_core.
pkgs=(cmake g++ xz-utils dpkg-dev nlohmann-json3-dev doctest-dev fonts-dejavu-core python3-fonttools python3-brotli unicode-data)
# chromium: the page's build runs it headless to record what start-up runs (the wasm's split, issue 11).
has wasm && pkgs+=(emscripten nodejs chromium)
# The Noto fonts: the system fonts the browser draws Arabic, Hebrew, Devanagari, Thai, CJK and
# colour emoji with (the page bundles no script font).
has browser && pkgs+=(emscripten chromium nodejs fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji)
has fuzz && pkgs+=(clang libclang-rt-14-dev)
has bench && pkgs+=(libbenchmark-dev)
has native && pkgs+=(clang clang-format libclang-rt-14-dev)
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
    say "this machine has no apt-get. Install: ${missing[*]}; Dear ImGui v1.90.1 sources in $IMGUI_DIR,"
    say "GNU FriBidi 1.0.16 in $ROOT/third_party/fribidi, libunibreak 6.1 in $ROOT/third_party/libunibreak;"
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

# A Debian source package's upstream tarball, pinned by version and sha256, unpacked into DIR:
#   fetch_source PACKAGE VERSION TARBALL SHA256 DIR FILE-THAT-MUST-EXIST
# The deb-src entry reuses the machine's own mirror and key (read from its apt sources) so that
# no host is named here. Only the .orig tarball is used: `apt-get source --download-only` may
# report a missing .dsc or .debian.tar on some mirrors, so success is judged by the checksum.
add_deb_src() {
  local list=/etc/apt/sources.list.d/article-annotator-src.sources
  [ -f "$list" ] && return 0
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
}

fetch_source() {
  local pkg="$1" version="$2" tarball="$3" sha="$4" dir="$5" probe="$6"
  [ -f "$dir/$probe" ] && [ -f "$dir/.version" ] && [ "$(cat "$dir/.version")" = "$version" ] && return 0
  local work="$ROOT/third_party/.download"
  mkdir -p "$work"
  if [ ! -f "$work/$tarball" ] || ! echo "$sha  $work/$tarball" | sha256sum -c --status; then
    command -v apt-get >/dev/null || { say "place $tarball (sha256 $sha) in $work"; exit 1; }
    add_deb_src
    (cd "$work" && apt-get source --download-only "$pkg=$version" >&2) || true
    if [ ! -f "$work/$tarball" ]; then
      $SUDO apt-get update -q >&2
      (cd "$work" && apt-get source --download-only "$pkg=$version" >&2) || true
    fi
    [ -f "$work/$tarball" ] || { say "could not download $tarball (source package $pkg=$version)"; exit 1; }
    echo "$sha  $work/$tarball" | sha256sum -c --status || { say "checksum mismatch for $tarball"; exit 1; }
  fi
  rm -rf "$dir" "$work/unpack"
  mkdir -p "$work/unpack"
  tar xf "$work/$tarball" -C "$work/unpack"
  mv "$work/unpack"/* "$dir"
  echo "$version" > "$dir/.version"
  say "$pkg $version in $dir"
}
fetch_source imgui "$IMGUI_VERSION" "$IMGUI_TARBALL" "$IMGUI_SHA256" "$IMGUI_DIR" imgui.cpp
fetch_source fribidi "$FRIBIDI_VERSION" "$FRIBIDI_TARBALL" "$FRIBIDI_SHA256" "$ROOT/third_party/fribidi" lib/fribidi-bidi.c
fetch_source libunibreak "$UNIBREAK_VERSION" "$UNIBREAK_TARBALL" "$UNIBREAK_SHA256" "$ROOT/third_party/libunibreak" src/linebreak.c

# Debian's source packages through a private apt state under third_party/.download/apt: the
# machine's own mirror and key (as for Dear ImGui), bookworm's deb-src, and nothing written to
# the system's apt sources or lists.
apt_source() {
  local work="$1" pkg="$2" dir="$ROOT/third_party/.download/apt" uri signed
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/parts"
  if [ ! -f "$dir/parts/src.sources" ]; then
    uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1 | awk '{print $2}')
    signed=$(grep -hE '^Signed-By:' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n1 | awk '{print $2}')
    [ -n "$uri" ] || uri=$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | head -n1 | awk '{print $2}')
    [ -n "$uri" ] || { say "cannot find the Debian mirror in the apt sources"; exit 1; }
    [ -n "$signed" ] || signed=/usr/share/keyrings/debian-archive-keyring.gpg
    printf 'Types: deb-src\nURIs: %s\nSuites: bookworm\nComponents: main\nSigned-By: %s\n' "$uri" "$signed" > "$dir/parts/src.sources"
  fi
  local opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$dir/parts"
              -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache")
  (cd "$work" && apt-get "${opts[@]}" source --download-only "$pkg" >&2) || {
    apt-get "${opts[@]}" update -q >&2
    (cd "$work" && apt-get "${opts[@]}" source --download-only "$pkg" >&2)
  }
}

fetch_expat() {
  [ -f "$EXPAT_DIR/expat/lib/xmlparse.c" ] && [ -f "$EXPAT_DIR/.version" ] && [ "$(cat "$EXPAT_DIR/.version")" = "$EXPAT_VERSION" ] && return 0
  local work="$ROOT/third_party/.download" entry name sum ok=1
  mkdir -p "$work"
  for entry in "${EXPAT_FILES[@]}"; do
    read -r name sum <<< "$entry"
    { [ -f "$work/$name" ] && echo "$sum  $work/$name" | sha256sum -c --status; } || ok=0
  done
  if [ $ok = 0 ]; then
    command -v apt-get >/dev/null || { say "place ${EXPAT_FILES[*]} (name, sha256) in $work"; exit 1; }
    apt_source "$work" "expat=$EXPAT_VERSION"
    for entry in "${EXPAT_FILES[@]}"; do
      read -r name sum <<< "$entry"
      echo "$sum  $work/$name" | sha256sum -c --status || { say "checksum mismatch for $name"; exit 1; }
    done
  fi
  rm -rf "$EXPAT_DIR" "$work/expat-unpack"
  mkdir -p "$work/expat-unpack"
  (cd "$work/expat-unpack" && dpkg-source --no-check -x "$work/$EXPAT_DSC" expat >&2)
  mv "$work/expat-unpack/expat" "$EXPAT_DIR"
  rm -rf "$work/expat-unpack"
  echo "$EXPAT_VERSION" > "$EXPAT_DIR/.version"
  say "Expat $EXPAT_VERSION (Debian's patches applied) in $EXPAT_DIR"
}
fetch_expat

# Playwright drives Debian's Chromium; it never downloads a browser of its own. PouchDB's browser
# build and fflate's (the zips of a team project's corpus) go into dist/team.js (build-wasm.sh). Without scripts: leveldown (a dependency of the
# "pouchdb" package for node) is never built or downloaded; the page uses dist/pouchdb.min.js only.
if has browser || has wasm; then
  if [ ! -d "$ROOT/node_modules/playwright-core" ] || [ ! -f "$ROOT/node_modules/pouchdb/dist/pouchdb.min.js" ] ||
     [ ! -f "$ROOT/node_modules/fflate/umd/index.js" ]; then
    say "npm ci --ignore-scripts (playwright-core, pouchdb, fflate, terser)"
    (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund >&2)
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

# The peers of the browser benchmark (scripts/bench.sh browser --peers, issue 11 item 6):
# @recogito/text-annotator, react-text-annotate with React 16 and esbuild, pinned by
# bench/peers/package-lock.json. Installed only when asked for ("peers"), never by "all": the tests
# and CI's smoke benchmark do not need them.
if named peers; then
  if [ ! -x "$ROOT/bench/peers/node_modules/.bin/esbuild" ] || [ ! -d "$ROOT/bench/peers/node_modules/react-text-annotate" ]; then
    say "npm ci --ignore-scripts (bench/peers: the benchmark's peers)"
    (cd "$ROOT/bench/peers" && npm ci --ignore-scripts --no-audit --no-fund >&2)
  fi
fi
