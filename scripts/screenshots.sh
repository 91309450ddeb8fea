#!/usr/bin/env bash
# make screenshots: the key screens of a session in a real xterm under Xvfb, on a dark and a light
# background, as PNGs in doc/screens/, with the contrast of each phase colour read from the pixels.
# runcore finds the background itself (it asks the terminal, OSC 11): nothing here tells it the theme.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for tool in xterm:xterm Xvfb:xvfb xdotool:xdotool import:imagemagick; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool#*:}")
done
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "make screenshots needs: sudo apt-get install ${need[*]}" >&2
    exit 1
  fi
fi

BIN="$PWD/.build/release/runcore"
OUT="$PWD/doc/screens"
mkdir -p "$OUT"
WORK="$(mktemp -d)"
DISPLAY_NUM=:97
Xvfb "$DISPLAY_NUM" -screen 0 1000x700x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
export DISPLAY="$DISPLAY_NUM"
sleep 1

# Starts runcore in an 80×24 xterm on the given background; sets WIN to its window.
start() {
  local bg=$1 fg=$2; shift 2
  xterm -geometry 80x24+0+0 -fa "DejaVu Sans Mono" -fs 12 -bg "$bg" -fg "$fg" -tn xterm-256color \
    -e "$BIN" "$@" --data-dir "$WORK/data" --no-sound &
  XTERM=$!
  WIN=""
  for _ in $(seq 50); do
    WIN=$(xdotool search --pid "$XTERM" 2>/dev/null | head -1 || true)
    [ -n "$WIN" ] && break
    sleep 0.1
  done
  xdotool mousemove 200 200
}
shot() { sleep 0.4; import -window "$WIN" "$OUT/$1.png"; }
key() { xdotool key "$@"; }
stop() { kill "$XTERM" 2>/dev/null || true; wait "$XTERM" 2>/dev/null || true; }

for theme in dark light; do
  if [ "$theme" = dark ]; then bg=black; fg=white; else bg=white; fg=black; fi
  start "$bg" "$fg" core --plank 15s
  sleep 1.2; shot "$theme-getready"
  key n; shot "$theme-work"
  key space; shot "$theme-paused"
  key space; sleep 11.4; shot "$theme-last3"
  sleep 3; shot "$theme-rest"
  stop
  start "$bg" "$fg" hold
  sleep 0.8; key Return; sleep 2.2; shot "$theme-hold"
  stop
  start "$bg" "$fg"
  sleep 1.2; shot "$theme-menu"
  stop
done

# The contrast of each phase colour against the background, from the pixels: the most common colour
# that is not the background in the big digits' rows.
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
echo "screenshots in $OUT"
