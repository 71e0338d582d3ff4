"""Snapshots of states the every-screen snapshots do not reach (a search with picks, hostile
fields, the demo), at 120x40 with the date fixed by tests/conftest.py.

Update after an intended change with `pytest tests/tui/test_snapshots_contacts.py
--snapshot-update`, then look at the SVGs (tests/tui/__snapshots__/) before committing them.
"""

from __future__ import annotations

from handpicked.core.contacts.store import list_contacts

SIZE = (120, 40)


def test_contacts_screen_filtered_and_picked(snap_compare, sample_ws, app_factory, snapshot_ready):
    """Verify a search, a pick and the gauge look as approved."""

    async def run_before(pilot) -> None:
        await snapshot_ready(pilot)
        await pilot.press("slash", *"developpeuse", "enter")
        await pilot.pause(0.2)
        await snapshot_ready(pilot)
        await pilot.press("space")
        await snapshot_ready(pilot)

    assert snap_compare(app_factory(sample_ws), terminal_size=SIZE, run_before=run_before)


def test_hostile_names(snap_compare, hostile_ws, app_factory, snapshot_ready):
    """Verify markup and escapes in contact fields render as inert text."""
    assert list_contacts(hostile_ws)
    assert snap_compare(app_factory(hostile_ws), terminal_size=SIZE, run_before=snapshot_ready)


def test_hostile_detail(snap_compare, hostile_ws, app_factory, snapshot_ready):
    """Verify the detail view of a contact named like markup shows it literally."""

    async def run_before(pilot) -> None:
        await snapshot_ready(pilot)
        await pilot.press("down", "enter")
        await snapshot_ready(pilot)

    assert snap_compare(app_factory(hostile_ws), terminal_size=SIZE, run_before=run_before)


def test_demo_workspace(snap_compare, sample_ws, app_factory, snapshot_ready):
    """Verify the demo marker in the header looks as approved."""
    assert snap_compare(
        app_factory(sample_ws, demo=True), terminal_size=SIZE, run_before=snapshot_ready
    )
