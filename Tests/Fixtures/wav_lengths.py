#!/usr/bin/env python3
"""Prints each WAV file's length in milliseconds, one a line: NAME MS (Python's wave module reads them)."""
import sys
import wave

for path in sys.argv[1:]:
    with wave.open(path) as w:
        print(path.rsplit('/', 1)[-1], round(w.getnframes() * 1000 / w.getframerate()))
