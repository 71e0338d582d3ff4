"""The relationship history read from LinkedIn's archive: its SQL, and reply detection.

`at` is stored as ISO 8601 UTC to the second ("2024-11-14T15:33:58Z") for a message, and as the
owner's local day ("2026-04-06") for an invitation, whose file gives no time zone: both sort as
text, and their first ten characters are the day every date rule compares.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable

from handpicked.core.text import profile_key

_INSERT = (
    "INSERT OR IGNORE INTO interactions(contact_id, at, direction, kind, conversation_id,"
    " is_group, first_line) VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def profile_index(conn: sqlite3.Connection) -> dict[str, int]:
    """Normalised profile URL -> contact id (the oldest contact when two share one)."""
    index: dict[str, int] = {}
    for cid, url in conn.execute(
        "SELECT id, profile_url FROM contacts WHERE profile_url != '' ORDER BY id DESC"
    ):
        index[profile_key(url)] = cid
    return index


def insert(conn: sqlite3.Connection, rows: Iterable[tuple[object, ...]]) -> int:
    """Store interactions (contact_id, at, direction, kind, conversation_id, is_group,
    first_line); one already stored is left as is. Returns how many were new."""
    before = conn.total_changes
    conn.executemany(_INSERT, rows)
    return conn.total_changes - before


def has_messages(conn: sqlite3.Connection) -> bool:
    """Whether any archive message is stored (an earlier import's rows may need marking)."""
    found = conn.execute("SELECT 1 FROM interactions WHERE kind = 'message' LIMIT 1").fetchone()
    return found is not None


def mark_groups(conn: sqlite3.Connection, conversation_ids: Iterable[str]) -> None:
    """Mark every message of these conversations as a group's (several people took part)."""
    conn.execute(
        "UPDATE interactions SET is_group = 1 WHERE kind = 'message' AND is_group = 0"
        " AND conversation_id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(conversation_ids))),),
    )


def _utc(stamp: str) -> str:
    """A stored local timestamp ("2026-11-20T10:00:00", from `clock.now`) in `at`'s UTC form."""
    moment = dt.datetime.fromisoformat(stamp)
    if moment.tzinfo is None:
        moment = moment.astimezone()  # naive means the machine's local time
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _local(at: str) -> str:
    """An `at` in the local form the campaign tables keep (`clock.now`'s)."""
    moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    return moment.astimezone().replace(tzinfo=None).isoformat()


def detect_replies(conn: sqlite3.Connection, stamp: str) -> int:
    """Campaign messages marked `sent` that a later message from the person answered become
    `replied` at that message's time. Returns how many changed.

    Only `sent` ones change: a status the user set by hand (`replied`, `skipped`, taken back to
    `queued`) is their word and stays, and nothing here ever turns `replied` back.
    """
    candidates = conn.execute(
        "SELECT m.id, m.contact_id, m.sent_at FROM messages m WHERE m.status = 'sent'"
        " AND m.sent_at IS NOT NULL AND EXISTS (SELECT 1 FROM interactions i"
        " WHERE i.contact_id = m.contact_id AND i.direction = 'received' AND i.kind = 'message')"
    ).fetchall()
    changed = 0
    for message_id, contact_id, sent_at in candidates:
        try:
            since = _utc(sent_at)
        except ValueError:
            continue  # a hand-edited date: better no detection than a wrong one
        row = conn.execute(
            "SELECT min(at) FROM interactions WHERE contact_id = ? AND direction = 'received'"
            " AND kind = 'message' AND at > ?",
            (contact_id, since),
        ).fetchone()
        if row[0] is None:
            continue
        changed += conn.execute(
            "UPDATE messages SET status = 'replied', replied_at = ?, status_at = ?"
            " WHERE id = ? AND status = 'sent'",
            (_local(row[0]), stamp, message_id),
        ).rowcount
    return changed


def summaries(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[int, int, str | None]]:
    """contact id -> (sent, received, day last heard from) for the ones with any history."""
    out: dict[int, tuple[int, int, str | None]] = {}
    if conn.execute("SELECT 1 FROM interactions LIMIT 1").fetchone() is None:
        return out
    for cid, sent, received, heard in conn.execute(
        "SELECT contact_id, sum(direction = 'sent'), sum(direction = 'received'),"
        " max(CASE WHEN direction = 'received' AND kind = 'message' THEN at END)"
        " FROM interactions WHERE contact_id IN (SELECT value FROM json_each(?))"
        " GROUP BY contact_id",
        (json.dumps(ids),),
    ):
        out[cid] = (sent, received, heard[:10] if heard else None)
    return out
