"""The base of the screens that reach the app's shared state (workspace, audience, errors).

Textual types `self.app` as a plain `App`, so mypy could check none of `self.app.workspace`,
`self.app.pick(...)` or `self.app.show_error(...)`. `getters.app` is Textual's own way to give it
the app's real class (and it asserts that class when read, so the type is not a promise only).
"""

from __future__ import annotations

from typing import TypeVar

from textual import getters
from textual.binding import ActiveBinding
from textual.screen import Screen

from handpicked.tui.app import HandpickedApp

ResultType = TypeVar("ResultType")

FOOTER_FIRST = ("ctrl+q", "f1")
"""The app's keys the footer names first: how to get out, and where every other key is listed."""


class HandpickedScreen(Screen[ResultType]):
    """A screen of handpicked: `self.app` is the `HandpickedApp`."""

    app = getters.app(HandpickedApp)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The keys in force, Quit and Help first.

        The footer lists these in order and cuts what does not fit the width; Textual's order puts
        the focused widget's and the screen's keys before the app's, so at 80 or 120 columns Quit
        and Help were the ones cut.
        """
        found = super().active_bindings
        first = {
            key: found[key] for key in FOOTER_FIRST if key in found and found[key].node is self.app
        }
        return {**first, **found}
