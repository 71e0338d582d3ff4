"""The app's re-import report names the same people as the CLI: one core, two faces."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from handpicked.cli import main
from handpicked.core.contacts import import_paths

SIZE = (120, 40)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
OLD = textwrap.dedent(f"""\
    {HEADER}
    Ana,Lima,https://www.linkedin.com/in/ana,,Acme,CEO,01 Jan 2022
    Luc,Roy,https://www.linkedin.com/in/luc,,Bell,Dev,02 Feb 2022
    Zoé,Gagnon,https://www.linkedin.com/in/zoe,,Cora,Designer,03 Mar 2022
""")
NEW = textwrap.dedent(f"""\
    {HEADER}
    Ana,Lima,https://www.linkedin.com/in/ana,,Umbra,COO,01 Jan 2022
    Luc,Roy,https://www.linkedin.com/in/luc,luc@bell.test,Bell,Dev,02 Feb 2022
    Zoé,Gagnon,https://www.linkedin.com/in/zoe,,Cora,Design Lead,03 Mar 2022
""")


def run_cli(capsys: pytest.CaptureFixture[str], home: Path, *args: str | Path) -> str:
    """`handpicked --workspace HOME ARGS...` in this process; its stdout (exit 0 is asserted)."""
    capsys.readouterr()
    code = main(["--workspace", str(home), *map(str, args)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


async def test_reimport_notice_names_who_changed_position_like_the_cli(
    capsys, empty_ws, import_in_app, tmp_path: Path, monkeypatch
):
    """Verify the app's re-import notice names the people the CLI lists as changed position."""
    monkeypatch.chdir(tmp_path)
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")

    home = tmp_path / "cli-ws"
    run_cli(capsys, home, "import", old)
    assert "  2 changed position" in run_cli(capsys, home, "import", new)
    moved = json.loads(run_cli(capsys, home, "contacts", "--changed-position", "--json"))
    cli_names = sorted(f"{c['first_name']} {c['last_name']}" for c in moved)
    assert cli_names == ["Ana Lima", "Zoé Gagnon"]

    assert import_paths(empty_ws, [old])[0].error is None  # the twin workspace, same first file
    _, notices = await import_in_app(empty_ws, new.name, dialog=True)
    [notice] = [n for n, _ in notices if n.startswith("new.csv:")]
    assert notice.startswith("new.csv: 0 new, 3 updated.")
    [moved_line] = [line for line in notice.splitlines() if "changed position" in line]
    assert moved_line == f"2 changed position: {', '.join(cli_names)}."


async def test_reimport_notice_names_the_first_five_and_counts_the_rest(
    empty_ws, import_in_app, tmp_path: Path, monkeypatch
):
    """Verify a re-import moving seven people names five in the notice and counts the other two."""
    monkeypatch.chdir(tmp_path)
    rows = [f"P{i},Roy,https://www.linkedin.com/in/p{i},,{{}},Dev," for i in range(7)]
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    old.write_text("\n".join([HEADER, *(r.format("Acme") for r in rows)]), encoding="utf-8")
    new.write_text("\n".join([HEADER, *(r.format("Bell") for r in rows)]), encoding="utf-8")
    assert import_paths(empty_ws, [old])[0].error is None
    _, [(notice, _)] = await import_in_app(empty_ws, new.name, dialog=True)
    assert notice.splitlines()[1] == (
        "7 changed position: P0 Roy, P1 Roy, P2 Roy, P3 Roy, P4 Roy and 2 more"
        " (tick Changed position)."
    )


WARNED = textwrap.dedent(f"""\
    {HEADER}
    Ana,Lima,https://www.linkedin.com/in/ana,,Acme,CEO,01 Jan 2022
    Ana,Lima,https://www.linkedin.com/in/ana,,Acme,CEO,01 Jan 2022
    Ana,Lima,https://www.linkedin.com/in/ana,,Acme,CEO,01 Jan 2022
    Luc,Roy,https://www.linkedin.com/in/luc,,Bell,Dev,32 Feb 2022
    Zoé,Roy,https://www.linkedin.com/in/zoe,,Bell,Dev,[b]99[/b] Foo 2022
    Max,Roy,https://www.linkedin.com/in/max,,Bell,Dev,2022-13-45
""")


async def test_w_lists_every_warning_the_notice_cut(
    capsys, empty_ws, app_factory, wait, text_of, tmp_path: Path, monkeypatch
):
    """Verify an import notice with more than three warnings says which key lists them, and `w`
    on Contacts shows every one by line, as `import --json` gives them (markup shown as typed)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "warned.csv").write_text(WARNED, encoding="utf-8")
    cli = json.loads(run_cli(capsys, tmp_path / "cli-ws", "import", "warned.csv", "--json"))
    warnings = cli["files"][0]["warnings"]
    assert len(warnings) == 5

    app = app_factory(empty_ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait(pilot)
        await pilot.press(*"warned.csv", "enter")
        await wait(pilot)
        [notice] = [str(n.message) for n in app._notifications if "warned.csv" in str(n.message)]
        assert notice.splitlines()[-1] == "… and 2 more warnings: press w to list them all."
        await pilot.press("w")
        await wait(pilot)
        text = text_of(app)
        for warning in warnings:
            assert f"line {warning['line']}: {warning['reason']}"[:100] in text
        assert "[b]99[/b] Foo 2022" in text
        await pilot.press("escape")
        await wait(pilot)
        assert "line 7:" not in text_of(app)
