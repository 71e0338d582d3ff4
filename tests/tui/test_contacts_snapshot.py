"""The Contacts screen starts from the index kept on disk, and never shows it once it is stale."""

from __future__ import annotations

from handpicked.core.contacts.browse import BrowseIndex
from handpicked.core.contacts.store import list_contacts, tag
from handpicked.core.db import Workspace
from handpicked.tui.screens.contacts import ContactsScreen
from handpicked.tui.widgets.contact_table import ContactTable
from handpicked.tui.widgets.facet_list import FacetList
from tests.unit.contacts.test_browse_snapshot import settle

SIZE = (120, 40)


async def test_starts_from_the_snapshot_and_rereads_after_a_change(sample_ws, app_factory, wait):
    """Verify the app shows the network from a current snapshot, and once another process tags
    someone, coming back to Contacts reads the database (the new tag is listed and filters)."""
    settle(sample_ws)
    assert BrowseIndex.load(sample_ws).save_snapshot(sample_ws, wait=False)
    everyone = [c.id for c in list_contacts(sample_ws)]
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.index is not None and screen.index.from_snapshot
        assert screen.query_one(ContactTable).shown_ids() == everyone
        tag(Workspace(sample_ws.home), "met-at-expo", everyone[:2])  # `handpicked tag` elsewhere
        app.action_companies()
        await wait(pilot)
        app.action_contacts()
        await wait(pilot)
        assert screen.index is not None and not screen.index.from_snapshot
        tags = screen.query_one("#facet-tag", FacetList)
        assert "met-at-expo" in tags.values
        tags.highlighted = tags.values.index("met-at-expo")
        tags.action_select()
        await wait(pilot)
        assert screen.query_one(ContactTable).shown_ids() == everyone[:2]
