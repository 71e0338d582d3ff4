"""`contacts duplicates` and `contacts merge` through the real entry point (and a real terminal)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from duplicates_data import build, outcome


@pytest.fixture
def pair(tmp_path: Path) -> tuple[int, int]:
    """The LinkedIn and Google records of one person, in the CLI's workspace (tmp_path/ws)."""
    ws, keep, other = build(tmp_path / "ws", tmp_path / "files")
    ws.close()
    return keep, other


def test_duplicates_lists_each_suggestion_with_why(cli, pair) -> None:
    """Verify `contacts duplicates` names both contacts and why, in text and in JSON."""
    keep, other = pair
    run = cli("contacts", "duplicates")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].split()[0] == str(keep) and "Jean-François Côté" in lines[0]
    assert f"and {other:>6}  Jean Francois Cote" in lines[0]
    assert lines[1].strip() == (
        "same name; imported from LinkedIn and Google; different company: Acme / Beta Inc"
    )
    assert lines[2].startswith("1 possible duplicate; merge one with: handpicked contacts merge")
    [found] = cli("contacts", "duplicates", "--json").json()
    assert (found["keep"], found["other"]) == (keep, other)
    assert found["why"] == lines[1].strip()


def test_dismiss_records_two_people_once(cli, pair) -> None:
    """Verify --dismiss hides the pair from then on, and saying it again changes nothing."""
    keep, other = pair
    run = cli("contacts", "duplicates", "--dismiss", other, keep)
    assert run.code == 0 and "will not be suggested again" in run.out
    assert cli("contacts", "duplicates", "--json").json() == []
    assert cli("contacts", "duplicates").out == "No possible duplicates.\n"
    again = cli("contacts", "duplicates", "--dismiss", keep, other, "--json").json()
    assert again == {"dismissed": [keep, other], "new": False}


@pytest.mark.parametrize("command", ["merge", "duplicates --dismiss"])
def test_the_same_id_twice_or_an_unknown_one_is_one_error_line(cli, pair, command) -> None:
    """Verify merging or dismissing one id twice, or an unknown id, exits 1 with one line."""
    keep, _ = pair
    for ids in ((keep, keep), (keep, 999)):
        run = cli("contacts", *command.split(), *ids, "--yes" if command == "merge" else "--json")
        assert run.code == 1 and run.out == ""
        assert run.err.count("\n") == 1 and run.err.startswith("error: ")
    assert f"contact {keep} was named twice" in cli("contacts", "merge", keep, keep).err
    assert "no contact with id 999" in run.err


def test_merge_with_yes_merges_and_says_what_it_did(cli, pair, tmp_path: Path) -> None:
    """Verify `contacts merge KEEP OTHER --yes --json` merges (the other is gone, its history
    with the kept one) and prints the plan as JSON only."""
    keep, other = pair
    run = cli("contacts", "merge", keep, other, "--yes", "--json")
    assert run.code == 0, run.err
    done = run.json()
    assert (done["keep"], done["other"], done["do_not_contact"]) == (keep, other, True)
    assert done["conflicts"] == [
        {"campaign": "spring", "kept": "sent", "dropped": "queued", "kept_from": other}
    ]
    assert f"Do not contact: on, as id {other} was." in done["lines"]
    rows = outcome(tmp_path / "ws" / "handpicked.db")
    assert other not in {c[0] for c in rows["contacts"]}
    assert {m[2] for m in rows["messages"]} == {keep}
    assert cli("contacts", "duplicates", "--json").json() == []
    assert cli("contact", "show", other).code == 1


def test_merge_without_terminal_or_yes_refuses(cli, pair, tmp_path: Path) -> None:
    """Verify merge with no terminal to ask on and no --yes refuses in one line, merging nothing."""
    keep, other = pair
    before = outcome(tmp_path / "ws" / "handpicked.db")
    run = cli("contacts", "merge", keep, other)
    assert run.code == 1
    assert run.err == (
        f"error: no terminal to confirm merging contact {other} into {keep}; add --yes to merge\n"
    )
    assert outcome(tmp_path / "ws" / "handpicked.db") == before


def _merge_at_a_terminal(workspace: Path, keep: int, other: int, answer: str) -> str:
    """Run `contacts merge KEEP OTHER` in a real process whose stdin is a terminal."""
    leader, follower = pty.openpty()
    try:
        os.write(leader, answer.encode() + b"\n")
        done = subprocess.run(
            [sys.executable, "-m", "handpicked.cli", "--workspace", str(workspace),
             "contacts", "merge", str(keep), str(other)],
            stdin=follower, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    finally:
        os.close(leader)
        os.close(follower)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_merge_shows_the_plan_and_asks_at_a_terminal(cli, pair, tmp_path: Path) -> None:
    """Verify merge at a terminal shows what is kept and asks: `n` merges nothing, `y` merges."""
    keep, other = pair
    db = tmp_path / "ws" / "handpicked.db"
    before = outcome(db)
    kept = _merge_at_a_terminal(tmp_path / "ws", keep, other, "n")
    assert f"Keep Jean-François Côté (id {keep}); merge in Jean Francois Cote" in kept
    assert "Email from id" in kept and "jf@beta.example" in kept
    assert f"Merge contact {other} into {keep}? [y/N]" in kept and "Nothing merged." in kept
    assert outcome(db) == before
    merged = _merge_at_a_terminal(tmp_path / "ws", keep, other, "y")
    assert f"Merged contact {other} into {keep}." in merged
    assert other not in {c[0] for c in outcome(db)["contacts"]}


def test_import_points_out_possible_duplicates(cli, tmp_path: Path) -> None:
    """Verify an import that leaves possible duplicates says how many and where to see them
    (a line of the report, a count in JSON), and one that leaves none says nothing of them."""
    from duplicates_data import GOOGLE, LINKEDIN

    files = tmp_path / "files"
    files.mkdir()
    (files / "Connections.csv").write_text(LINKEDIN, encoding="utf-8")
    (files / "google.csv").write_text(GOOGLE, encoding="utf-8")
    first = cli("import", files / "Connections.csv")
    assert first.code == 0, first.err
    assert "duplicate" not in first.out
    second = cli("import", files / "google.csv")
    assert second.code == 0, second.err
    assert second.out.splitlines()[-1] == (
        "1 possible duplicate: see `handpicked contacts duplicates`"
    )
    changed = files / "google2.csv"
    changed.write_text(GOOGLE + "Zed,Zulu,,,,,zed@example.com\n", encoding="utf-8")
    assert cli("import", changed, "--json").json()["possible_duplicates"] == 1
    # Nothing new or changed: no new pair can appear, and a re-import stays quick
    assert "possible_duplicates" not in cli("import", files / "Connections.csv", "--json").json()
