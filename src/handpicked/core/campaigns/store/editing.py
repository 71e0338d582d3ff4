"""Changing the queue: what happened to each message, the user's own words, the cursor.

Messages are sent by hand (LinkedIn has no API for a personal note) or by email, so the user tells
handpicked what happened with `mark`, and these statuses feed every later audience: a message
marked `sent` today keeps its recipient out of next week's campaign.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from handpicked.core import config
from handpicked.core.campaigns import sendlock
from handpicked.core.campaigns.store.reading import (
    DONE,
    Campaign,
    MessageView,
    get_campaign,
    message_ids,
    message_view,
    recency_days,
)
from handpicked.core.campaigns.store.warnings import dump_warnings, relint_campaign
from handpicked.core.clock import now, today
from handpicked.core.contacts.audience import recent_reach
from handpicked.core.contacts.store import get_contacts
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError
from handpicked.core.messages.lint.rules import LintWarning, limits, lint_hand_edit
from handpicked.core.messages.templates.files import contact_context
from handpicked.core.messages.writer import tidy_edit
from handpicked.core.models import MARKABLE, Contact, Reach


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
    campaign = get_campaign(conn, name)
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
        changed: int = conn.execute(
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
    campaign: Campaign,
    language: str,
    contact: Contact,
    subject: str | None,
    body: str,
    reached: Reach | None,
) -> list[LintWarning]:
    settings = config.load(ws)
    me = {"name": settings.me.name, "signature": settings.me.signature}
    return lint_hand_edit(
        channel=campaign.channel, language=language, subject=subject, body=body,
        context=contact_context(contact, today=today(), me=me), limits=limits(settings),
        reached=reached,
    )  # fmt: skip


def edit_message(
    ws: Workspace, name: str, contact_id: int, body: str, subject: str | None = None
) -> MessageView:
    """Replace one message's text by the user's own; it is flagged `edited` and linted again.

    An unchanged text changes nothing (the message is not flagged); a message already sent is
    history and cannot be edited.
    """
    conn = ws.conn
    campaign = get_campaign(conn, name)
    mid = message_ids(conn, campaign, [contact_id])[contact_id]
    row = conn.execute("SELECT * FROM messages WHERE id = ?", (mid,)).fetchone()
    if row["status"] in ("sending", *DONE):
        raise HandpickedError(
            f"the message to contact {contact_id} in {campaign.name!r} is {row['status']}; "
            "a message already on its way cannot be edited"
        )
    text, subject = tidy_edit(body, subject)
    if not text.strip():
        raise HandpickedError("the new message is empty; nothing changed")
    if subject is not None and row["subject"] is None:
        raise HandpickedError(f"a {campaign.channel} has no subject; edit only the message body")
    if text == row["body"] and (subject is None or subject == row["subject"]):
        return message_view(conn, mid)
    contact = get_contacts(ws, [contact_id])[0]
    recent = recent_reach(ws, [contact_id], recency_days(campaign), campaign_id=campaign.id)
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
        relint_campaign(conn, campaign.id)
    return message_view(conn, mid)


def set_cursor(ws: Workspace, name: str, index: int) -> None:
    campaign = get_campaign(ws.conn, name)
    with transaction(ws.conn) as conn:
        conn.execute(
            "UPDATE campaigns SET cursor = ? WHERE id = ?", (max(0, int(index)), campaign.id)
        )


def delete_campaign(ws: Workspace, name: str) -> None:
    """Forget a campaign and its messages (sent ones too: they stop counting as contact)."""
    campaign = get_campaign(ws.conn, name)
    with transaction(ws.conn) as conn:
        conn.execute("DELETE FROM campaigns WHERE id = ?", (campaign.id,))
