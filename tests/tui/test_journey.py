"""The whole journey on the shipped sample: filter, pick, compose, warn, edit, queue, dispatch."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, ProgressBar, TextArea

from handpicked.core import campaigns
from handpicked.core.campaigns import export
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.db import Workspace
from handpicked.tui.screens.compose import ComposeScreen
from handpicked.tui.screens.dispatch import DispatchScreen
from handpicked.tui.screens.export_dialog import ExportDialog
from handpicked.tui.screens.message_editor import MessageEditor
from handpicked.tui.widgets.facet_list import FacetList
from handpicked.tui.widgets.message_preview import MessagePreview

SECTOR, SENIORITY = "Financial Services", "Senior"
VALUES = {
    "event_name": "Data Day",
    "event_date": "May 15",
    "event_place": "Old Port",
    "event_topic": "our product",  # a cold-selling phrase: the lint must say so
}
OWN_WORDS = "Your talk on open banking stayed with me. Coming to Data Day on May 15?"


async def tick(pilot, wait, facet_id: str, value: str) -> None:
    """Tick one value of a facet with the keyboard, as a user would."""
    facet = pilot.app.screen.query_one(facet_id, FacetList)
    facet.focus()
    facet.highlighted = facet.values.index(value)
    await pilot.press("space")
    await wait(pilot)


async def test_from_sample_to_dispatched_and_exported(
    sample_ws: Workspace, app_factory, wait, browser: list[str], tmp_path: Path
) -> None:
    """Verify a user can go from the imported sample to a sent message and an exported list."""
    expected = contacts.list_contacts(
        sample_ws, AudienceFilter(sector=[SECTOR], seniority=[SENIORITY])
    )
    assert 15 <= len(expected) <= 25
    app = app_factory(sample_ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait(pilot)
        # Contacts: narrow by sector and seniority, then add everyone shown.
        await tick(pilot, wait, "#facet-sector", SECTOR)
        await tick(pilot, wait, "#facet-seniority", SENIORITY)
        await pilot.press("a")
        await wait(pilot)
        assert sorted(app.audience) == sorted(c.id for c in expected)

        # Compose: template, values typed, a warning seen.
        await pilot.press("f4")
        await wait(pilot)
        compose = app.screen
        assert isinstance(compose, ComposeScreen)
        listing = compose.query_one("#templates", OptionList)
        listing.focus()
        listing.highlighted = listing.get_option_index("event-invitation")
        await pilot.press("enter")
        await wait(pilot)
        for key, value in VALUES.items():
            field = compose.query_one(f"#var-{key}", Input)
            if key == "event_topic":  # typed key by key; the others pasted (same events, faster)
                field.focus()
                await pilot.press(*value)
            else:
                field.value = value
        await pilot.pause(ComposeScreen.DEBOUNCE + 0.05)
        await wait(pilot)
        preview = compose.query_one(MessagePreview)
        assert "Data Day" in preview.body_text
        assert "sales-pitch" in preview.warning_codes

        # Edit the highlighted person's message by hand.
        person = compose.current()
        assert person is not None
        await pilot.press("f7")
        await pilot.pause()
        assert isinstance(app.screen, MessageEditor)
        app.screen.query_one(TextArea).text = OWN_WORDS
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert preview.body_text == OWN_WORDS

        # Queue: Dispatch opens on the new campaign.
        await pilot.press("f9")
        await wait(pilot)
        dispatch = app.screen
        assert isinstance(dispatch, DispatchScreen)
        name = dispatch.campaign
        assert name == "event-invitation-2026-11-25"
        queued = {m.contact_id: m for m in campaigns.preview(sample_ws, name).messages}
        assert len(queued) == len(expected)
        assert queued[person.id].edited and queued[person.id].body == OWN_WORDS

        # Dispatch: copy, open the profile, mark sent.
        first = campaigns.preview(sample_ws, name).messages[0]
        await pilot.press("c", "o", "s")
        await wait(pilot)
        assert app.clipboard == first.body
        assert browser == [first.profile_url]
        assert campaigns.preview(sample_ws, name).messages[0].status == "sent"
        assert dispatch.query_one(ProgressBar).progress == 1

        # Export a Markdown checklist.
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.click("#fmt-md")
        target = tmp_path / "send-list.md"
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = target.read_text(encoding="utf-8")
    assert all(export.md_text(m.name) in text for m in queued.values())
