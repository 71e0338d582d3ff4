"""Rewrite one person's message by hand, in a TextArea (which never interprets what it shows).

A hand edit is the point of handpicked: the template gets the message 90% of the way, the user
adds the sentence only they can write. The editor returns the new text; the screen that opened it
decides where it goes (kept in Compose until the campaign is queued, stored at once in Dispatch).
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from handpicked.tui.widgets.safe import safe


@dataclass(frozen=True, slots=True)
class Edit:
    """What the user wrote: the body, and the subject when the channel has one."""

    body: str
    subject: str | None = None


class MessageEditor(ModalScreen[Edit | None]):
    """Dismissed with the edited message, or None when the user cancels."""

    DEFAULT_CSS = """
    MessageEditor { align: center middle; }
    MessageEditor > Vertical {
        width: 90%; height: 90%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    MessageEditor #editor-title { text-style: bold; margin-bottom: 1; }
    MessageEditor TextArea { height: 1fr; }
    MessageEditor #editor-subject { margin-bottom: 1; }
    MessageEditor Horizontal { height: auto; align-horizontal: right; }
    MessageEditor Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("ctrl+s,f2", "save", "Keep this text", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, who: str, body: str, subject: str | None = None) -> None:
        super().__init__()
        self.who = who
        self.body = body
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical():
            title = Text("Message to ")
            title.append_text(safe(self.who))
            title.append("  (ctrl+s keeps it, escape cancels)", style="dim")
            yield Static(title, id="editor-title")
            if self.subject is not None:
                yield Label("Subject")
                yield Input(self.subject, id="editor-subject", select_on_focus=False)
            yield TextArea(self.body, id="editor-body", soft_wrap=True, tab_behavior="focus")
            with Horizontal():
                yield Button("Cancel", id="cancel", action="screen.cancel")
                yield Button("Keep this text", id="save", variant="primary", action="screen.save")

    def on_mount(self) -> None:
        self.query_one("#editor-body", TextArea).focus()

    def action_save(self) -> None:
        body = self.query_one("#editor-body", TextArea).text
        if not body.strip():
            self.notify("A message cannot be empty; escape keeps the old one.", severity="warning")
            return
        subject = None
        if self.subject is not None:
            subject = self.query_one("#editor-subject", Input).value
        self.dismiss(Edit(body=body, subject=subject))

    def action_cancel(self) -> None:
        self.dismiss(None)
