#!/usr/bin/env python3
"""What one second of a countdown costs, counted rather than timed (counts hold on a shared, loaded machine; the
CPU times of `make bench` do not, for changes of a few per cent).

  python3 bench/tick_profile.py frames TAG [BIN]   user-space instructions of each frame: a 60 s countdown in an
                                                   80x24 private tmux server under callgrind, one dump a frame
                                                   (--dump-before=doupdate_sp), for 32 s; kept in bench/tmp/TAG.json
  python3 bench/tick_profile.py compare OLD NEW    the two runs' frames aligned on the seconds shown (a frame's
                                                   cost depends on which digits change), mean of 20 frames each
  python3 bench/tick_profile.py syscalls [BIN]     system calls a second (strace -f), 5 s to 15 s of a countdown

BIN is .build/release/runcore by default; valgrind does not read its DWARF, so a copy without it is profiled.
Needs tmux, valgrind and strace (apt-get install -y valgrind strace).
"""
import collections, glob, json, os, re, shutil, statistics, subprocess, sys, tempfile, time, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TMP = os.path.join(ROOT, "bench", "tmp")
ROUTINE = "title: Sixty\nsteps:\n  - name: Countdown\n    time: 60s\n"


def in_pane(command, seconds):
    """Runs `command` in an 80x24 pane of a private tmux server for `seconds`, then ends the server."""
    sock = "tick" + uuid.uuid4().hex[:6]
    subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "80", "-y", "24", command],
                   check=True)
    time.sleep(seconds)
    subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)
    time.sleep(1)


def prepared(binary, work):
    with open(os.path.join(work, "sixty.yaml"), "w") as f:
        f.write(ROUTINE)
    copy = os.path.join(work, "runcore")
    shutil.copy(binary, copy)
    subprocess.run(["strip", "--strip-debug", copy], check=True)
    return f"{copy} run {work}/sixty.yaml --no-sound --data-dir {work}/data"


def frames(tag, binary):
    work = tempfile.mkdtemp(prefix="tick-")
    run = prepared(binary, work)
    in_pane(f"valgrind --tool=callgrind --dump-before=doupdate_sp --callgrind-out-file={work}/cg.%p {run} 2>/dev/null", 32)
    counts = {}
    for path in glob.glob(f"{work}/cg.*.*"):
        with open(path) as f:
            counts[int(path.rsplit(".", 1)[1])] = next(int(l.split()[1]) for l in f if l.startswith("summary:"))
    # Dump 1 is the start-up, 2 the first frame; the steady loop follows.
    steady = [counts[k] for k in sorted(counts)][4:]
    os.makedirs(TMP, exist_ok=True)
    with open(os.path.join(TMP, tag + ".json"), "w") as f:
        json.dump({"startup": counts.get(1), "frames": steady}, f)
    shutil.rmtree(work, ignore_errors=True)
    print(f"{tag}: start-up {counts.get(1, 0):,} instructions; {len(steady)} steady frames, "
          f"median {statistics.median(steady):,.0f} instructions")


def compare(old, new):
    a, b = (json.load(open(os.path.join(TMP, t + ".json")))["frames"] for t in (old, new))
    best = None
    for off in range(-4, 5):
        pairs = [(a[i], b[i + off]) for i in range(len(a)) if 0 <= i + off < len(b)]
        score = statistics.mean(abs(x - y) / x for x, y in pairs)
        if best is None or score < best[0]:
            best = (score, pairs[:20])
    ma, mb = (statistics.mean(p[i] for p in best[1]) for i in (0, 1))
    print(f"{old} → {new}: {ma:,.0f} → {mb:,.0f} instructions per frame ({(mb - ma) / ma * 100:+.1f}%, "
          f"{len(best[1])} frames showing the same seconds)")


def syscalls(binary):
    work = tempfile.mkdtemp(prefix="tick-")
    run = prepared(binary, work)
    start = time.time()
    in_pane(f"strace -f -ttt -o {work}/trace {run}", 16)
    calls = collections.Counter()
    with open(f"{work}/trace") as f:
        for line in f:
            m = re.match(r"\d+\s+(\d+\.\d+) (\w+)\(", line)
            if m and start + 5 <= float(m.group(1)) < start + 15:
                calls[m.group(2)] += 1
    shutil.rmtree(work, ignore_errors=True)
    print(f"{sum(calls.values()) / 10:.1f} system calls a second: "
          + ", ".join(f"{k} {v / 10:g}" for k, v in calls.most_common()))


if __name__ == "__main__":
    default = os.path.join(ROOT, ".build", "release", "runcore")
    args = sys.argv[1:]
    if args[:1] == ["frames"] and len(args) in (2, 3):
        frames(args[1], args[2] if len(args) == 3 else default)
    elif args[:1] == ["compare"] and len(args) == 3:
        compare(args[1], args[2])
    elif args[:1] == ["syscalls"] and len(args) in (1, 2):
        syscalls(args[1] if len(args) == 2 else default)
    else:
        sys.exit(__doc__)
