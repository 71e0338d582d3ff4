"""LinkedIn's data archive import against reading its messages.csv with plain `csv.reader`.

Run: python3 benchmarks/archive_bench.py [--connections 30000] [--messages 200000] [--rounds 3]

A seeded archive (benchmarks/linkedin_archive.py around a generated Connections.csv) is
imported whole, in a fresh workspace, by a child process; the floor is another child reading the
archive's messages.csv, unzipped on disk, with `csv.reader` and nothing else. Each round runs
both one after the other, so a load on the shared machine hits both alike; the medians are
compared, in wall time and in CPU time (the steadier of the two on a shared machine). The
messages alone (connections already stored) are measured too: that is the archive's own work,
the connections being `import_bench.py`'s business.
Targets (issue #12): the archive import <= 3x the floor; peak memory (VmHWM, else ru_maxrss, of
the import process) under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate import write_linkedin  # noqa: E402
from benchmarks.linkedin_archive import OWNER, write_archive  # noqa: E402

_FLOOR = r"""
import csv, json, sys, time
start, cpu = time.perf_counter(), time.process_time()
with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
    rows = sum(1 for _ in csv.reader(handle))
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "rows": rows}))
"""

_IMPORT = r"""
import json, resource, sys, time
from pathlib import Path
from handpicked.core import config
from handpicked.core.contacts import import_paths
from handpicked.core.db import Workspace
home, target, first, owner = sys.argv[1:5]
ws = Workspace(Path(home))
if first:  # stored beforehand, not measured
    assert all(r.error is None for r in import_paths(ws, [Path(first)]))
    config.set_value(ws, "me.profile_url", owner)
start, cpu = time.perf_counter(), time.process_time()
reports = import_paths(ws, [Path(target)])
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
errors = [r.error for r in reports if r.error]
assert not errors, errors
stored = ws.conn.execute("SELECT count(*) FROM interactions").fetchone()[0]
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:  # this process's own high-water mark: ru_maxrss may carry the parent's across exec
    status = Path("/proc/self/status").read_text()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    pass
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "interactions": stored}))
"""


def _child(code: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="handpicked-archive-bench-"))
    try:
        connections = write_linkedin(folder / "Connections.csv", args.connections, seed=7)
        archive = write_archive(
            folder / "Basic_LinkedInDataExport_11-25-2026.zip",
            connections,
            messages=args.messages,
            invitations=args.connections // 10,
        )
        with zipfile.ZipFile(archive) as z:
            messages = folder / "messages.csv"
            messages.write_bytes(z.read("messages.csv"))
        size = messages.stat().st_size / 1024**2
        print(f"archive: {args.connections:,} connections, {args.messages:,} messages.csv rows"
              f" ({size:.0f} MB), zip {archive.stat().st_size / 1024**2:.1f} MB")  # fmt: skip
        floors, whole, alone, peaks = [], [], [], []
        cpu: dict[str, list[float]] = {"floor": [], "whole": [], "alone": []}
        for round_ in range(args.rounds):
            floor_run = _child(_FLOOR, str(messages))
            floors.append(floor_run["seconds"])
            cpu["floor"].append(floor_run["cpu"])
            home = folder / f"ws-{round_}"
            done = _child(_IMPORT, str(home), str(archive), "", "")
            whole.append(done["seconds"])
            cpu["whole"].append(done["cpu"])
            peaks.append(done["peak_mb"])
            home = folder / f"ws-alone-{round_}"
            alone_run = _child(_IMPORT, str(home), str(messages), str(connections), OWNER[2])
            alone.append(alone_run["seconds"])
            cpu["alone"].append(alone_run["cpu"])
            peaks.append(alone_run["peak_mb"])
            print(
                f"round {round_ + 1}: csv.reader {floors[-1]:.2f} s, archive {whole[-1]:.2f} s,"
                f" messages.csv alone {alone[-1]:.2f} s,"
                f" {done['interactions']:,} interactions stored"
            )
        floor, archive_s, alone_s = (statistics.median(x) for x in (floors, whole, alone))
        print(f"csv.reader over messages.csv (floor): {floor:.2f} s")
        print(f"whole archive import:  {archive_s:.2f} s = {archive_s / floor:.2f}x the floor")
        print(f"messages.csv alone:    {alone_s:.2f} s = {alone_s / floor:.2f}x the floor"
              " (target <= 3x)")  # fmt: skip
        on_cpu = {key: statistics.median(values) for key, values in cpu.items()}
        print(f"the same in CPU time (steadier when the machine is shared): floor"
              f" {on_cpu['floor']:.2f} s, whole archive {on_cpu['whole'] / on_cpu['floor']:.2f}x,"
              f" messages.csv alone {on_cpu['alone'] / on_cpu['floor']:.2f}x")  # fmt: skip
        print(f"peak memory of an import: {max(peaks):.0f} MB (target < 300 MB)")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
