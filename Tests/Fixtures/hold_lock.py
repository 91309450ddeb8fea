#!/usr/bin/env python3
"""Takes the write lock on a runcore history in the middle of an import, as another program would, and holds it.

Says 'ready', waits until the import has committed at least one run, then holds the lock for SECONDS, and prints
how many runs were committed when it took it. Usage: hold_lock.py HISTORY SECONDS
"""
import os
import sqlite3
import sys
import time

path, seconds = sys.argv[1], float(sys.argv[2])
# The test starts the import only once this is said: the watch is then already on, however fast the disk.
print('ready', flush=True)
deadline = time.monotonic() + 60
while True:
    if time.monotonic() > deadline:
        sys.exit('the import never committed a run')
    if os.path.exists(path):
        try:
            db = sqlite3.connect(path, timeout=0.05, isolation_level=None)
            if db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'run'").fetchone()[0]:
                db.execute('BEGIN IMMEDIATE')
                count = db.execute('SELECT count(*) FROM run').fetchone()[0]
                if count > 0:
                    break
                db.execute('ROLLBACK')
            db.close()
        except sqlite3.OperationalError:
            pass
    time.sleep(0.002)
print(count, flush=True)
time.sleep(seconds)
db.execute('COMMIT')
db.close()
