#!/usr/bin/env python3
"""runcore's import benchmark (not a test): what reading files that are too big, or very big, costs.

make bench          runs it after bench.py
make bench-import   runs it alone

Cases, each `runcore import FILE` into a new history, under GNU time (wall time and peak RSS), medians of 3:
  - a gzip bomb: a 4 MB .gpx.gz that expands to 4 GiB of zeros (one gzip member);
  - a bigger one: 32 GiB of zeros in 32 MB (eight such members one after the other);
  - a GPX of 1,000,000 timed points (one every half second, 0.9 m apart: 900 km in 5.8 days, within
    runcore's limits), with elevation and Garmin's cadence extension, about 200 MB.
The generated files are kept in bench/tmp/ between runs. Prints one table and writes bench/import-results.md.
"""
import argparse
import datetime
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "runcore")
TMP = os.path.join(ROOT, "bench", "tmp")


def bomb(path, gib):
    """A gzip member of `gib` GiB of zeros, written as it is compressed."""
    if os.path.exists(path):
        return
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(16 << 20)
    with open(path + ".part", "wb") as f:
        for _ in range(gib * 64):
            f.write(c.compress(zeros))
        f.write(c.flush())
    os.rename(path + ".part", path)


def chain(path, member, times):
    """`times` copies of a gzip file one after another: one gzip stream of that many members."""
    if os.path.exists(path):
        return
    with open(member, "rb") as f:
        data = f.read()
    with open(path + ".part", "wb") as f:
        for _ in range(times):
            f.write(data)
    os.rename(path + ".part", path)


def big_gpx(path, points):
    """A track of `points` points, half a second and 0.9 m apart, with elevation and cadence."""
    if os.path.exists(path):
        return
    t0 = datetime.datetime(2026, 10, 3, 6, 0, tzinfo=datetime.timezone.utc)
    lat, lon = 46.05, 14.5
    with open(path + ".part", "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="runcore bench" '
                'xmlns="http://www.topografix.com/GPX/1/1" '
                'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">\n'
                '<trk><name>Long</name><type>running</type><trkseg>\n')
        second = None
        stamp = ""
        for i in range(points):
            h = 0.7 + 0.0005 * (i % 5000)
            lat += 0.9 * math.cos(h) / 111195.0
            lon += 0.9 * math.sin(h) / (111195.0 * math.cos(math.radians(lat)))
            s = i // 2
            if s != second:
                second = s
                stamp = (t0 + datetime.timedelta(seconds=s)).strftime("%Y-%m-%dT%H:%M:%S")
            f.write(f'<trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>{300 + (i % 50) * 0.2:.1f}</ele>'
                    f'<time>{stamp}.{5 * (i % 2)}Z</time><extensions><gpxtpx:TrackPointExtension>'
                    f'<gpxtpx:cad>{86 + i % 3}</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>\n')
        f.write("</trkseg></trk>\n</gpx>\n")
    os.rename(path + ".part", path)


def measure(path, runs):
    """Wall seconds, peak RSS (MB) and the last line runcore printed, for `runs` imports of `path`."""
    out = []
    for _ in range(runs):
        data = tempfile.mkdtemp(prefix="rc-import-bench-")
        try:
            r = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M", BIN, "import", path, "--data-dir", data],
                               capture_output=True, text=True, env=dict(os.environ, TZ="UTC"))
            times = [line for line in r.stderr.splitlines() if line.startswith("TIME ")]
            wall, kb = times[-1].split()[1:]
            said = [line for line in (r.stderr + r.stdout).splitlines()
                    if line and not line.startswith(("TIME ", "Command exited with non-zero status"))]
            out.append((float(wall), int(kb) / 1024, r.returncode, said))
        finally:
            shutil.rmtree(data, ignore_errors=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if not os.access(BIN, os.X_OK):
        sys.exit(f"{BIN} is missing: make build first")
    os.makedirs(TMP, exist_ok=True)
    four = os.path.join(TMP, "bomb-4g.gpx.gz")
    thirty_two = os.path.join(TMP, "bomb-32g.gpx.gz")
    gpx = os.path.join(TMP, "million.gpx")
    print("making the files (kept in bench/tmp)...", flush=True)
    bomb(four, 4)
    chain(thirty_two, four, 8)
    big_gpx(gpx, 1_000_000)
    cases = [
        (f"gzip bomb: {os.path.getsize(four) / 1e6:.1f} MB .gpx.gz expanding to 4 GiB of zeros", four, 5, 64),
        (f"gzip bomb: {os.path.getsize(thirty_two) / 1e6:.1f} MB .gpx.gz expanding to 32 GiB (8 members)", thirty_two, 5, 96),
        (f"GPX of 1,000,000 timed points ({os.path.getsize(gpx) / 1e6:.0f} MB, cadence on each)", gpx, 15, None),
    ]
    rows = []
    for title, path, goal_s, goal_mb in cases:
        results = measure(path, args.runs)
        walls = [r[0] for r in results]
        peaks = [r[1] for r in results]
        said = results[-1][3]
        wall, peak = statistics.median(walls), statistics.median(peaks)
        met = wall <= goal_s and (goal_mb is None or peak <= goal_mb)
        goal = f"≤ {goal_s} s" + (f", ≤ {goal_mb} MB" if goal_mb else "")
        rows.append((title, f"{wall:.2f} s [{min(walls):.2f}–{max(walls):.2f}]", f"{peak:.1f} MB",
                     f"exit {results[-1][2]}: " + " / ".join(s.replace(TMP + "/", "") for s in said[-2:]), goal, "yes" if met else "**no**"))
        print(f"  {title}: {wall:.2f} s, peak {peak:.1f} MB", flush=True)
    stamp = datetime.date.today().isoformat()
    lines = [f"runcore import benchmark, {stamp}, {platform.machine()}, {os.cpu_count()} cores; medians [min–max] of {args.runs} runs", "",
             "| file | time | peak RSS | what runcore said | goal | met |", "|---|---|---|---|---|---|"]
    lines += [f"| {' | '.join(r)} |" for r in rows]
    text = "\n".join(lines) + "\n"
    print()
    print(text)
    with open(os.path.join(ROOT, "bench", "import-results.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
