"""What finding and merging duplicates reads and writes: candidates, dismissals, the merge itself.

`duplicates` decides which pairs look like one person and `combine` what a merge keeps; this
module only knows where those things are stored. The merge's writes run inside the caller's one
transaction, so a failure halfway leaves both contacts exactly as they were.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

CandidateRow = tuple[int, str, str, str, str, str, str, str]
"""(id, first_name, last_name, email, profile_url, company, company_key, source_format)."""

# The contact columns a merge reads (and may write): everything but the derived ones, which
# are recomputed (search and sort keys, classification) or left alone (fingerprint, origin).
MERGED_COLUMNS = (
    "id", "first_name", "last_name", "greeting_name", "greeting_manual", "email", "profile_url",
    "company", "position", "connected_on", "sector_column", "sector_manual", "function_manual",
    "seniority_manual", "language_manual", "notes", "fields", "do_not_contact",
    "position_changed_at", "cadence_days", "snoozed_until",
)  # fmt: skip

# The tables holding a contact's history, with the column naming the contact.
HISTORY_TABLES = ("messages", "touches", "positions", "interactions")


def candidate_rows(conn: sqlite3.Connection) -> Iterator[CandidateRow]:
    """Every contact, as the duplicate rule needs it (streamed, plain tuples)."""
    cursor = conn.cursor()
    cursor.row_factory = None
    yield from cursor.execute(
        "SELECT id, first_name, last_name, email, profile_url, company, company_key,"
        " source_format FROM contacts"
    )


def source_formats(conn: sqlite3.Connection) -> set[str]:
    """The formats the workspace's contacts were imported from."""
    return {row[0] for row in conn.execute("SELECT DISTINCT source_format FROM contacts")}


def dismissed_pairs(conn: sqlite3.Connection) -> set[tuple[int, int]]:
    """Every (smaller id, larger id) the user said are two different people."""
    return {(a, b) for a, b in conn.execute("SELECT a, b FROM merge_dismissed")}


def dismiss_pair(conn: sqlite3.Connection, a: int, b: int) -> bool:
    """Record that `a` and `b` are two people; False when it was recorded already."""
    low, high = sorted((a, b))
    before = conn.total_changes
    conn.execute("INSERT OR IGNORE INTO merge_dismissed(a, b) VALUES (?, ?)", (low, high))
    return conn.total_changes > before


def merge_values(conn: sqlite3.Connection, contact_id: int) -> dict[str, object] | None:
    """The `MERGED_COLUMNS` of one contact, or None when there is no such contact."""
    cursor = conn.cursor()
    cursor.row_factory = None
    row = cursor.execute(
        f"SELECT {', '.join(MERGED_COLUMNS)} FROM contacts WHERE id = ?", (contact_id,)
    ).fetchone()
    return None if row is None else dict(zip(MERGED_COLUMNS, row, strict=True))


def tags_of(conn: sqlite3.Connection, contact_id: int) -> list[str]:
    return [t for (t,) in conn.execute("SELECT tag FROM tags WHERE contact_id = ? ORDER BY tag",
                                       (contact_id,))]  # fmt: skip


def history_counts(conn: sqlite3.Connection, other: int, keep: int) -> dict[str, int]:
    """How many rows of each history table `other` brings to `keep` (an archive message both
    records hold counts once, as it is stored once)."""
    counts = {
        table: conn.execute(
            f"SELECT count(*) FROM {table} WHERE contact_id = ?",  # names from this module
            (other,),
        ).fetchone()[0]
        for table in HISTORY_TABLES
    }
    (counts["interactions"],) = conn.execute(
        "SELECT count(*) FROM interactions o WHERE o.contact_id = ? AND NOT EXISTS ("
        " SELECT 1 FROM interactions k WHERE k.contact_id = ? AND k.at = o.at"
        " AND k.direction = o.direction AND k.kind = o.kind"
        " AND k.conversation_id = o.conversation_id)",
        (other, keep),
    ).fetchone()
    return counts


def previous_positions(conn: sqlite3.Connection, contact_id: int) -> list[tuple[str, str]]:
    return conn.execute(
        "SELECT company, position FROM positions WHERE contact_id = ?", (contact_id,)
    ).fetchall()


SharedCampaign = tuple[str, int, str, int, str]
"""(campaign name, the kept contact's message id and status, the other's message id, status)."""


def shared_campaigns(conn: sqlite3.Connection, keep: int, other: int) -> list[SharedCampaign]:
    """The campaigns holding a message to each of the two contacts (one must go)."""
    return conn.execute(
        "SELECT c.name, k.id, k.status, o.id, o.status FROM messages k"
        " JOIN messages o ON o.campaign_id = k.campaign_id AND o.contact_id = ?"
        " JOIN campaigns c ON c.id = k.campaign_id WHERE k.contact_id = ? ORDER BY c.name",
        (other, keep),
    ).fetchall()


def apply_merge(
    conn: sqlite3.Connection,
    keep: int,
    other: int,
    changes: dict[str, object],
    *,
    drop_messages: list[int],
    previous: tuple[str, str] | None,
) -> None:
    """Give `keep` everything of `other`, set `changes` on it, then delete `other`.

    Column names in `changes` come from `combine`, never from data. Rows the kept contact
    already has (a tag, the same LinkedIn message) stay once; `drop_messages` are the messages
    of a campaign both were in that lose to the other one.
    """
    conn.executemany("DELETE FROM messages WHERE id = ?", [(i,) for i in drop_messages])
    for table in ("messages", "touches", "positions"):
        conn.execute(f"UPDATE {table} SET contact_id = ? WHERE contact_id = ?", (keep, other))
    # the same archive message imported on both sides: kept once (the rest goes with `other`)
    conn.execute(
        "UPDATE OR IGNORE interactions SET contact_id = ? WHERE contact_id = ?", (keep, other)
    )
    conn.execute(
        "INSERT OR IGNORE INTO tags(contact_id, tag) SELECT ?, tag FROM tags WHERE contact_id = ?",
        (keep, other),
    )
    if previous is not None:
        conn.execute(
            "INSERT INTO positions(contact_id, company, position, until) VALUES (?, ?, ?, NULL)",
            (keep, *previous),
        )
    # "not the same person as X" said of either holds for the one person they now are
    conn.execute(
        "INSERT OR IGNORE INTO merge_dismissed(a, b)"
        " SELECT min(?, x), max(?, x) FROM ("
        "  SELECT CASE a WHEN ? THEN b ELSE a END AS x FROM merge_dismissed WHERE ? IN (a, b))"
        " WHERE x != ?",
        (keep, keep, other, other, keep),
    )
    if changes:
        sets = ", ".join(f"{name} = ?" for name in changes)
        conn.execute(f"UPDATE contacts SET {sets} WHERE id = ?", (*changes.values(), keep))
    conn.execute("DELETE FROM contacts WHERE id = ?", (other,))
