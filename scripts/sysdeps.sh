#!/usr/bin/env bash
# Debian packages the kiosk and its tests need. Installs them when run as root; otherwise
# says what to install. Never fails the build: every feature degrades with a clear message.
set -u
PKGS="libzbar0 fonts-noto-cjk libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-randr0 xvfb xauth postgresql socat"
PKGS="$PKGS xdotool libpulse0"  # real-window tests (xdotool); Qt Multimedia and text-to-speech need libpulse
PKGS="$PKGS chromium"  # the OBS overlay page in a real browser (tests/drivers/overlay)
PKGS="$PKGS poppler-utils poppler-data"  # inspection PDF checks (pdftotext, pdftoppm) and its Chinese CID font
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "note: not a Debian system; please install the equivalents of:$missing"; exit 0
fi
if [ "$(id -u)" = "0" ]; then
  echo "installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing) >/tmp/linli-apt.log 2>&1 \
    || echo "warning: apt-get could not install:$missing (see /tmp/linli-apt.log); features that need them will say so"
else
  echo "note: run as root, or install by hand: sudo apt-get install$missing"
fi
exit 0
