#!/usr/bin/env bash
# `make run`: start the kiosk. With no display (a headless box) it runs on a virtual screen
# (Xvfb) and says so; with no configured data dir it uses demo data and simulated devices.
set -u
BIN=${BIN:-.venv/bin}
args=(run)
[ -z "${LINLI_DATA_DIR:-}" ] && args+=(--demo)
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  if command -v Xvfb >/dev/null 2>&1; then
    n=99; while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    trap 'kill $xvfb 2>/dev/null' EXIT
    sleep 1
    export DISPLAY=":$n"
    echo "note: no display found; the kiosk runs on virtual screen $DISPLAY."
    echo "      Look at it with: DISPLAY=$DISPLAY import -window root shot.png"
    "$BIN/kiosk" "${args[@]}" "$@"
    exit $?
  fi
  echo "note: no display found and no xvfb-run; running offscreen (nothing will be visible)."
  export QT_QPA_PLATFORM=offscreen
fi
exec "$BIN/kiosk" "${args[@]}" "$@"
