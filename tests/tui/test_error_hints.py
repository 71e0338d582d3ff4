"""The app adds a key to the core's plain error sentences, never a CLI flag (issue #11, "Errors")."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from handpicked.core import campaigns
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.contacts.store import list_contacts
from handpicked.core.db import Workspace
from handpicked.tui.screens.dispatch import DispatchScreen
from handpicked.tui.screens.welcome import WelcomeScreen

SIZE = (120, 40)
CLI_SYNTAX = re.compile(r"--[a-z]|handpicked [a-z]")


async def test_send_without_mail_server_names_the_settings_key(tmp_path: Path, app_factory, wait):
    """Verify Email… on Dispatch with no smtp.host names the Settings key, not `config set`."""
    source = tmp_path / "Connections.csv"
    source.write_text(
        textwrap.dedent("""\
            First Name,Last Name,URL,Email Address,Company,Position,Connected On
            Alma,Zorn,https://www.linkedin.com/in/alma-zorn,alma@example.com,Northwind,CTO,
        """),
        encoding="utf-8",
    )
    ws = Workspace(tmp_path / "ws")
    assert import_paths(ws, [source])[0].error is None
    ids = [c.id for c in list_contacts(ws)]
    campaigns.compose(ws, "spring", template="reconnect", variables={}, f=None, contact_ids=ids)
    app = app_factory(ws)
    async with app.run_test(size=SIZE) as pilot:
        app.open_campaign("spring")
        await wait(pilot)
        assert isinstance(app.screen, DispatchScreen)
        await pilot.press("m")
        await wait(pilot)
        [error] = [str(n.message) for n in app._notifications if n.severity == "error"]
    assert error.startswith("no mail server set (smtp.host")
    assert error.endswith("; set smtp.host in Settings (F10)")
    assert not CLI_SYNTAX.search(error)


async def test_import_without_name_column_names_the_fix_not_map(
    empty_ws, app_factory, wait, tmp_path, monkeypatch
):
    """Verify a file with no name column says what to do in the app, with no --map line."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "people.csv").write_text("Foo,Bar\n1,2\n", encoding="utf-8")
    app = app_factory(empty_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press(*"people.csv", "enter")
        await wait(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        status = str(app.screen.query_one("#import-status").render())
    assert "people.csv: no column looks like a name" in status
    assert "rename a column of the file to First Name, then import it again (i)" in status
    assert not CLI_SYNTAX.search(status)
