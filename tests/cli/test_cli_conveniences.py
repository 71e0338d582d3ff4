"""Issue #11's small CLI items: --workspace after the command, export's format from -o, campaign
delete, the editor fallback and facets without bare headings, all through the real entry point."""

from __future__ import annotations

import argparse
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from handpicked.cli import build_parser

NETWORK = """\
    Alma,Zorn,https://linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021
    Bruno,Abel,https://linkedin.com/in/bruno-abel,,Northwind,Analyst,03 Jan 2024
"""


def _every_parser(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Each (command path, parser) of the tree under `parser`, the top one excluded."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield (*path, name), child
                yield from _every_parser(child, (*path, name))


def test_every_command_takes_workspace_after_it() -> None:
    """Verify every command and subcommand parser accepts --workspace after its name."""
    missing = [
        " ".join(path)
        for path, parser in _every_parser(build_parser())
        if "--workspace" not in parser._option_string_actions
    ]
    assert missing == []


def test_workspace_after_the_command_is_used_and_wins(cli, imported, tmp_path: Path) -> None:
    """Verify --workspace after the command opens that folder, over one given before it."""
    imported(NETWORK)
    other = tmp_path / "other"
    assert len(cli("contacts", "--json").json()) == 2
    assert cli("contacts", "--workspace", other, "--json").json() == []
    assert cli("config", "set", "me.name", "Ada", "--workspace", other).code == 0
    assert cli("config", "get", "me.name", "--workspace", other).out.strip() == "Ada"
    assert cli("config", "get", "me.name").out.strip() != "Ada"
    ids = imported(NETWORK)
    shown = cli("contact", "show", ids["Alma Zorn"], "--workspace", other)
    assert shown.code == 1 and shown.err.startswith("error: ")


def test_empty_workspace_after_the_command_is_a_usage_error(cli) -> None:
    """Verify an empty --workspace after the command is refused with exit 2, as before it."""
    run = cli("contacts", "--workspace", "")
    assert run.code == 2 and "empty folder name" in run.err


def _campaign(cli, imported) -> None:
    ids = imported(NETWORK)
    made = cli("compose", "c", "--template", "reconnect", "--contact", ids["Alma Zorn"])
    assert made.code == 0, made.err


def test_export_takes_the_format_from_the_output_extension(cli, imported, tmp_path: Path) -> None:
    """Verify export -o FILE.html/.json/.md/.csv writes that format without --format."""
    _campaign(cli, imported)
    for ext in ("html", "json", "md", "csv"):
        target = tmp_path / f"list.{ext}"
        run = cli("export", "c", "-o", target)
        assert run.code == 0, run.err
        assert f"({ext}," in run.out
    assert (tmp_path / "list.html").read_text("utf-8").lstrip().lower().startswith("<!doctype html")
    assert json.loads((tmp_path / "list.json").read_text("utf-8"))["campaign"] == "c"
    upper = cli("export", "c", "-o", tmp_path / "LIST.JSON")
    assert upper.code == 0 and "(json," in upper.out


def test_export_explicit_format_wins_over_the_extension(cli, imported, tmp_path: Path) -> None:
    """Verify --format csv with -o x.html writes CSV into x.html."""
    _campaign(cli, imported)
    target = tmp_path / "x.html"
    assert cli("export", "c", "--format", "csv", "-o", target).code == 0
    assert "<html" not in target.read_text("utf-8").lower()
    assert "Alma" in target.read_text("utf-8")


def test_export_unknown_extension_without_format_is_a_usage_error(
    cli, imported, tmp_path: Path
) -> None:
    """Verify -o x.txt (or stdout) without --format exits 2 naming the formats; nothing written."""
    _campaign(cli, imported)
    run = cli("export", "c", "-o", tmp_path / "x.txt")
    assert run.code == 2
    assert all(f in run.err for f in ("csv", "json", "md", "html")) and "--format" in run.err
    assert not (tmp_path / "x.txt").exists()
    bare = cli("export", "c")
    assert bare.code == 2 and "--format" in bare.err


def test_campaign_delete_with_yes(cli, imported) -> None:
    """Verify campaign delete NAME --yes removes it, and --json says what was deleted."""
    _campaign(cli, imported)
    run = cli("campaign", "delete", "c", "--yes", "--json")
    assert run.code == 0, run.err
    assert run.json() == {"deleted": "c", "messages": 1, "counts": {"queued": 1}}
    assert cli("campaigns", "--json").json() == []
    again = cli("campaign", "delete", "c", "--yes")
    assert again.code == 1 and again.err.startswith("error: no campaign named 'c'")


def test_campaign_delete_without_terminal_or_yes_refuses(cli, imported) -> None:
    """Verify campaign delete with no terminal and no --yes refuses in one line, deleting nothing."""
    _campaign(cli, imported)
    run = cli("campaign", "delete", "c")
    assert run.code == 1
    assert run.err.startswith("error: ") and run.err.count("\n") == 1 and "--yes" in run.err
    assert [s["name"] for s in cli("campaigns", "--json").json()] == ["c"]


def _fake_editor(folder: Path, name: str) -> None:
    """A real executable called `name` that rewrites the file it is given."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import pathlib, sys\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"p.write_text('Written by {name}\\n')\n"
    )
    script.chmod(0o755)


def test_edit_falls_back_to_nano_then_vi_on_path(cli, imported, tmp_path: Path, monkeypatch):
    """Verify edit without $VISUAL/$EDITOR runs nano, else vi, found on PATH."""
    _campaign(cli, imported)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    both, only_vi = tmp_path / "both", tmp_path / "only_vi"
    _fake_editor(both, "nano")
    _fake_editor(both, "vi")
    _fake_editor(only_vi, "vi")
    alma = imported(NETWORK)["Alma Zorn"]
    monkeypatch.setenv("PATH", str(both))
    assert cli("edit", "c", alma).code == 0
    assert cli("preview", "c", "--json").json()["messages"][0]["body"] == "Written by nano"
    monkeypatch.setenv("PATH", str(only_vi))
    assert cli("edit", "c", alma).code == 0
    assert cli("preview", "c", "--json").json()["messages"][0]["body"] == "Written by vi"


def test_edit_without_any_editor_says_error_in_one_line(cli, imported, tmp_path, monkeypatch):
    """Verify edit with no $VISUAL/$EDITOR and no nano/vi on PATH prints one `error: ` line."""
    _campaign(cli, imported)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    run = cli("edit", "c", imported(NETWORK)["Alma Zorn"])
    assert run.code == 1 and run.err.startswith("error: ") and run.err.count("\n") == 1
    monkeypatch.setenv("EDITOR", "vim '")  # an unclosed quote
    bad = cli("edit", "c", imported(NETWORK)["Alma Zorn"])
    assert bad.code == 1 and bad.err.startswith("error: ") and bad.err.count("\n") == 1


def test_facets_prints_no_empty_heading(cli, imported) -> None:
    """Verify facets leaves out a facet without values (no bare `tag:` heading)."""
    imported(NETWORK)
    lines = cli("facets").out.splitlines()
    assert "tag:" not in lines and "sector:" in lines
    nothing = cli("facets", "--search", "zzzz-nobody").out.splitlines()
    assert [line for line in nothing if line.endswith(":")] == []
    assert nothing != []


def _delete_at_a_terminal(workspace: Path, answer: str) -> str:
    """Run `campaign delete c` in a real process whose stdin is a terminal, typing `answer`."""
    leader, follower = pty.openpty()
    try:
        os.write(leader, answer.encode() + b"\n")
        command = ["campaign", "delete", "c"]
        done = subprocess.run(
            [sys.executable, "-m", "handpicked.cli", "--workspace", str(workspace), *command],
            stdin=follower,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(leader)
        os.close(follower)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_campaign_delete_asks_at_a_terminal(cli, imported, tmp_path: Path) -> None:
    """Verify campaign delete asks on a terminal: `n` keeps the campaign, `y` deletes it."""
    _campaign(cli, imported)
    kept = _delete_at_a_terminal(tmp_path / "ws", "n")
    assert "Delete campaign 'c' and its 1 message? [y/N]" in kept and "Nothing deleted." in kept
    assert [s["name"] for s in cli("campaigns", "--json").json()] == ["c"]
    gone = _delete_at_a_terminal(tmp_path / "ws", "y")
    assert "Deleted campaign 'c' and its 1 message" in gone
    assert cli("campaigns", "--json").json() == []
