"""One facet (sector, function, seniority or tag): its values with live counts, tickable.

Values keep their place while counts change (the order is the whole network's, most frequent
first), so the line a user is about to click never jumps away under the mouse; a value with no
contact in the current result stays listed, dimmed, at 0.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

from handpicked.tui.widgets.safe import safe_line

TICKED = "■"
UNTICKED = "□"


class FacetList(OptionList):
    """Enter, space or a click ticks a value; the list posts `Toggled` and its screen filters."""

    DEFAULT_CSS = """
    FacetList {
        height: auto; max-height: 9; padding: 0; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    BINDINGS = [
        Binding("enter,space", "select", "Tick", show=False, tooltip="Filter on this value"),
    ]

    class Toggled(Message):
        """A value was ticked or unticked; `selected` is the list's whole selection after it."""

        def __init__(self, facet_list: FacetList, value: str, ticked: bool) -> None:
            super().__init__()
            self.facet_list = facet_list
            self.kind = facet_list.kind
            self.value = value
            self.ticked = ticked
            self.selected = sorted(facet_list.selected)

        @property
        def control(self) -> FacetList:
            return self.facet_list

    def __init__(self, kind: str, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id or f"facet-{kind}", markup=False)
        self.kind = kind
        self.border_title = title
        self.values: list[str] = []
        self.counts: dict[str, int] = {}
        self.selected: set[str] = set()

    def set_values(self, values: Iterable[str], counts: dict[str, int] | None = None) -> None:
        """Show these values (a new index was loaded); ticks on values still present are kept."""
        self.values = list(values)
        self.selected &= set(self.values)
        self.counts = dict(counts or {})
        highlighted = self.highlighted
        self.set_options([self._prompt(value) for value in self.values])
        if self.values:
            self.highlighted = min(highlighted or 0, len(self.values) - 1)
        self.display = bool(self.values)

    def set_counts(self, counts: dict[str, int]) -> None:
        """New counts for the current result; values and their order stay as they are."""
        if counts == self.counts:
            return
        previous, self.counts = self.counts, dict(counts)
        for index, value in enumerate(self.values):
            if previous.get(value) != counts.get(value):
                self.replace_option_prompt_at_index(index, self._prompt(value))

    def set_selected(self, selected: Iterable[str]) -> None:
        self.selected = set(selected) & set(self.values)
        for index, value in enumerate(self.values):
            self.replace_option_prompt_at_index(index, self._prompt(value))

    def _prompt(self, value: str) -> Text:
        ticked = value in self.selected
        count = self.counts.get(value, 0)
        style = "bold" if ticked else ("dim" if count == 0 else "")
        return Text.assemble(  # one line each, cut with "…" (text-wrap/text-overflow above)
            (f"{TICKED if ticked else UNTICKED} ", style),
            (f"{count:>5,} ", "dim" if count == 0 else "cyan"),
            safe_line(value, style),
        )

    @on(OptionList.OptionSelected)
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value = self.values[event.option_index]
        ticked = value not in self.selected
        if ticked:
            self.selected.add(value)
        else:
            self.selected.discard(value)
        self.replace_option_prompt_at_index(event.option_index, self._prompt(value))
        self.post_message(self.Toggled(self, value, ticked))
