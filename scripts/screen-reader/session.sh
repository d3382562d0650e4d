#!/usr/bin/env bash
# Inside a private dbus session on an Xvfb display: the AT-SPI bus, Chromium with accessibility forced on,
# then the driver ($@) runs. Everything started here is killed by pid at the end.
set -u
export DISPLAY=:$AA_DISPLAY
export NO_AT_BRIDGE=0 GTK_A11Y=atspi ACCESSIBILITY_ENABLED=1
/usr/libexec/at-spi-bus-launcher --launch-immediately & BUS=$!
sleep 1
gsettings set org.gnome.desktop.interface toolkit-accessibility true 2>/dev/null || true
PROFILE=$(mktemp -d)
/usr/bin/chromium --no-sandbox --use-gl=angle --use-angle=swiftshader --enable-unsafe-swiftshader --no-first-run --disable-background-networking --disable-component-update \
  --disable-sync --force-renderer-accessibility --remote-debugging-port=$AA_CDP --user-data-dir=$PROFILE \
  --window-size=1280,800 "$AA_URL" > "$OUT/chromium.log" 2>&1 & CHR=$!
for i in $(seq 1 100); do curl -s 127.0.0.1:$AA_CDP/json/version >/dev/null && break; sleep 0.2; done
"$@"; rc=$?
kill $CHR $BUS 2>/dev/null; sleep 1; kill -9 $CHR 2>/dev/null; rm -rf $PROFILE
exit $rc
