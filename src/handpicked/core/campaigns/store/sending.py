"""The email send's reads and writes: its queue, the claim of each message, how it settled.

Each write is its own transaction, or runs in the caller's (the claim): a message is committed
`sending` before its envelope is opened and `sent` once the server accepted it, so no run cut
short ever sends a message twice.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from handpicked.core.db import transaction


class Outgoing(NamedTuple):
    """One message of a campaign as a send plans it, with its recipient."""

    message_id: int
    contact_id: int
    subject: str | None
    body: str
    status: str
    status_at: str
    error: str
    first_name: str
    last_name: str
    email: str
    do_not_contact: bool


class Claimable(NamedTuple):
    """A message as it is at the moment of its claim, hand edits included."""

    status: str
    body: str
    subject: str | None
    do_not_contact: bool


def outgoing(conn: sqlite3.Connection, campaign_id: int) -> list[Outgoing]:
    """Every message of the campaign in queue order, as the preview shows it."""
    rows = conn.execute(
        "SELECT m.id, m.contact_id, m.subject, m.body, m.status, m.status_at, m.error,"
        " c.first_name, c.last_name, c.email, c.do_not_contact"
        " FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE m.campaign_id = ?"
        " ORDER BY m.id",
        (campaign_id,),
    ).fetchall()
    return [Outgoing._make((*row[:10], bool(row[10]))) for row in rows]


def claimable(conn: sqlite3.Connection, message_id: int) -> Claimable | None:
    """The message as it is now; None once its campaign or its recipient is gone."""
    row = conn.execute(
        "SELECT m.status, m.body, m.subject, c.do_not_contact FROM messages m"
        " JOIN contacts c ON c.id = m.contact_id WHERE m.id = ?",
        (message_id,),
    ).fetchone()
    return None if row is None else Claimable(row[0], row[1], row[2], bool(row[3]))


def contact_exists(conn: sqlite3.Connection, contact_id: int) -> bool:
    """Whether the contact is still there, read in the claim's own transaction."""
    return conn.execute("SELECT 1 FROM contacts WHERE id = ?", (contact_id,)).fetchone() is not None


def claim(conn: sqlite3.Connection, message_id: int, stamp: str) -> None:
    conn.execute(
        "UPDATE messages SET status = 'sending', status_at = ? WHERE id = ?", (stamp, message_id)
    )


def skip(conn: sqlite3.Connection, message_id: int, stamp: str, why: str) -> None:
    conn.execute(
        "UPDATE messages SET status = 'skipped', status_at = ?, error = ? WHERE id = ?",
        (stamp, why, message_id),
    )


def settle(
    conn: sqlite3.Connection,
    message_id: int,
    status: str,
    stamp: str,
    error: str = "",
    *,
    sent: bool = False,
) -> None:
    """Record how a message's send ended, in its own commit; `sent` stamps sent_at too."""
    with transaction(conn):
        conn.execute(
            "UPDATE messages SET status = ?, status_at = ?, error = ?,"
            " sent_at = CASE WHEN ? THEN ? ELSE sent_at END WHERE id = ?",
            (status, stamp, error, sent, stamp, message_id),
        )
