#!/usr/bin/env bash
# make screenshots: the key screens in a real xterm under Xvfb, on a dark and a light background, as PNGs in
# doc/screens/, with the contrast of each phase colour read from the pixels (doc/screens/contrast.md).
# runcore finds the background itself (it asks the terminal, OSC 11): nothing here tells it the theme.
#
#   bash scripts/screenshots.sh [SCENE...]    scenes: session hold menu (default: all three)
#
# One scene renews only its own pictures: after a change to the menu, `bash scripts/screenshots.sh menu`.
# When Xvfb or an xterm cannot start, or a window closes early, it stops within seconds with one line.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "make screenshots: $*" >&2
  exit 1
}
# The last line a program wrote to its log, to say why it failed.
said() { local line; line=$(grep -v '^\s*$' "$1" 2>/dev/null | tail -1 || true); echo "${line:-no message}"; }

scenes=("$@")
[ ${#scenes[@]} -gt 0 ] || scenes=(session hold menu)
for scene in "${scenes[@]}"; do
  case "$scene" in session | hold | menu) ;; *) fail "unknown scene '$scene' (session, hold or menu)" ;; esac
done

need=()
for tool in xterm:xterm Xvfb:xvfb xdotool:xdotool import:imagemagick timeout:coreutils; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    fail "needs: sudo apt-get install ${need[*]}"
  fi
fi

BIN="$PWD/.build/release/runcore"
[ -x "$BIN" ] || fail "no $BIN (make build first)"
OUT="$PWD/doc/screens"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
XVFB="" XTERM="" WIN="" RUNS=0
# Ends the xterm and Xvfb and waits for them, so none is left behind (not even as a zombie).
cleanup() {
  for pid in $XTERM $XVFB; do kill "$pid" 2>/dev/null || true; done
  for pid in $XTERM $XVFB; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# Xvfb picks a free display itself and writes its number once it accepts connections (-displayfd).
Xvfb -displayfd 3 -nolisten tcp -screen 0 1000x700x24 3>"$WORK/display" 2>"$WORK/xvfb.log" &
XVFB=$!
for _ in $(seq 50); do
  grep -q '^[0-9]' "$WORK/display" && break
  kill -0 "$XVFB" 2>/dev/null || fail "Xvfb could not start: $(said "$WORK/xvfb.log")"
  sleep 0.1
done
grep -q '^[0-9]' "$WORK/display" || fail "Xvfb did not start within 5 s: $(said "$WORK/xvfb.log")"
export DISPLAY=":$(head -1 "$WORK/display")"

# Starts runcore in an 80×24 xterm on the given background, with a history of its own (each picture is the
# same whichever scenes run before it); sets WIN to its window.
start() {
  local bg=$1 fg=$2
  shift 2
  RUNS=$((RUNS + 1))
  : >"$WORK/xterm.log"
  xterm -geometry 80x24+0+0 -fa "DejaVu Sans Mono" -fs 12 -bg "$bg" -fg "$fg" -tn xterm-256color \
    -e "$BIN" "$@" --data-dir "$WORK/data-$RUNS" --no-sound 2>"$WORK/xterm.log" &
  XTERM=$!
  WIN=""
  for _ in $(seq 50); do
    WIN=$(xdotool search --pid "$XTERM" 2>/dev/null | head -1 || true)
    [ -n "$WIN" ] && break
    kill -0 "$XTERM" 2>/dev/null || fail "xterm could not start: $(said "$WORK/xterm.log")"
    sleep 0.1
  done
  [ -n "$WIN" ] || fail "xterm opened no window within 5 s: $(said "$WORK/xterm.log")"
  xdotool mousemove 200 200
}
# A picture of the window as it is 0.4 s from now. The window is named, so import never waits for a click.
shot() {
  sleep 0.4
  kill -0 "$XTERM" 2>/dev/null || fail "the window closed before $1 (runcore ended early?)"
  timeout 10 import -window "$WIN" "$OUT/$1.png" 2>"$WORK/import.log" || fail "import could not take $1: $(said "$WORK/import.log")"
}
key() { xdotool key "$@"; }
stop() {
  kill "$XTERM" 2>/dev/null || true
  wait "$XTERM" 2>/dev/null || true
  XTERM=""
}

# A core session at 15 s a side: getting ready, a side plank (with its figure), paused, the last three
# seconds, the switch between sides.
session() {
  start "$@" core --plank 15s
  sleep 1.2; shot "$theme-getready"
  key n; shot "$theme-work"
  key space; shot "$theme-paused"
  key space; sleep 11.4; shot "$theme-last3"
  sleep 3; shot "$theme-rest"
  stop
}
# A plank hold, two seconds after Enter started the clock.
hold() {
  start "$@" hold
  sleep 0.8; key Return; sleep 2.2; shot "$theme-hold"
  stop
}
# The menu on first use, once its one question (low-back pain already?) is answered.
menu() {
  start "$@"
  sleep 1.2; key Return; shot "$theme-menu"
  stop
}

for theme in dark light; do
  if [ "$theme" = dark ]; then colours=(black white); else colours=(white black); fi
  for scene in "${scenes[@]}"; do "$scene" "${colours[@]}"; done
done
echo "screenshots of ${scenes[*]} in $OUT"

# The contrast of each phase colour against the background, from the pixels: the most common colour
# that is not the background in the big digits' rows.
[[ " ${scenes[*]} " == *" session "* && " ${scenes[*]} " == *" hold "* ]] || exit 0
python3 - "$OUT" <<'EOF'
import subprocess, sys, os
out = sys.argv[1]
def lum(c):
    def lin(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = c
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
def contrast(a, b):
    la, lb = sorted([lum(a), lum(b)], reverse=True)
    return (la + 0.05) / (lb + 0.05)
rows = ["| screen | theme | digits colour | background | contrast |", "|---|---|---|---|---|"]
for theme in ("dark", "light"):
    for screen in ("getready", "work", "paused", "last3", "rest", "hold"):
        png = os.path.join(out, f"{theme}-{screen}.png")
        # The digits' band: rows 120–260 of an 80×24 xterm at 12 pt.
        hist = subprocess.run(["convert", png, "-crop", "800x160+0+120", "+repage", "-format", "%c", "histogram:info:-"],
                              capture_output=True, text=True).stdout
        colours = []
        for line in hist.splitlines():
            count, rest = line.strip().split(":", 1)
            rgb = rest.split("(")[1].split(")")[0].split(",")[:3]
            colours.append((int(count), tuple(int(float(v)) for v in rgb)))
        colours.sort(reverse=True)
        background = colours[0][1]
        digits = next(c for _, c in colours[1:] if contrast(c, background) > 1.2)
        rows.append(f"| {screen} | {theme} | #{digits[0]:02x}{digits[1]:02x}{digits[2]:02x} | "
                    f"#{background[0]:02x}{background[1]:02x}{background[2]:02x} | {contrast(digits, background):.1f}:1 |")
open(os.path.join(out, "contrast.md"), "w").write("\n".join(rows) + "\n")
print("\n".join(rows))
EOF
