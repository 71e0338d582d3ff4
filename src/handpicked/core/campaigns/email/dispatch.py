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
import smtplib
import ssl
import time
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from handpicked.core import config
from handpicked.core.campaigns import sendlock
from handpicked.core.campaigns.email import smtp as mail
from handpicked.core.campaigns.store import sending
from handpicked.core.campaigns.store.reading import get_campaign
from handpicked.core.clock import now
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError, Hint

SUBJECTLESS = ("linkedin-message", "connection-note")


def _pid(running: sendlock.Holder) -> str:
    return f" (pid {running.pid})" if running.pid else ""


def _stuck(item: SendItem, how: str = "by an earlier run that stopped") -> SendItem:
    """The item as a message left `sending`: the user checks the Sent folder, then marks it
    (each face says how: `Hint.CHECK_SENT`)."""
    reason = f"left `sending` {how} mid-send, so it may have arrived"
    return item.model_copy(update={"status": "skipped", "reason": reason, "hint": Hint.CHECK_SENT})


_EARLIER = {
    "sent": "already sent",
    "replied": "already sent (replied)",
    "skipped": "marked skipped",
}


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
    """Why it was skipped or failed, in plain words; `hint` names what the user may do about
    it, which each face words its own way (with the campaign and `contact_id` as facts)."""
    hint: Hint | None = Field(None, exclude=True)


class SendReport(BaseModel):
    """What a run did (or, dry, would do): the `send --json` contract.

    Every message of the campaign is in exactly one list, a run that stopped part-way too (its
    untried messages are `skipped`, left queued), so a stopped report never reads as a success.
    """

    campaign: str
    dry_run: bool
    sent: int = 0
    failed: int = 0
    skipped: list[SendItem] = Field(default_factory=list)
    items: list[SendItem] = Field(default_factory=list)
    stuck_sending: list[SendItem] = Field(default_factory=list)
    stopped: str = ""
    """Why the run ended before its last message ("" when it did not)."""


class SendStopped(HandpickedError):
    """A run stopped before its end (server down, bad password, connection lost).

    `report` holds what was done before the stop, so the CLI can still print it; `started` says
    whether any message had been tried (if not, the run failed as a whole and nothing changed).
    """

    def __init__(
        self,
        message: str,
        report: SendReport,
        *,
        started: bool = False,
        hint: Hint | None = None,
        **facts: object,
    ) -> None:
        super().__init__(message, hint=hint, **facts)
        self.report = report
        self.started = started


def _first_lines(body: str, count: int = 3, width: int = 100) -> str:
    lines = [" ".join(line.split()) for line in body.splitlines() if line.strip()][:count]
    return "\n".join(line if len(line) <= width else line[: width - 1] + "…" for line in lines)


_one_line = mail.one_line
account = mail.account  # the settings a send needs, checked before any password is asked


def plan(
    ws: Workspace, campaign: str, *, subject: str | None = None, limit: int | None = None
) -> SendReport:
    """The dry run: which messages a send would send, which it skips and why. Sends nothing."""
    return _plan(ws, campaign, subject, limit, sendlock.holder(ws.home))


def _plan(
    ws: Workspace,
    campaign: str,
    subject: str | None,
    limit: int | None,
    running: sendlock.Holder | None,
) -> SendReport:
    """plan(), knowing which send (if any) is running now and owns the `sending` it claimed."""
    if limit is not None and limit < 1:
        raise HandpickedError(f"a limit of {limit} messages: give 1 or more messages to send")
    found = get_campaign(ws.conn, campaign)
    campaign, channel = found.name, found.channel
    given = _one_line(subject)
    report = SendReport(campaign=campaign, dry_run=True)
    for row in sending.outgoing(ws.conn, found.id):
        address = (row.email or "").strip()
        name = _one_line(f"{row.first_name} {row.last_name}")
        item = SendItem(
            message_id=row.message_id,
            contact_id=row.contact_id,
            name=name,
            email=address,
            subject=_one_line(row.subject) or given,
            first_lines=_first_lines(row.body),
            status="would-send",
        )
        hint = None
        if row.status == "sending":
            if running is None or row.status_at < running.started:  # its run is gone
                report.stuck_sending.append(_stuck(item))
                continue
            reason = f"on its way in the send running now{_pid(running)}: not sent again"
        elif row.status == "failed":
            reason = f"failed earlier ({_one_line(row.error) or 'no reply recorded'})"
            hint = Hint.RETRY_FAILED
        elif row.status != "queued":
            reason = _EARLIER.get(row.status, row.status)
            if row.status == "skipped" and row.error:  # e.g. do-not-contact mid-send
                reason += f" ({_one_line(row.error)})"
        elif row.do_not_contact:
            reason = "on the do-not-contact list"
        else:
            reason = mail.bad_address(address) or ""
            if not reason and limit is not None and len(report.items) >= limit:
                many = f"{limit} message{'s' if limit != 1 else ''}"
                reason = f"over this run's limit of {many}: left queued for the next run"
        if reason:
            skipped = {"status": "skipped", "reason": reason, "hint": hint}
            report.skipped.append(item.model_copy(update=skipped))
        else:
            report.items.append(item)
    if any(not item.subject for item in report.items):
        if channel in SUBJECTLESS:
            raise HandpickedError(
                f"campaign {campaign!r} is a {channel} campaign, whose messages have no subject: "
                "the emails need one",
                hint=Hint.SUBJECT,
            )
        raise HandpickedError(
            f"some messages of campaign {campaign!r} have no subject", hint=Hint.SUBJECT
        )
    return report


def _connect(
    smtp: config.Smtp, password: str, context: ssl.SSLContext | None, report: SendReport
) -> smtplib.SMTP:
    """An open, authenticated connection, or SendStopped with one line naming the server."""
    try:
        return mail.connect(smtp, password, context)
    except mail.Unreachable as err:
        raise SendStopped(f"{err}; nothing was sent", report, hint=err.hint) from None


def _set(
    ws: Workspace, message_id: int, status: str, error: str = "", *, sent: bool = False
) -> None:
    sending.settle(ws.conn, message_id, status, now(), error, sent=sent)


def _claim(ws: Workspace, item: SendItem) -> tuple[str, str | None] | str:
    """Mark the message `sending` and return its (body, subject); or why it must not go.

    The run's plan is minutes old by the time a message's turn comes, so the person is looked
    at again in the claim's own transaction: put on the do-not-contact list or forgotten since
    (in the TUI, in another terminal), they are never sent to. A do-not-contact refusal is kept
    as `skipped` with its reason, so the message does not sit queued for a send that never comes.
    """
    with transaction(ws.conn) as conn:
        found = sending.claimable(conn, item.message_id)
        if found is None:
            if sending.contact_exists(conn, item.contact_id):
                return "its campaign was deleted during this send: not sent"
            return "forgotten (contact forget) during this send: not sent"
        if found.status != "queued":
            return f"marked {found.status} during this send: not sent"
        if found.do_not_contact:
            why = "put on the do-not-contact list during a send"
            sending.skip(conn, item.message_id, now(), why)
            return "put on the do-not-contact list during this send: not sent"
        sending.claim(conn, item.message_id, now())
        return found.body, found.subject


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
    The workspace's send lock is held throughout: a second send refuses rather than races.
    """
    if rate < 0:
        raise HandpickedError(f"a pause of {rate} seconds: give 0 or more seconds between messages")
    smtp = account(ws)
    with sendlock.held(ws.home):
        report = _plan(ws, campaign, subject, limit, running=None)  # we hold the lock
        report.dry_run = False
        todo, report.items = report.items, []
        if not todo:
            return report
        from_address = email.utils.parseaddr(smtp.from_)[1]
        where = f"{smtp.host.strip()}:{smtp.effective_port}"
        conn = _connect(smtp, password, tls_context, report)
        tried = 0
        try:
            for tried, item in enumerate(todo, start=1):
                if tried > 1:
                    sleep(rate)
                claim = _claim(ws, item)
                if isinstance(claim, str):
                    report.skipped.append(
                        item.model_copy(update={"status": "skipped", "reason": claim})
                    )
                    continue
                body, stored = claim  # the text as it is now, hand edits included
                item = item.model_copy(update={"subject": _one_line(stored) or _one_line(subject)})
                done = _deliver(ws, conn, where, (smtp.from_, from_address, body), item, report)
                report.items.append(done)
                if done.status == "sent":
                    report.sent += 1
                else:
                    report.failed += 1
                if on_progress is not None:
                    on_progress(done)
        except SendStopped as stop:
            _stopped(report, stop, todo[tried:])
            raise
        finally:
            try:
                conn.quit()
            except (smtplib.SMTPException, OSError):
                conn.close()
    return report


def _requeue(ws: Workspace, report: SendReport, item: SendItem, why: str) -> None:
    _set(ws, item.message_id, "queued")
    reason = f"not sent: {why}; left queued for the next run"
    report.skipped.append(item.model_copy(update={"status": "skipped", "reason": reason}))


def _stopped(report: SendReport, stop: SendStopped, untried: list[SendItem]) -> None:
    """Account for the messages a stop left untried, so the report never reads as a success."""
    report.stopped = str(stop)
    stop.started = True
    reason = "not sent: the send stopped before it; left queued for the next run"
    for item in untried:
        report.skipped.append(item.model_copy(update={"status": "skipped", "reason": reason}))


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
        reply: bytes | str  # an SMTPDataError's reply may be either
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
            report.stuck_sending.append(_stuck(item, "as the connection dropped"))
            raise SendStopped(
                f"{where} dropped the connection while sending to {item.name} <{item.email}> "
                f"({cause}): it may or may not have arrived and is left `sending`; the messages "
                "still queued go with the next run",
                report, hint=Hint.CHECK_SENT, campaign=report.campaign, id=item.contact_id,
            ) from None  # fmt: skip
        _requeue(ws, report, item, "the connection dropped before it went out")
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
        _requeue(ws, report, item, "the server refused the sender")
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
