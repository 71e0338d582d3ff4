"""The app's import box takes spreadsheets too: it calls the same core import as the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sheetfiles import write_xlsx

from handpicked.core.contacts import list_contacts
from handpicked.tui.screens.contacts import ContactsScreen


async def test_xlsx_in_the_import_box(
    empty_ws, import_in_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Verify an .xlsx typed in the welcome's import box is imported, its date cell as a date."""
    monkeypatch.chdir(tmp_path)
    write_xlsx(
        tmp_path / "Connections.xlsx",
        {"Connections": [
            ["Notes:"],
            ["First Name", "Last Name", "Company", "Position", "Connected On"],
            ["Ana", "Lima", "Acme", "CEO", dt.date(2013, 6, 14)],
            ["Bob", "Stone", "Bell", "CTO", dt.date(2020, 1, 2)],
        ]},
    )  # fmt: skip
    screen, notices = await import_in_app(empty_ws, "Connections.xlsx")
    assert isinstance(screen, ContactsScreen)
    [(notice, _)] = notices
    assert notice.startswith("Connections.xlsx: 2 new, 0 updated")
    people = {c.full_name: c.connected_on for c in list_contacts(empty_ws)}
    assert people == {"Ana Lima": dt.date(2013, 6, 14), "Bob Stone": dt.date(2020, 1, 2)}
