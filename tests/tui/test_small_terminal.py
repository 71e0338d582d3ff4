"""80x24, a laptop split or an SSH session: every field visible while typing, the footer's way out.

The snapshots (test_snapshots_screens.py) show how each screen looks; these tests drive the screens
where typing blind or a cut footer was found, and measure what is on screen (a widget's visible
region, the characters a terminal shows), not how the layout got there.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Button, Input

from handpicked.core import campaigns, config
from handpicked.core.contacts.store import list_contacts
from handpicked.tui.screens.compose import ComposeScreen
from handpicked.tui.screens.contacts import ContactsScreen
from handpicked.tui.screens.send_dialog import SendDialog
from handpicked.tui.widgets.contact_table import ContactTable
from handpicked.tui.widgets.facet_list import FacetList

SMALL = (80, 24)
VALUES = {
    "event_name": "the HR Tech Summit",
    "event_date": "Thursday, December 10, at 5 p.m.",
    "event_place": "Palais des congrès, Montréal",
    "event_topic": "hiring engineers in Québec",
}


def shown(widget):
    """The part of `widget` the terminal shows (scrolled away or clipped parts excluded)."""
    return widget.screen.find_widget(widget).visible_region


def footer(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


async def test_compose_values_are_entered_in_sight_at_80x24(sample_ws, app_factory, wait, text_of):
    """Verify at 80x24 each campaign value, reached with Tab, shows whole in its field once pasted
    (tests/tui/test_tmux_e2e.py types them key by key in a real terminal)."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SMALL) as pilot:
        await wait(pilot)
        await pilot.press("space", "space", "space", "f4")
        await wait(pilot)
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        await screen.choose_template("event-invitation")
        await wait(pilot)
        name = screen.query_one("#campaign-name", Input)
        screen.set_focus(name)
        await wait(pilot)
        assert shown(name).height == 3 and shown(name).width >= 40, shown(name)
        for key, value in VALUES.items():
            await pilot.press("tab")
            await wait(pilot)
            field = app.focused
            assert isinstance(field, Input) and field.name == key, field
            app.post_message(events.Paste(value))  # as a terminal hands over a paste
            await wait(pilot)
            where = shown(field)
            assert where.height == 3, (key, where)  # its two edges and its line of text
            assert value in text_of(app).splitlines()[where.y + 1], key
            await pilot.press("tab")  # the same value for the French readers
            await wait(pilot)
            assert app.focused.name == f"{key}:fr", app.focused
            assert shown(app.focused).height == 3, (key, shown(app.focused))
        await pilot.pause(ComposeScreen.DEBOUNCE)  # the preview renders once input stops
        await wait(pilot)
        preview = screen.query_one("#preview")
        assert shown(preview).width >= 40 and shown(preview).height >= 8, shown(preview)
        assert "hiring engineers in Québec" in preview.body_text


async def test_contacts_table_and_filters_fit_at_80x24(sample_ws, app_factory, wait, text_of):
    """Verify at 80x24 Contacts shows the search box, names, positions and companies, and facets."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SMALL) as pilot:
        await wait(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        search = screen.query_one("#search", Input)
        assert shown(search).height == 3 and shown(search).width >= 30, shown(search)
        table = screen.query_one(ContactTable)
        assert shown(table).width >= 54 and shown(table).height >= 15, shown(table)
        sector = screen.query_one("#facet-sector", FacetList)
        assert shown(sector).height >= 5, shown(sector)
        text = text_of(app)
        heading = next(line for line in text.splitlines() if "Position" in line)
        assert "Company" in heading, heading  # the third column whole, not cut at its edge
        assert "Director, Change Management" in text or "PwC" in text


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_footer_names_quit_and_help(sample_ws, app_factory, wait, text_of, size):
    """Verify the Contacts footer names Quit and Help at 80 and at 120 columns."""
    app = app_factory(sample_ws)
    async with app.run_test(size=size) as pilot:
        await wait(pilot)
        line = footer(text_of(app))
    assert "Quit" in line and "Help" in line, line


async def test_send_dialog_keeps_its_fields_and_buttons_in_sight_at_80x24(
    sample_ws, app_factory, wait
):
    """Verify at 80x24 the email dialog shows its subject and password fields and its buttons."""
    for key, value in {
        "smtp.host": "smtp.example.com",
        "smtp.username": "alex",
        "smtp.from": "Alex Tremblay <alex@example.com>",
    }.items():
        config.set_value(sample_ws, key, value)
    ids = [c.id for c in list_contacts(sample_ws) if c.email][:4]
    campaigns.compose(sample_ws, "salon-rh", template="event-invitation", variables=VALUES,
                      f=None, contact_ids=ids)  # fmt: skip
    app = app_factory(sample_ws)
    async with app.run_test(size=SMALL) as pilot:
        await wait(pilot)
        await pilot.press("f5")
        await wait(pilot)
        await pilot.press("m")
        await wait(pilot)
        dialog = app.screen
        assert isinstance(dialog, SendDialog)
        for field in dialog.query(Input):
            assert shown(field).height == 3 and shown(field).width >= 40, (field, shown(field))
        for button in dialog.query(Button):
            assert shown(button).height == 3, (button, shown(button))
            assert shown(button).right <= SMALL[0], (button, shown(button))
