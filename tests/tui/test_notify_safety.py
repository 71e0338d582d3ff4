"""Toasts are human-facing output too: whatever a screen quotes, no escape reaches the terminal."""

from __future__ import annotations

from handpicked.core.contacts.store import list_contacts

SIZE = (120, 40)


async def test_notifications_are_inert(hostile_ws, app_factory, wait):
    """Verify a notification quoting a stored name loses its escapes and bidi controls."""
    app = app_factory(hostile_ws)
    name = next(c.full_name for c in list_contacts(hostile_ws) if "\x1b" in c.full_name)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        app.screen.notify(f"Email sent to {name}\u202e", title="Mail\x9b2J", markup=False)
        await pilot.pause()
        [note] = list(app._notifications)
        assert note.message == "Email sent to [31mred[0m Apes" and note.title == "Mail2J"
