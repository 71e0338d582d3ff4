"""A real SMTP server on 127.0.0.1 (aiosmtpd) and a workspace with a campaign to send.

The email tests talk to a real server over a real socket rather than to a mocked smtplib, so what
they check -- the bytes a server receives, a refused recipient, a wrong password, a connection
dropped in the middle of DATA -- is what a mail provider would see. Test modules load this file
with `pytest_plugins = ["smtp_server"]` (tests/ is on sys.path through tests/conftest.py) and
import its helpers too, hence PYTEST_DONT_REWRITE (it asserts nothing).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from handpicked.core import config
from handpicked.core.clock import now
from handpicked.core.db import Workspace, transaction

USER = "alex@example.com"
PASSWORD = "c0rrect-h0rse-Ünïcode"


def free_port() -> int:
    """A port nothing listens on (aiosmtpd cannot be given port 0 itself)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.content, policy=policy.default)  # type: ignore[return-value]


class Handler:
    """Accepts everything, except the addresses in `reject`; can hang up in a given DATA.

    `on_data(n)` runs when the n-th DATA has arrived, before the answer: the moment to change the
    workspace behind a running send. `hold_at` makes the n-th DATA wait, its content received
    (and in `received`: it is the server's now) but unanswered, until `release` is set: the
    sender is then certainly mid-message, where a test can kill it or start a second send,
    without guessing at timing.
    """

    def __init__(
        self,
        reject: dict[str, str] | None = None,
        drop_at: int | None = None,
        on_data: Callable[[int], object] | None = None,
        hold_at: int | None = None,
    ) -> None:
        self.reject = reject or {}
        self.drop_at = drop_at  # the 1-based DATA during which the server hangs up
        self.on_data = on_data
        self.hold_at = hold_at
        self.holding = threading.Event()
        self.release = threading.Event()
        self.received: list[Received] = []
        self.data_count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address in self.reject:
            return self.reject[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        self.data_count += 1
        count = self.data_count
        if self.on_data is not None:
            self.on_data(count)
        if count == self.hold_at:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
            self.holding.set()  # other connections are still served while this one waits
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 60)
            return "250 2.0.0 Message accepted for delivery"
        if count == self.drop_at:
            server.transport.abort()  # the content arrived; the client never hears back
            return "421 gone"
        self.received.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        )
        return "250 2.0.0 Message accepted for delivery"


def authenticator(users: dict[str, str]):
    def check(server, session, envelope, mechanism, auth_data) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            login = auth_data.login.decode("utf-8")
            if users.get(login) == auth_data.password.decode("utf-8"):
                return AuthResult(success=True)
        return AuthResult(success=False, handled=False)  # handled=True would hang the client

    return check


class SmtpServer:
    """One running server; `received` is every message it accepted, in order."""

    def __init__(self, **options) -> None:
        tls = options.pop("tls_context", None)
        implicit = options.pop("ssl_context", None)
        users = options.pop("users", {USER: PASSWORD})
        self.handler = Handler(**options)
        self.port = free_port()
        kwargs: dict = {"auth_require_tls": False, "enable_SMTPUTF8": True}
        if users:
            kwargs["authenticator"] = authenticator(users)
        if tls is not None:
            kwargs["tls_context"] = tls
        if implicit is not None:
            kwargs["ssl_context"] = implicit
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **kwargs)

    @property
    def received(self) -> list[Received]:
        return self.handler.received

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()


@pytest.fixture
def smtp_server() -> Iterator:
    """A factory: `smtp_server(reject=..., drop_at=..., users=..., tls_context=...)`."""
    started: list[SmtpServer] = []

    def start(**options) -> SmtpServer:
        server = SmtpServer(**options).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.handler.release.set()  # a held DATA must not keep the server from stopping
        with contextlib.suppress(Exception):
            server.stop()


@pytest.fixture
def tls_pair():
    """(server context, client context) from a CA made for this test only; no cert on disk."""
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    client = ssl.create_default_context()
    ca.configure_trust(client)
    return server, client


# ---------------------------------------------------------------------------------------------
# A workspace with contacts and a campaign


PEOPLE = [
    # first, last, email, do_not_contact
    ("Hélène", "Côté", "helene.cote@example.ca", 0),
    ("François", "Bélanger", "francois@example.org", 0),
    ("Marc", "Roy", "", 0),
    ("Zoë", "O'Brien-Lévesque", "zoe@example.net", 0),
    ("Nadia", "Tremblay", "nadia@example.com", 1),
]


def add_contacts(ws: Workspace, people=PEOPLE) -> list[int]:
    stamp = now()
    ids = []
    with transaction(ws.conn) as conn:
        for first, last, address, dnc in people:
            ids.append(
                conn.execute(
                    "INSERT INTO contacts(first_name, last_name, email, do_not_contact,"
                    " imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (first, last, address, dnc, stamp, stamp),
                ).lastrowid
            )
    return ids


def add_campaign(
    ws: Workspace,
    name: str,
    contact_ids: list[int],
    *,
    channel: str = "email",
    subject: str | None = "Café jeudi : une idée à partager",
) -> int:
    """A campaign with one queued message per contact; the body names the contact."""
    stamp = now()
    with transaction(ws.conn) as conn:
        campaign_id = conn.execute(
            "INSERT INTO campaigns(name, template, channel, created) VALUES (?, ?, ?, ?)",
            (name, "reconnect", channel, stamp),
        ).lastrowid
        for cid in contact_ids:
            first = conn.execute("SELECT first_name FROM contacts WHERE id = ?", (cid,)).fetchone()
            body = f"Bonjour {first[0]},\n\nÇa fait longtemps ! Un café à Montréal ?\n\nAlex"
            conn.execute(
                "INSERT INTO messages(campaign_id, contact_id, subject, body, status, status_at,"
                " queued_at) VALUES (?, ?, ?, ?, 'queued', ?, ?)",
                (campaign_id, cid, subject if channel in ("email", "inmail") else None, body,
                 stamp, stamp),
            )  # fmt: skip
    return campaign_id


def configure(ws: Workspace, port: int, *, security: str = "none", username: str = USER) -> None:
    for key, value in (
        ("smtp.host", "127.0.0.1"),
        ("smtp.port", str(port)),
        ("smtp.security", security),
        ("smtp.username", username),
        ("smtp.from", "Alex Martin <alex@example.com>"),
    ):
        config.set_value(ws, key, value)


def statuses(ws: Workspace, campaign: str = "spring") -> dict[str, str]:
    """email (or first name when none) -> status, for the campaign's messages."""
    rows = ws.conn.execute(
        "SELECT c.email, c.first_name, m.status FROM messages m"
        " JOIN contacts c ON c.id = m.contact_id JOIN campaigns k ON k.id = m.campaign_id"
        " WHERE k.name = ? ORDER BY m.id",
        (campaign,),
    ).fetchall()
    return {row[0] or row[1]: row[2] for row in rows}


@pytest.fixture
def mail_ws(tmp_path) -> Iterator[Workspace]:
    """A workspace with PEOPLE and a queued email campaign `spring` to all of them."""
    workspace = Workspace(tmp_path / "ws")  # HANDPICKED_HOME in tests/conftest.py
    add_campaign(workspace, "spring", add_contacts(workspace))
    yield workspace
    workspace.close()
