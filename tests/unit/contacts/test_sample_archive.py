"""The shipped sample archive: made by its generator, and a history matching the sample's people."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.linkedin_archive import SAMPLE_NAME, write_archive
from handpicked.cli import main
from handpicked.commands.setup import build_demo
from handpicked.core.contacts import import_paths
from handpicked.core.db import Workspace

SAMPLES = Path(__file__).resolve().parents[3] / "sample_contacts"


def test_sample_archive_is_what_the_generator_writes(tmp_path) -> None:
    """Verify the shipped zip is byte for byte the generator's output (nothing edited by hand)."""
    made = write_archive(
        tmp_path / SAMPLE_NAME, SAMPLES / "Connections.csv", messages=600, invitations=40
    )
    assert made.read_bytes() == (SAMPLES / SAMPLE_NAME).read_bytes()


def test_sample_archive_history_matches_the_sample_people(tmp_path) -> None:
    """Verify the sample archive imports: its people are the sample's, two years of messages
    both ways, groups, and the drafts and sponsored rows left out."""
    ws = Workspace(tmp_path / "ws")
    reports = {
        Path(r.path.rpartition(":")[2]).name: r for r in import_paths(ws, [SAMPLES / SAMPLE_NAME])
    }
    assert all(r.error is None for r in reports.values())
    assert reports["Connections.csv"].imported == 320
    messages = reports["messages.csv"]
    assert messages.imported > 500 and messages.unmatched is not None
    assert messages.unmatched < messages.imported / 10  # strangers only
    assert {issue.reason for issue in messages.skipped} == {"a draft", "sponsored or InMail"}
    conn = ws.conn
    months, directions, groups = conn.execute(
        "SELECT count(DISTINCT substr(at, 1, 7)), count(DISTINCT direction), sum(is_group)"
        " FROM interactions WHERE kind = 'message'"
    ).fetchone()
    assert months >= 20 and directions == 2 and groups > 0
    assert reports["Invitations.csv"].unmatched == 0


def test_demo_workspace_holds_the_sample_archive_history(tmp_path, capsys) -> None:
    """Verify `handpicked demo`'s workspace imports the sample archive too: sample people have
    LinkedIn messages both ways, and the sample's contacts are there once each."""
    ws = build_demo(tmp_path)
    assert capsys.readouterr().err == ""
    assert main(["--workspace", str(ws.home), "contacts", "--json"]) == 0
    people = json.loads(capsys.readouterr().out)
    heard = [p for p in people if p["last_heard_from"] and p["interactions"]["sent"]]
    assert len(heard) > 50
    urls = [p["profile_url"] for p in people if p["profile_url"]]
    assert len(urls) == len(set(urls)) >= 320
    assert ws.conn.execute("SELECT count(*) FROM interactions").fetchone()[0] > 500
