"""Snapshots of the screens helper A owns, at 120x40 with the date fixed by tests/conftest.py.

Update after an intended change with `pytest tests/tui/test_snapshots_contacts.py
--snapshot-update`, then look at the SVGs (tests/tui/__snapshots__/) before committing them.
"""

from __future__ import annotations

from handpicked.core.contacts.store import list_contacts

SIZE = (120, 40)


def test_contacts_screen(snap_compare, sample_ws, app_factory, snapshot_ready):
    """Verify the Contacts screen on the shipped sample looks as approved."""
    assert snap_compare(app_factory(sample_ws), terminal_size=SIZE, run_before=snapshot_ready)


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


def test_companies_screen(snap_compare, sample_ws, app_factory, snapshot_ready):
    """Verify the Companies screen (unassigned, most contacts first) looks as approved."""

    async def run_before(pilot) -> None:
        await snapshot_ready(pilot)
        await pilot.press("f3")
        await snapshot_ready(pilot)

    assert snap_compare(app_factory(sample_ws), terminal_size=SIZE, run_before=run_before)


def test_contact_detail(snap_compare, sample_ws, app_factory, snapshot_ready):
    """Verify a contact's detail view (classification reasons, notes) looks as approved."""

    async def run_before(pilot) -> None:
        await snapshot_ready(pilot)
        await pilot.press("enter")
        await snapshot_ready(pilot)

    assert snap_compare(app_factory(sample_ws), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare, sample_ws, app_factory, snapshot_ready):
    """Verify the generated help screen looks as approved."""

    async def run_before(pilot) -> None:
        await snapshot_ready(pilot)
        await pilot.press("f1")
        await snapshot_ready(pilot)

    assert snap_compare(app_factory(sample_ws), terminal_size=SIZE, run_before=run_before)


def test_welcome_on_empty_workspace(snap_compare, empty_ws, app_factory, snapshot_ready):
    """Verify the welcome of an empty workspace looks as approved."""
    assert snap_compare(app_factory(empty_ws), terminal_size=SIZE, run_before=snapshot_ready)


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
