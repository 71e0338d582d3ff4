"""One message as its recipient will read it, with what the lint found and its length.

Compose shows the draft of the highlighted person here; Dispatch shows the queued message it is
about to hand over. The text is always plain (a body may quote a hostile company name) and always
whole: the pane scrolls instead of cutting, because the user copies exactly what they read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from handpicked.core import config, messages
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.tui.widgets.safe import safe

if TYPE_CHECKING:
    from handpicked.core.campaigns import MessageView


def channel_limit(ws: Workspace, channel: str) -> int | None:
    """The characters a channel allows, from the workspace's `limits` settings (None: no limit)."""
    try:
        settings = config.load(ws)
    except HandpickedError:  # a broken config.toml is reported by the app; use the defaults
        settings = config.Settings()
    return messages.channel_limit(settings, channel)


def count_label(length: int, limit: int | None) -> Text:
    """`182 / 200` against the channel's limit (red when over), or `182 characters` without one."""
    if limit is None:
        return Text(f"{length:,} characters", style="dim")
    over = length > limit
    label = Text(f"{length:,} / {limit:,}", style="bold red" if over else "dim")
    if over:
        label.append(f"  ({length - limit:,} too many)", style="red")
    return label


class MessagePreview(VerticalScroll):
    """The recipient, subject, body, character count and warnings of one message."""

    DEFAULT_CSS = """
    MessagePreview {
        border: round $primary 50%;
        padding: 0 1;
        height: 1fr;
    }
    MessagePreview > #mp-heading { text-style: bold; }
    MessagePreview > #mp-subject { color: $text-muted; }
    MessagePreview > #mp-body { margin: 1 0; }
    MessagePreview > #mp-count { text-align: right; }
    MessagePreview > #mp-warnings { color: $warning; margin-top: 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.can_focus = True
        self.body_text = ""
        """The body on screen, exactly (what a copy hands over)."""
        self.count_text = ""
        """The character count on screen, e.g. `182 / 200`."""
        self.warning_codes: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="mp-heading")
        yield Static(id="mp-subject")
        yield Static(id="mp-body")
        yield Static(id="mp-count")
        yield Static(id="mp-warnings")

    def show(self, view: MessageView, *, limit: int | None, heading: Text | None = None) -> None:
        """Display one message; `heading` replaces the default `name · language` line."""
        if heading is None:
            heading = safe(view.name or "(no name)")
            heading.append(f"  · {view.language}", style="dim")
            if view.edited:
                heading.append("  · edited by hand", style="italic")
        self.query_one("#mp-heading", Static).update(heading)
        subject = self.query_one("#mp-subject", Static)
        subject.display = view.subject is not None
        if view.subject is not None:
            line = Text("Subject: ", style="bold")
            line.append_text(safe(view.subject))
            subject.update(line)
        self.body_text = view.body
        self.query_one("#mp-body", Static).update(safe(view.body))
        count = count_label(len(view.body), limit)
        self.count_text = count.plain
        self.query_one("#mp-count", Static).update(count)
        self.warning_codes = [w.code for w in view.warnings]
        warnings = Text()
        for warning in view.warnings:
            warnings.append("⚠ ", style="bold")
            warnings.append(f"{warning.code}: ", style="bold")
            warnings.append_text(safe(warning.message))
            warnings.append("\n")
        box = self.query_one("#mp-warnings", Static)
        box.display = bool(view.warnings)
        warnings.rstrip()
        box.update(warnings)
        self.scroll_home(animate=False)

    def show_note(self, note: str | Text) -> None:
        """Replace the message with a sentence (nothing to show yet, or why not)."""
        self.body_text = ""
        self.count_text = ""
        self.warning_codes = []
        self.query_one("#mp-heading", Static).update(Text())
        self.query_one("#mp-subject", Static).display = False
        body = note if isinstance(note, Text) else safe(note, style="italic")
        self.query_one("#mp-body", Static).update(body)
        self.query_one("#mp-count", Static).update(Text())
        self.query_one("#mp-warnings", Static).display = False
