"""Import and re-import against the floor, whole processes, measured side by side in one run.

Run: python3 benchmarks/import_bench.py [--rows 100000] [--memory-rows 300000] [--rounds 5]

The floor is a plain Python process that reads the same file with `csv.reader` and stores its
rows in a 26-text-column SQLite table with one `executemany` in one transaction: no import can
be faster than that. Each round runs the floor, a fresh `handpicked import` and a re-import of
the same file (nothing changed) one after the other, so a load on the shared machine hits all
three alike; the medians are compared. The CPU time each process took (user + system) is printed
too: on a busy machine it moves less than the wall-clock time, which counts the waits for the
disk and for the other processes.
handpicked's modules are compiled to bytecode first (`compileall`), as `pip install` leaves an
installed package: a fresh clone run on a machine that sets PYTHONDONTWRITEBYTECODE would
otherwise compile every module again in every process, which no user's import pays.
Targets (issue #13): fresh import <= 2.5x the floor; re-import <= 0.4x a fresh import; the
peak memory (ru_maxrss of the import process) of 300,000 rows under 300 MB.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_linkedin  # noqa: E402

_FLOOR = r"""
import csv, sqlite3, sys
path, db = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8-sig", newline="") as handle:
    rows = [row + [""] * (26 - len(row)) for row in csv.reader(handle)]
conn = sqlite3.connect(db)
conn.execute("CREATE TABLE t (" + ", ".join(f"c{i} TEXT" for i in range(26)) + ")")
with conn:
    conn.executemany("INSERT INTO t VALUES (" + ", ".join("?" * 26) + ")", rows)
conn.close()
"""

_PEAK = r"""
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def timed(command: list[str], cpu: list[float] | None = None) -> float:
    """Seconds a whole process takes, interpreter start-up included (its CPU seconds go to `cpu`)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def import_command(ws: Path, path: Path) -> list[str]:
    return [sys.executable, "-m", "handpicked", "--workspace", str(ws), "import", str(path)]


def contacts_in(ws: Path) -> int:
    out = subprocess.run(
        [sys.executable, "-m", "handpicked", "--workspace", str(ws), "contacts", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return len(json.loads(out.stdout))


def speed(work: Path, rows: int, rounds: int) -> None:
    path = write_linkedin(work / f"Connections-{rows}.csv", count=rows, seed=7)
    floor, fresh, again = [], [], []
    cpu: tuple[list[float], list[float], list[float]] = ([], [], [])
    for number in range(rounds):
        db = work / f"floor-{number}.sqlite"
        floor.append(timed([sys.executable, "-c", _FLOOR, str(path), str(db)], cpu[0]))
        db.unlink()
        ws = work / f"ws-{number}"
        fresh.append(timed(import_command(ws, path), cpu[1]))
        again.append(timed(import_command(ws, path), cpu[2]))
        if number < rounds - 1:
            shutil.rmtree(ws)
    stored = contacts_in(work / f"ws-{rounds - 1}")
    f, i, r = (statistics.median(x) for x in (floor, fresh, again))
    print(f"{rows:,} LinkedIn rows, median of {rounds} alternating rounds, whole processes:")
    print(f"  floor (csv.reader + one executemany, 26 text columns): {f:.3f} s")
    print(f"  fresh import: {i:.3f} s = {i / f:.2f}x the floor (target <= 2.5x); {stored:,} stored")
    print(f"  re-import, nothing changed: {r:.3f} s = {r / i:.2f}x a fresh import (target <= 0.4x)")
    f, i, r = (statistics.median(x) for x in cpu)
    print(
        f"  CPU time (user + system): floor {f:.3f} s, fresh {i:.3f} s = {i / f:.2f}x,"
        f" re-import {r:.3f} s = {r / i:.2f}x"
    )


def memory(work: Path, rows: int) -> None:
    path = write_linkedin(work / f"Connections-{rows}.csv", count=rows, seed=7)
    command = import_command(work / f"ws-memory-{rows}", path)
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, *command], capture_output=True, text=True, check=True
    )
    print(f"{rows:,} rows: import peak memory {float(out.stdout):.0f} MB (target < 300 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--memory-rows", type=int, default=300_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    for folder in importlib.util.find_spec("handpicked").submodule_search_locations or []:
        compileall.compile_dir(folder, quiet=1)  # the installed package the processes run
    work = Path(tempfile.mkdtemp(prefix="handpicked-bench-"))
    try:
        speed(work, args.rows, args.rounds)
        if args.memory_rows:
            memory(work, args.memory_rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
