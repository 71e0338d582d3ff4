"""Waiting in Pilot tests for the app's workers, whichever of them a newer one replaced."""

from __future__ import annotations

from textual.app import App
from textual.worker import WorkerCancelled


async def workers_done(app: App) -> None:
    """Return once every worker has ended. An exclusive worker (the Compose screen's reload)
    cancels the one before it, and waiting on that one raises: wait again for the rest."""
    for _ in range(10):
        try:
            await app.workers.wait_for_complete()
            return
        except WorkerCancelled:
            continue
