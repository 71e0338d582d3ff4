"""Looking back: each campaign with its counts and reply rate, everything sent to one person.

The reply rate is what tells a user whether writing to twenty people personally works better than
posting to everyone; a contact's history is what they check before writing to someone again.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from handpicked.core.campaigns.store.history import messages_to, status_counts
from handpicked.core.campaigns.store.reading import all_campaigns, latest_campaign_name
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
    return latest_campaign_name(ws.conn)


def list_campaigns(ws: Workspace) -> list[CampaignSummary]:
    """Every campaign, newest first, with its counts per status and its reply rate."""
    counts = status_counts(ws.conn)
    out = []
    for campaign in all_campaigns(ws.conn):
        mine = {status: counts.get(campaign.id, {}).get(status, 0) for status in STATUSES}
        done = mine["sent"] + mine["replied"]
        out.append(
            CampaignSummary(
                name=campaign.name,
                template=campaign.template,
                channel=campaign.channel,
                created=campaign.created,
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
    keys = ("template", "channel", "status", "queued_at", "status_at", "sent_at", "replied_at")
    return [
        {"campaign": m.campaign, **{k: getattr(m, k) for k in keys}, "subject": m.subject,
         "first_line": first_line(m.body), "edited": m.edited}
        for m in messages_to(ws.conn, contact_id)
    ]  # fmt: skip
