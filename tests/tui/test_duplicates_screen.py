"""The possible-duplicates review list at 80x24: merge after a confirmation, dismiss, open each.

Each action is compared with the CLI's on the same workspace built twice: the app and
`handpicked contacts merge/duplicates --dismiss` must leave the same database behind.
"""

from __future__ import annotations

from pathlib import Path

from duplicates_data import build, outcome
from textual.widgets import DataTable

from handpicked.cli import main
from handpicked.tui.screens.contact_detail import ContactDetailScreen
from handpicked.tui.screens.duplicates import NONE, DuplicatesScreen, MergeDialog

SMALL = (80, 24)


def _cli_twin(tmp_path: Path, *command: object) -> Path:
    """The same workspace built again and changed by the CLI; its database file."""
    ws, _, _ = build(tmp_path / "cli-ws", tmp_path / "files")  # the same files: same paths
    ws.close()
    assert main(["--workspace", str(tmp_path / "cli-ws"), *map(str, command)]) == 0
    return tmp_path / "cli-ws" / "handpicked.db"


async def test_merge_asks_first_then_stores_what_the_cli_stores(
    tmp_path: Path, app_factory, wait, text_of
) -> None:
    """Verify `d` on Contacts lists the pair with why; `m` shows what is kept and `n` merges
    nothing; `m` then `y` merges, leaving the database the CLI's merge leaves."""
    ws, keep, other = build(tmp_path / "app-ws", tmp_path / "files")
    before = outcome(ws.db_path)
    app = app_factory(ws)
    async with app.run_test(size=SMALL) as pilot:
        await wait(pilot)
        await pilot.press("d")
        await wait(pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        shown = text_of(app)
        assert f"Jean-François Côté #{keep}" in shown and f"Jean Francois Cote #{other}" in shown
        assert "imported from LinkedIn and Google; different company: Acme / Beta" in shown
        await pilot.press("m")
        await wait(pilot)
        assert isinstance(app.screen, MergeDialog)
        assert f"Keep Jean-François Côté (id {keep})" in text_of(app)
        assert "Merge (y)" in text_of(app)  # the plan scrolls; the buttons stay in sight
        assert "Do not contact: on" in str(app.screen.question)
        await pilot.press("n")
        await wait(pilot)
        assert outcome(ws.db_path) == before
        await pilot.press("m")
        await wait(pilot)
        await pilot.press("y")
        await wait(pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        assert NONE in text_of(app)
        notes = [str(n.message) for n in app._notifications]
        assert any(f"(#{other}) into Jean-François Côté (#{keep})" in n for n in notes)
    in_app = outcome(ws.db_path)
    ws.close()
    assert in_app != before
    assert in_app == outcome(_cli_twin(tmp_path, "contacts", "merge", keep, other, "--yes"))


async def test_dismiss_and_open_each_contact(tmp_path: Path, app_factory, wait, text_of) -> None:
    """Verify `1`/`2` open the kept and the merged-in contact (`s` swaps them), and `n` records
    two people as `contacts duplicates --dismiss` does."""
    ws, keep, other = build(tmp_path / "app-ws", tmp_path / "files")
    app = app_factory(ws)
    async with app.run_test(size=SMALL) as pilot:
        await wait(pilot)
        await pilot.press("d")
        await wait(pilot)
        opened = []
        for keys in (("2",), ("s", "1"), ("enter",)):
            await pilot.press(*keys)
            await wait(pilot)
            assert isinstance(app.screen, ContactDetailScreen)
            opened.append(app.screen.contact_id)
            await pilot.press("escape")
            await wait(pilot)
        assert opened == [other, other, other]
        await pilot.press("s", "n")
        await wait(pilot)
        assert NONE in text_of(app)
    in_app = outcome(ws.db_path)
    ws.close()
    assert in_app["merge_dismissed"] == [(keep, other)]
    assert in_app == outcome(
        _cli_twin(tmp_path, "contacts", "duplicates", "--dismiss", keep, other)
    )


async def test_names_are_cut_again_when_the_terminal_widens(
    tmp_path: Path, app_factory, wait, text_of
) -> None:
    """Verify the list cuts names to the screen's width, and cuts them again on a resize (so a
    list that arrived before the screen had its size is not left cut short)."""
    ws, keep, _ = build(tmp_path / "app-ws", tmp_path / "files")
    app = app_factory(ws)
    async with app.run_test(size=(60, 24)) as pilot:
        await wait(pilot)
        await pilot.press("d")
        await wait(pilot)
        assert isinstance(app.screen, DuplicatesScreen)
        assert f"Jean-François Côté #{keep}" not in text_of(app)  # 16 cells: cut
        await pilot.resize_terminal(120, 30)
        await wait(pilot)
        assert f"Jean-François Côté #{keep}" in text_of(app)


async def test_columns_are_as_wide_as_the_names_from_the_first_frame(
    tmp_path: Path, app_factory, wait
) -> None:
    """Verify the columns have their widths the moment the list is filled, not only once the
    table is next idle: a frame drawn in between was kept, headers-wide ("Coli  Colin Ah")."""
    ws, _, _ = build(tmp_path / "app-ws", tmp_path / "files")
    app = app_factory(ws)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("d")
        await wait(pilot)
        screen = app.screen
        assert isinstance(screen, DuplicatesScreen)
        first = screen.found[0]  # the list arrives again, its names longer (an import)
        screen.found = [first.model_copy(update={"keep_name": first.keep_name + " Gagnon"})]
        screen._fill()  # as a new list arriving does; the table has not been idle since
        table = screen.query_one("#duplicates", DataTable)
        widths = [table.columns[key].get_render_width(table) for key in ("keep", "other", "why")]
        cells = [cell.cell_len for cell in table.get_row_at(0)]
        names = max(cells[:2])  # the two name columns are as wide as each other
        assert [width - 2 for width in widths] == [names, names, cells[2]]  # padding: 1 + 1
