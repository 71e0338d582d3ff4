"""The send dialog's test email: ctrl+t sends the first queued message to the user's own address."""

from __future__ import annotations

from pilot_wait import workers_done
from smtp_server import PASSWORD, configure, statuses
from textual.widgets import Input

from handpicked.core.db import Workspace
from handpicked.tui.app import make_app
from handpicked.tui.screens.dispatch import DispatchScreen

pytest_plugins = ["smtp_server"]


async def test_ctrl_t_sends_a_test_to_me_and_marks_nothing(mail_ws: Workspace, smtp_server) -> None:
    """Verify ctrl+t in the send dialog emails me the first message, "[test] ", queue untouched."""
    server = smtp_server()
    configure(mail_ws, server.port)
    queue = statuses(mail_ws)
    app = make_app(mail_ws)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_campaign("spring")
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, DispatchScreen) and app.screen.preview is not None:
                break
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#send-password", Input).value = PASSWORD
        await pilot.press("ctrl+t")
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        assert isinstance(app.screen, DispatchScreen)
        notices = [str(n.message) for n in app._notifications]
        assert any(n.startswith("Test email sent to alex@example.com") for n in notices), notices
    [received] = server.received
    assert received.rcpt_tos == ["alex@example.com"]  # smtp.from: the user's own address
    assert received.message["Subject"] == "[test] Café jeudi : une idée à partager"
    assert statuses(mail_ws) == queue
