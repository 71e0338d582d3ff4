"""The SMTP conversation itself: its settings and addresses checked, connecting, logging in, and
turning a message into an email.

Kept apart from `dispatch` (which decides what is sent, and records it exactly once) so that the
part that talks to a server, with every way a server can refuse, reads on its own.
"""

from __future__ import annotations

import base64
import contextlib
import email.utils
import smtplib
import socket
import ssl
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage

from handpicked.core import config
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError, Hint

TIMEOUT = 30.0
_POLICY = policy.SMTP.clone(cte_type="7bit")


class Unreachable(Exception):
    """No usable connection: the text is one line naming the server and what to check."""

    def __init__(self, why: str, hint: Hint | None = None) -> None:
        super().__init__(why)
        self.hint = hint


class CannotBuild(Exception):
    """This message cannot become an email (its text says why); the others still can."""


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())  # a header never spans lines: no header injection


def bad_address(address: str) -> str | None:
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


def account(ws: Workspace) -> config.Smtp:
    """The SMTP settings, checked before anyone is asked for a password."""
    smtp = config.load(ws).smtp
    if not smtp.host.strip():
        raise HandpickedError(
            "no mail server set (smtp.host, with smtp.security, smtp.username and smtp.from)",
            hint=Hint.SMTP_SETTING,
            key="smtp.host",
            example="smtp.example.com",
        )
    if not smtp.from_.strip():
        raise HandpickedError(
            "no From address set (smtp.from)",
            hint=Hint.SMTP_SETTING,
            key="smtp.from",
            example="'Your Name <you@example.com>'",
        )
    _, address = email.utils.parseaddr(smtp.from_)
    if bad_address(address) is not None:
        raise HandpickedError(
            f"smtp.from = {smtp.from_!r} is not an email address",
            hint=Hint.SMTP_SETTING,
            key="smtp.from",
            example="'Your Name <you@example.com>'",
        )
    return smtp


def connect(smtp: config.Smtp, password: str, context: ssl.SSLContext | None) -> smtplib.SMTP:
    """An open, authenticated connection, or Unreachable with one line naming the server."""
    host, port = smtp.host.strip(), smtp.effective_port
    where = f"{host}:{port}"
    context = context or ssl.create_default_context()
    conn: smtplib.SMTP | None = None
    step = "connect"
    hint: Hint | None = None
    try:
        if smtp.security == "ssl":
            conn = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT, context=context)
        else:
            conn = smtplib.SMTP(host, port, timeout=TIMEOUT)
            if smtp.security == "starttls":
                step = "starttls"
                conn.ehlo()
                conn.starttls(context=context)
                conn.ehlo()
        # smtplib greets the server only on the way to a login or STARTTLS; without either
        # (a relay that takes mail with no login) MAIL would come first and be refused.
        step = "ehlo"
        conn.ehlo_or_helo_if_needed()
        if smtp.username:
            step = "login"
            login(conn, smtp.username, password)
        return conn
    except smtplib.SMTPAuthenticationError as err:
        why = f"{where} refused the login for {smtp.username} ({reply_text(err)}):"
        why += " check smtp.username and the password"
        hint = Hint.PASSWORD
    except smtplib.SMTPNotSupportedError:
        if step == "starttls":
            why = f"{where} does not offer STARTTLS: set smtp.security to ssl (usually port 465)"
        else:
            why = f"{where} does not accept a login (no AUTH): clear smtp.username or fix smtp.host"
    except ssl.SSLCertVerificationError as err:
        why = f"TLS failed with {where}: its certificate is not trusted ({err.verify_message})"
    except ssl.SSLError as err:
        why = f"TLS failed with {where} ({err.reason or err}): check smtp.security and smtp.port"
        why += " (ssl is usually 465, starttls 587)"
    except smtplib.SMTPServerDisconnected:
        why = f"{where} closed the connection: check smtp.port and smtp.security"
    except ConnectionRefusedError:
        why = f"could not connect to {where}: connection refused; check smtp.host and smtp.port"
    except socket.gaierror:
        why = f"could not find the mail server {host!r} ({where}): check smtp.host and the network"
    except TimeoutError:
        why = f"{where} did not answer within {TIMEOUT:.0f} s: check smtp.host, smtp.port, network"
    except smtplib.SMTPException as err:
        why = f"{where} refused the connection ({reply_text(err)})"
    except OSError as err:
        why = f"could not connect to {where}: {err.strerror or err}"
    if conn is not None:
        conn.close()
    raise Unreachable(why, hint)


def login(conn: smtplib.SMTP, username: str, password: str) -> None:
    """smtplib's login, but UTF-8 for non-ASCII credentials (RFC 4616), where smtplib crashes."""
    if (username + password).isascii():
        conn.login(username, password)
        return
    conn.ehlo_or_helo_if_needed()
    mechanisms = conn.esmtp_features.get("auth", "").upper().split()
    if not conn.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("SMTP AUTH extension not supported by server.")

    def b64(text: str) -> str:
        return base64.b64encode(text.encode("utf-8")).decode("ascii")

    if "PLAIN" in mechanisms:
        code, reply = conn.docmd("AUTH", "PLAIN " + b64(f"\0{username}\0{password}"))
    elif "LOGIN" in mechanisms:
        code, reply = conn.docmd("AUTH", "LOGIN " + b64(username))
        if code == 334:
            code, reply = conn.docmd(b64(password))
    else:
        raise smtplib.SMTPException(
            f"no login method for a non-ASCII password (server offers {' '.join(mechanisms)})"
        )
    if code not in (235, 503):
        raise smtplib.SMTPAuthenticationError(code, reply)


def reply_text(err: smtplib.SMTPException) -> str:
    code = getattr(err, "smtp_code", None)
    text = getattr(err, "smtp_error", None)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return one_line(f"{code} {text}" if code else str(err))


def build(
    conn: smtplib.SMTP,
    from_header: str,
    from_address: str,
    name: str,
    address: str,
    subject: str,
    body: str,
) -> tuple[bytes, list[str]]:
    """The email's bytes and the MAIL options they need."""
    options: list[str] = []
    international = not (from_address + address).isascii()
    if international:
        if not conn.has_extn("smtputf8"):
            raise CannotBuild("the server does not accept non-ASCII addresses (no SMTPUTF8)")
        options = ["SMTPUTF8", "BODY=8BITMIME"]
    try:
        msg = EmailMessage(policy=_POLICY)
        msg["From"] = from_header
        msg["To"] = Address(display_name=name, addr_spec=address)
        msg["Subject"] = subject
        msg["Date"] = email.utils.formatdate(localtime=True)
        # The From domain, not socket.getfqdn(): no DNS lookup of the machine's own name.
        msg["Message-ID"] = email.utils.make_msgid(domain=from_address.rpartition("@")[2])
        msg.set_content(body)
        return msg.as_bytes(policy=_POLICY.clone(utf8=international)), options
    except (ValueError, TypeError, LookupError, HeaderParseError) as err:
        raise CannotBuild(f"could not make an email of this message: {err}") from None


def text(reply: bytes | str) -> str:
    return one_line(reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply)


def rset(conn: smtplib.SMTP) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):
        conn.rset()  # on a dead connection, the next command reports it
