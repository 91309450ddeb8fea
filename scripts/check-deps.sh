#!/usr/bin/env bash
# One check for everything `make run` and `make test` need on a fresh machine (tmux, sqlite3 and python3
# are for the tests and the benchmark).
# As root: installs what is missing with apt-get. Otherwise: says exactly what to install, and fails.
set -euo pipefail

missing=()
have_header() { [ -e "/usr/include/$1" ] || [ -e "/usr/include/x86_64-linux-gnu/$1" ] || [ -e "/usr/include/aarch64-linux-gnu/$1" ]; }
have_header ncursesw/curses.h || have_header curses.h || missing+=(libncurses-dev)
# libncursesw.so (the linker name) comes with libncurses-dev.
compgen -G '/usr/lib/*/libncursesw.so' >/dev/null || compgen -G '/usr/lib/libncursesw.so' >/dev/null \
  || missing+=(libncurses-dev)
have_header sqlite3.h || missing+=(libsqlite3-dev)
have_header zlib.h || missing+=(zlib1g-dev)   # .fit.gz and .gpx.gz (Strava's export)
command -v tmux >/dev/null || missing+=(tmux)
command -v sqlite3 >/dev/null || missing+=(sqlite3)  # the tests read history files with it
command -v python3 >/dev/null || missing+=(python3)
python3 -m pip --version >/dev/null 2>&1 || missing+=(python3-pip)
# The voice tests use espeak-ng (it writes WAV files there); runcore itself runs without it (--voice says so).
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
# A UTF-8 locale is not needed (runcore falls back to C.UTF-8).

if ! command -v swift >/dev/null; then
  echo "runcore needs Swift 6 (swift on PATH): see https://www.swift.org/install/linux/" >&2
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
# De-duplicate.
read -r -a missing <<<"$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "runcore needs these packages; install them with:" >&2
  echo "  sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
