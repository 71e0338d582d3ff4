"""Contacts screen: search, facets, toggles, picking, the audience gauge and the broadcast guard."""

from __future__ import annotations

from handpicked.core import config
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.store import get_contact, list_contacts
from handpicked.tui.screens.confirm import Confirm
from handpicked.tui.screens.contact_detail import ContactDetailScreen
from handpicked.tui.screens.contacts import ContactsScreen
from handpicked.tui.widgets.audience_gauge import AudienceGauge
from handpicked.tui.widgets.contact_table import ContactTable
from handpicked.tui.widgets.facet_list import FacetList

SIZE = (120, 40)


def ids_of(ws, **f) -> list[int]:
    return [c.id for c in list_contacts(ws, AudienceFilter(**f))]


async def test_starts_on_contacts_with_whole_network(sample_ws, app_factory, wait):
    """Verify the app opens on Contacts showing every contact of the sample, in name order."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        assert isinstance(app.screen, ContactsScreen)
        table = app.screen.query_one(ContactTable)
        assert table.shown_ids() == ids_of(sample_ws)
        assert table.row_count > 300


async def test_search_narrows_accent_insensitively(sample_ws, app_factory, wait):
    """Verify typing "developpeuse" (no accents) shows exactly the contacts core search finds."""
    expected = ids_of(sample_ws, search="developpeuse")
    assert expected, "the sample should hold a Développeuse"
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("slash", *"developpeuse")
        await wait(pilot, typed=True)
        table = app.screen.query_one(ContactTable)
        assert table.shown_ids() == expected
        assert "Développeuse" in get_contact(sample_ws, expected[0]).position
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await wait(pilot, typed=True)
        assert set(table.shown_ids()) == set(ids_of(sample_ws, search="develop"))


async def test_facet_click_filters_and_counts(sample_ws, app_factory, wait):
    """Verify clicking a sector value filters the table and the facets recount for the result."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        facet = app.screen.query_one("#facet-sector", FacetList)
        value = facet.values[0]
        await pilot.click("#facet-sector", offset=(4, 1))  # first option, below the border
        await wait(pilot)
        assert facet.selected == {value}
        table = app.screen.query_one(ContactTable)
        assert table.shown_ids() == ids_of(sample_ws, sector=[value])
        function = app.screen.query_one("#facet-function", FacetList)
        assert sum(function.counts.values()) == len(table.shown_ids())
        # the sector facet is counted without its own tick, so other sectors stay addable
        assert sum(facet.counts.values()) == len(ids_of(sample_ws))
        await pilot.click("#facet-sector", offset=(4, 1))
        await wait(pilot)
        assert table.row_count == len(ids_of(sample_ws))


async def test_toggles_hide_recent_and_changed(sample_ws, app_factory, wait):
    """Verify h and p apply the recency rule and the changed filter (k opens its own view:
    tests/tui/test_keep_in_touch_screen.py)."""
    from handpicked.core.contacts.store import touched

    first, second = ids_of(sample_ws)[:2]
    touched(sample_ws, first)
    sample_ws.conn.execute(
        "UPDATE contacts SET position_changed_at = '2026-11-01' WHERE id = ?", (second,)
    )
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        table = app.screen.query_one(ContactTable)
        await pilot.press("h")
        await wait(pilot)
        assert first not in table.shown_ids()
        assert table.shown_ids() == ids_of(sample_ws, not_contacted_days=30)
        await pilot.press("h", "p")
        await wait(pilot)
        assert table.shown_ids() == [second]


async def test_space_toggles_and_add_all(sample_ws, app_factory, wait):
    """Verify space picks and unpicks the contact under the cursor and `a` adds every shown one."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        table = app.screen.query_one(ContactTable)
        first = table.current_id
        await pilot.press("space")
        assert app.audience == [first]
        assert table.current_id != first  # space moves on, to pick a run of people quickly
        await pilot.press("up", "space")
        assert app.audience == []
        # Three spaces typed faster than the screen answers: three people, not one toggled thrice
        start = table.cursor_row
        for _ in range(3):
            table.action_toggle_pick()
        await pilot.pause()
        assert len(set(app.audience)) == 3 and table.cursor_row == start + 3
        await pilot.press("x")
        await pilot.press("slash", *"developpeuse", "enter")
        await wait(pilot, typed=True)
        await pilot.press("a")
        assert app.audience == ids_of(sample_ws, search="developpeuse")
        await pilot.press("x")
        assert app.audience == []


async def test_do_not_contact_is_never_picked(sample_ws, app_factory, wait):
    """Verify a do-not-contact person is refused by space and left out by add-all."""
    from handpicked.core.contacts.store import set_do_not_contact

    blocked = ids_of(sample_ws)[0]
    set_do_not_contact(sample_ws, [blocked], True)
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("space")
        assert app.audience == []
        await pilot.press("a")
        assert blocked not in app.audience
        assert len(app.audience) == len(ids_of(sample_ws)) - 1


async def test_gauge_warns_past_target(sample_ws, app_factory, wait, text_of):
    """Verify the gauge reads "n / target", warns past the target and blocks past the maximum."""
    app = app_factory(sample_ws)
    everyone = ids_of(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        gauge = app.screen.query_one(AudienceGauge)
        app.pick(everyone[:18])
        await pilot.pause()
        assert "18 / 20" in text_of(app)
        assert gauge.state == "ok" and not gauge.has_class("-over-target")
        app.pick(everyone[18:21])
        await pilot.pause()
        assert "21 / 20" in text_of(app)
        assert gauge.state == "warning" and gauge.has_class("-over-target")
        app.pick(everyone[21:26])
        await pilot.pause()
        assert gauge.state == "blocked" and gauge.has_class("-over-max")


async def test_gauge_follows_settings(sample_ws, app_factory, wait, text_of):
    """Verify audience.target and audience.max from config.toml drive the gauge."""
    config.set_value(sample_ws, "audience.target", "5")
    config.set_value(sample_ws, "audience.max", "6")
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        app.pick(ids_of(sample_ws)[:6])
        await pilot.pause()
        assert "6 / 5" in text_of(app)
        assert app.screen.query_one(AudienceGauge).state == "warning"


async def test_gauge_click_opens_compose(sample_ws, app_factory, wait):
    """Verify clicking the audience gauge asks to compose, as its tooltip promises."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        app.pick(ids_of(sample_ws)[:3])
        await pilot.click(AudienceGauge)
        await wait(pilot)
        assert app.current_mode == "compose"


async def test_compose_past_max_needs_confirmation(sample_ws, app_factory, wait, text_of):
    """Verify F4 past audience.max asks first (a broadcast), and going back stays on Contacts."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        app.pick(ids_of(sample_ws)[:26])
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "broadcast" in text_of(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        assert not app.allow_large
        await pilot.press("f4", "y")
        await wait(pilot)
        assert app.current_mode == "compose"
        assert app.allow_large


async def test_compose_within_max_goes_straight_on(sample_ws, app_factory, wait):
    """Verify F4 with a personal-sized audience opens Compose without a question."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        app.pick(ids_of(sample_ws)[:3])
        await pilot.press("f4")
        await wait(pilot)
        assert app.current_mode == "compose"


async def test_detail_corrects_function_and_says_why(sample_ws, app_factory, wait, text_of):
    """Verify Enter opens a contact, `f` corrects the function, and the reason says it was you."""
    from handpicked.core.contacts.classify import FUNCTIONS

    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        contact_id = app.screen.query_one(ContactTable).current_id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactDetailScreen)
        before = get_contact(sample_ws, contact_id)
        target = next(f for f in FUNCTIONS if f != before.function)
        await pilot.press("f", *target, "enter")
        await wait(pilot)
        after = get_contact(sample_ws, contact_id)
        assert after.function == target and after.function_source == "contact"
        text = text_of(app)
        assert target in text
        assert "set by you for this contact" in text
        await pilot.press("escape")
        await wait(pilot)
        assert isinstance(app.screen, ContactsScreen)
        facet = app.screen.query_one("#facet-function", FacetList)
        assert facet.counts[target] >= 1


async def test_detail_saves_note_and_opens_profile(sample_ws, app_factory, wait, browser):
    """Verify the note is saved on leaving and `o` goes through app.open_link only."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        contact_id = app.screen.query_one(ContactTable).current_id
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("o")
        assert browser == [get_contact(sample_ws, contact_id).profile_url]
        await pilot.press("n", *"Met at MTL")
        await pilot.press("escape", "escape")  # leave the note box, then the screen
        await wait(pilot)
        assert get_contact(sample_ws, contact_id).notes == "Met at MTL"


async def test_hostile_names_shown_literally(hostile_ws, app_factory, wait, text_of):
    """Verify markup in names stays literal and control characters never reach the terminal."""
    app = app_factory(hostile_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        text = text_of(app)
        assert "[bold red]x[/]" in text
        assert "=HYPERLINK(1)" in text
        assert "\x1b" not in text and "\x9b" not in text
        assert "[31mred" in text  # the escape's visible rest, inert
        await pilot.press("slash", *"markup", "enter")
        await wait(pilot, typed=True)
        await pilot.press("enter")
        await wait(pilot)
        text = text_of(app)
        assert "[bold red]x[/] Markup" in text
        assert "[link=http://x]y[/link]" in text
        assert "Chief [i]Officer[/i]" in text


async def test_detail_shows_message_history(sample_ws, app_factory, wait, text_of):
    """Verify a contact's detail lists the campaigns that wrote to them, with their status."""
    from handpicked.core import campaigns

    contact_id = ids_of(sample_ws)[0]
    campaigns.compose(
        sample_ws, "catch-up-fall", template="reconnect", variables={}, f=None,
        contact_ids=[contact_id],
    )  # fmt: skip
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("enter")
        await wait(pilot)
        text = text_of(app)
        assert "catch-up-fall" in text and "queued" in text


async def test_reloads_after_changes_made_elsewhere(sample_ws, app_factory, wait):
    """Verify Contacts rereads the workspace when another process (the CLI) changed it."""
    from handpicked.core.contacts.store import tag
    from handpicked.core.db import Workspace

    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f3")
        await wait(pilot)
        with Workspace(sample_ws.home) as other:  # its own connection, like a CLI run
            tag(other, "met-at-expo", ids_of(other)[:2])
        await pilot.press("f2")
        await wait(pilot)
        facet = app.screen.query_one("#facet-tag", FacetList)
        assert facet.counts.get("met-at-expo") == 2
