"""The last look before emails leave: how many, to whom, from which account.

An email cannot be taken back, so Dispatch never sends on one key press: this dialog names the
count `dispatch.plan` found (and what it skips), asks for a subject when the campaign's channel has
none, and asks for the SMTP password when the keyring holds none. The password is typed into a
masked input and handed straight to the send; it is never stored here.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from handpicked.core.campaigns.email import SendReport
from handpicked.core.config import Smtp
from handpicked.tui.hints import app_hint
from handpicked.tui.widgets.safe import safe_line

SHOWN = 8  # recipients listed by name; the rest are counted


@dataclass(frozen=True, slots=True)
class SendChoice:
    password: str | None
    """Typed by the user; None means "use the keyring's"."""
    subject: str | None
    test: bool = False
    """Send one test email to the user's own address (smtp.from) instead; nothing is marked."""


def summary(report: SendReport, smtp: Smtp) -> Text:
    """`3 emails will go out ...`, the recipients, and what is skipped and why."""
    count = len(report.items)
    text = Text(f"{count} email{'s' if count != 1 else ''} will go out", style="bold")
    text.append(" from ")
    text.append_text(safe_line(smtp.from_))
    text.append(f" via {smtp.host.strip()}:{smtp.effective_port} ({smtp.security}):\n")
    for item in report.items[:SHOWN]:
        text.append("  • ")
        text.append_text(safe_line(item.name or "(no name)"))
        text.append(" <")
        text.append_text(safe_line(item.email))
        text.append(">\n")
    if count > SHOWN:
        text.append(f"  … and {count - SHOWN} more\n")
    if report.skipped:
        reasons: dict[str, int] = {}
        for item in report.skipped:
            reason = app_hint(item.reason, item.hint)
            reasons[reason] = reasons.get(reason, 0) + 1
        text.append(f"\n{len(report.skipped)} skipped:\n", style="bold")
        for reason, n in reasons.items():
            text.append(f"  {n} × ")
            text.append_text(safe_line(reason))
            text.append("\n")
    if report.stuck_sending:
        text.append(
            f"\n{len(report.stuck_sending)} left `sending` by an earlier run: check your Sent "
            "folder, then mark them by hand.\n",
            style="bold red",
        )
    text.rstrip()
    return text


class SendDialog(ModalScreen[SendChoice | None]):
    """Dismissed with what the send needs (password, subject), or None when cancelled."""

    DEFAULT_CSS = """
    SendDialog { align: center middle; }
    SendDialog > Vertical {
        width: 84; max-width: 100%; height: auto; max-height: 90%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    SendDialog #send-summary { height: auto; max-height: 16; }
    SendDialog Label { margin-top: 1; }
    SendDialog Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    SendDialog Button { margin-left: 2; }
    /* Under 30 rows the summary scrolls in fewer lines, so the inputs and buttons stay in sight. */
    SendDialog.-short > Vertical { max-height: 100%; padding: 0 1; }
    SendDialog.-short #send-summary { max-height: 6; }
    SendDialog.-short Label { margin-top: 0; }
    """

    BINDINGS = [
        Binding("ctrl+s", "send", "Send", priority=True),
        Binding("ctrl+t", "test", "Test to me", priority=True, tooltip="The first one, to you"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, report: SendReport, smtp: Smtp, *, needs_password: bool, needs_subject: bool
    ) -> None:
        super().__init__()
        self.report = report
        self.smtp = smtp
        self.needs_password = needs_password
        self.needs_subject = needs_subject

    @property
    def count(self) -> int:
        """How many emails the send would go out (what the dialog tells the user)."""
        return len(self.report.items)

    def compose(self) -> ComposeResult:
        with Vertical():
            with VerticalScroll(id="send-summary"):
                yield Static(summary(self.report, self.smtp), id="send-text")
            if self.needs_subject:
                yield Label("Subject (this campaign's messages have none)")
                yield Input(id="send-subject", placeholder="e.g. A quick note")
            if self.needs_password:
                yield Label(safe_line(f"SMTP password for {self.smtp.username or 'your account'}"))
                yield Input(id="send-password", password=True)
            with Horizontal():
                yield Button("Cancel", id="cancel", action="screen.cancel")
                yield Button("Test to me (ctrl+t)", id="send-test", action="screen.test")
                label = f"Send {self.count} email{'s' if self.count != 1 else ''} (ctrl+s)"
                yield Button(label, id="send", variant="warning", action="screen.send")

    def on_mount(self) -> None:
        inputs = self.query(Input)
        (inputs.first() if inputs else self.query_one("#cancel", Button)).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_send()

    def action_send(self, test: bool = False) -> None:
        subject = password = None
        if self.needs_subject:
            subject = self.query_one("#send-subject", Input).value.strip()
            if not subject:
                self.notify("Give the emails a subject.", severity="warning")
                return
        if self.needs_password:
            password = self.query_one("#send-password", Input).value
            if not password:
                self.notify("Type the SMTP password (it is not stored).", severity="warning")
                return
        self.dismiss(SendChoice(password=password, subject=subject, test=test))

    def action_test(self) -> None:
        self.action_send(test=True)

    def action_cancel(self) -> None:
        self.dismiss(None)
