"""How fast the Contacts screen is at LinkedIn's sizes: start-up, keystroke and facet click.

Run: python3 benchmarks/tui_bench.py [--rows 30000 100000] [--runs 3] [--cache DIR]
Workspaces are generated (benchmarks/generate.py) and imported once, then cached under
/tmp/handpicked-tui-bench (or DIR: two people benchmarking at once each keep their own), with
the Contacts screen's snapshot file in place, as a returning user has it. Prints, at 100,000
contacts, start-up side by side with its yardsticks (alternating rounds, medians):
`contacts --search dev --limit 50` and `facets` against `python3 -c "import textual.app"`
(target: no slower), and the app's first painted table against a hello-world Textual app's
first frame (target: at most 3x), each with its process CPU time up to that frame (all threads;
steadier than wall time on a shared machine, and a thread working in parallel shows). The
first painted table is the network as the snapshot holds it; the settings (the gauge's target,
Hide recent's days, the first-run question) are read right after it, for the next frame. Then, per
size:
  - start-up to first painted table, measured from before the process is spawned to the first
    frame that holds the table's rows (headless, 120x40), best of N; then once without the
    snapshot (the first start after the database changed: the index is read from SQLite);
  - keystroke to repainted table while typing a word letter by letter (each keystroke's filter
    started at once, the 0.15 s debounce left out), wall time and process CPU (all threads);
  - facet click to repainted table, likewise.
Targets on a 2-core machine: first paint of 100,000 contacts under 1.5 s; keystroke to repaint
under 100 ms CPU at 100,000. These are figures to read, never assertions of a test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HANDPICKED_TODAY", "2026-11-25")

from benchmarks.first_paint import FIRST_PAINT, HELLO, MARKS  # noqa: E402

CACHE = Path("/tmp/handpicked-tui-bench")
START_TARGET = 1.5
KEY_TARGET = 0.100
RESULT_WAIT = 30.0  # a filter slower than this is a hang, not a figure
FRAME_WAIT = 0.5  # an unchanged screen draws no frame: stop waiting for one


def workspace(rows: int, cache: Path = CACHE) -> Path:
    """A workspace of `rows` generated LinkedIn contacts, imported once and cached; its user is
    named, as a returning user's is (else the first-run question covers the table)."""
    home = cache / f"ws-{rows}"
    done = home / ".complete"
    if done.exists():
        _name_the_user(home)
        return home
    from benchmarks.generate import write_linkedin
    from handpicked.core.contacts.merge.files import import_paths
    from handpicked.core.db import Workspace

    cache.mkdir(parents=True, exist_ok=True)
    source = write_linkedin(cache / f"Connections-{rows}.csv", count=rows, seed=7)
    if home.exists():
        for item in home.iterdir():
            item.unlink()
    started = time.perf_counter()
    ws = Workspace(home)
    report = import_paths(ws, [source])[0]
    assert report.error is None, report.error
    ws.close()
    _name_the_user(home)
    done.write_text("ok")
    print(f"  (imported {rows:,} contacts into {home} in {time.perf_counter() - started:.1f} s)")
    return home


def _name_the_user(home: Path) -> None:
    from handpicked.core import config
    from handpicked.core.db import Workspace

    ws = Workspace(home)
    if not config.load(ws).me.name:
        config.set_value(ws, "me.name", "Bench Marker")


def keep_snapshot(home: Path) -> None:
    """Write the Contacts screen's snapshot file if it is missing or stale (waits ~2 s if the
    database was written a moment ago)."""
    from handpicked.core.contacts.browse import BrowseIndex
    from handpicked.core.db import Workspace

    ws = Workspace(home)
    BrowseIndex.load(ws).save_snapshot(ws)
    ws.close()


def first_paint(home: Path | None) -> dict[str, float]:
    """Seconds from spawning the process to its first frame, and to the first frame of rows
    (`home` None: the hello-world app's first frame); "cpu": the process's CPU seconds then."""
    argv = [HELLO] if home is None else [FIRST_PAINT, str(home)]
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", *argv], capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    marks = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        name: marks[name] - (0 if name == "cpu" else started) for name in MARKS if name in marks
    }


def wall(argv: list[str]) -> float:
    """Seconds a process takes from spawn to exit (its output thrown away)."""
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, timeout=120)
    return time.perf_counter() - started


def side_by_side(home: Path, rounds: int) -> None:
    """CLI and app start-up against their yardsticks, in alternating rounds, medians compared."""
    cli = [sys.executable, "-m", "handpicked", "--workspace", str(home)]
    cpu: dict[str, list[float]] = {"hello-world first paint": [], "app first paint": []}

    def paint(name: str, where: Path | None) -> float:
        figures = first_paint(where)
        cpu[name].append(figures["cpu"])
        return figures["painted"]

    runs: dict[str, Any] = {
        "import textual.app": lambda: wall([sys.executable, "-c", "import textual.app"]),
        "contacts --search dev --limit 50": lambda: wall(
            [*cli, "contacts", "--search", "dev", "--limit", "50"]
        ),
        "facets": lambda: wall([*cli, "facets"]),
        "hello-world first paint": lambda: paint("hello-world first paint", None),
        "app first paint": lambda: paint("app first paint", home),
    }
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            samples[name].append(run())
    median = {name: statistics.median(values) for name, values in samples.items()}
    for name in runs:
        line = f"          {name:<34} median {median[name]:.3f} s"
        if name in cpu:
            line += f" (CPU median {statistics.median(cpu[name]):.3f} s)"
        print(line)
    base = median["import textual.app"]
    for name in ("contacts --search dev --limit 50", "facets"):
        ratio = median[name] / base
        print(f"          {name} / import textual.app = {ratio:.2f}x (target <= 1: "
              f"{verdict(ratio <= 1)})")  # fmt: skip
    ratio = median["app first paint"] / median["hello-world first paint"]
    print(f"          app first paint / hello-world first paint = {ratio:.2f}x (target <= 3: "
          f"{verdict(ratio <= 3)})")  # fmt: skip


async def interactive(home: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, cpu) seconds per keystroke and per facet click, in one running app."""
    from handpicked.core.db import Workspace
    from handpicked.tui.app import HandpickedApp, make_app
    from handpicked.tui.widgets.facet_list import FacetList

    app = make_app(Workspace(home))
    frames: list[float] = []
    original = HandpickedApp._display

    def display(self, screen, renderable):
        original(self, screen, renderable)
        if renderable is not None:
            frames.append(time.perf_counter())

    HandpickedApp._display = display
    results: dict[str, list[tuple[float, float]]] = {"keystroke": [], "facet click": []}
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            while screen.result is None:
                await pilot.pause(0.01)
            await pilot.pause(0.1)

            async def repaint(action) -> tuple[float, float]:
                """Until the new result is drawn; a result that changes nothing on the screen
                draws no frame, so after FRAME_WAIT without one the result's time counts."""
                previous = screen.result
                wall, cpu = time.perf_counter(), time.process_time()
                await action()
                deadline = time.perf_counter() + RESULT_WAIT
                while screen.result is previous:
                    if time.perf_counter() > deadline:
                        raise TimeoutError(f"no new result within {RESULT_WAIT} s")
                    await asyncio.sleep(0.0005)
                settled = time.perf_counter()
                while not frames or frames[-1] < settled:
                    if time.perf_counter() - settled > FRAME_WAIT:
                        return settled - wall, time.process_time() - cpu
                    await asyncio.sleep(0.0005)
                return frames[-1] - wall, time.process_time() - cpu

            for _ in range(runs):
                for end in range(1, len("developpeur") + 1):
                    query = "developpeur"[:end]

                    async def type_one(q=query) -> None:
                        screen.filter = screen.filter.model_copy(update={"search": q})
                        screen._refilter()

                    results["keystroke"].append(await repaint(type_one))
                facet = screen.query_one("#facet-sector", FacetList)
                for _ in range(2):  # tick, then untick, the largest sector

                    async def click(facet=facet) -> None:
                        facet.highlighted = 0
                        facet.action_select()

                    results["facet click"].append(await repaint(click))

                async def clear() -> None:
                    screen.filter = screen.filter.model_copy(update={"search": ""})
                    screen._refilter()

                await repaint(clear)
    finally:
        HandpickedApp._display = original
    return results


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[30_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="best of N start-ups (default 3)")
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating rounds of the side-by-side start-ups"
    )
    parser.add_argument("--cache", type=Path, default=CACHE, help=f"default: {CACHE}")
    args = parser.parse_args()
    print(f"handpicked TUI benchmark ({os.cpu_count()} CPUs)")
    for rows in args.rows:
        home = workspace(rows, args.cache)
        keep_snapshot(home)
        if rows >= 100_000:
            print(f"{rows:>7,} contacts, start-up side by side ({args.rounds} rounds, medians):")
            side_by_side(home, args.rounds)
        best = min((first_paint(home) for _ in range(args.runs)), key=lambda m: m["painted"])
        paint = best["painted"]
        line = (
            f"{rows:>7,} contacts: first paint {paint:.2f} s from process start (imports done "
            f"{best['imported']:.2f} s, first frame {best['first_frame']:.2f} s)"
        )
        if rows >= 100_000:
            line += f" (target < {START_TARGET} s: {verdict(paint < START_TARGET)})"
        print(line)
        Path(home, "contacts-index.arrow").unlink(missing_ok=True)
        cold = first_paint(home)["painted"]
        keep_snapshot(home)
        print(f"          without the snapshot (first start after a change): {cold:.2f} s")
        figures = asyncio.run(interactive(home, args.runs))
        for name, samples in figures.items():
            walls = [w for w, _ in samples]
            cpus = [c for _, c in samples]
            line = (
                f"          {name:<11} -> repaint: median {statistics.median(walls) * 1000:5.1f} ms"
                f", max {max(walls) * 1000:5.1f} ms wall; CPU median "
                f"{statistics.median(cpus) * 1000:5.1f} ms, max {max(cpus) * 1000:5.1f} ms"
            )
            if name == "keystroke" and rows >= 100_000:
                line += f" (target < {KEY_TARGET * 1000:.0f} ms CPU: "
                line += f"{verdict(max(cpus) < KEY_TARGET)})"
            print(line)


if __name__ == "__main__":
    main()
