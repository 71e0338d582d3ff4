"""How fast the Contacts screen is at LinkedIn's sizes: start-up, keystroke and facet click.

Run: python3 benchmarks/tui_bench.py [--rows 30000 100000] [--runs 3]
Workspaces are generated (benchmarks/generate.py) and imported once, then cached under
/tmp/handpicked-tui-bench. Prints, per size:
  - start-up to first painted table, measured from before the process is spawned to the first
    frame that holds the table's rows (headless, 120x40), best of N;
  - keystroke to repainted table while typing a word letter by letter (each keystroke's filter
    started at once, the 0.15 s debounce left out), wall time and process CPU (all threads);
  - facet click to repainted table, likewise.
Targets on a 2-core machine: first paint of 100,000 contacts under 1.5 s; keystroke to repaint
under 100 ms CPU at 100,000. These are figures to read, never assertions of a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HANDPICKED_TODAY", "2026-11-25")

CACHE = Path("/tmp/handpicked-tui-bench")
START_TARGET = 1.5
KEY_TARGET = 0.100

# The real entry point (`handpicked --workspace DIR`), headless at 120x40, printing the wall time
# of the first frame that holds contact rows, and where the time went.
_CHILD = r"""
import sys, time
from handpicked.tui.app import HandpickedApp
from handpicked.tui.screens.contacts import ContactsScreen

marks = {"imported": time.time()}
original_display, original_run = HandpickedApp._display, HandpickedApp.run

def display(self, screen, renderable):
    original_display(self, screen, renderable)
    if "first_frame" not in marks and renderable is not None:
        marks["first_frame"] = time.time()
    if renderable is not None and isinstance(screen, ContactsScreen) and screen.result is not None:
        if len(screen.result) and "painted" not in marks:
            marks["painted"] = time.time()
            print(" ".join(f"{k}={v!r}" for k, v in marks.items()), flush=True)
            self.exit()

def run(self, *args, **kwargs):
    return original_run(self, headless=True, size=(120, 40))

HandpickedApp._display, HandpickedApp.run = display, run
from handpicked.cli import main
main(["--workspace", sys.argv[1]])
"""


def workspace(rows: int) -> Path:
    """A workspace of `rows` generated LinkedIn contacts, imported once and cached."""
    home = CACHE / f"ws-{rows}"
    done = home / ".complete"
    if done.exists():
        return home
    from benchmarks.generate import write_linkedin
    from handpicked.core.contacts.merge.files import import_paths
    from handpicked.core.db import Workspace

    CACHE.mkdir(parents=True, exist_ok=True)
    source = write_linkedin(CACHE / f"Connections-{rows}.csv", count=rows, seed=7)
    if home.exists():
        for item in home.iterdir():
            item.unlink()
    started = time.perf_counter()
    ws = Workspace(home)
    report = import_paths(ws, [source])[0]
    assert report.error is None, report.error
    ws.close()
    done.write_text("ok")
    print(f"  (imported {rows:,} contacts into {home} in {time.perf_counter() - started:.1f} s)")
    return home


def first_paint(home: Path) -> dict[str, float]:
    """Seconds from spawning the process to its first frame, and to the first frame of rows."""
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(home)],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    marks = dict(item.split("=") for item in out.stdout.split())
    return {name: float(at) - started for name, at in marks.items()}


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
                previous = screen.result
                wall, cpu = time.perf_counter(), time.process_time()
                await action()
                while screen.result is previous:
                    await asyncio.sleep(0.0005)
                settled = time.perf_counter()
                while not frames or frames[-1] < settled:
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
    args = parser.parse_args()
    print(f"handpicked TUI benchmark ({os.cpu_count()} CPUs)")
    for rows in args.rows:
        home = workspace(rows)
        best = min((first_paint(home) for _ in range(args.runs)), key=lambda m: m["painted"])
        paint = best["painted"]
        line = (
            f"{rows:>7,} contacts: first paint {paint:.2f} s from process start (imports done "
            f"{best['imported']:.2f} s, first frame {best['first_frame']:.2f} s)"
        )
        if rows >= 100_000:
            line += f" (target < {START_TARGET} s: {verdict(paint < START_TARGET)})"
        print(line)
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
