"""What an import reads and writes, all inside the one transaction `ingest` holds per file.

The statements stay few and batched: a 100,000-row export is stored with one streamed INSERT,
and the contacts a re-import passes over cost one read of their fingerprints.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Iterator

# The columns of a new contact, in the order `ingest` gives their values; an import gives every
# new contact the same `IMPORT_COLUMNS` (the file's path and format, the import's time twice).
NEW_CONTACT_COLUMNS = (
    "id", "first_name", "last_name", "greeting_name", "email", "profile_url", "company",
    "position", "notes", "connected_on", "sector_column", "company_key", "search_text",
    "sort_key", "sector", "sector_source", "function", "function_source", "seniority",
    "seniority_source", "language", "row_fingerprint",
)  # fmt: skip
IMPORT_COLUMNS = ("source_path", "source_format", "imported_at", "updated_at")

# From this many new rows (and more than are stored), the indexes are rebuilt once after them.
BULK_ROWS = 5000

MatchRow = tuple[int, str, str, str, str, str, str, str, str | None, str]
"""(id, the merge FIELDS' seven values, connected_on, sector_column) of a stored contact."""


def match_rows(conn: sqlite3.Connection) -> Iterator[MatchRow]:
    """Every stored contact, as matching a row against it needs it (streamed)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    yield from cursor.execute(
        "SELECT id, first_name, last_name, email, profile_url, company, position, notes,"
        " connected_on, sector_column FROM contacts"
    )


def fingerprint_pairs(conn: sqlite3.Connection) -> list[tuple[bytes, int]]:
    """(row fingerprint, contact id) of every contact that holds one."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: a sqlite3.Row each would triple the time
    pairs: list[tuple[bytes, int]] = cursor.execute(
        "SELECT row_fingerprint, id FROM contacts WHERE row_fingerprint NOT NULL"
    ).fetchall()
    return pairs


def record_import(conn: sqlite3.Connection, path: str, file_format: str, at: str) -> None:
    conn.execute("INSERT INTO imports(path, format, at) VALUES (?, ?, ?)", (path, file_format, at))


def import_formats(conn: sqlite3.Connection) -> set[str]:
    """The formats of every file imported so far (the contacts' own are among them)."""
    return {row[0] for row in conn.execute("SELECT DISTINCT format FROM imports")}


def count_not_in(conn: sqlite3.Connection, file_format: str, seen: Collection[int]) -> int:
    """How many contacts imported from this format are not among `seen` (stored contacts)."""
    if conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == len(seen):
        return 0  # a re-import of the whole network: everyone is among them
    cursor = conn.cursor()
    cursor.row_factory = None
    ids = cursor.execute("SELECT id FROM contacts WHERE source_format = ?", (file_format,))
    return sum(1 for (contact_id,) in ids if contact_id not in seen)


def save_fingerprints(conn: sqlite3.Connection, marks: Iterable[tuple[bytes, int]]) -> None:
    """Store each (fingerprint, contact id)."""
    conn.executemany("UPDATE contacts SET row_fingerprint = ? WHERE id = ?", marks)


def add_tags(conn: sqlite3.Connection, tags: Iterable[tuple[int, str]]) -> None:
    """Give each (contact id, tag); a tag already there stays as it is."""
    conn.executemany("INSERT OR IGNORE INTO tags(contact_id, tag) VALUES (?, ?)", tags)


def record_position(
    conn: sqlite3.Connection, contact_id: int, company: str, position: str, until: str
) -> None:
    """Keep a position the contact held until `until`, in their history."""
    conn.execute(
        "INSERT INTO positions(contact_id, company, position, until) VALUES (?, ?, ?, ?)",
        (contact_id, company, position, until),
    )


def update_contact(conn: sqlite3.Connection, contact_id: int, changes: dict[str, object]) -> None:
    """Set these columns of one contact (names from `ingest`, never from a file)."""
    sets = ", ".join(f"{name} = ?" for name in changes)
    conn.execute(f"UPDATE contacts SET {sets} WHERE id = ?", (*changes.values(), contact_id))


def refresh_greeting(conn: sqlite3.Connection, contact_id: int, greeting: str) -> None:
    """A new greeting name for a renamed contact, unless the user set one by hand."""
    conn.execute(
        "UPDATE contacts SET greeting_name = ? WHERE id = ? AND greeting_manual = 0",
        (greeting, contact_id),
    )


def has_contacts(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM contacts LIMIT 1").fetchone() is not None


def next_contact_id(conn: sqlite3.Connection) -> int:
    (next_id,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contacts").fetchone()
    return int(next_id)


def insert_contacts(
    conn: sqlite3.Connection,
    rows: Iterable[tuple[object, ...]],
    constants: tuple[str, str, str, str],
    *,
    rebuild_indexes: bool,
) -> None:
    """Insert new contacts (values in `NEW_CONTACT_COLUMNS` order), streamed from `rows`, each
    with the `IMPORT_COLUMNS` values `constants`.

    The constants are written into the statement as SQL literals, quoted by SQLite's own
    `quote()`, rather than bound again on every row: 100,000 rows store ~0.03 s sooner. With
    `rebuild_indexes` (a first import of a big export) the indexes are dropped and built once
    after the rows are in, about twice as fast as updating them row by row; DDL is
    transactional, so a failure restores them.
    """
    literals = conn.execute("SELECT quote(?), quote(?), quote(?), quote(?)", constants).fetchone()
    insert = (
        f"INSERT INTO contacts({', '.join(NEW_CONTACT_COLUMNS + IMPORT_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(NEW_CONTACT_COLUMNS))}, {', '.join(literals)})"
    )
    indexes = []
    if rebuild_indexes:
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts'"
            " AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')  # names from our own schema
    conn.executemany(insert, rows)
    for _, sql in indexes:
        conn.execute(sql)
