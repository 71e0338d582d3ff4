"""A test email to yourself before a send: the campaign's next message, as it would go out.

Mail-merge tools offer this because a message read in a mail client shows what a preview does
not (the From line, accents after encoding, line lengths). It is a rehearsal: it goes through the
same settings, password and SMTP conversation as `send`, but to the user's own address, and
nothing is stored, so no message changes status and nobody counts as contacted.
"""

from __future__ import annotations

import email.utils
import smtplib
import ssl

from handpicked.core.campaigns.email import smtp as mail
from handpicked.core.campaigns.email.dispatch import SendItem, plan
from handpicked.core.campaigns.store import sending
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError

PREFIX = "[test] "


def send_test(
    ws: Workspace,
    campaign: str,
    to: str | None = None,
    *,
    password: str,
    subject: str | None = None,
    tls_context: ssl.SSLContext | None = None,
) -> SendItem:
    """Send the first message a send would send, to `to` instead of its contact.

    `to` defaults to the From address (smtp.from), the user's own. Returns that message's item
    with the test address and subject; raises HandpickedError, in one line, when there is
    nothing to send or the server refuses.
    """
    smtp = mail.account(ws)
    from_address = email.utils.parseaddr(smtp.from_)[1]
    to = from_address if to is None else to.strip()
    why = mail.bad_address(to)
    if why is not None:
        raise HandpickedError(f"the test address: {why}")
    ahead = plan(ws, campaign, subject=subject)
    if not ahead.items:
        raise HandpickedError(
            f"campaign {ahead.campaign!r} has no message to send (none is queued with an email "
            "address), so there is nothing to test"
        )
    item = ahead.items[0]
    found = sending.claimable(ws.conn, item.message_id)  # a read: the text as it is now
    if found is None:
        raise HandpickedError(f"the message to {item.name} was removed meanwhile; nothing sent")
    title = PREFIX + (mail.one_line(found.subject) or mail.one_line(subject))
    where = f"{smtp.host.strip()}:{smtp.effective_port}"
    try:
        conn = mail.connect(smtp, password, tls_context)
    except mail.Unreachable as err:
        raise HandpickedError(f"{err}; the test message was not sent", hint=err.hint) from None
    try:
        data, options = mail.build(conn, smtp.from_, from_address, "", to, title, found.body)
        conn.sendmail(from_address, [to], data, mail_options=options)
    except mail.CannotBuild as err:
        raise HandpickedError(f"the test message was not sent: {err}") from None
    except smtplib.SMTPRecipientsRefused as err:
        code, reply = err.recipients.get(to, (0, b""))
        raise HandpickedError(
            f"{where} refused the test address {to} ({code} {mail.text(reply)})"
        ) from None
    except smtplib.SMTPSenderRefused as err:
        raise HandpickedError(
            f"{where} refused the sender {from_address} ({mail.reply_text(err)}): check smtp.from"
        ) from None
    except smtplib.SMTPServerDisconnected as err:
        raise HandpickedError(
            f"{where} dropped the connection during the test message ({err})"
        ) from None
    except smtplib.SMTPException as err:
        raise HandpickedError(
            f"{where} refused the test message ({mail.reply_text(err)})"
        ) from None
    except OSError as err:
        raise HandpickedError(
            f"{where} dropped the connection during the test message ({err.strerror or err})"
        ) from None
    finally:
        try:
            conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()
    return item.model_copy(update={"email": to, "subject": title, "status": "sent"})
