"""The keep-in-touch view: `k` from Contacts, the core's order and why, sorting, cadence, snooze."""

from __future__ import annotations

from handpicked.core.contacts import keep_in_touch, set_cadence, set_tag_cadence, tag
from handpicked.core.contacts.store import list_contacts
from handpicked.tui.screens.keep_in_touch import KeepInTouchScreen, KeepTable


def _clients(ws) -> list[int]:
    """Three sample people tagged `clients` (cadence 30 days), one heard from 74 days ago."""
    ids = [c.id for c in list_contacts(ws)][:3]
    tag(ws, "clients", ids)
    set_tag_cadence(ws, "clients", 30)
    ws.conn.execute(
        "INSERT INTO interactions(contact_id, at, direction) VALUES (?, '2026-09-12T10:00:00Z',"
        " 'received')",
        (ids[1],),
    )
    ws.conn.commit()
    return ids


def _shown(screen: KeepInTouchScreen) -> list[int]:
    return [screen.found[i].contact_id for i in screen.order]


async def test_view_at_80x24_sorts_sets_cadence_and_snoozes(sample_ws, app_factory, wait, text_of):
    """Verify `k` opens the view at 80x24 in the core's order with each person's why, `o` sorts
    by name, `c` sets a cadence of the person's own and `z` snoozes them off the list."""
    ids = _clients(sample_ws)
    app = app_factory(sample_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot)
        await pilot.press("k")
        await wait(pilot)
        screen = app.screen
        assert isinstance(screen, KeepInTouchScreen)
        expected = keep_in_touch(sample_ws)
        assert _shown(screen) == [k.contact_id for k in expected]
        assert screen.focused is screen.query_one("#kit-narrow", KeepTable)
        first = expected[0]
        assert first.why.startswith("cadence 30 days (tag clients), never in touch")
        text = text_of(app)
        assert "3 overdue of 3 with a cadence" in text and "Heard from" in text
        assert "Connected" not in text  # the narrow table drops the connection columns
        assert first.why[:40] in text

        await pilot.press("o")
        names = [screen.found[i].name.casefold() for i in screen.order]
        assert names == sorted(names)
        assert "sorted by name" in text_of(app)

        await pilot.press("o", "o", "o", "o", "o", "o")  # around to overdue again
        await wait(pilot)
        target = screen.current()
        assert target is not None and target.contact_id == first.contact_id
        await pilot.press("c", "4", "5", "enter")
        await wait(pilot)
        own = {k.contact_id: k for k in keep_in_touch(sample_ws)}[target.contact_id]
        assert (own.cadence, own.cadence_from) == (45, "own")

        await pilot.press("z", "enter")  # the first choice: 7 days
        await wait(pilot)
        assert target.contact_id not in _shown(screen)
        row = sample_ws.conn.execute(
            "SELECT snoozed_until FROM contacts WHERE id = ?", (target.contact_id,)
        ).fetchone()
        assert row[0] == "2026-12-02"
        assert set(ids) - {target.contact_id} <= set(_shown(screen))


async def test_wide_view_shows_every_column(sample_ws, app_factory, wait, text_of):
    """Verify at 160x48 the view shows connected on and years connected as well, Enter opens the
    contact, and coming back reads the cadences again."""
    _clients(sample_ws)
    app = app_factory(sample_ws)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait(pilot)
        await pilot.press("k")
        await wait(pilot)
        text = text_of(app)
        for label in ("Name", "Connected", "Years", "Contacted", "Heard from", "Cadence",
                      "Overdue", "Why"):  # fmt: skip
            assert label in text
        screen = app.screen
        assert screen.focused is screen.query_one("#kit-wide", KeepTable)
        first = screen.current()
        set_cadence(sample_ws, first.contact_id, 12)  # as the CLI would, meanwhile
        await pilot.press("enter")  # the contact's details, then back: read again
        await wait(pilot)
        assert type(app.screen).__name__ == "ContactDetailScreen"
        await pilot.press("escape")
        await wait(pilot)
        assert app.screen is screen
        again = {k.contact_id: k for k in (screen.found[i] for i in screen.order)}
        assert again[first.contact_id].cadence == 12
        await pilot.press("escape")
        assert type(app.screen).__name__ == "ContactsScreen"


async def test_t_gives_a_tag_a_cadence_from_the_view(sample_ws, app_factory, wait, text_of):
    """Verify `t` on the view lists the tags with the cadence each gives, and sets one for
    everyone with the chosen tag, as `handpicked tag cadence TAG DAYS` does."""
    ids = _clients(sample_ws)
    tag(sample_ws, "[b]golf[/b]", ids[:2])  # a tag is text a person typed: shown literally
    app = app_factory(sample_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot)
        await pilot.press("k")
        await wait(pilot)
        await pilot.press("t")
        await wait(pilot)
        text = text_of(app)
        assert "clients · every 30 days" in text and "[b]golf[/b]" in text
        await pilot.press(*"golf", "enter")
        await wait(pilot)
        await pilot.pause()
        text = text_of(app)
        assert "everyone tagged [b]golf[/b] every" in text
        assert "number of days." in text and "label" not in text
        await pilot.press("1", "4", "enter")
        await wait(pilot)
    standing = {k.contact_id: k for k in keep_in_touch(sample_ws)}
    assert [(standing[i].cadence, standing[i].cadence_from) for i in ids] == [
        (14, "tag [b]golf[/b]"), (14, "tag [b]golf[/b]"), (30, "tag clients")
    ]  # fmt: skip
