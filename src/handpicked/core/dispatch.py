"""Sending a campaign's queued messages as individual emails, each at most once.

A personal message sent twice stops being personal, so every message goes through the database
before and after the server sees it: marked `sending` (committed) before the envelope is opened,
`sent` (committed) once the server has accepted the data. A run cut short anywhere -- Ctrl-C, a
crash, a server hanging up -- therefore never resends what a server accepted, and the next run
picks up the messages still `queued`. The one case nobody can decide automatically, a connection
lost after the data went out but before the server's answer came back, is left `sending` and
reported to the user, who checks the Sent folder and marks it by hand.
"""

from __future__ import annotations

import email.utils
import shlex
import smtplib
import ssl
import time
from collections.abc import Callable
from email.errors import HeaderParseError
from email.headerregistry import Address
from typing import Literal

from pydantic import BaseModel, Field

from handpicked.core import config
from handpicked.core import smtp as mail
from handpicked.core.errors import HandpickedError
from handpicked.core.queue import campaign_row
from handpicked.core.workspace import Workspace, now, transaction

SUBJECTLESS = ("linkedin-message", "connection-note")


def _mark(campaign: str, status: str, contact_id: int) -> str:
    return f"handpicked mark {shlex.quote(campaign)} {status} {contact_id}"


def _stuck(campaign: str, contact_id: int) -> str:
    return (
        "left `sending` by an earlier run that stopped mid-send, so it may have arrived: check "
        f"your Sent folder, then run {_mark(campaign, 'sent', contact_id)} (or queued, to send "
        "it again)"
    )


_EARLIER = {
    "sent": "already sent",
    "replied": "already sent (replied)",
    "skipped": "marked skipped",
}
# Plain text, headers RFC 2047-encoded, body quoted-printable when not ASCII: readable by any
# server, 8BITMIME or not.


class SendItem(BaseModel):
    """One message of a send run, as the CLI prints it and the TUI lists it."""

    message_id: int
    contact_id: int
    name: str
    email: str
    subject: str
    first_lines: str
    status: Literal["would-send", "sent", "failed", "skipped"]
    reason: str = ""


class SendReport(BaseModel):
    """What a run did (or, dry, would do): the `send --json` contract."""

    campaign: str
    dry_run: bool
    sent: int = 0
    failed: int = 0
    skipped: list[SendItem] = Field(default_factory=list)
    items: list[SendItem] = Field(default_factory=list)
    stuck_sending: list[SendItem] = Field(default_factory=list)


class SendStopped(HandpickedError):
    """A run stopped before its end (server down, bad password, connection lost).

    `report` holds what was done before the stop, so the CLI can still print it.
    """

    def __init__(self, message: str, report: SendReport) -> None:
        super().__init__(message)
        self.report = report


def _bad_address(address: str) -> str | None:
    """Why `address` cannot go in an envelope, or None. Contact fields are hostile data."""
    if not address:
        return "no email address"
    invalid = f"email address {address!r} is not valid"
    if any(c.isspace() or ord(c) < 32 or c in '<>,;:"()[]\\' for c in address):
        return invalid
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or "@" in local:
        return invalid
    try:
        Address(addr_spec=address)
    except (ValueError, IndexError, HeaderParseError):
        return invalid
    return None


def _first_lines(body: str, count: int = 3, width: int = 100) -> str:
    lines = [" ".join(line.split()) for line in body.splitlines() if line.strip()][:count]
    return "\n".join(line if len(line) <= width else line[: width - 1] + "…" for line in lines)


_one_line = mail.one_line


def plan(
    ws: Workspace, campaign: str, *, subject: str | None = None, limit: int | None = None
) -> SendReport:
    """The dry run: which messages a send would send, which it skips and why. Sends nothing."""
    if limit is not None and limit < 1:
        raise HandpickedError(f"--limit {limit}: give 1 or more messages to send")
    row = campaign_row(ws.conn, campaign)
    campaign_id, campaign, channel = row["id"], row["name"], row["channel"]
    given = _one_line(subject)
    report = SendReport(campaign=campaign, dry_run=True)
    rows = ws.conn.execute(
        "SELECT m.id, m.contact_id, m.subject, m.body, m.status, m.error,"
        " c.first_name, c.last_name, c.email, c.do_not_contact"
        " FROM messages m JOIN contacts c ON c.id = m.contact_id WHERE m.campaign_id = ?"
        " ORDER BY m.id",  # queue order, as the preview shows it
        (campaign_id,),
    ).fetchall()
    for row in rows:
        address = (row["email"] or "").strip()
        name = _one_line(f"{row['first_name']} {row['last_name']}")
        item = SendItem(
            message_id=row["id"],
            contact_id=row["contact_id"],
            name=name,
            email=address,
            subject=_one_line(row["subject"]) or given,
            first_lines=_first_lines(row["body"]),
            status="would-send",
        )
        if row["status"] == "sending":
            reason = _stuck(campaign, item.contact_id)
            report.stuck_sending.append(
                item.model_copy(update={"status": "skipped", "reason": reason})
            )
            continue
        if row["status"] == "failed":
            reason = f"failed earlier ({_one_line(row['error']) or 'no reply recorded'}); "
            reason += f"to try again: {_mark(campaign, 'queued', item.contact_id)}"
        elif row["status"] != "queued":
            reason = _EARLIER.get(row["status"], row["status"])
        elif row["do_not_contact"]:
            reason = "on the do-not-contact list"
        else:
            reason = _bad_address(address) or ""
            if not reason and limit is not None and len(report.items) >= limit:
                reason = f"over --limit {limit}: left queued for the next run"
        if reason:
            report.skipped.append(item.model_copy(update={"status": "skipped", "reason": reason}))
        else:
            report.items.append(item)
    if any(not item.subject for item in report.items):
        if channel in SUBJECTLESS:
            raise HandpickedError(
                f"campaign {campaign!r} is a {channel} campaign, whose messages have no subject: "
                "give the emails one with --subject TEXT"
            )
        raise HandpickedError(
            f"some messages of campaign {campaign!r} have no subject: give one with --subject TEXT"
        )
    return report


def account(ws: Workspace) -> config.Smtp:
    """The SMTP settings, checked before anyone is asked for a password."""
    smtp = config.load(ws).smtp
    if not smtp.host.strip():
        raise HandpickedError(
            "no mail server set: handpicked config set smtp.host smtp.example.com "
            "(and smtp.security, smtp.username, smtp.from)"
        )
    if not smtp.from_.strip():
        raise HandpickedError(
            "no From address set: handpicked config set smtp.from 'Your Name <you@example.com>'"
        )
    _, address = email.utils.parseaddr(smtp.from_)
    if _bad_address(address) is not None:
        raise HandpickedError(
            f"smtp.from = {smtp.from_!r} is not an email address: "
            "handpicked config set smtp.from 'Your Name <you@example.com>'"
        )
    return smtp


def _connect(
    smtp: config.Smtp, password: str, context: ssl.SSLContext | None, report: SendReport
) -> smtplib.SMTP:
    """An open, authenticated connection, or SendStopped with one line naming the server."""
    try:
        return mail.connect(smtp, password, context)
    except mail.Unreachable as err:
        raise SendStopped(f"{err}; nothing was sent", report) from None


def _set(
    ws: Workspace, message_id: int, status: str, error: str = "", *, sent: bool = False
) -> None:
    stamp = now()
    with transaction(ws.conn) as conn:
        conn.execute(
            "UPDATE messages SET status = ?, status_at = ?, error = ?,"
            " sent_at = CASE WHEN ? THEN ? ELSE sent_at END WHERE id = ?",
            (status, stamp, error, sent, stamp, message_id),
        )


def _claim(ws: Workspace, message_id: int) -> str | None:
    """Mark the message `sending` and return its body; None if it is no longer queued."""
    with transaction(ws.conn) as conn:
        claimed = conn.execute(
            "UPDATE messages SET status = 'sending', status_at = ?"
            " WHERE id = ? AND status = 'queued'",
            (now(), message_id),
        ).rowcount
        if claimed != 1:
            return None
        return conn.execute("SELECT body FROM messages WHERE id = ?", (message_id,)).fetchone()[0]


def send(
    ws: Workspace,
    campaign: str,
    *,
    password: str,
    subject: str | None = None,
    limit: int | None = None,
    rate: float = 5.0,
    on_progress: Callable[[SendItem], None] | None = None,
    sleep: Callable[[float], object] = time.sleep,
    tls_context: ssl.SSLContext | None = None,
) -> SendReport:
    """Send each queued message of `campaign` as its own email, `rate` seconds apart.

    Per-message refusals mark that message `failed` and the run goes on; anything that makes
    the rest pointless (bad password, server down, connection lost) raises SendStopped, whose
    `report` says what was sent. `on_progress` sees each message once it is sent or failed.
    """
    if rate < 0:
        raise HandpickedError(f"--rate {rate}: give 0 or more seconds between messages")
    smtp = account(ws)
    report = plan(ws, campaign, subject=subject, limit=limit)
    report.dry_run = False
    todo, report.items = report.items, []
    if not todo:
        return report
    from_address = email.utils.parseaddr(smtp.from_)[1]
    where = f"{smtp.host.strip()}:{smtp.effective_port}"
    conn = _connect(smtp, password, tls_context, report)
    try:
        for index, item in enumerate(todo):
            if index:
                sleep(rate)
            body = _claim(ws, item.message_id)
            if body is None:
                item = item.model_copy(update={"status": "skipped", "reason": "no longer queued"})
                report.skipped.append(item)
                continue
            message = (smtp.from_, from_address, body)
            done = _deliver(ws, conn, where, message, item, report)
            report.items.append(done)
            if done.status == "sent":
                report.sent += 1
            else:
                report.failed += 1
            if on_progress is not None:
                on_progress(done)
    finally:
        try:
            conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()
    return report


def _deliver(
    ws: Workspace,
    conn: smtplib.SMTP,
    where: str,
    message: tuple[str, str, str],
    item: SendItem,
    report: SendReport,
) -> SendItem:
    """One envelope, one recipient; the message is `sending` on entry and settled on return.

    The envelope is built by hand (MAIL, RCPT, DATA) rather than with send_message so that a
    stop is known to have happened before the data (safe to requeue) or during it (unknown
    whether the server accepted it: left `sending`).
    """
    from_header, from_address, body = message
    stage = "build"
    try:
        try:
            data, options = mail.build(
                conn, from_header, from_address, item.name, item.email, item.subject, body
            )
        except mail.CannotBuild as err:
            _set(ws, item.message_id, "failed", str(err))
            return item.model_copy(update={"status": "failed", "reason": str(err)})
        stage = "mail"
        code, reply = conn.mail(from_address, options)
        if code == 250:
            stage = "rcpt"
            code, reply = conn.rcpt(item.email)
            if code in (250, 251):
                stage = "data"
                try:
                    code, reply = conn.data(data)
                except smtplib.SMTPDataError as err:  # DATA refused before any content went out
                    code, reply = err.smtp_code, err.smtp_error
    except (smtplib.SMTPServerDisconnected, OSError) as err:
        cause = _one_line(str(err)) or "no reply"
        if stage == "data":
            raise SendStopped(
                f"{where} dropped the connection while sending to {item.name} <{item.email}> "
                f"({cause}): it may or may not have arrived and is left `sending`; check your "
                f"Sent folder, then run {_mark(report.campaign, 'sent', item.contact_id)} (or "
                "queued); the messages still queued go with the next run",
                report,
            ) from None
        _set(ws, item.message_id, "queued")
        raise SendStopped(
            f"{where} dropped the connection before the message to {item.name} went out "
            f"({cause}); it is still queued: run the send again for the rest",
            report,
        ) from None
    except BaseException:
        if stage != "data":  # stopped before any data went out: certainly not accepted
            _set(ws, item.message_id, "queued")
        raise
    if stage == "data" and code == 250:
        _set(ws, item.message_id, "sent", sent=True)
        return item.model_copy(update={"status": "sent", "reason": ""})
    mail.rset(conn)
    answer = f"{code} {mail.text(reply)}"
    if stage == "mail":  # the From address is refused: every other message would be too
        _set(ws, item.message_id, "queued")
        raise SendStopped(
            f"{where} refused the sender {from_address} ({answer}): check smtp.from", report
        )
    if 400 <= code < 500:  # temporary: the server asks to try later, so keep it queued
        _set(ws, item.message_id, "queued", answer)
        why = f"temporarily refused by {where} ({answer}): left queued, send again later"
    else:
        _set(ws, item.message_id, "failed", answer)
        why = f"refused by {where} ({answer})"
    return item.model_copy(update={"status": "failed", "reason": why})
