"""The contact screen shows what LinkedIn's archive says: last heard from, messages either way."""

from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks.linkedin_archive import SAMPLE_NAME
from handpicked.core import config
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace
from handpicked.tui.screens.contact_detail import ContactDetailScreen

CONNECTIONS = """Notes:

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Alma,Zorn,https://www.linkedin.com/in/alma-zorn,,Northwind,Engineer,12 Mar 2021
"""
MESSAGES = """CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER
c1,,Alma Zorn,https://www.linkedin.com/in/alma-zorn,Me,2026-10-01 09:00:00 UTC,,Hello,INBOX
c1,,Me,https://www.linkedin.com/in/me,Alma Zorn,2026-10-02 09:00:00 UTC,,Hi!,SENT
c1,,Me,https://www.linkedin.com/in/me,Alma Zorn,2026-10-04 09:00:00 UTC,,And?,SENT
"""


async def test_detail_shows_last_heard_from_and_messages(tmp_path, app_factory, wait, text_of):
    """Verify the contact screen shows last heard from and the messages sent and received."""
    (tmp_path / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    (tmp_path / "messages.csv").write_text(MESSAGES, encoding="utf-8")
    ws = Workspace(tmp_path / "ws")
    config.set_value(ws, "me.profile_url", "https://www.linkedin.com/in/me")
    reports = import_paths(ws, [tmp_path / "Connections.csv", tmp_path / "messages.csv"])
    assert [r.error for r in reports] == [None, None]
    app = app_factory(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot)
        app.push_screen(ContactDetailScreen(1))
        await wait(pilot)
        text = " ".join(text_of(app).split())
        assert "Last contacted 2026-10-04" in text
        assert "Last heard from 2026-10-01" in text
        assert "On LinkedIn 2 sent, 1 received" in text


async def test_import_box_takes_the_linkedin_archive(
    tmp_path, empty_ws, import_in_app, monkeypatch
):
    """Verify the welcome screen's import box imports LinkedIn's archive zip: contacts and their
    history stored, the notice naming the connections imported."""
    archive = Path(__file__).resolve().parents[2] / "sample_contacts" / SAMPLE_NAME
    shutil.copyfile(archive, tmp_path / "archive.zip")
    monkeypatch.chdir(tmp_path)
    _, notices = await import_in_app(empty_ws, "archive.zip")
    conn = empty_ws.conn
    assert conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 320
    assert conn.execute("SELECT count(*) FROM interactions").fetchone()[0] > 500
    assert any("320" in message and severity != "error" for message, severity in notices)
