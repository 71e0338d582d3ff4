"""Compose speed: 20 messages rendered and linted, a 30,000-person campaign, and mailmerge's pace.

Run: python3 benchmarks/compose_bench.py [--rows 30000] [--no-mailmerge]
Prints: the time to render and lint 20 messages (target: under 20 ms), the time to compose a
campaign of every contact of a 30,000-contact workspace with --allow-large (target: under 2 s),
and messages per second against `mailmerge --dry-run` on the same body and the same contacts
(target: at least 10x). mailmerge is the `bench` extra: pip install -e '.[bench]'.
Figures only: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import csv
import re
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
from handpicked.core import campaigns, config, contacts  # noqa: E402
from handpicked.core.filters import AudienceFilter  # noqa: E402
from handpicked.core.importing import import_paths  # noqa: E402
from handpicked.core.templates import contact_context, shipped_templates_dir  # noqa: E402
from handpicked.core.workspace import Workspace, today  # noqa: E402

TEMPLATE = "bench-invitation"
VARIABLES = {
    "event_name": "the Harbour Data Day",
    "event_date": "Thursday, May 15, at 5 p.m.",
    "event_place": "the Old Port, Montréal",
    "event_topic": "open data in public services",
}
SIGNATURE = "Sam Example, community lead"
_ME = re.compile(r"me\.signature\s+or\s+me\.name")


def body_source() -> tuple[str, str]:
    """(front matter, body) of the shipped English event invitation: the body both tools render."""
    text = (shipped_templates_dir() / "event-invitation.en.j2").read_text("utf-8")
    _, front, body = text.split("+++\n", 2)
    return front, body


def setup(folder: Path, rows: int) -> Workspace:
    export = write_linkedin(folder / "Connections.csv", rows, seed=7)
    ws = Workspace(folder / "ws")
    start = time.perf_counter()
    report = import_paths(ws, [export])[0]
    assert report.error is None, report.error
    print(f"import of {rows:,} contacts: {time.perf_counter() - start:.2f} s (setup, not measured)")
    # One language for everyone, so both tools render exactly the same body.
    front, body = body_source()
    ws.templates_dir.mkdir(parents=True, exist_ok=True)
    (ws.templates_dir / f"{TEMPLATE}.en.j2").write_text(f"+++\n{front}+++\n{body}", "utf-8")
    config.set_value(ws, "me.name", "Sam Example")
    config.set_value(ws, "me.signature", SIGNATURE)
    return ws


def bench_twenty(ws: Workspace, runs: int = 30) -> None:
    people = contacts.list_contacts(ws, limit=20)
    campaigns.draft(ws, TEMPLATE, VARIABLES, people)  # compile once, as the TUI does
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        views = campaigns.draft(ws, TEMPLATE, VARIABLES, people)
        times.append(time.perf_counter() - start)
    warnings = sum(len(v.warnings) for v in views)
    print(
        f"render + lint 20 messages: median {statistics.median(times) * 1000:.1f} ms, best "
        f"{min(times) * 1000:.1f} ms over {runs} runs ({warnings} warnings) [target < 20 ms]"
    )


def bench_compose(ws: Workspace) -> tuple[int, float]:
    start = time.perf_counter()
    report = campaigns.compose(
        ws, "bench", template=TEMPLATE, variables=VARIABLES,
        f=AudienceFilter(not_contacted_days=30), allow_large=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    print(
        f"compose {report.added:,} messages (--allow-large): {elapsed:.2f} s, "
        f"{report.added / elapsed:,.0f} messages/s, {report.warnings:,} warnings [target < 2 s]"
    )
    return report.added, elapsed


def bench_mailmerge(ws: Workspace, folder: Path) -> float | None:
    """Messages per second of `mailmerge --dry-run` over the same contacts and body."""
    program = shutil.which("mailmerge")
    if program is None:
        print("mailmerge: not installed (pip install -e '.[bench]'); comparison skipped")
        return None
    _, body = body_source()
    template = folder / "mailmerge_template.txt"
    template.write_text(
        "TO: {{email}}\nSUBJECT: An invitation\nFROM: Sam Example <sam@example.com>\n\n"
        + _ME.sub("me_signature", body),
        "utf-8",
    )
    server = folder / "mailmerge_server.conf"
    server.write_text(
        "[smtp_server]\nhost = 127.0.0.1\nport = 25\nsecurity = Never\nratelimit = 0\n", "utf-8"
    )
    database = folder / "mailmerge_database.csv"
    people = contacts.list_contacts(ws)
    now = today()
    columns = ["email", "greeting_name", "position", "company", *VARIABLES, "me_signature"]
    with database.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for contact in people:
            context = contact_context(contact, today=now, me={})
            writer.writerow([
                contact.email or f"contact{contact.id}@example.invalid", context["greeting_name"],
                context["position"], context["company"], *VARIABLES.values(), SIGNATURE,
            ])  # fmt: skip
    command = [program, "--dry-run", "--no-limit", "--output-format", "raw", "--template",
               str(template), "--database", str(database), "--config", str(server)]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        print(f"mailmerge failed ({done.returncode}): {done.stderr.decode(errors='replace')[:300]}")
        return None
    rate = len(people) / elapsed
    print(f"mailmerge --dry-run {len(people):,} messages: {elapsed:.2f} s, {rate:,.0f} messages/s")
    return rate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--no-mailmerge", action="store_true")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="handpicked-compose-bench-"))
    try:
        ws = setup(folder, args.rows)
        bench_twenty(ws)
        added, elapsed = bench_compose(ws)
        if not args.no_mailmerge:
            theirs = bench_mailmerge(ws, folder)
            if theirs:
                ours = added / elapsed
                print(f"handpicked / mailmerge: {ours / theirs:.1f}x [target >= 10x]")
        ws.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
