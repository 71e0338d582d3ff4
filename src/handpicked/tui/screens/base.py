"""The base of the screens that reach the app's shared state (workspace, audience, errors).

Textual types `self.app` as a plain `App`, so mypy could check none of `self.app.workspace`,
`self.app.pick(...)` or `self.app.show_error(...)`. `getters.app` is Textual's own way to give it
the app's real class (and it asserts that class when read, so the type is not a promise only).
"""

from __future__ import annotations

from typing import TypeVar

from textual import getters
from textual.screen import Screen

from handpicked.tui.app import HandpickedApp

ResultType = TypeVar("ResultType")


class HandpickedScreen(Screen[ResultType]):
    """A screen of handpicked: `self.app` is the `HandpickedApp`."""

    app = getters.app(HandpickedApp)
