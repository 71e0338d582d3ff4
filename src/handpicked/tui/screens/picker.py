"""Choosing one value from a list (a sector, a function, a seniority), or typing one's own label.

One modal for every classification choice, so assigning a company's sector and correcting a
contact's function feel the same: type to narrow the list, Enter picks the highlighted value (or
the typed text as a new label where own labels are allowed), Escape leaves everything unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from handpicked.core.text import fold
from handpicked.tui.widgets.safe import safe_line

AUTOMATIC = "\x00automatic"
"""What the picker returns for "(automatic)": forget the hand-set value, go back to the guess."""


class Picker(ModalScreen[str | None]):
    """Dismissed with the chosen value, AUTOMATIC, or None when cancelled."""

    DEFAULT_CSS = """
    Picker { align: center middle; }
    Picker > Vertical {
        width: 60; height: auto; max-height: 90%; border: thick $accent; background: $surface;
        padding: 0 1;
    }
    Picker #picker-title { text-style: bold; margin: 1 0 0 0; }
    Picker #picker-help { color: $text-muted; margin-bottom: 1; }
    Picker OptionList { height: auto; max-height: 24; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Change nothing"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(
        self,
        title: str,
        choices: Sequence[str],
        *,
        current: str | None = None,
        allow_custom: bool = False,
        automatic: str | None = None,
        typed: str | None = None,
    ) -> None:
        """`typed`: what a value typed outside the list is, when not a label of one's own
        ("number of days" for a cadence)."""
        super().__init__()
        self.title_text = title
        self.choices = list(dict.fromkeys(choices))
        self.current = current
        self.allow_custom = allow_custom
        self.automatic = automatic
        self.typed = typed
        self._visible: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe_line(self.title_text), id="picker-title")
            hint = "Type to narrow, Enter to choose, Escape to cancel."
            if self.allow_custom:
                hint += (
                    f" Or type a {self.typed}."
                    if self.typed
                    else " A name not in the list becomes your own label."
                )
            yield Static(hint, id="picker-help")
            yield Input(placeholder="Filter…", id="picker-filter")
            yield OptionList(id="picker-options", markup=False)

    def on_mount(self) -> None:
        self._fill("")
        self.set_focus(self.query_one(Input))

    def _fill(self, text: str) -> None:
        wanted = fold(text)
        visible = [c for c in self.choices if wanted in fold(c)]
        options = []
        if self.automatic and not wanted:
            options.append(Option(safe_line(self.automatic, "italic"), id="auto"))
        for value in visible:
            mark = "● " if value == self.current else "  "
            options.append(Option(safe_line(mark + value)))
        exact = any(fold(c) == wanted for c in self.choices)
        if self.allow_custom and text.strip() and not exact:
            new = f"+ {text.strip()}" if self.typed else f"+ new label: {text.strip()}"
            options.append(Option(safe_line(new, "bold"), id="new"))
        self._visible = visible
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        if options:
            current = self.current if self.current in visible and not wanted else None
            offset = 1 if self.automatic and not wanted else 0
            option_list.highlighted = offset + visible.index(current) if current is not None else 0

    @on(Input.Changed, "#picker-filter")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _enter(self) -> None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is not None:
            self._choose(option_list.highlighted)

    @on(OptionList.OptionSelected, "#picker-options")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int) -> None:
        option = self.query_one(OptionList).get_option_at_index(index)
        if option.id == "auto":
            self.dismiss(AUTOMATIC)
        elif option.id == "new":
            self.dismiss(self.query_one(Input).value.strip())
        else:
            offset = 1 if self.automatic and not self.query_one(Input).value.strip() else 0
            self.dismiss(self._visible[index - offset])

    def action_move(self, step: int) -> None:
        option_list = self.query_one(OptionList)
        if step > 0:
            option_list.action_cursor_down()
        else:
            option_list.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
