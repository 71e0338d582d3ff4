"""What was sent: counts per campaign and status, and every message one person was sent."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple


class PastMessage(NamedTuple):
    """One message queued or sent to a contact, with the campaign it belongs to."""

    campaign: str
    template: str
    channel: str
    status: str
    queued_at: str
    status_at: str
    sent_at: str | None
    replied_at: str | None
    subject: str | None
    body: str
    edited: bool


def status_counts(conn: sqlite3.Connection) -> dict[int, dict[str, int]]:
    """campaign id -> status -> how many of its messages have it (absent when none)."""
    counts: dict[int, dict[str, int]] = {}
    for cid, status, n in conn.execute(
        "SELECT campaign_id, status, count(*) FROM messages GROUP BY campaign_id, status"
    ):
        counts.setdefault(cid, {})[status] = n
    return counts


def messages_to(conn: sqlite3.Connection, contact_id: int) -> list[PastMessage]:
    """Every message ever queued for one contact, oldest first."""
    rows = conn.execute(
        "SELECT c.name, c.template, c.channel, m.status, m.queued_at, m.status_at, m.sent_at,"
        " m.replied_at, m.subject, m.body, m.edited FROM messages m"
        " JOIN campaigns c ON c.id = m.campaign_id WHERE m.contact_id = ?"
        " ORDER BY m.queued_at, m.id",
        (contact_id,),
    ).fetchall()
    return [PastMessage._make((*row[:10], bool(row[10]))) for row in rows]
