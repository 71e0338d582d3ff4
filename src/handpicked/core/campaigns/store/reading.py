"""Reading a campaign's queue: the campaign itself, each message as the screens show it.

A campaign comes back as a `Campaign` record with its JSON columns already parsed, so nothing
outside the store indexes a database row or parses what the store wrote.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, NamedTuple

from pydantic import BaseModel

from handpicked.core.campaigns.store.warnings import load_warnings
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError, Hint
from handpicked.core.messages.lint.rules import LintWarning
from handpicked.core.models import Status

DONE: tuple[str, ...] = ("sent", "replied")


class MessageView(BaseModel):
    """One message as every screen and export shows it (message_id 0 for an unsaved draft)."""

    message_id: int
    contact_id: int
    name: str
    profile_url: str
    email: str
    language: str
    subject: str | None
    body: str
    edited: bool
    warnings: list[LintWarning]
    status: Status
    status_at: str
    sent_at: str | None
    error: str


class CampaignPreview(BaseModel):
    campaign: str
    template: str
    channel: str
    variables: dict[str, str]
    messages: list[MessageView]


class CampaignInfo(BaseModel):
    """What a campaign was composed from, for a face to show or check (no queue)."""

    name: str
    template: str
    channel: str
    variables: dict[str, str]
    """The campaign values (`--var`), per-language ones keyed `NAME:LANG`."""


class Campaign(NamedTuple):
    """One stored campaign, its values and audience filter parsed."""

    id: int
    name: str
    template: str
    channel: str
    variables: dict[str, str]
    filter: dict[str, Any]
    """What it was composed for: {"filter": AudienceFilter as JSON, "contacts": [ids]}."""
    created: str
    cursor: int


def _campaign(row: sqlite3.Row) -> Campaign:
    return Campaign(
        id=row["id"],
        name=row["name"],
        template=row["template"],
        channel=row["channel"],
        variables=json.loads(row["variables"] or "{}"),
        filter=json.loads(row["filter"] or "{}"),
        created=row["created"],
        cursor=int(row["cursor"]),
    )


def find_campaign(conn: sqlite3.Connection, name: str) -> Campaign | None:
    row: sqlite3.Row | None = conn.execute(
        "SELECT * FROM campaigns WHERE name = ?", (name,)
    ).fetchone()
    return None if row is None else _campaign(row)


def get_campaign(conn: sqlite3.Connection, name: str) -> Campaign:
    """The campaign named `name`; an unknown name is an error listing the known ones."""
    found = find_campaign(conn, name)
    if found is None:
        names = [r[0] for r in conn.execute("SELECT name FROM campaigns ORDER BY name")]
        known = f"; the campaigns are {', '.join(names)}" if names else ""
        raise HandpickedError(
            f"no campaign named {name!r}{known}", hint=Hint.NEW_CAMPAIGN, name=name
        )
    return found


def all_campaigns(conn: sqlite3.Connection) -> list[Campaign]:
    """Every campaign, newest first."""
    rows = conn.execute("SELECT * FROM campaigns ORDER BY created DESC, id DESC").fetchall()
    return [_campaign(r) for r in rows]


def latest_campaign_name(conn: sqlite3.Connection) -> str | None:
    row = conn.execute(
        "SELECT name FROM campaigns ORDER BY created DESC, id DESC LIMIT 1"
    ).fetchone()
    return str(row[0]) if row else None


def campaign_info(ws: Workspace, name: str) -> CampaignInfo:
    """The campaign's template, channel and values; an unknown name is an error listing them."""
    row = get_campaign(ws.conn, name)
    return CampaignInfo(
        name=row.name, template=row.template, channel=row.channel, variables=row.variables
    )


_VIEW = (
    "SELECT m.id, m.contact_id, c.first_name, c.last_name, c.profile_url, c.email, m.language,"
    " m.subject, m.body, m.edited, m.warnings, m.status, m.status_at, m.sent_at, m.error,"
    " c.do_not_contact FROM messages m JOIN contacts c ON c.id = m.contact_id"
)


def _view(row: sqlite3.Row) -> MessageView:
    return MessageView(
        message_id=row["id"],
        contact_id=row["contact_id"],
        name=" ".join(p for p in (row["first_name"], row["last_name"]) if p),
        profile_url=row["profile_url"],
        email=row["email"],
        language=row["language"],
        subject=row["subject"],
        body=row["body"],
        edited=bool(row["edited"]),
        warnings=load_warnings(row["warnings"]),
        status=row["status"],
        status_at=row["status_at"],
        sent_at=row["sent_at"],
        error=row["error"],
    )


def message_view(conn: sqlite3.Connection, message_id: int) -> MessageView:
    return _view(conn.execute(f"{_VIEW} WHERE m.id = ?", (message_id,)).fetchone())


def message_for(ws: Workspace, name: str, contact_id: int) -> MessageView:
    """The message of one person in a campaign; someone not in it is an error naming them."""
    campaign = get_campaign(ws.conn, name)
    return message_view(ws.conn, message_ids(ws.conn, campaign, [contact_id])[contact_id])


def preview(ws: Workspace, name: str) -> CampaignPreview:
    """Every message of the campaign in queue order, with its warnings.

    A person put on the do-not-contact list after composing disappears from the queue (nothing
    ever sends to them); a message they were already sent stays, as history.
    """
    conn = ws.conn
    campaign = get_campaign(conn, name)
    rows = conn.execute(
        f"{_VIEW} WHERE m.campaign_id = ? AND (c.do_not_contact = 0 OR m.status IN"
        " ('sent', 'replied')) ORDER BY m.id",
        (campaign.id,),
    ).fetchall()
    return CampaignPreview(
        campaign=campaign.name,
        template=campaign.template,
        channel=campaign.channel,
        variables=campaign.variables,
        messages=[_view(r) for r in rows],
    )


def message_ids(
    conn: sqlite3.Connection, campaign: Campaign, contact_ids: Sequence[int]
) -> dict[int, int]:
    """contact id -> message id in the campaign; a contact not in it is an error naming them."""
    found = dict(
        conn.execute(
            "SELECT contact_id, id FROM messages WHERE campaign_id = ?"
            " AND contact_id IN (SELECT value FROM json_each(?))",
            (campaign.id, json.dumps([int(i) for i in contact_ids])),
        ).fetchall()
    )
    for cid in contact_ids:
        if cid not in found:
            raise HandpickedError(
                f"contact {cid} is not in campaign {campaign.name!r}",
                hint=Hint.CAMPAIGN_MEMBERS,
                campaign=campaign.name,
            )
    return found


def members(conn: sqlite3.Connection, campaign_id: int) -> dict[int, int]:
    """contact id -> message id of everyone in the campaign, in queue order."""
    return dict(
        conn.execute(
            "SELECT contact_id, id FROM messages WHERE campaign_id = ? ORDER BY id", (campaign_id,)
        ).fetchall()
    )


def rerenderable(conn: sqlite3.Connection, campaign_id: int) -> dict[int, int]:
    """contact id -> message id of the messages still queued and never edited by hand."""
    return dict(
        conn.execute(
            "SELECT contact_id, id FROM messages WHERE campaign_id = ? AND status = 'queued'"
            " AND edited = 0 ORDER BY id",
            (campaign_id,),
        ).fetchall()
    )


def language_counts(ws: Workspace, name: str) -> dict[str, int]:
    """How many of a campaign's messages are written in each language."""
    campaign = get_campaign(ws.conn, name)
    rows = ws.conn.execute(
        "SELECT language, count(*) FROM messages WHERE campaign_id = ? GROUP BY language",
        (campaign.id,),
    )
    return dict(rows.fetchall())


def get_cursor(ws: Workspace, name: str) -> int:
    """Where dispatch stopped in this campaign's queue, to resume there."""
    return get_campaign(ws.conn, name).cursor


def recency_days(campaign: Campaign) -> int | None:
    """The recency rule the campaign was composed with, for linting its messages again."""
    days = (campaign.filter.get("filter") or {}).get("not_contacted_days")
    return int(days) if days else None
