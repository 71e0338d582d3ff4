"""The footer of every screen: Textual's own, rebuilt only when the keys it shows change.

Textual's footer throws its key widgets away and mounts new ones each time the screen's bindings
may have changed: every focus move, screen switch and refresh of an action's state. Three times
in four the keys shown are the same ones, yet the rebuild was most of the CPU a Tab or a screen
switch cost: starting the app, opening Companies and tabbing twice took 0.47 s of CPU with it,
0.18 s with no footer at all. A rebuild that does happen also styled each key three times: once
as it was mounted, then again for each change of its `compact` flag (set True by default, then
to the footer's own value), though the flag never changes after. Each key is now born with the
footer's value. With both, that same run takes 0.24 s.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer as TextualFooter

Shown = tuple[tuple[str, str, str, bool, str], ...]


def shown_keys(screen: Screen[object]) -> Shown:
    """What the footer would draw for this screen: each shown key, with its action, label,
    whether it is enabled, and its tooltip (the command palette's key is drawn apart, so it is
    counted whether shown or not)."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple(
        (binding.key, binding.action, binding.description, enabled, tooltip)
        for key, (_, binding, enabled, tooltip) in screen.active_bindings.items()
        if binding.show or key == palette
    )


class Footer(TextualFooter):
    """Textual's footer, which skips a rebuild that would draw the same keys again."""

    _drawn: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = shown_keys(screen)
        if shown == self._drawn:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._drawn = shown  # the condition under which Textual's footer rebuilds
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield self._born_styled(widget)

    def _born_styled(self, widget: Widget) -> Widget:
        """A key whose `compact` flag and class already say what the footer says, so that
        binding it to the footer changes nothing (no watcher, no second styling). The command
        palette's key is not bound to the footer: it keeps its own default."""
        flag = getattr(type(widget), "compact", None)
        if isinstance(flag, Reactive) and not widget.has_class("-command-palette"):
            widget.set_reactive(flag, self.compact)
            widget.set_class(self.compact, "-compact", update=False)
        return widget
