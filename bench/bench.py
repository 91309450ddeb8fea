#!/usr/bin/env python3
"""runcore's benchmark (not a test): cost and accuracy of the timer, side by side with a C clock and termdown.

make bench       ~17 minutes: 60 s countdowns in private tmux sessions at 80x24, three rounds of runcore, tty-clock
                 (`tty-clock -c -s`: a C ncurses program redrawing once a second, the limit; the bench stops it after
                 60 s), termdown and runcore with a moving figure, in an order that turns from round to round (so each
                 program also starts right after each other one), each with a `sleep 60` floor released beside it;
                 meanwhile a 40-block routine in plain mode, idle, read by a process of its own; then a 40-block
                 routine with both cores busy; then histories of 500 and 10,000 sessions (history --json/--csv,
                 stats, and a hold's first line). The goals are ratios to tty-clock's figures from the same run.
make bench-long  the full-length version: the 10-minute 40-block routine idle and loaded, and a 30-minute
                 session measured at minutes 1 and 30 (growth).

Prints one table and writes it to bench/results.md.
"""
import argparse
import datetime
import json
import os
import platform
import shutil
import signal
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


def cpu_ticks(pid):
    """CPU seconds of the whole process, dead threads included, in clock ticks (0.01 s)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def cpu_exact(pid):
    """CPU seconds of the threads alive now, to the nanosecond (the scheduler's own count), and which they are."""
    total, tids = 0, []
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
            tids.append(tid)
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / 1e9, frozenset(tids)


def cpu_between(first, second):
    """CPU seconds between two samples ((exact, threads), ticks): exact when the same threads lived at both."""
    (e0, t0), k0 = first
    (e1, t1), k1 = second
    return e1 - e0 if t0 == t1 else k1 - k0


def cpu_sample(pid):
    return cpu_exact(pid), cpu_ticks(pid)


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


def comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except FileNotFoundError:
        return ""


class Pane:
    """A private tmux server whose pane runs `command` once released, with every output byte recorded.

    The pane's shell is bash, which starts the program itself and times it with its `time` keyword: the whole
    run's CPU (wait4's rusage, printed to the millisecond) lands in `cpu_file`, with no program in between."""

    def __init__(self, command, workdir, cpu_file="/dev/null"):
        self.sock = "bench-" + uuid.uuid4().hex[:8]
        self.log = os.path.join(workdir, self.sock + ".out")
        script = (f"TIMEFORMAT='%3U %3S'; tmux -L {self.sock} wait-for go; {{ time {command} 2>&3; }} 3>&2 2>{cpu_file}; "
                  f"tmux -L {self.sock} wait-for -S done; sleep 30")
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "80", "-y", "24",
                  "env LANG=C.UTF-8 TERM=screen bash --norc --noprofile -c " + shquote(script))
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

    def program(self):
        """The program the pane's shell started (not the `tmux wait-for` it ran first), once it runs."""
        for _ in range(500):
            kids = [k for k in children(self.shell) if comm(k) not in ("tmux", "")]
            if kids:
                return kids[0]
            time.sleep(0.01)
        return None

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


def countdown(name, command, workdir, stop_after=None):
    """One 60 s countdown in tmux: first frame, CPU and wake-ups in the steady window, bytes, RSS, end, and the
    whole run's CPU. A program that does not end by itself (a clock) is sent SIGTERM `stop_after` s after launch.

    A `sleep 60` pane is released beside it at the same moment: its end is the floor for this very run
    (what starting and ending any program through tmux costs at that moment)."""
    cpu_file = os.path.join(workdir, f"cpu-{uuid.uuid4().hex[:8]}")
    pane = Pane(command, workdir, cpu_file)
    floor = Pane("sleep 60", workdir)
    floor.release()
    t0 = pane.release()
    first = None
    while first is None and now() - t0 < 5:
        # Watch the cheap file size first and ask tmux for the screen only once the program has written
        # something: back-to-back capture-pane calls would take a core from the program that is starting.
        if pane.bytes() > 0 and pane.screen().strip():
            first = now() - t0
        else:
            time.sleep(0.0005)
    pid = pane.program()
    result = {"name": name, "first_ms": first * 1000 if first is not None else float("nan")}
    if pid is not None:
        sleep_until(t0 + 5)
        s0, w0, b0 = cpu_sample(pid), wakeups(pid), pane.bytes()
        sleep_until(t0 + 55)
        s1, w1, b1 = cpu_sample(pid), wakeups(pid), pane.bytes()
        result.update(cpu_per_min=cpu_between(s0, s1) / 50 * 60, wakeups_per_s=(w1 - w0) / 50,
                      bytes_per_s=(b1 - b0) / 50, rss_mb=peak_rss_mb(pid))
        if stop_after is not None:
            sleep_until(t0 + stop_after)
            os.kill(pid, signal.SIGTERM)
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


def stamp_seconds(line):
    """`1:02.345 start …` → 62.345: when runcore wrote the line, on the session's clock (cut to the millisecond)."""
    m, rest = line.split(" ", 1)[0].split(":")
    return int(m) * 60 + float(rest)


def boundaries(workdir, blocks, seconds, busy):
    """Runs a routine in plain mode in a process of its own (a thread here would wait for this process's lock
    while the countdowns are watched), and returns how late each step's line came, against the plan."""
    out = subprocess.run([sys.executable, __file__, "--boundaries", workdir, str(blocks), str(seconds)] + (["--busy"] if busy else []),
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def boundaries_here(workdir, blocks, seconds, busy):
    """Each step's line of a plain run: when it arrived here, and its stamp (when runcore wrote it, on the session's
    clock). The session's zero is placed from the line that arrived soonest after it was written: each line
    arrives no earlier than its stamp says (stamps are cut, not rounded), so the smallest arrival − stamp is the
    zero plus the quickest delivery. (Placing it from the first line alone put the zero late whenever that one
    line waited in the pipe, and every boundary after it then looked early.)

    late: arrival − zero − planned instant, per step line after the first. written: stamp − planned instant, the
    step's lateness on runcore's own clock; a negative value would be a step begun before its deadline."""
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
    # The reader, not runcore (started already, at the usual priority), is put ahead of the countdowns being
    # watched meanwhile: an arrival should not wait for the bench's own polling of tmux. (Root only.)
    try:
        os.nice(-10)
    except PermissionError:
        pass
    lines = []   # (arrival, stamp, is a step boundary)
    for line in proc.stdout:
        t = now()
        if line[:1].isdigit():
            lines.append((t, stamp_seconds(line), " start " in line or " finish " in line))
    proc.wait()
    for l in loaders:
        l.kill()
        l.wait()
    zero = min(a - s for a, s, _ in lines)
    steps = [(a, s) for a, s, boundary in lines if boundary]
    late = [(a - zero - i * seconds) * 1000 for i, (a, _) in enumerate(steps)][1:]
    written = [(s - i * seconds) * 1000 for i, (_, s) in enumerate(steps)][1:]
    return {"worst": max(late), "mean": statistics.mean(late), "earliest": min(late), "n": len(late),
            "written_earliest": min(written), "written_worst": max(written)}


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
    pid = pane.program()
    samples = {}
    for minute in (1, minutes):
        sleep_until(t0 + (minute - 1) * 60 + 15)
        s0 = cpu_sample(pid)
        sleep_until(t0 + minute * 60 - 15)
        s1 = cpu_sample(pid)
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024
        samples[minute] = (cpu_between(s0, s1) / 30 * 60, rss)
    pane.close()
    return samples


def fmt(values, unit, digits=1):
    vals = [v for v in values if v == v]
    if not vals:
        return "n/a"
    med = statistics.median(vals)
    return f"{med:.{digits}f} {unit} [{min(vals):.{digits}f}–{max(vals):.{digits}f}]".strip()


def ensure_tools():
    if not shutil.which("termdown"):
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "termdown==2.0.0"], check=True)
    if not shutil.which("tty-clock"):
        sys.exit("bench: tty-clock is missing (apt-get install tty-clock; `make bench` installs it)")
    return shutil.which("termdown")


# Each round runs the four in another order, so that each program starts once right after each other one (a
# start right after termdown was the slow one) and none always runs first.
ROUNDS = [["runcore", "tty-clock", "termdown", "figure"],
          ["termdown", "runcore", "figure", "tty-clock"],
          ["figure", "termdown", "tty-clock", "runcore"]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--long", action="store_true")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--growth-only", action="store_true", help="only the 30-minute growth measurement")
    ap.add_argument("--figure-only", action="store_true", help="only the minute with a moving figure, against termdown")
    ap.add_argument("--boundaries", nargs=3, metavar=("WORKDIR", "BLOCKS", "SECONDS"), help=argparse.SUPPRESS)
    ap.add_argument("--busy", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.boundaries:
        workdir, blocks, seconds = args.boundaries
        print(json.dumps(boundaries_here(workdir, int(blocks), int(seconds), args.busy)))
        return
    if args.growth_only:
        grow = growth(tempfile.mkdtemp(prefix="runcore-growth-"), 30)
        (c1, r1), (c30, r30) = grow[1], grow[30]
        print(f"growth over 30 minutes: minute 1: {c1:.4f} CPU s/min, {r1:.1f} MB RSS; "
              f"minute 30: {c30:.4f} CPU s/min, {r30:.1f} MB RSS")
        return
    termdown = ensure_tools()
    workdir = tempfile.mkdtemp(prefix="runcore-bench-")
    moving = os.path.join(workdir, "moving.yaml")
    with open(moving, "w") as f:
        f.write("title: Sixty, moving\nsteps:\n  - name: Light aerobic\n    time: 60s\n    figure: light-aerobic\n")
    if args.figure_only:
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
    started = time.time()

    idle_blocks = (40, 15) if args.long else (40, 10)
    loaded_blocks = (40, 15) if args.long else (40, 3)
    idle = {}
    worker = threading.Thread(target=lambda: idle.update(boundaries(workdir, *idle_blocks, busy=False)))
    worker.start()
    runs = {"runcore": [], "tty-clock": [], "termdown": [], "figure": []}
    commands = {"runcore": f"{BIN} run {sixty} --no-sound --data-dir {workdir}",
                "tty-clock": "tty-clock -c -s",
                "termdown": f"{termdown} 60",
                "figure": f"{BIN} run {moving} --no-sound --data-dir {workdir}"}
    order = [name for i in range(args.runs) for name in ROUNDS[i % len(ROUNDS)]]
    previous = "nothing"
    for name in order:
        r = countdown(name, commands[name], workdir, stop_after=60 if name == "tty-clock" else None)
        r["after"] = previous
        previous = name
        runs[name].append(r)
        print(f"  {name} (after {r['after']}): " + ", ".join(f"{k} {v:.3f}" for k, v in r.items() if isinstance(v, float)),
              file=sys.stderr, flush=True)
    worker.join()
    loaded = boundaries(workdir, *loaded_blocks, busy=True)
    sizes = scale(workdir)
    grow = growth(workdir, 30) if args.long else None

    def col(name, key):
        return [r.get(key, float("nan")) for r in runs[name]]

    def med(name, key):
        vals = [v for v in col(name, key) if v == v]
        return statistics.median(vals) if vals else float("nan")

    def worst(name, key):
        vals = [v for v in col(name, key) if v == v]
        return max(vals) if vals else float("nan")

    def ratio(a, b):
        return f"{a / b:.2f}×" if b else "n/a"

    whole, clock_whole = med("runcore", "cpu_whole"), med("tty-clock", "cpu_whole")
    steady, clock_steady = med("runcore", "cpu_per_min"), med("tty-clock", "cpu_per_min")
    first, clock_first = med("runcore", "first_ms"), med("tty-clock", "first_ms")
    first_worst, clock_first_worst = worst("runcore", "first_ms"), worst("tty-clock", "first_ms")
    over = med("runcore", "over_floor_ms")
    floor = statistics.median(v for n in runs for v in col(n, "floor_ms") if v == v)
    slow = max(runs["runcore"], key=lambda r: r["first_ms"])
    td_steady = med("termdown", "cpu_per_min")
    never_early = min(idle["earliest"], loaded["earliest"], idle["written_earliest"], loaded["written_earliest"]) >= 0
    rows = [
        ("CPU, whole run: launch to exit of a 60 s countdown (start-up and the last commit included; tty-clock: 60 s, then SIGTERM)",
         fmt(col("runcore", "cpu_whole"), "s", 3), fmt(col("tty-clock", "cpu_whole"), "s", 3), fmt(col("termdown", "cpu_whole"), "s", 3),
         f"≤ 2× tty-clock's (is {ratio(whole, clock_whole)})", whole <= 2 * clock_whole),
        ("CPU per minute, steady (5 s to 55 s)", fmt(col("runcore", "cpu_per_min"), "s", 4), fmt(col("tty-clock", "cpu_per_min"), "s", 4),
         fmt(col("termdown", "cpu_per_min"), "s", 4), f"≤ 1.5× tty-clock's (is {ratio(steady, clock_steady)})", steady <= 1.5 * clock_steady),
        ("CPU per minute with a moving figure (a new frame each second, with the clock)", fmt(col("figure", "cpu_per_min"), "s", 4), "—",
         fmt(col("termdown", "cpu_per_min"), "s", 4), "≤ 1/20 of termdown's", med("figure", "cpu_per_min") <= td_steady / 20),
        ("first frame, median", fmt(col("runcore", "first_ms"), "ms"), fmt(col("tty-clock", "first_ms"), "ms"),
         fmt(col("termdown", "first_ms"), "ms"), f"≤ 2× tty-clock's (is {ratio(first, clock_first)})", first <= 2 * clock_first),
        ("first frame, worst round", f"{first_worst:.1f} ms (after {slow['after']})", f"{clock_first_worst:.1f} ms", f"{worst('termdown', 'first_ms'):.1f} ms",
         f"≤ 2.5× tty-clock's worst (is {ratio(first_worst, clock_first_worst)})", first_worst <= 2.5 * clock_first_worst),
        (f"end: launch → exit − 60 s, minus its own `sleep 60` floor (floor: {floor:.1f} ms)", fmt(col("runcore", "over_floor_ms"), "ms"),
         "(a clock)", fmt(col("termdown", "over_floor_ms"), "ms"), "≤ 8 ms, median", over <= 8),
        ("peak RSS", fmt(col("runcore", "rss_mb"), "MB"), fmt(col("tty-clock", "rss_mb"), "MB"), fmt(col("termdown", "rss_mb"), "MB"),
         "≤ 20 MB", med("runcore", "rss_mb") <= 20),
        ("wake-ups per second", fmt(col("runcore", "wakeups_per_s"), "", 2), fmt(col("tty-clock", "wakeups_per_s"), "", 2),
         fmt(col("termdown", "wakeups_per_s"), "", 1), "≤ 3 (with a moving figure: " + fmt(col("figure", "wakeups_per_s"), "", 2) + ")",
         med("runcore", "wakeups_per_s") <= 3 and med("figure", "wakeups_per_s") <= 3),
        ("bytes to the terminal per second", fmt(col("runcore", "bytes_per_s"), "B/s"), fmt(col("tty-clock", "bytes_per_s"), "B/s"),
         fmt(col("termdown", "bytes_per_s"), "B/s"), "≤ termdown's", med("runcore", "bytes_per_s") <= med("termdown", "bytes_per_s")),
        (f"step boundaries, idle ({idle_blocks[0]} steps × {idle_blocks[1]} s, plain mode)",
         f"worst {idle['worst']:.2f} ms, mean {idle['mean']:.2f} ms, earliest {idle['earliest']:.2f} ms "
         f"(written: {idle['written_earliest']:.0f} to {idle['written_worst']:.0f} ms)", "—", "—", "worst ≤ 5 ms, never early",
         idle["worst"] <= 5 and idle["earliest"] >= 0 and idle["written_earliest"] >= 0),
        (f"step boundaries, both cores busy ({loaded_blocks[0]} × {loaded_blocks[1]} s)",
         f"worst {loaded['worst']:.2f} ms, mean {loaded['mean']:.2f} ms, earliest {loaded['earliest']:.2f} ms "
         f"(written: {loaded['written_earliest']:.0f} to {loaded['written_worst']:.0f} ms)", "—", "—", "worst ≤ 10 ms, never early",
         loaded["worst"] <= 10 and loaded["earliest"] >= 0 and loaded["written_earliest"] >= 0),
    ]
    for n, r in sizes.items():
        rows.append((f"history of {n:,} sessions: `history --json`", f"{r['json_s']:.2f} s, peak {r['json_mb']:.1f} MB", "—", "—",
                     "≤ 1 s, ≤ 50 MB", r["json_s"] <= 1 and r["json_mb"] <= 50))
        rows.append((f"history of {n:,} sessions: `history --csv`", f"{r['csv_s']:.2f} s", "—", "—", "≤ 0.5 s", r["csv_s"] <= 0.5))
        rows.append((f"history of {n:,} sessions: `stats`", f"{r['stats_s']:.2f} s", "—", "—", "≤ 0.3 s", r["stats_s"] <= 0.3))
        rows.append((f"history of {n:,} sessions: `hold`, launch to first line", f"{r['hold_ms']:.1f} ms", "—", "—", "≤ 30 ms",
                     r["hold_ms"] <= 30))
    if grow:
        (c1, r1), (c30, r30) = grow[1], grow[30]
        rows.append(("growth over 30 minutes (CPU/min, RSS)", f"min 1: {c1:.4f} s, {r1:.1f} MB; min 30: {c30:.4f} s, {r30:.1f} MB",
                     "—", "—", "no growth", c30 <= c1 * 1.5 + 0.01 and r30 <= r1 + 1))
    date = datetime.date.today().isoformat()
    load = os.getloadavg()
    lines = [f"runcore benchmark, {date}, {platform.machine()}, {os.cpu_count()} cores, "
             f"{'long' if args.long else 'standard'} run; medians [min–max] of {args.runs} runs each, interleaved; "
             f"load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", "",
             "| measure | runcore | tty-clock 2.3 (C) | termdown 2.0.0 | goal | met |", "|---|---|---|---|---|---|"]
    for m, a, b, c, goal, ok in rows:
        lines.append(f"| {m} | {a} | {b} | {c} | {goal} | {'yes' if ok else 'NO'} |")
    lines.append("")
    lines.append("Each countdown, in the order run (first frame ms, whole-run CPU s, steady CPU s/min, end over its floor ms, "
                 "peak RSS MB, after):")
    lines.append("")
    for i, name in enumerate(order):
        r = runs[name][sum(1 for n in order[:i] if n == name)]
        lines.append(f"- {name}: {r['first_ms']:.1f}, {r['cpu_whole']:.3f}, {r.get('cpu_per_min', float('nan')):.4f}, "
                     f"{r['over_floor_ms']:.1f}, {r.get('rss_mb', float('nan')):.1f}, after {r['after']}")
    lines.append("")
    lines.append(f"Step boundaries never early in either run: {'yes' if never_early else 'NO'}. Took {time.time() - started:.0f} s.")
    table = "\n".join(lines)
    print(table)
    with open(os.path.join(ROOT, "bench", "results-long.md" if args.long else "results.md"), "w") as f:
        f.write(table + "\n")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
