"""The audience the user picks, shared by every screen, and what quitting would drop.

The app owns the picks (screens come and go; the audience outlives them), so Contacts, Compose
and Dispatch read and change one list. Quitting asks first while picks or typed values would be
lost: Ctrl+Q on a picked audience is more often a slip than a decision.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.signal import Signal


class PickingApp(App[None]):
    """The picking half of HandpickedApp (tui/app.py holds the rest)."""

    class AudienceChanged(Message):
        """`app.audience` changed (picked, unpicked, cleared)."""

    def __init__(self) -> None:
        super().__init__()
        self.audience: list[int] = []
        self._picked: set[int] = set()
        self.allow_large = False
        """True once the user confirmed composing for more than audience.max people."""
        self._audience_used = False
        """True once the audience as picked was queued: quitting then loses nothing."""
        self._quit_question: Screen[Any] | None = None
        self.audience_signal: Signal[int] = Signal(self, "audience")

    def is_picked(self, contact_id: int) -> bool:
        return contact_id in self._picked

    @property
    def picked(self) -> frozenset[int]:
        return frozenset(self._picked)

    def pick(self, ids: Iterable[int]) -> int:
        """Add contacts to the audience (in order, once each); returns how many were new."""
        new = [i for i in dict.fromkeys(ids) if i not in self._picked]
        self.audience.extend(new)
        self._picked.update(new)
        if new:
            self._audience_changed()
        return len(new)

    def unpick(self, ids: Iterable[int]) -> int:
        gone = set(ids) & self._picked
        if gone:
            self.audience = [i for i in self.audience if i not in gone]
            self._picked -= gone
            self._audience_changed()
        return len(gone)

    def toggle_pick(self, contact_id: int) -> bool:
        """Pick or unpick one contact; True when it is now in the audience."""
        if contact_id in self._picked:
            self.unpick([contact_id])
            return False
        self.pick([contact_id])
        return True

    def clear_audience(self) -> None:
        if self.audience:
            self.audience = []
            self._picked = set()
            self._audience_changed()

    def _audience_changed(self) -> None:
        self.allow_large = False
        self._audience_used = False
        self.post_message(self.AudienceChanged())
        self.audience_signal.publish(len(self.audience))

    def audience_queued(self) -> None:
        """The audience as picked is now a campaign: Ctrl+Q has nothing of it left to lose."""
        self._audience_used = True

    def unsaved_work(self) -> list[str]:
        """What quitting now would drop: a picked audience not queued yet, and whatever a
        screen holds unsaved (its `unsaved_work()`: Compose's typed values)."""
        lost = []
        if self.audience and not self._audience_used:
            lost.append(f"{len(self.audience)} people picked")
        for mode in self.MODES:
            try:
                stack = self.get_screen_stack(mode)
            except KeyError:  # a mode not shown yet
                continue
            for screen in stack:
                said = getattr(screen, "unsaved_work", lambda: None)()
                if said:
                    lost.append(said)
        return lost

    async def action_quit(self) -> None:
        """Quit, asking first when that drops work; Ctrl+Q on the question quits."""
        lost = self.unsaved_work()
        if not lost or self.screen is self._quit_question:
            self.exit()
            return
        from handpicked.tui.screens.confirm import Confirm

        question = (
            f"You have {' and '.join(lost)}; quitting drops them (nothing of it is queued)."
            "\n\nQuit anyway? (ctrl+q again quits too)"
        )

        def answered(yes: bool | None) -> None:
            self._quit_question = None
            if yes:
                self.exit()

        self._quit_question = Confirm("Quit handpicked?", question, yes="Quit", no="Stay")
        self.push_screen(self._quit_question, answered)
