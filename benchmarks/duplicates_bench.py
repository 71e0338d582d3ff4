"""Merge suggestions over a big network, against the floor of reading the rows they come from.

Run: python3 benchmarks/duplicates_bench.py [--rows 100000] [--google 20000] [--rounds 3]

A LinkedIn export of `--rows` people and a Google address book of `--google` (generated, seeded)
are imported once; then each round reads every contact's candidate columns (the floor: no rule
can avoid that pass) and computes the suggestions, and the medians are printed side by side.
The rule is one pass grouped by key, so the ratio stays small (3-6x the floor: the keys are
built in Python, one name, address and profile per contact).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--google", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("HANDPICKED_TODAY", "2026-11-25")
    from handpicked.core import contacts
    from handpicked.core.contacts.store.merging import candidate_rows
    from handpicked.core.db import Workspace

    with tempfile.TemporaryDirectory() as folder:
        files = []
        for fmt, rows, seed in (("linkedin", args.rows, 7), ("google", args.google, 8)):
            path = Path(folder) / f"{fmt}.csv"
            subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--rows", str(rows),
                 "--seed", str(seed), "--format", fmt, "-o", str(path)],
                check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            files.append(path)
        ws = Workspace(Path(folder) / "ws")
        for report in contacts.import_paths(ws, files):
            assert report.error is None, report.error
        floor, rule, found = [], [], 0
        for _ in range(args.rounds):
            start = time.perf_counter()
            list(candidate_rows(ws.conn))
            floor.append(time.perf_counter() - start)
            start = time.perf_counter()
            found = len(contacts.duplicate_suggestions(ws))
            rule.append(time.perf_counter() - start)
        ws.close()
    low, high = statistics.median(floor), statistics.median(rule)
    print(f"contacts:     {args.rows + args.google:,} ({found:,} suggestions)")
    print(f"read (floor): {low:.3f} s")
    print(f"suggestions:  {high:.3f} s  ({high / low:.1f}x the floor)")


if __name__ == "__main__":
    main()
