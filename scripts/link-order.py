#!/usr/bin/env python3
"""Writes scripts/link-order.txt: the functions a full-screen session runs, most run first, for the linker to lay
out together (`make build` passes the file to lld as --symbol-ordering-file).

Why: the kernel maps a program's code 64 KB around each place it first runs, and the code a session runs is
spread over 19 MB of the Swift standard library, Foundation, GRDB and runcore; laid out together it maps about
5 MB less (peak RSS of a countdown 23.3 → 18.2 MB). The list is made from a profile: a 3-second countdown, in
full screen at 80×24 in a private tmux server, run under callgrind (valgrind). A function missing from the list
(new code) is placed as usual, and a name no longer in the binary is passed over, so a stale list costs memory,
never correctness. `make link-order` runs this script; run it again when `make bench` shows the peak RSS rising.
"""
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "runcore")
OUT = os.path.join(ROOT, "scripts", "link-order.txt")


def countdown(binary, profile, data, routine):
    """Runs a countdown in full screen in a private tmux pane (under callgrind when `profile` is a path)."""
    sock = "link-order-" + uuid.uuid4().hex[:8]
    tool = f"valgrind --tool=callgrind --demangle=no --callgrind-out-file={profile} " if profile else ""
    command = (f"tmux -L {sock} wait-for go; {tool}{binary} run {routine} --no-sound --data-dir {data} 2>/dev/null; "
               f"tmux -L {sock} wait-for -S done; sleep 10")
    subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "80", "-y", "24",
                    "env LANG=C.UTF-8 TERM=screen sh -c '" + command + "'"], check=True)
    waiter = subprocess.Popen(["tmux", "-L", sock, "wait-for", "done"])
    subprocess.run(["tmux", "-L", sock, "wait-for", "-S", "go"], check=True)
    waiter.wait(timeout=300)
    subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)


def functions_by_cost(profile):
    """Function names (as linked) and the instructions each ran itself, from a callgrind file."""
    names, cost, fn, in_call = {}, collections.Counter(), None, False
    with open(profile, errors="replace") as f:
        for line in f:
            m = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?", line.strip())
            if m:
                if m.group(3):
                    names[m.group(2)] = m.group(3)
                if m.group(1) == "fn":
                    fn, in_call = names[m.group(2)], False
                continue
            if line.startswith("calls="):
                in_call = True   # the next cost line is the call's, not this function's own
                continue
            if line[:1].isdigit() or line[:1] in "+-*":
                if in_call:
                    in_call = False
                    continue
                parts = line.split()
                if len(parts) > 1:
                    cost[fn] += int(parts[1])
    return [name for name, _ in cost.most_common() if not name.startswith("0x")]


def main():
    for tool in ("valgrind", "tmux"):
        if not shutil.which(tool):
            sys.exit(f"link-order: {tool} is needed (apt-get install {tool})")
    if not os.path.exists(BIN):
        sys.exit("link-order: build first (make build)")
    work = tempfile.mkdtemp(prefix="runcore-link-order-")
    try:
        # valgrind does not read the DWARF of a binary this size: profile a copy without it (symbols stay).
        binary = os.path.join(work, "runcore")
        shutil.copy(BIN, binary)
        subprocess.run(["strip", "--strip-debug", binary], check=True)
        bundle = "runcore_RoutineFiles.resources"
        shutil.copytree(os.path.join(os.path.dirname(os.path.realpath(BIN)), bundle), os.path.join(work, bundle))
        routine = os.path.join(work, "three.yaml")
        with open(routine, "w") as f:
            f.write("title: Three\nsteps:\n  - name: Countdown\n    time: 3s\n")
        data = os.path.join(work, "data")
        countdown(binary, None, data, routine)         # the history file made, as it is on any later day
        profile = os.path.join(work, "callgrind.out")
        countdown(binary, profile, data, routine)
        names = functions_by_cost(profile)
        with open(OUT, "w") as f:
            f.write("\n".join(names) + "\n")
        print(f"link-order: {len(names)} functions written to {os.path.relpath(OUT, ROOT)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
