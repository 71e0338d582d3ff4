"""Looking back: each campaign with its counts and reply rate, everything sent to one person.

The reply rate is what tells a user whether writing to twenty people personally works better than
posting to everyone; a contact's history is what they check before writing to someone again.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from handpicked.core.contacts.store import get_contact
from handpicked.core.db import Workspace
from handpicked.core.models import STATUSES


class CampaignSummary(BaseModel):
    name: str
    template: str
    channel: str
    created: str
    counts: dict[str, int]
    """Every status present as a key, 0 when none."""
    reply_rate: float | None
    """replied / (sent + replied); None while nothing was sent."""


def latest_campaign(ws: Workspace) -> str | None:
    """The name of the campaign composed last, or None before the first one."""
    row = ws.conn.execute(
        "SELECT name FROM campaigns ORDER BY created DESC, id DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None


def list_campaigns(ws: Workspace) -> list[CampaignSummary]:
    """Every campaign, newest first, with its counts per status and its reply rate."""
    conn = ws.conn
    counts: dict[int, dict[str, int]] = {}
    for cid, status, n in conn.execute(
        "SELECT campaign_id, status, count(*) FROM messages GROUP BY campaign_id, status"
    ):
        counts.setdefault(cid, {})[status] = n
    out = []
    for row in conn.execute("SELECT * FROM campaigns ORDER BY created DESC, id DESC"):
        mine = {status: counts.get(row["id"], {}).get(status, 0) for status in STATUSES}
        done = mine["sent"] + mine["replied"]
        out.append(
            CampaignSummary(
                name=row["name"],
                template=row["template"],
                channel=row["channel"],
                created=row["created"],
                counts=mine,
                reply_rate=mine["replied"] / done if done else None,
            )
        )
    return out


def first_line(body: str) -> str:
    return next((line.strip() for line in body.splitlines() if line.strip()), "")


def history(ws: Workspace, contact_id: int) -> list[dict[str, Any]]:
    """Every message ever queued or sent to one contact, oldest first."""
    get_contact(ws, contact_id)
    rows = ws.conn.execute(
        "SELECT c.name, c.template, c.channel, m.status, m.queued_at, m.status_at, m.sent_at,"
        " m.replied_at, m.subject, m.body, m.edited FROM messages m"
        " JOIN campaigns c ON c.id = m.campaign_id WHERE m.contact_id = ?"
        " ORDER BY m.queued_at, m.id",
        (contact_id,),
    ).fetchall()
    keys = ("template", "channel", "status", "queued_at", "status_at", "sent_at", "replied_at")
    return [
        {"campaign": r["name"], **{k: r[k] for k in keys}, "subject": r["subject"],
         "first_line": first_line(r["body"]), "edited": bool(r["edited"])}
        for r in rows
    ]  # fmt: skip
