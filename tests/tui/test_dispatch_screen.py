"""Dispatch screen: copy, open, mark, progress, resume, edit, export and send by email."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from pilot_wait import workers_done
from smtp_server import PASSWORD, USER, add_campaign, add_contacts, configure, statuses
from textual.widgets import Input, ProgressBar, Static, TextArea

from handpicked.core import campaigns
from handpicked.core.campaigns.email import secrets
from handpicked.core.clock import now
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace, transaction
from handpicked.tui.app import make_app
from handpicked.tui.screens.dispatch import DispatchScreen
from handpicked.tui.screens.export_dialog import ExportDialog
from handpicked.tui.screens.message_editor import MessageEditor
from handpicked.tui.screens.send_dialog import SendDialog
from handpicked.tui.widgets.message_preview import MessagePreview

pytest_plugins = ["smtp_server"]

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PEOPLE = """\
    Alma,Zorn,https://www.linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021
    Chloe,Mercier,https://www.linkedin.com/in/chloe-mercier,,,Designer,20 Jun 2022
    Dario,Basso,https://www.linkedin.com/in/dario-basso,,Contoso,Engineer,01 Feb 2020
"""


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """Three people and a queued campaign `spring` (reconnect template) to all of them."""
    path = tmp_path / "Connections.csv"
    path.write_text(f"{HEADER}\n{textwrap.dedent(PEOPLE)}", encoding="utf-8")
    workspace = Workspace(tmp_path / "ws")
    assert import_paths(workspace, [path])[0].error is None
    ids = [c.id for c in contacts.list_contacts(workspace)]
    campaigns.compose(workspace, "spring", template="reconnect", variables={}, f=None,
                      contact_ids=ids)  # fmt: skip
    yield workspace
    workspace.close()


def queue(ws: Workspace, name: str = "spring") -> list[campaigns.MessageView]:
    return campaigns.preview(ws, name).messages


async def open_dispatch(pilot, name: str = "spring") -> DispatchScreen:
    """Open a campaign the way Compose and Campaigns do, and wait until it is on screen."""
    pilot.app.open_campaign(name)
    for _ in range(50):
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, DispatchScreen) and screen.preview is not None:
            return screen
    raise AssertionError(f"Dispatch never showed {name}")


async def test_copy_open_mark_and_progress(ws: Workspace, browser: list[str]) -> None:
    """Verify copy fills the clipboard, open goes through open_link, sent is stored and counted."""
    first = queue(ws)[0]
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_dispatch(pilot)
        assert screen.query_one(MessagePreview).body_text == first.body
        await pilot.press("c")
        assert app.clipboard == first.body
        await pilot.press("o")
        assert browser == [first.profile_url]
        await pilot.press("s")
        await pilot.pause()
        assert queue(ws)[0].status == "sent"
        assert screen.query_one(ProgressBar).progress == 1
        assert screen.index == 1
        await pilot.press("k")
        await pilot.pause()
        assert [m.status for m in queue(ws)] == ["sent", "skipped", "queued"]
        assert screen.query_one(ProgressBar).progress == 2
        assert "2 of 3 done" in str(screen.query_one("#dispatch-counts", Static).content)


async def test_leaving_and_coming_back_resumes(ws: Workspace) -> None:
    """Verify Dispatch reopens on the message where the user stopped."""
    third = queue(ws)[2]
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dispatch(pilot)
        await pilot.press("n", "n")
        await pilot.press("f2")
        await pilot.pause()
        assert not isinstance(app.screen, DispatchScreen)
        screen = await open_dispatch(pilot)
        assert screen.index == 2
        assert screen.query_one(MessagePreview).body_text == third.body
    assert campaigns.get_cursor(ws, "spring") == 2


async def test_the_list_moves_the_message_and_replied_counts(ws: Workspace) -> None:
    """Verify moving in the queue list shows that message, and replied/undo are stored."""
    second = queue(ws)[1]
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_dispatch(pilot)
        screen.query_one("#queue").focus()
        await pilot.press("down")
        await pilot.pause()
        assert screen.index == 1
        assert screen.query_one(MessagePreview).body_text == second.body
        await pilot.press("r")
        await pilot.pause()
        assert queue(ws)[1].status == "replied"
        assert screen.index == 1  # a reply is news about this person: stay on them
        await pilot.press("u")
        await pilot.pause()
        assert queue(ws)[1].status == "queued"
        assert screen.query_one(ProgressBar).progress == 0


async def test_edit_stores_a_hand_edit(ws: Workspace) -> None:
    """Verify an edit in Dispatch is stored at once and flagged edited."""
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_dispatch(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, MessageEditor)
        app.screen.query_one(TextArea).text = "My own words."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert queue(ws)[0].edited is True
        assert screen.query_one(MessagePreview).body_text == "My own words."


async def test_export_writes_the_chosen_format(ws: Workspace, tmp_path: Path) -> None:
    """Verify the export dialog writes the send list where and how the user said."""
    target = tmp_path / "out" / "spring.json"
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dispatch(pilot)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-path", Input).value == "~/handpicked-spring.csv"
        await pilot.click("#fmt-json")
        assert dialog.query_one("#export-path", Input).value == "~/handpicked-spring.json"
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [m["name"] for m in data["messages"]] == [m.name for m in queue(ws)]


async def test_unsafe_profile_link_is_not_opened(ws: Workspace, browser: list[str]) -> None:
    """Verify only http(s) profile links reach open_link."""
    with transaction(ws.conn) as conn:
        conn.execute("UPDATE contacts SET profile_url = 'javascript:alert(1)'")
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dispatch(pilot)
        await pilot.press("o")
        await pilot.pause()
    assert browser == []


async def test_hostile_fields_are_shown_literally(ws: Workspace, text_of) -> None:
    """Verify names and bodies with markup or escapes are shown as text, never interpreted."""
    stamp = now()
    with transaction(ws.conn) as conn:
        hostile = conn.execute(
            "INSERT INTO contacts(first_name, last_name, company, imported_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            ("[bold red]x[/]", "\x1b[31mred", "[link=http://x]y[/link]", stamp, stamp),
        ).lastrowid
    campaigns.compose(ws, "odd", template="reconnect", variables={}, f=None,
                      contact_ids=[hostile])  # fmt: skip
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_dispatch(pilot, "odd")
        heading = screen.query_one("#mp-heading", Static).content
        assert "[bold red]x[/]" in heading.plain
        assert "\x1b" not in heading.plain
        shown = text_of(app)
        assert "[bold red]x[/]" in shown
        assert "\x1b" not in shown


async def test_send_by_email_confirms_then_sends(mail_ws: Workspace, smtp_server) -> None:
    """Verify the email dialog names the count, asks the password, and the worker sends them."""
    server = smtp_server()
    configure(mail_ws, server.port)
    app = make_app(mail_ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_dispatch(pilot)
        screen.SEND_RATE = 0.0
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SendDialog)
        assert dialog.count == 3  # one has no address, one is on the do-not-contact list
        assert "3 emails will go out" in dialog.query_one("#send-text", Static).content.plain
        dialog.query_one("#send-password", Input).value = PASSWORD
        await pilot.press("ctrl+s")
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert [m.status for m in queue(mail_ws)].count("sent") == 3
    assert len(server.received) == 3
    assert statuses(mail_ws)["helene.cote@example.ca"] == "sent"


async def test_send_dialog_words_skipped_reasons_with_keys(mail_ws: Workspace) -> None:
    """Verify the send dialog says how to retry a failed message with a key of the app, never
    with the CLI command `send` prints for it, and the same plain reason."""
    mail_ws.conn.execute(
        "UPDATE messages SET status = 'failed', error = '550 5.1.1 no such user' WHERE"
        " contact_id = (SELECT id FROM contacts WHERE email = 'francois@example.org')"
    )
    mail_ws.conn.commit()
    configure(mail_ws, 2525)
    app = make_app(mail_ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_dispatch(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, SendDialog)
        text = app.screen.query_one("#send-text", Static).content.plain
    assert (
        "1 × failed earlier (550 5.1.1 no such user); to try again, mark it queued on Dispatch "
        "(u)" in " ".join(text.split())
    )
    assert "handpicked" not in text


async def test_send_with_a_wrong_password_shows_the_error(mail_ws: Workspace, smtp_server) -> None:
    """Verify a refused login is a notification, nothing is sent, and the app keeps running."""
    server = smtp_server()
    configure(mail_ws, server.port)
    app = make_app(mail_ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_dispatch(pilot)
        screen.SEND_RATE = 0.0
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#send-password", Input).value = "wrong"
        await pilot.press("ctrl+s")
        await workers_done(app)
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors
        assert "Traceback" not in errors[-1].message
        assert isinstance(app.screen, DispatchScreen)
    assert server.received == []


async def test_email_asks_a_subject_and_uses_the_keyring(tmp_path: Path, smtp_server) -> None:
    """Verify a subjectless campaign asks for a subject, and a stored password is not asked."""
    ws = Workspace(tmp_path / "mail")
    add_campaign(ws, "spring", add_contacts(ws), channel="linkedin-message")
    server = smtp_server()
    configure(ws, server.port)
    secrets.store_password(USER, PASSWORD)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_dispatch(pilot)
        screen.SEND_RATE = 0.0
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SendDialog)
        assert not dialog.query("#send-password")
        dialog.query_one("#send-subject", Input).value = "Un café ?"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
    assert [r.message["Subject"] for r in server.received] == ["Un café ?"] * 3
    ws.close()
