"""The queue of a campaign once composed: reading it, editing it, marking what happened.

Messages are sent by hand (LinkedIn has no API for a personal note) or by email, so the user tells
handpicked what happened with `mark`, and these statuses feed every later audience: a message
marked `sent` today keeps its recipient out of next week's campaign. Everything is in the
workspace database, so the queue survives closing the app or the terminal.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from pydantic import BaseModel

from handpicked.core import config
from handpicked.core.campaigns import sendlock
from handpicked.core.clock import now, today
from handpicked.core.contacts.audience import recent_days
from handpicked.core.contacts.store import get_contacts
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError
from handpicked.core.messages.lint.rules import LintWarning, limits, lint_campaign, lint_hand_edit
from handpicked.core.messages.templates.files import contact_context
from handpicked.core.messages.writer import tidy_edit
from handpicked.core.models import Contact

MARKABLE: tuple[str, ...] = ("sent", "replied", "skipped", "queued")
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
    status: str
    status_at: str
    sent_at: str | None
    error: str


class CampaignPreview(BaseModel):
    campaign: str
    template: str
    channel: str
    variables: dict[str, str]
    messages: list[MessageView]


# ---------------------------------------------------------------------------------------------
# Stored warnings: message-level ones, and cross-message ones marked "scope": "campaign" so they
# can be recomputed whenever a message of the campaign is added or edited.


def load_warnings(text: str) -> list[LintWarning]:
    return [LintWarning(code=w["code"], message=w["message"]) for w in json.loads(text or "[]")]


def dump_warnings(own: Sequence[LintWarning], campaign: Sequence[LintWarning] = ()) -> str:
    if not own and not campaign:
        return "[]"
    items: list[dict[str, str]] = [{"code": w.code, "message": w.message} for w in own]
    items += [{"code": w.code, "message": w.message, "scope": "campaign"} for w in campaign]
    return json.dumps(items, ensure_ascii=False)


def own_warnings(text: str) -> list[dict[str, str]]:
    return [w for w in json.loads(text or "[]") if w.get("scope") != "campaign"]


def relint_campaign(conn: sqlite3.Connection, campaign_id: int) -> None:
    """Recompute the cross-message warnings (identical bodies) of every message of a campaign."""
    rows = conn.execute(
        "SELECT id, body, warnings FROM messages WHERE campaign_id = ?", (campaign_id,)
    ).fetchall()
    cross = lint_campaign([(r[0], r[1]) for r in rows])
    updates = []
    for mid, _, stored in rows:
        own = [LintWarning(code=w["code"], message=w["message"]) for w in own_warnings(stored)]
        text = dump_warnings(own, cross[mid])
        if text != stored:
            updates.append((text, mid))
    conn.executemany("UPDATE messages SET warnings = ? WHERE id = ?", updates)


def count_warnings(conn: sqlite3.Connection, ids: Sequence[int]) -> int:
    if not ids:
        return 0
    row = conn.execute(
        "SELECT coalesce(sum(json_array_length(warnings)), 0) FROM messages"
        " WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    ).fetchone()
    return int(row[0])


# ---------------------------------------------------------------------------------------------
# Reading


def campaign_row(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM campaigns WHERE name = ?", (name,)).fetchone()
    if row is None:
        names = [r[0] for r in conn.execute("SELECT name FROM campaigns ORDER BY name")]
        known = f"; the campaigns are {', '.join(names)}" if names else ""
        raise HandpickedError(
            f"no campaign named {name!r}{known}; create one with handpicked compose {name} "
            "--template NAME"
        )
    return row


class CampaignInfo(BaseModel):
    """What a campaign was composed from, for a face to show or check (no queue)."""

    name: str
    template: str
    channel: str
    variables: dict[str, str]
    """The campaign values (`--var`), per-language ones keyed `NAME:LANG`."""


def campaign_info(ws: Workspace, name: str) -> CampaignInfo:
    """The campaign's template, channel and values; an unknown name is an error listing them."""
    row = campaign_row(ws.conn, name)
    return CampaignInfo(
        name=row["name"],
        template=row["template"],
        channel=row["channel"],
        variables=json.loads(row["variables"] or "{}"),
    )


def message_for(ws: Workspace, name: str, contact_id: int) -> MessageView:
    """The message of one person in a campaign; someone not in it is an error naming them."""
    campaign = campaign_row(ws.conn, name)
    return message_view(ws.conn, message_ids(ws.conn, campaign, [contact_id])[contact_id])


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


def preview(ws: Workspace, name: str) -> CampaignPreview:
    """Every message of the campaign in queue order, with its warnings.

    A person put on the do-not-contact list after composing disappears from the queue (nothing
    ever sends to them); a message they were already sent stays, as history.
    """
    conn = ws.conn
    row = campaign_row(conn, name)
    rows = conn.execute(
        f"{_VIEW} WHERE m.campaign_id = ? AND (c.do_not_contact = 0 OR m.status IN"
        " ('sent', 'replied')) ORDER BY m.id",
        (row["id"],),
    ).fetchall()
    return CampaignPreview(
        campaign=row["name"],
        template=row["template"],
        channel=row["channel"],
        variables=json.loads(row["variables"] or "{}"),
        messages=[_view(r) for r in rows],
    )


def message_ids(
    conn: sqlite3.Connection, campaign: sqlite3.Row, contact_ids: Sequence[int]
) -> dict[int, int]:
    """contact id -> message id in the campaign; a contact not in it is an error naming them."""
    found = dict(
        conn.execute(
            "SELECT contact_id, id FROM messages WHERE campaign_id = ?"
            " AND contact_id IN (SELECT value FROM json_each(?))",
            (campaign["id"], json.dumps([int(i) for i in contact_ids])),
        ).fetchall()
    )
    for cid in contact_ids:
        if cid not in found:
            raise HandpickedError(
                f"contact {cid} is not in campaign {campaign['name']!r}; see who is with "
                f"handpicked preview {campaign['name']}"
            )
    return found


# ---------------------------------------------------------------------------------------------
# Changing the queue: what happened, and the user's own words


def mark(ws: Workspace, name: str, status: str, contact_ids: Sequence[int]) -> int:
    """Record what happened to some messages; returns how many changed status.

    `sent` stamps sent_at (kept if already set), `replied` stamps replied_at and sent_at when
    missing, `queued` takes a message back (clearing its dates, so it no longer counts as contact).
    """
    if status not in MARKABLE:
        raise HandpickedError(f"unknown status {status!r}; valid: {', '.join(MARKABLE)}")
    if not contact_ids:
        raise HandpickedError("name at least one contact id to mark")
    conn = ws.conn
    campaign = campaign_row(conn, name)
    ids = message_ids(conn, campaign, contact_ids)
    if status == "queued":
        blocked = conn.execute(
            "SELECT id, first_name, last_name FROM contacts WHERE do_not_contact = 1"
            " AND id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        ).fetchone()
        if blocked:
            raise HandpickedError(
                f"{blocked['first_name']} {blocked['last_name']} (id {blocked['id']}) is on the "
                "do-not-contact list; a message to them cannot be queued again"
            )
    running = sendlock.holder(ws.home)
    stamp = now()
    sets = {
        "sent": "sent_at = coalesce(sent_at, :now), replied_at = NULL, error = ''",
        "replied": "replied_at = coalesce(replied_at, :now), sent_at = coalesce(sent_at, :now)",
        "skipped": "",
        "queued": "sent_at = NULL, replied_at = NULL, error = '', queued_at = :now",
    }[status]
    with transaction(conn):
        if running is not None:
            _refuse_in_flight(conn, list(ids.values()), running)
        changed = conn.execute(
            "SELECT count(*) FROM messages WHERE id IN (SELECT value FROM json_each(:ids))"
            " AND status != :status",
            {"ids": json.dumps(list(ids.values())), "status": status},
        ).fetchone()[0]
        conn.execute(
            f"UPDATE messages SET status = :status, status_at = :now{', ' if sets else ''}{sets}"
            " WHERE id IN (SELECT value FROM json_each(:ids))",
            {"ids": json.dumps(list(ids.values())), "status": status, "now": stamp},
        )
    return changed


def _refuse_in_flight(
    conn: sqlite3.Connection, message_ids: list[int], running: sendlock.Holder
) -> None:
    """A message the running send has claimed is its to settle: marked queued now, it could go
    twice; marked anything else, the send would overwrite the user's word a moment later."""
    row = conn.execute(
        "SELECT contact_id FROM messages WHERE id IN (SELECT value FROM json_each(?))"
        " AND status = 'sending' AND status_at >= ?",
        (json.dumps(message_ids), running.started),
    ).fetchone()
    if row is not None:
        who = f" (pid {running.pid})" if running.pid else ""
        raise HandpickedError(
            f"the message to contact {row[0]} is on its way in the send running now{who}; "
            "mark it once that send is over"
        )


def _lint_edit(
    ws: Workspace,
    campaign: sqlite3.Row,
    language: str,
    contact: Contact,
    subject: str | None,
    body: str,
    recent: int | None,
) -> list[LintWarning]:
    settings = config.load(ws)
    me = {"name": settings.me.name, "signature": settings.me.signature}
    return lint_hand_edit(
        channel=campaign["channel"], language=language, subject=subject, body=body,
        context=contact_context(contact, today=today(), me=me), limits=limits(settings),
        recently_contacted_days=recent,
    )  # fmt: skip


def recency_days(row: sqlite3.Row) -> int | None:
    stored = json.loads(row["filter"] or "{}")
    days = (stored.get("filter") or {}).get("not_contacted_days")
    return int(days) if days else None


def edit_message(
    ws: Workspace, name: str, contact_id: int, body: str, subject: str | None = None
) -> MessageView:
    """Replace one message's text by the user's own; it is flagged `edited` and linted again.

    An unchanged text changes nothing (the message is not flagged); a message already sent is
    history and cannot be edited.
    """
    conn = ws.conn
    campaign = campaign_row(conn, name)
    mid = message_ids(conn, campaign, [contact_id])[contact_id]
    row = conn.execute("SELECT * FROM messages WHERE id = ?", (mid,)).fetchone()
    if row["status"] in ("sending", *DONE):
        raise HandpickedError(
            f"the message to contact {contact_id} in {campaign['name']!r} is {row['status']}; "
            "a message already on its way cannot be edited"
        )
    text, subject = tidy_edit(body, subject)
    if not text.strip():
        raise HandpickedError("the new message is empty; nothing changed")
    if subject is not None and row["subject"] is None:
        raise HandpickedError(f"a {campaign['channel']} has no subject; edit only the message body")
    if text == row["body"] and (subject is None or subject == row["subject"]):
        return message_view(conn, mid)
    contact = get_contacts(ws, [contact_id])[0]
    recent = recent_days(ws, [contact_id], recency_days(campaign), campaign_id=campaign["id"])
    new_subject = row["subject"] if subject is None else subject
    warnings = _lint_edit(
        ws, campaign, row["language"], contact, new_subject, text, recent.get(contact_id)
    )
    with transaction(conn):
        conn.execute(
            "UPDATE messages SET body = ?, subject = ?, edited = 1, warnings = ?, status_at = ?"
            " WHERE id = ?",
            (text, new_subject, dump_warnings(warnings), now(), mid),
        )
        relint_campaign(conn, campaign["id"])
    return message_view(conn, mid)


def language_counts(ws: Workspace, name: str) -> dict[str, int]:
    """How many of a campaign's messages are written in each language."""
    campaign = campaign_row(ws.conn, name)
    rows = ws.conn.execute(
        "SELECT language, count(*) FROM messages WHERE campaign_id = ? GROUP BY language",
        (campaign["id"],),
    )
    return dict(rows.fetchall())


def get_cursor(ws: Workspace, name: str) -> int:
    """Where dispatch stopped in this campaign's queue, to resume there."""
    return int(campaign_row(ws.conn, name)["cursor"])


def set_cursor(ws: Workspace, name: str, index: int) -> None:
    row = campaign_row(ws.conn, name)
    with transaction(ws.conn) as conn:
        conn.execute(
            "UPDATE campaigns SET cursor = ? WHERE id = ?", (max(0, int(index)), row["id"])
        )


def delete_campaign(ws: Workspace, name: str) -> None:
    """Forget a campaign and its messages (sent ones too: they stop counting as contact)."""
    row = campaign_row(ws.conn, name)
    with transaction(ws.conn) as conn:
        conn.execute("DELETE FROM campaigns WHERE id = ?", (row["id"],))
