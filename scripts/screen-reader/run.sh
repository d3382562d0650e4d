#!/usr/bin/env bash
# A manual check with a real screen reader (not part of CI): Xvfb, a private D-Bus session with the
# AT-SPI bus, Debian's Chromium (headed, SwiftShader WebGL, --force-renderer-accessibility) on dist/,
# and Orca writing what it says to a debug log. driver.mjs pastes the sample article, labels "Moscow"
# by a drag and 3, moves to the entity with Tab, opens the File menu with Shift+F6 and Enter and walks
# it with Down; then it prints Chromium's AT-SPI tree of the page (atspi_dump.py) and Orca's speech.
# Needs: apt-get install xvfb dbus-x11 at-spi2-core python3-pyatspi orca speech-dispatcher; ./build-wasm.sh.
# Usage: scripts/screen-reader/run.sh [--no-orca]     (about 2 minutes; the output is in $OUT)
set -u
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export OUT="${OUT:-$(mktemp -d /tmp/aa-screen-reader.XXXXXX)}"
export AA_ORCA=1
[ "${1:-}" = --no-orca ] && AA_ORCA=
for c in Xvfb dbus-run-session /usr/libexec/at-spi-bus-launcher; do
  command -v "$c" >/dev/null || { echo "$c is missing (see the Needs line in $0)" >&2; exit 2; }
done
[ -f "$ROOT/dist/index.html" ] || { echo "dist/ is missing: run ./build-wasm.sh" >&2; exit 2; }
export AA_DISPLAY=$(( 90 + RANDOM % 400 ))
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
HTTP=$(free_port); export AA_CDP=$(free_port)
Xvfb ":$AA_DISPLAY" -screen 0 1280x800x24 -nolisten tcp > "$OUT/xvfb.log" 2>&1 & XV=$!
/usr/bin/python3 -m http.server "$HTTP" --bind 127.0.0.1 --directory "$ROOT/dist" > "$OUT/http.log" 2>&1 & HS=$!
sleep 1
export AA_URL="http://127.0.0.1:$HTTP/index.html" AA_HERE="$HERE"
dbus-run-session -- "$HERE/session.sh" node "$HERE/driver.mjs" 2> "$OUT/stderr.log"; rc=$?
kill "$HS" "$XV" 2>/dev/null
echo "output in $OUT (driver.txt: the AT-SPI tree; speech.txt: what Orca said)"
exit $rc
