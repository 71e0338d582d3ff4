"""Ctrl+Q asks before dropping work (a picked audience, values typed on Compose), else quits."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from handpicked.core.contacts.store import list_contacts
from handpicked.tui.screens.compose import ComposeScreen
from handpicked.tui.screens.confirm import Confirm

SIZE = (80, 24)


async def test_ctrl_q_asks_while_people_are_picked(sample_ws, app_factory, wait) -> None:
    """Verify Ctrl+Q with an audience picked asks first: "no" keeps the app and the audience,
    and a second Ctrl+Q on the question quits."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        app.pick([c.id for c in list_contacts(sample_ws, limit=3)])
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, Confirm)
        assert "3 people picked" in str(app.screen.question)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and len(app.audience) == 3
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_asks_for_typed_values_and_quits_at_once_without(
    sample_ws, app_factory, wait
) -> None:
    """Verify a value typed on Compose (nobody picked) makes Ctrl+Q ask, while the campaign name
    Compose fills in by itself does not: with the value erased, Ctrl+Q quits at once."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f4")
        await wait(pilot)
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        templates = screen.query_one("#templates", OptionList)
        templates.focus()
        templates.highlighted = templates.get_option_index("event-invitation")
        await pilot.press("enter")
        await wait(pilot)
        assert screen.query_one("#campaign-name", Input).value  # filled in by the screen
        field = screen.query_one("#var-event_name", Input)
        field.value = "Harbour Data Day"
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, Confirm)
        assert "Compose" in str(app.screen.question)
        await pilot.press("n")
        await pilot.pause()
        field.value = ""
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_ctrl_q_quits_at_once_with_nothing_to_lose(sample_ws, app_factory, wait) -> None:
    """Verify Ctrl+Q with nobody picked and nothing typed quits without a question."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f4")
        await wait(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
