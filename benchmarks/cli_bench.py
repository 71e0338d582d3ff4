"""CLI start at 100,000 contacts against its yardstick, whole processes, side by side in one run.

Run: python3 benchmarks/cli_bench.py [--rows 100000] [--rounds 9] [--cache DIR]

Each round runs `python3 -c "import textual.app"`, `handpicked contacts --search dev --limit 50`
and `handpicked facets` one after the other, so a load on the shared machine hits all three
alike; the medians are compared. Wall time counts waits for the disk and for other processes;
the CPU time (user + system, from getrusage of the children) moves less on a busy machine, so
both are printed. The workspace is tui_bench's cached one (generated and imported once).
Target (issue #13): both commands no slower than `import textual.app`.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.tui_bench import CACHE, workspace  # noqa: E402


def timed(argv: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds a process takes from spawn to exit, its output thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, timeout=120)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    home = workspace(args.rows, args.cache)
    cli = [sys.executable, "-m", "handpicked", "--workspace", str(home)]
    runs = {
        "import textual.app": [sys.executable, "-c", "import textual.app"],
        "contacts --search dev --limit 50": [*cli, "contacts", "--search", "dev", "--limit", "50"],
        "facets": [*cli, "facets"],
    }
    timed(runs["facets"])  # the first run may migrate the workspace: not a start to measure
    walls: dict[str, list[float]] = {name: [] for name in runs}
    cpus: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, argv in runs.items():
            wall, cpu = timed(argv)
            walls[name].append(wall)
            cpus[name].append(cpu)
    wall = {name: statistics.median(values) for name, values in walls.items()}
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    print(f"{args.rows:,} contacts, {args.rounds} rounds, medians:")
    for name in runs:
        print(f"  {name:<34} wall {wall[name]:.3f} s   CPU {cpu[name]:.3f} s")
    base = "import textual.app"
    for name in ("contacts --search dev --limit 50", "facets"):
        w, c = wall[name] / wall[base], cpu[name] / cpu[base]
        verdict = "met" if max(w, c) <= 1 else "NOT met"
        print(f"  {name} / {base}: wall {w:.2f}x, CPU {c:.2f}x (target <= 1: {verdict})")


if __name__ == "__main__":
    main()
