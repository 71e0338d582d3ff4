"""Who the audience rules left out of a campaign, and why: the app's side of compose's report.

The CLI prints the people a campaign leaves out (messaged N days ago, queued in campaign X, on
the do-not-contact list) and takes `--contact ID` to write to one anyway. Compose shows the same
list, from the same core function, and `a` on a line is that `--contact`: a deliberate key on one
named person, never a bulk action. The list is hidden while nobody is left out, so it is never an
empty Tab stop.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from handpicked.core.contacts import LeftOut
from handpicked.tui.widgets.safe import safe_line


def prompt(person: LeftOut) -> Text:
    """`Name  why`, the reason dimmed (red for the do-not-contact list, which is final)."""
    line = safe_line(person.name or "(no name)")
    line.append(f"  {person.why}", style="dim" if person.can_add_back else "red")
    return line


class LeftOutList(OptionList):
    """The people left out, one line each; `a` (or enter) asks to write to one of them anyway."""

    BINDINGS = [
        Binding("a,enter", "add_back", "Add back",
                tooltip="Write to this person anyway; their message carries a warning"),
    ]  # fmt: skip

    class AddBack(Message):
        """The user asked to write to this left-out person anyway."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.display = False

    def show(self, people: Sequence[LeftOut]) -> None:
        """List these people (hidden when there are none), keeping the highlight where it can."""
        was = self.highlighted
        self.set_options(Option(prompt(p), id=str(p.id)) for p in people)
        self.border_title = f"Left out ({len(people)})"
        self.border_subtitle = "a adds back"
        self.display = bool(people)
        if people:
            self.highlighted = min(was or 0, len(people) - 1)

    def action_add_back(self) -> None:
        if self.highlighted is None or not self.option_count:
            return
        option = self.get_option_at_index(self.highlighted)
        if option.id is not None:
            self.post_message(self.AddBack(int(option.id)))
