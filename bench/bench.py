#!/usr/bin/env python3
"""runcore's benchmark (not a test): cost and accuracy of the timer, side by side with termdown.

make bench       ~14 minutes: 60 s countdowns (runcore, termdown, runcore with a moving figure, interleaved, 3 each, each with a
                 `sleep 60` floor released beside it) in private tmux sessions at 80x24; meanwhile a 40-block routine in plain mode, idle;
                 then a 40-block routine with both cores busy; then histories of 500 and 10,000 sessions
                 (history --json/--csv, stats, and a hold's first line).
make bench-long  the full-length version: the 10-minute 40-block routine idle and loaded, and a 30-minute
                 session measured at minutes 1 and 30 (growth).

Prints one table and writes it to bench/results.md.
"""
import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "runcore")
TICK = os.sysconf("SC_CLK_TCK")


def now():
    return time.monotonic()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def wakeups(pid):
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches"):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024
    return float("nan")


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except FileNotFoundError:
        return []


class Pane:
    """A private tmux server whose pane runs `command` once released, with every output byte recorded."""

    def __init__(self, command, workdir):
        self.sock = "bench-" + uuid.uuid4().hex[:8]
        self.log = os.path.join(workdir, self.sock + ".out")
        script = (f"tmux -L {self.sock} wait-for go; {command}; tmux -L {self.sock} wait-for -S done; sleep 30")
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "80", "-y", "24",
                  "env LANG=C.UTF-8 TERM=screen sh -c " + shquote(script))
        self.tmux("pipe-pane", "-t", "t", "cat >> " + shquote(self.log))
        self.shell = int(self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.sock, *args], capture_output=True, text=True).stdout

    def release(self):
        self.done = subprocess.Popen(["tmux", "-L", self.sock, "wait-for", "done"])
        subprocess.run(["tmux", "-L", self.sock, "wait-for", "-S", "go"])
        t0 = now()
        self.end_ms = float("nan")

        def ended():
            self.done.wait()
            self.end_ms = (now() - t0 - 60) * 1000
        threading.Thread(target=ended, daemon=True).start()
        return t0

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "t")

    def bytes(self):
        try:
            return os.path.getsize(self.log)
        except FileNotFoundError:
            return 0

    def close(self):
        self.tmux("kill-server")


def shquote(s):
    return "'" + s.replace("'", "'\\''") + "'"


def sleep_until(t):
    while True:
        left = t - now()
        if left <= 0:
            return
        time.sleep(min(left, 0.5))


def countdown(name, command, workdir):
    """One 60 s countdown in tmux: first frame, CPU and wake-ups in the steady window, bytes, RSS, end.

    A `sleep 60` pane is released beside it at the same moment: its end is the floor for this very run
    (what starting and ending any program through tmux costs at that moment)."""
    cpu_file = os.path.join(workdir, f"cpu-{uuid.uuid4().hex[:8]}")
    pane = Pane(f"/usr/bin/time -f '%U %S' -o {cpu_file} {command}", workdir)
    floor = Pane("/usr/bin/time -f '%U %S' -o /dev/null sleep 60", workdir)
    floor_t0 = floor.release()
    t0 = pane.release()
    first = None
    while first is None and now() - t0 < 5:
        # Watch the cheap file size first and ask tmux for the screen only once the program has written
        # something: back-to-back capture-pane calls would take a core from the program that is starting.
        if pane.bytes() > 0 and pane.screen().strip():
            first = now() - t0
        else:
            time.sleep(0.0005)
    pid = None
    for _ in range(200):
        kids = children(pane.shell)
        # The pane runs /usr/bin/time, which runs the program.
        grandkids = children(kids[0]) if kids else []
        if grandkids:
            pid = grandkids[0]
            break
        time.sleep(0.01)
    result = {"name": name, "first_ms": first * 1000 if first is not None else float("nan")}
    if pid is not None:
        sleep_until(t0 + 5)
        c0, w0, b0 = cpu_seconds(pid), wakeups(pid), pane.bytes()
        sleep_until(t0 + 55)
        c1, w1, b1 = cpu_seconds(pid), wakeups(pid), pane.bytes()
        result.update(cpu_per_min=(c1 - c0) / 50 * 60, wakeups_per_s=(w1 - w0) / 50,
                      bytes_per_s=(b1 - b0) / 50, rss_mb=peak_rss_mb(pid))
    # Block in waitpid until `wait-for done` returns (Popen.wait with a timeout polls every few tens of
    # milliseconds, which would round the end up); a watchdog ends a run that hangs.
    watchdog = threading.Timer(120, pane.done.kill)
    watchdog.start()
    pane.done.wait()
    result["end_ms"] = (now() - t0 - 60) * 1000
    watchdog.cancel()
    floor.done.wait(timeout=30)
    pane.close()
    floor.close()
    result["floor_ms"] = floor.end_ms
    result["over_floor_ms"] = result["end_ms"] - floor.end_ms
    try:
        with open(cpu_file) as f:
            user, system = (float(x) for x in f.read().split()[-2:])
        result["cpu_whole"] = user + system   # launch to exit: start-up and the final commit included
    except (OSError, ValueError):
        result["cpu_whole"] = float("nan")
    return result


def routine(path, blocks, seconds):
    with open(path, "w") as f:
        f.write(f"title: Boundaries\nsteps:\n")
        for i in range(blocks):
            f.write(f"  - name: Step {i + 1}\n    time: {seconds}s\n")


def boundaries(workdir, blocks, seconds, busy):
    """Runs a routine in plain mode; for each step line, arrival minus planned instant (ms)."""
    path = os.path.join(workdir, f"boundaries-{blocks}x{seconds}.yaml")
    routine(path, blocks, seconds)
    loaders = []
    if busy:
        span = blocks * seconds + 10
        loop = f"import time\nend = time.monotonic() + {span}\nwhile time.monotonic() < end: pass\n"
        loaders = [subprocess.Popen([sys.executable, "-c", loop]) for _ in range(2)]
    # Its own data folder: no other run shares its history database.
    data = tempfile.mkdtemp(prefix="data-", dir=workdir)
    proc = subprocess.Popen([BIN, "run", path, "--plain", "--no-sound", "--data-dir", data],
                            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, bufsize=1)
    arrivals = []
    zero = None
    for line in proc.stdout:
        t = now()
        if zero is None:
            # Each line is stamped with when runcore wrote it on the session's clock (m:ss.mmm, to the nearest
            # millisecond); the first one places the session's zero on ours (±0.5 ms). Every step is then due at
            # zero + i × seconds.
            m, rest = line.split(" ", 1)[0].split(":")
            zero = t - (int(m) * 60 + float(rest))
        if " start " in line or " finish " in line:
            arrivals.append(t)
    proc.wait()
    for l in loaders:
        l.kill()
        l.wait()
    late = [(a - zero - i * seconds) * 1000 for i, a in enumerate(arrivals)][1:]
    return {"worst": max(late), "mean": statistics.mean(late), "n": len(late),
            "startup": (arrivals[0] - zero) * 1000}


def make_history(data, sessions):
    """A history of `sessions` sessions shaped like a runner's: warm-ups (24 blocks), core days (12 blocks)
    and holds (2 blocks and a hold), written straight into a database runcore created."""
    import sqlite3
    os.makedirs(data, exist_ok=True)
    subprocess.run(f"(echo; echo) | {BIN} hold --plain --no-sound --get-ready 0s --data-dir {data}", shell=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = sqlite3.connect(os.path.join(data, "history.sqlite"))
    db.execute("DELETE FROM hold"); db.execute("DELETE FROM block"); db.execute("DELETE FROM session")
    base = datetime.datetime(2020, 1, 1, 7, 0)
    shapes = {"warmup": 24, "core": 12, "hold": 2}
    for i in range(sessions):
        routine = ("warmup", "core", "hold")[i % 3]
        start = base + datetime.timedelta(hours=8 * i)
        stamp = start.strftime("%Y-%m-%d %H:%M:%S.000")
        cur = db.execute("INSERT INTO session (routine_id, routine_title, params, started_at, ended_at, day, planned_seconds, "
                         "active_seconds, outcome, planned_blocks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'finished', ?)",
                         (routine, routine.title(), '{"plank":"45s"}', stamp, stamp, start.strftime("%Y-%m-%d"), 600.0,
                          421.5, shapes[routine]))
        sid = cur.lastrowid
        db.executemany("INSERT INTO block (session_id, position, name, kind, set_label, side, item, planned_seconds, "
                       "actual_seconds, completed, ending) VALUES (?, ?, ?, 'work', NULL, 'left', NULL, 30.0, 30.0, 1, 'completed')",
                       [(sid, p, f"Step {p}") for p in range(shapes[routine])])
        if routine == "hold":
            db.execute("INSERT INTO hold (session_id, block_position, name, seconds, target_seconds, completed, recorded_at) "
                       "VALUES (?, 1, 'Plank hold', ?, 45.0, 1, ?)", (sid, 30 + (i * 7919) % 60 + 0.123, stamp))
    db.commit()
    db.close()


def timed(command, runs=5):
    """Median wall time (s) and peak RSS (MB) of a command, measured by GNU time."""
    walls, rss = [], []
    for _ in range(runs):
        out = subprocess.run(["/usr/bin/time", "-f", "%e %M", "sh", "-c", command + " > /dev/null"],
                             capture_output=True, text=True).stderr.split()
        walls.append(float(out[-2]))
        rss.append(float(out[-1]) / 1024)
    return statistics.median(walls), statistics.median(rss)


def first_line_ms(data, runs=7):
    """Launch to the first line of a plain `hold` session (it reads the best and the last holds first)."""
    times = []
    for _ in range(runs):
        t0 = now()
        p = subprocess.Popen([BIN, "hold", "--plain", "--no-sound", "--data-dir", data], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        p.stdout.readline()
        times.append((now() - t0) * 1000)
        p.communicate("q\n")
    return statistics.median(times)


def scale(workdir):
    rows = {}
    for n in (500, 10_000):
        data = os.path.join(workdir, f"history-{n}")
        make_history(data, n)
        json_s, json_mb = timed(f"{BIN} history --json --data-dir {data}")
        csv_s, _ = timed(f"{BIN} history --csv --data-dir {data}")
        stats_s, _ = timed(f"{BIN} stats --data-dir {data}")
        rows[n] = {"json_s": json_s, "json_mb": json_mb, "csv_s": csv_s, "stats_s": stats_s, "hold_ms": first_line_ms(data)}
    return rows


def growth(workdir, minutes):
    path = os.path.join(workdir, "long.yaml")
    with open(path, "w") as f:
        f.write(f"title: Long\nsteps:\n  - name: Long plank\n    time: {minutes}m\n")
    pane = Pane(f"{BIN} run {path} --no-sound --data-dir {workdir}", workdir)
    t0 = pane.release()
    time.sleep(1)
    pid = children(pane.shell)[0]
    samples = {}
    for minute in (1, minutes):
        sleep_until(t0 + (minute - 1) * 60 + 15)
        c0 = cpu_seconds(pid)
        sleep_until(t0 + minute * 60 - 15)
        c1 = cpu_seconds(pid)
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024
        samples[minute] = ((c1 - c0) / 30 * 60, rss)
    pane.close()
    return samples


def fmt(values, unit, digits=1):
    vals = [v for v in values if v == v]
    if not vals:
        return "n/a"
    med = statistics.median(vals)
    return f"{med:.{digits}f} {unit} [{min(vals):.{digits}f}–{max(vals):.{digits}f}]".strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--long", action="store_true")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--growth-only", action="store_true", help="only the 30-minute growth measurement")
    ap.add_argument("--figure-only", action="store_true", help="only the minute with a moving figure, against termdown")
    args = ap.parse_args()
    if args.growth_only:
        grow = growth(tempfile.mkdtemp(prefix="runcore-growth-"), 30)
        (c1, r1), (c30, r30) = grow[1], grow[30]
        print(f"growth over 30 minutes: minute 1: {c1:.4f} CPU s/min, {r1:.1f} MB RSS; "
              f"minute 30: {c30:.4f} CPU s/min, {r30:.1f} MB RSS")
        return
    if not shutil.which("termdown"):
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "termdown==2.0.0"], check=True)
    termdown = shutil.which("termdown")
    workdir = tempfile.mkdtemp(prefix="runcore-bench-")
    if args.figure_only:
        moving = os.path.join(workdir, "moving.yaml")
        with open(moving, "w") as f:
            f.write("title: Sixty, moving\nsteps:\n  - name: Light aerobic\n    time: 60s\n    figure: light-aerobic\n")
        got = {"figure": [], "termdown": []}
        for name in ["figure", "termdown"] * args.runs:
            cmd = f"{BIN} run {moving} --no-sound --data-dir {workdir}" if name == "figure" else f"{termdown} 60"
            got[name].append(countdown(name, cmd, workdir))
            print(f"  {name}: " + ", ".join(f"{k} {v:.3f}" for k, v in got[name][-1].items() if k != "name"), file=sys.stderr, flush=True)
        fig = statistics.median(r["cpu_per_min"] for r in got["figure"])
        td = statistics.median(r["cpu_per_min"] for r in got["termdown"])
        wk = statistics.median(r["wakeups_per_s"] for r in got["figure"])
        print(f"moving figure: {fig:.4f} CPU s/min, {wk:.2f} wake-ups/s; termdown {td:.4f} CPU s/min; "
              f"ratio 1/{td / fig:.1f} (goal 1/20 or less): {'met' if fig <= td / 20 else 'NOT met'}")
        shutil.rmtree(workdir, ignore_errors=True)
        return
    sixty = os.path.join(workdir, "sixty.yaml")
    with open(sixty, "w") as f:
        f.write("title: Sixty\nsteps:\n  - name: Countdown\n    time: 60s\n")
    # The same minute with an exercise figure that moves (two frames, a new one each second).
    moving = os.path.join(workdir, "moving.yaml")
    with open(moving, "w") as f:
        f.write("title: Sixty, moving\nsteps:\n  - name: Light aerobic\n    time: 60s\n    figure: light-aerobic\n")
    started = time.time()

    idle_blocks = (40, 15) if args.long else (40, 10)
    loaded_blocks = (40, 15) if args.long else (40, 3)
    idle = {}
    worker = threading.Thread(target=lambda: idle.update(boundaries(workdir, *idle_blocks, busy=False)))
    worker.start()
    runs = {"runcore": [], "termdown": [], "figure": []}
    commands = {"runcore": f"{BIN} run {sixty} --no-sound --data-dir {workdir}",
                "termdown": f"{termdown} 60",
                "figure": f"{BIN} run {moving} --no-sound --data-dir {workdir}"}
    order = ["runcore", "termdown", "figure"] * args.runs
    for name in order:
        r = countdown(name, commands[name], workdir)
        runs[name].append(r)
        print(f"  {name}: " + ", ".join(f"{k} {v:.3f}" for k, v in r.items() if k != "name"), file=sys.stderr, flush=True)
    worker.join()
    loaded = boundaries(workdir, *loaded_blocks, busy=True)
    sizes = scale(workdir)
    grow = growth(workdir, 30) if args.long else None

    def col(name, key):
        return [r.get(key, float("nan")) for r in runs[name]]

    rc_cpu, td_cpu = statistics.median(col("runcore", "cpu_per_min")), statistics.median(col("termdown", "cpu_per_min"))
    floor = statistics.median(col("runcore", "floor_ms") + col("termdown", "floor_ms"))
    rc_over = statistics.median(col("runcore", "over_floor_ms"))
    rc_whole, td_whole = statistics.median(col("runcore", "cpu_whole")), statistics.median(col("termdown", "cpu_whole"))
    rows = [
        ("CPU seconds, whole run (launch to exit, 60 s countdown)", fmt(col("runcore", "cpu_whole"), "s", 3),
         fmt(col("termdown", "cpu_whole"), "s", 3), "≤ 1/25 of termdown's", rc_whole <= td_whole / 25),
        ("CPU seconds per minute of countdown", fmt(col("runcore", "cpu_per_min"), "s", 4), fmt(col("termdown", "cpu_per_min"), "s", 4),
         "≤ 1/20 of termdown's", rc_cpu <= td_cpu / 20),
        ("CPU seconds per minute with a moving figure (a new frame each second, with the clock)", fmt(col("figure", "cpu_per_min"), "s", 4),
         fmt(col("termdown", "cpu_per_min"), "s", 4), "≤ 1/20 of termdown's",
         statistics.median(col("figure", "cpu_per_min")) <= td_cpu / 20),
        ("wake-ups per second with a moving figure", fmt(col("figure", "wakeups_per_s"), "", 2), "—", "≤ 3",
         statistics.median(col("figure", "wakeups_per_s")) <= 3),
        ("wake-ups per second while counting", fmt(col("runcore", "wakeups_per_s"), "", 2), fmt(col("termdown", "wakeups_per_s"), "", 1),
         "≤ 3", statistics.median(col("runcore", "wakeups_per_s")) <= 3),
        ("time to first frame", fmt(col("runcore", "first_ms"), "ms"), fmt(col("termdown", "first_ms"), "ms"),
         "≤ 20 ms", statistics.median(col("runcore", "first_ms")) <= 20),
        ("end: launch → exit − 60 s", fmt(col("runcore", "end_ms"), "ms"), fmt(col("termdown", "end_ms"), "ms"),
         f"≤ floor + 10 ms (sleep 60 beside each run: {floor:.1f} ms)", rc_over <= 10),
        ("end minus its own run's floor", fmt(col("runcore", "over_floor_ms"), "ms"), fmt(col("termdown", "over_floor_ms"), "ms"),
         "≤ 10 ms", rc_over <= 10),
        ("bytes to the terminal per second", fmt(col("runcore", "bytes_per_s"), "B/s"), fmt(col("termdown", "bytes_per_s"), "B/s"),
         "≤ termdown's", statistics.median(col("runcore", "bytes_per_s")) <= statistics.median(col("termdown", "bytes_per_s"))),
        ("peak RSS", fmt(col("runcore", "rss_mb"), "MB"), fmt(col("termdown", "rss_mb"), "MB"),
         "≤ 12 MB", statistics.median(col("runcore", "rss_mb")) <= 12),
        (f"step boundaries, idle ({idle_blocks[0]} steps × {idle_blocks[1]} s, plain mode)",
         f"worst {idle['worst']:.2f} ms, mean {idle['mean']:.2f} ms", "—", "worst ≤ 5 ms, mean ≤ 2 ms",
         idle["worst"] <= 5 and idle["mean"] <= 2),
        (f"step boundaries, both cores busy ({loaded_blocks[0]} × {loaded_blocks[1]} s)",
         f"worst {loaded['worst']:.2f} ms, mean {loaded['mean']:.2f} ms", "—", "worst ≤ 10 ms", loaded["worst"] <= 10),
    ]
    for n, r in sizes.items():
        rows.append((f"history of {n:,} sessions: `history --json`", f"{r['json_s']:.2f} s, peak {r['json_mb']:.1f} MB", "—",
                     "≤ 1 s, ≤ 50 MB", r["json_s"] <= 1 and r["json_mb"] <= 50))
        rows.append((f"history of {n:,} sessions: `history --csv`", f"{r['csv_s']:.2f} s", "—", "≤ 0.5 s", r["csv_s"] <= 0.5))
        rows.append((f"history of {n:,} sessions: `stats`", f"{r['stats_s']:.2f} s", "—", "≤ 0.3 s", r["stats_s"] <= 0.3))
        rows.append((f"history of {n:,} sessions: `hold`, launch to first line", f"{r['hold_ms']:.1f} ms", "—", "≤ 30 ms",
                     r["hold_ms"] <= 30))
    if grow:
        (c1, r1), (c30, r30) = grow[1], grow[30]
        rows.append(("growth over 30 minutes (CPU/min, RSS)", f"min 1: {c1:.4f} s, {r1:.1f} MB; min 30: {c30:.4f} s, {r30:.1f} MB",
                     "—", "no growth", c30 <= c1 * 1.5 + 0.01 and r30 <= r1 + 1))
    date = datetime.date.today().isoformat()
    lines = [f"runcore benchmark, {date}, {platform.machine()}, {os.cpu_count()} cores, "
             f"{'long' if args.long else 'standard'} run; medians [min–max] of {args.runs} runs each, interleaved", "",
             "| measure | runcore | termdown 2.0.0 | goal | met |", "|---|---|---|---|---|"]
    for m, a, b, goal, ok in rows:
        lines.append(f"| {m} | {a} | {b} | {goal} | {'yes' if ok else 'NO'} |")
    lines.append("")
    lines.append(f"Took {time.time() - started:.0f} s.")
    table = "\n".join(lines)
    print(table)
    with open(os.path.join(ROOT, "bench", "results-long.md" if args.long else "results.md"), "w") as f:
        f.write(table + "\n")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
