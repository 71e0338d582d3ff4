"""Spreadsheet cells become the text a CSV of the same sheet holds, rows keep the sheet's numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sheetfiles import write_sheet

from handpicked.core.contacts.importers import parse_file
from handpicked.core.contacts.importers.sheet import cell_text
from handpicked.core.errors import HandpickedError


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (3.0, "3"),
        (5145551234.0, "5145551234"),
        (0.1, "0.1"),
        (-2.5, "-2.5"),
        (42, "42"),
        (True, "TRUE"),
        (dt.date(2013, 6, 14), "2013-06-14"),
        (dt.datetime(2013, 6, 14), "2013-06-14"),
        (dt.datetime(2020, 1, 2, 10, 30), "2020-01-02 10:30:00"),
        (dt.time(10, 5), "10:05:00"),
        ("=SUM(A1:A2)", "=SUM(A1:A2)"),  # text typed as such stays text (the store guards it)
    ],
)
def test_cell_text(cell, text) -> None:
    """Verify each typed cell gives the text a CSV export of it would hold."""
    assert cell_text(cell) == text


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_rows_carry_sheet_row_numbers_and_dates(tmp_path: Path, kind: str) -> None:
    """Verify rows are numbered as the sheet shows them, and date-time cells give their date."""
    path = write_sheet(
        tmp_path / f"c.{kind}",
        {"Contacts": [
            ["Liste des relations"],
            [],
            ["Prénom", "Nom", "Date de connexion", "Notes"],
            ["Ana", "Lima", dt.datetime(2013, 6, 14, 10, 30), 7],
            [None, None, None, "orphan note"],
            ["Bob", "Stone", "14 juin 2013", 2.25],
        ]},
    )  # fmt: skip
    parsed = parse_file(path)
    assert [(r.line, r.first_name, r.connected_on, r.notes) for r in parsed.rows] == [
        (4, "Ana", dt.date(2013, 6, 14), "7"),
        (6, "Bob", dt.date(2013, 6, 14), "2.25"),
    ]
    assert [(issue.line, issue.reason) for issue in parsed.skipped] == [(5, "no name")]


def test_no_name_column_in_a_sheet(tmp_path: Path) -> None:
    """Verify a sheet without a name column is refused as a CSV would be, columns listed."""
    path = write_sheet(tmp_path / "c.xlsx", {"S": [["Société", "Poste"], ["Acme", "CEO"]]})
    with pytest.raises(
        HandpickedError, match=r"no column looks like a name \(found: Société, Poste\)"
    ):
        parse_file(path)


def test_binary_file_names_spreadsheets(tmp_path: Path) -> None:
    """Verify a binary file that is no spreadsheet is refused, naming the files that import."""
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    with pytest.raises(HandpickedError, match=r"not a text export.*\(\.xlsx, \.ods\)"):
        parse_file(path)
