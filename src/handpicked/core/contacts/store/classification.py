"""What the classifier reads and writes: each contact's inputs, the company sectors, the results.

`classify.apply` decides a contact's stored sector, function, seniority and language from these
inputs; only this module knows which columns hold them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

_SELECT = (
    "SELECT id, company, position, company_key, sector_column, sector_manual, function_manual,"
    " seniority_manual, language_manual FROM contacts"
)

Classified = tuple[str, str, str, str, str, str, str, int]
"""(sector, its source, function, its source, seniority, its source, language, contact id)."""


class ClassifyInputs(NamedTuple):
    """What deciding one contact's classification reads."""

    id: int
    company: str
    position: str
    company_key: str
    sector_column: str
    sector_manual: str | None
    function_manual: str | None
    seniority_manual: str | None
    language_manual: str | None


def classify_inputs(
    conn: sqlite3.Connection, ids: Iterable[int] | None = None
) -> list[ClassifyInputs]:
    """The inputs of the contacts with these ids (every contact when None), unknown ids skipped."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples, made named below: no sqlite3.Row per contact
    if ids is None:
        rows = cursor.execute(_SELECT)
    else:
        rows = cursor.execute(
            f"{_SELECT} WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)
        )
    return list(map(ClassifyInputs._make, rows))


def company_sector_map(conn: sqlite3.Connection) -> dict[str, str]:
    """Company key -> the sector the user gave that company."""
    cursor = conn.cursor()
    cursor.row_factory = None
    return dict(cursor.execute("SELECT company_key, sector FROM company_sectors"))


def save_classifications(conn: sqlite3.Connection, results: Iterable[Classified]) -> None:
    """Store each contact's classification, inside the caller's transaction."""
    conn.executemany(
        "UPDATE contacts SET sector = ?, sector_source = ?, function = ?, function_source = ?,"
        " seniority = ?, seniority_source = ?, language = ? WHERE id = ?",
        results,
    )
