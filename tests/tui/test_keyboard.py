"""Keys a first-hour user reaches for: Tab walks every list, Ctrl+Q shows, `o` says when it fails."""

from __future__ import annotations

import webbrowser

from textual.widgets import Input

from handpicked.core import campaigns, config
from handpicked.core.campaigns import email
from handpicked.core.contacts import store as contacts
from handpicked.core.models import FileReport, RowIssue
from handpicked.tui.app import NOTHING_SELECTED, HandpickedApp
from handpicked.tui.screens import SCREENS, screen_class
from handpicked.tui.widgets.contact_table import ContactTable
from handpicked.tui.widgets.facet_list import FacetList

SIZE = (120, 40)
REAL_OPEN_LINK = HandpickedApp.open_link  # the browser fixture replaces it for every test


async def test_tab_reaches_the_facet_lists_on_contacts(sample_ws, app_factory, wait):
    """Verify Tab leaves the contacts table for the sector, function and seniority lists."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        assert isinstance(app.focused, ContactTable)
        reached = set()
        for _ in range(len(app.screen.focus_chain)):
            await pilot.press("tab")
            if isinstance(app.focused, FacetList):
                reached.add(app.focused.kind)
        assert app.query_one(ContactTable).cursor_coordinate.row == 0
    assert {"sector", "function", "seniority"} <= reached


async def test_compose_has_no_invisible_tab_stop(sample_ws, app_factory, wait):
    """Verify Tab from People lands in Campaign name, and what is typed next arrives there."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        app.pick([1, 2])
        await pilot.press("f4")
        await wait(pilot)
        app.screen.query_one("#recipients").focus()
        await pilot.press("tab", "s", "p")
        await wait(pilot)
        assert app.focused is not None and app.focused.id == "campaign-name"
        assert app.focused.value.startswith("sp")


async def test_footer_shows_quit_at_160_columns(sample_ws, app_factory, wait, text_of):
    """Verify the footer of the contacts screen names Quit on a 160-column terminal."""
    app = app_factory(sample_ws)
    async with app.run_test(size=(160, 40)) as pilot:
        await wait(pilot)
        footer = text_of(app).rstrip("\n").splitlines()[-1]
    assert "Quit" in footer, footer


def record_toasts(monkeypatch) -> list[str]:
    """Every toast's message from now on, in order (the toasts still show)."""
    notes: list[str] = []
    original = HandpickedApp.notify

    def record(self, message, **kwargs):
        notes.append(message)
        original(self, message, **kwargs)

    monkeypatch.setattr(HandpickedApp, "notify", record)
    return notes


async def _open_profile(app, pilot, wait, monkeypatch, browser_answer: bool) -> list[str]:
    """Press `o` on the first contact's details with the real opener; return the toasts."""
    monkeypatch.setattr(HandpickedApp, "open_link", REAL_OPEN_LINK)
    monkeypatch.setattr(webbrowser, "open", lambda url, *args, **kwargs: browser_answer)
    notes = record_toasts(monkeypatch)
    await wait(pilot)
    await pilot.press("enter")
    await wait(pilot)
    await pilot.press("o")
    await wait(pilot)
    return notes


async def test_open_says_when_no_browser_opened(sample_ws, app_factory, wait, monkeypatch):
    """Verify `o` with no browser says so and puts the profile link on the clipboard."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        notes = await _open_profile(app, pilot, wait, monkeypatch, browser_answer=False)
        url = app.clipboard
    assert url.startswith("https://")
    assert [n for n in notes if n.startswith(f"No browser could open {url}; copied it")], notes


async def test_open_is_quiet_when_the_browser_opened(sample_ws, app_factory, wait, monkeypatch):
    """Verify `o` with a working browser copies nothing and shows no warning."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        notes = await _open_profile(app, pilot, wait, monkeypatch, browser_answer=True)
        assert app.clipboard == ""
    assert not [n for n in notes if "browser" in n], notes


def _screen_args(ws) -> dict[str, tuple[tuple, dict]]:
    """Arguments to open each registered screen that needs some (a campaign `spring` is made)."""
    ids = [c.id for c in contacts.list_contacts(ws)][:2]
    campaigns.compose(ws, "spring", template="reconnect", variables={}, f=None, contact_ids=ids)
    flags = {"needs_password": False, "needs_subject": False}
    return {
        "contact_detail": ((ids[0],), {}),
        "picker": (("Sector", ["Banking", "Retail"]), {}),
        "message_editor": (("Alma", "Hello"), {}),
        "dispatch": (("spring",), {}),
        "send": ((email.plan(ws, "spring"), config.Smtp()), flags),
        "export": (("spring",), {}),
        "confirm": (("Really?", "Go on?"), {}),
        "merge": (("Merge these two contacts?", "Keep Alma (id 1)."), {}),
        "import_warnings": (
            (FileReport(path="x.csv", warnings=[RowIssue(line=2, reason="left empty")]),),
            {},
        ),
    }


async def test_ctrl_c_is_the_same_on_every_screen(sample_ws, app_factory, wait, monkeypatch):
    """Verify Ctrl+C on each registered screen copies the selection, or says how to quit."""
    args = _screen_args(sample_ws)
    notes = record_toasts(monkeypatch)
    app = app_factory(sample_ws)
    seen: dict[str, str] = {}
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        for name in SCREENS:
            positional, keywords = args.get(name, ((), {}))
            screen = screen_class(name)(*positional, **keywords)
            app.push_screen(screen)
            await wait(pilot)
            focused = app.focused
            selected = getattr(focused, "selected_text", "")
            notes.clear()
            await pilot.press("ctrl+c")
            await wait(pilot)
            assert app.screen is screen, name  # neither quit nor closed
            last = notes[-1] if notes else ""
            if selected:
                assert app.clipboard == selected, name
            seen[name] = "copied" if selected and last.startswith("Copied") else last
            app.pop_screen()
            await wait(pilot)
    assert set(seen.values()) <= {"copied", NOTHING_SELECTED}, seen
    assert seen["contacts"] == NOTHING_SELECTED


async def test_ctrl_c_copies_the_selected_search_text(sample_ws, app_factory, wait):
    """Verify Ctrl+C in the search box copies its selected text to the clipboard."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("slash", *"alma")
        await wait(pilot, typed=True)
        app.screen.query_one("#search", Input).select_all()
        await pilot.press("ctrl+c")
        await wait(pilot)
        assert app.clipboard == "alma"
        assert app.screen.query_one("#search", Input).value == "alma"
