"""A yes/no question that must be answered before something irreversible or unusual happens.

Used where the core refuses by default and the user may insist: queueing more people than a
campaign is meant for, sending emails. The question is plain text (it can quote core sentences
that name contacts or files).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from handpicked.tui.widgets.safe import safe


class Confirm(ModalScreen[bool]):
    """Dismissed with True for yes, False for no (escape counts as no)."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical {
        width: 72; height: auto; max-height: 80%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    Confirm #confirm-title { text-style: bold; margin-bottom: 1; }
    Confirm Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    Confirm Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, question: str | Text, *, yes: str = "Yes", no: str = "No"):
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe(self.title_text), id="confirm-title")
            body = self.question if isinstance(self.question, Text) else safe(self.question)
            yield Static(body, id="confirm-question")
            with Horizontal():
                yield Button(f"{self.no_label} (n)", id="no", action="screen.answer(False)")
                yield Button(
                    f"{self.yes_label} (y)", id="yes", variant="warning",
                    action="screen.answer(True)",
                )  # fmt: skip

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
