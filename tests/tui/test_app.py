"""The app shell: screen keys, help, welcome and import, demo marker, browser, clipboard, errors."""

from __future__ import annotations

import textwrap

from textual.binding import Binding

from handpicked.core.contacts.store import list_contacts
from handpicked.core.errors import HandpickedError
from handpicked.tui.app import DEMO_NOTE, HandpickedApp
from handpicked.tui.screens.companies import CompaniesScreen
from handpicked.tui.screens.contacts import ContactsScreen
from handpicked.tui.screens.help import HelpScreen, binding_sections
from handpicked.tui.screens.welcome import WelcomeScreen, clean_path
from handpicked.tui.widgets.contact_table import ContactTable

SIZE = (120, 40)


async def test_function_keys_switch_screens(sample_ws, app_factory, wait):
    """Verify F3 opens Companies, F2 comes back to Contacts, F6 opens Campaigns."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f3")
        await wait(pilot)
        assert isinstance(app.screen, CompaniesScreen)
        await pilot.press("f2")
        await wait(pilot)
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("f6")
        await wait(pilot)
        assert app.current_mode == "campaigns"


async def test_dispatch_without_campaign_explains(sample_ws, app_factory, wait):
    """Verify F5 with no campaign yet says what to do instead of failing."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        assert any("No campaign yet" in str(n.message) for n in app._notifications)


async def test_help_lists_every_binding(sample_ws, app_factory, wait, text_of):
    """Verify the help screen is generated from BINDINGS: every described key of app and screens."""
    app = app_factory(sample_ws)
    async with app.run_test(size=(120, 200)) as pilot:
        await wait(pilot)
        await pilot.press("f1")
        await wait(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = text_of(app)
        for binding in Binding.make_bindings(HandpickedApp.BINDINGS + ContactsScreen.BINDINGS):
            assert binding.description in text
        for words in ("Pick/unpick", "Assign sector", "Details", "Tick"):
            assert words in text
        await pilot.press("escape")
        assert isinstance(app.screen, ContactsScreen)


def test_binding_sections_merge_keys_of_one_action(sample_ws, app_factory):
    """Verify two keys bound to one action are listed together (F1 and ? for help)."""
    app = app_factory(sample_ws)
    sections = dict(binding_sections(app))
    assert ("f1 / ?", "Help") in [(k.lower(), d) for k, d, _ in sections["Everywhere"]]


async def test_welcome_on_empty_workspace_then_import(
    empty_ws, app_factory, wait, tmp_path, monkeypatch
):
    """Verify an empty workspace opens on the welcome, and a path typed there is imported."""
    monkeypatch.chdir(tmp_path)
    export = tmp_path / "My CSV" / "c.csv"
    export.parent.mkdir()
    export.write_text(
        textwrap.dedent(
            """\
            First Name,Last Name,URL,Email Address,Company,Position,Connected On
            Camille,Roy,https://www.linkedin.com/in/croy,,Acme,Développeuse,12 Jan 2020
            Jordan,Lee,https://www.linkedin.com/in/jlee,,Globex,Engineer,03 Mar 2021
            """
        ),
        encoding="utf-8",
    )
    app = app_factory(empty_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press(*"'My CSV/c.csv'", "enter")  # pasted paths often come quoted
        await wait(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert len(list_contacts(empty_ws)) == 2
        table = app.screen.query_one(ContactTable)
        assert table.row_count == 2


async def test_welcome_reports_a_bad_path(empty_ws, app_factory, wait, text_of):
    """Verify a path that is not a file is reported on the welcome, which stays."""
    app = app_factory(empty_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press(*"/nowhere/c.csv", "enter")
        await wait(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert "No file at /nowhere/c.csv" in text_of(app)


async def test_welcome_reports_an_unreadable_file(
    empty_ws, app_factory, wait, tmp_path, monkeypatch
):
    """Verify a file the importer refuses shows the importer's sentence, not a traceback."""
    monkeypatch.chdir(tmp_path)
    junk = tmp_path / "photo.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00garbage")
    app = app_factory(empty_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press(*"photo.csv", "enter")
        await wait(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        status = app.screen.query_one("#import-status")
        assert status.has_class("-error")
        assert "photo.csv" in str(status.render())


def test_clean_path_undoes_quotes_and_escapes(tmp_path):
    """Verify quoted, file:// and backslash-escaped paths become the real path."""
    assert clean_path('"/a b/c.csv"') == clean_path("/a\\ b/c.csv")
    assert str(clean_path("file:///a%20b/c.csv")) == "/a b/c.csv"
    assert str(clean_path("~/x.csv")).endswith("/x.csv") and "~" not in str(clean_path("~/x.csv"))


async def test_demo_marks_the_header(sample_ws, app_factory, wait, text_of):
    """Verify demo=True says "demo workspace (throw-away)" in the header."""
    app = app_factory(sample_ws, demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        assert DEMO_NOTE in text_of(app)
    plain = app_factory(sample_ws)
    async with plain.run_test(size=SIZE) as pilot:
        await wait(pilot)
        assert DEMO_NOTE not in text_of(plain)


async def test_copy_text_says_how(sample_ws, app_factory, wait):
    """Verify copy_text puts the text on the clipboard and says it went through the terminal."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        sentence = app.copy_text("Bonjour Camille")
        assert app.clipboard == "Bonjour Camille"
        assert "OSC 52" in sentence


async def test_show_error_is_a_sentence(sample_ws, app_factory, wait):
    """Verify show_error notifies the sentence literally, without escapes, as an error."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        app.show_error(HandpickedError("x.csv:3: [bold]bad[/] date\x1b[2J; fix it"))
        app.show_error(ValueError("boom"))
        await pilot.pause()
        messages = [(n.message, n.severity) for n in app._notifications]
        assert ("x.csv:3: [bold]bad[/] date[2J; fix it", "error") in messages
        assert any("ValueError: boom" in m and s == "error" for m, s in messages)


async def test_audience_changes_are_announced(sample_ws, app_factory, wait):
    """Verify pick/unpick/clear keep app.audience ordered and unique and post AudienceChanged."""
    seen: list[str] = []
    app = app_factory(sample_ws)
    async with app.run_test(
        size=SIZE,
        message_hook=lambda m: seen.append(type(m).__name__),
    ) as pilot:
        await wait(pilot)
        assert app.pick([3, 1, 3]) == 2
        assert app.pick([1]) == 0
        assert app.audience == [3, 1]
        assert app.toggle_pick(3) is False
        assert app.audience == [1]
        app.clear_audience()
        assert app.audience == []
        await pilot.pause()
        assert seen.count("AudienceChanged") == 3


async def test_forgotten_contact_leaves_the_audience(sample_ws, app_factory, wait):
    """Verify a contact erased from the workspace is dropped from the audience on data_changed."""
    from handpicked.core.contacts.store import forget

    first, second = (c.id for c in list_contacts(sample_ws)[:2])
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        app.pick([first, second])
        forget(sample_ws, first)
        app.data_changed()
        assert app.audience == [second]


async def test_command_palette_offers_screen_keys(sample_ws, app_factory, wait):
    """Verify the palette lists the app's screens and the current screen's actions, and runs one."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert {"Companies", "Compose", "Add shown", "Keep in touch"} <= set(commands)
        await commands["Companies"].callback()
        await wait(pilot)
        assert isinstance(app.screen, CompaniesScreen)


async def test_import_dialog_from_contacts(sample_ws, app_factory, wait, tmp_path, monkeypatch):
    """Verify `i` on Contacts imports another export in place and the table grows."""
    monkeypatch.chdir(tmp_path)
    export = tmp_path / "more.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Noémie,Brisebois,https://www.linkedin.com/in/nbrisebois,,Hydro-Québec,Analyste,"
        "01 Feb 2024\n",
        encoding="utf-8",
    )
    before = len(list_contacts(sample_ws))
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*export.name, "enter")
        await wait(pilot)
        assert isinstance(app.screen, ContactsScreen)
        table = app.screen.query_one(ContactTable)
        assert table.row_count == before + 1
        await pilot.press("slash", *"brisebois")
        await wait(pilot, typed=True)
        assert table.row_count == 1
