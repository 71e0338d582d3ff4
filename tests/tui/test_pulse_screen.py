"""The Pulse screen: F12 from anywhere, the core's figures drawn, a sentence when there is nothing."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from handpicked.core.contacts import network_pulse
from handpicked.core.contacts.store import list_contacts
from handpicked.tui.screens.pulse import EMPTY, NO_CAMPAIGNS, PulseScreen


def _history(ws) -> None:
    """Messages both ways on LinkedIn, and a campaign with a reply, for three sample people."""
    ids = [c.id for c in list_contacts(ws)][:3]
    ws.conn.executemany(
        "INSERT INTO interactions(contact_id, at, direction) VALUES (?, ?, ?)",
        [(ids[0], "2026-10-01T10:00:00Z", "sent"), (ids[0], "2026-10-02T10:00:00Z", "received"),
         (ids[1], "2025-06-01T10:00:00Z", "sent")],
    )  # fmt: skip
    ws.conn.execute(
        "INSERT INTO campaigns(name, template, channel, created)"
        " VALUES ('spring', 'reconnect', 'linkedin-message', '2026-09-01')"
    )
    ws.conn.executemany(
        "INSERT INTO messages(campaign_id, contact_id, language, body, status, status_at,"
        " queued_at, sent_at, replied_at) VALUES (1, ?, 'en', 'hi', ?, '2026-09-01',"
        " '2026-09-01', '2026-09-02T09:00:00', ?)",
        [(ids[1], "replied", "2026-09-04T09:00:00"), (ids[2], "sent", None)],
    )
    ws.conn.commit()


async def test_pulse_draws_the_core_figures(sample_ws, app_factory, wait, text_of):
    """Verify F12 opens the Pulse at 80x24 with the plots shown and the core's two figures."""
    _history(sample_ws)
    expected = network_pulse(sample_ws)
    app = app_factory(sample_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot)
        await pilot.press("f12")
        await wait(pilot)
        screen = app.screen
        assert isinstance(screen, PulseScreen)
        assert screen.pulse == expected
        assert screen.query_one("#pulse-plots").display
        assert screen.query_one("#pulse-rates").display
        assert all(plot.display for plot in screen.query(PlotextPlot))
        text = text_of(app)
        assert "Messages per month" in text and "reconnect" in text
        assert "Reached this quarter (2026 Q4): 1 of " in text  # the figures line, wrapped
        assert f"Replies per message sent: {expected.reply_ratio:.2f}" in PulseScreen.figures(
            expected
        )
        await pilot.press("escape")
        assert not isinstance(app.screen, PulseScreen)


async def test_empty_workspace_says_so(empty_ws, app_factory, wait, text_of):
    """Verify with nothing sent or received the Pulse shows a sentence, not empty axes."""
    app = app_factory(empty_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot)
        await pilot.press("f12")
        await wait(pilot)
        screen = app.screen
        assert isinstance(screen, PulseScreen)
        assert not screen.query_one("#pulse-plots").display
        assert not screen.query_one("#pulse-figures").display
        text = " ".join(text_of(app).split())
        assert " ".join(EMPTY.split()[:6]) in text
        assert NO_CAMPAIGNS.split()[0] not in text
