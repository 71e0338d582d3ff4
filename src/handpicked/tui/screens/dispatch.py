"""Dispatch: hand each queued message over, one by one, and record what happened.

LinkedIn has no API for a personal note, so the user copies the message, opens the person's
profile, pastes, sends, and comes back to mark it sent. This screen makes that loop a few keys
long, always shows the whole message (what is copied is what was read), and remembers where the
user stopped (`campaigns.set_cursor`), so closing the app mid-campaign loses nothing. Messages with
an email address can also go out by email, after a confirmation naming how many.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.widgets import Header, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from handpicked.core import campaigns
from handpicked.core.campaigns import email
from handpicked.tui import USER_ERRORS
from handpicked.tui.hints import app_hint, app_message
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.screens.export_dialog import ExportChoice, ExportDialog
from handpicked.tui.screens.message_editor import Edit, MessageEditor
from handpicked.tui.screens.send_dialog import SendChoice, SendDialog
from handpicked.tui.widgets.footer import Footer
from handpicked.tui.widgets.message_preview import MessagePreview, channel_limit
from handpicked.tui.widgets.safe import safe_line

GLYPHS = {"queued": "·", "sending": "…", "sent": "✓", "replied": "↩", "skipped": "–", "failed": "✗"}
STYLES = {"sent": "green", "replied": "bold green", "skipped": "dim", "failed": "red"}
DONE = ("sent", "skipped", "replied")


class DispatchScreen(HandpickedScreen[None]):
    """One campaign's messages: the list on the left, the current one in full on the right."""

    SUB_TITLE = "Dispatch"
    DEFAULT_CSS = """
    DispatchScreen #dispatch-top { height: auto; padding: 0 1; }
    DispatchScreen #dispatch-title { text-style: bold; }
    DispatchScreen #progress-row { height: 1; }
    DispatchScreen ProgressBar { width: auto; }
    DispatchScreen #dispatch-counts { width: 1fr; margin-left: 2; color: $text-muted; }
    DispatchScreen #queue { width: 36; height: 1fr; border: round $primary 50%; }
    DispatchScreen #dispatch-right { width: 1fr; }
    DispatchScreen #dispatch-who { height: auto; padding: 0 1; }
    /* Under 120 columns the message keeps most of the width, and the counts their line. */
    DispatchScreen.-narrow #queue { width: 26; }
    DispatchScreen.-narrow #progress Bar { width: 16; }
    """

    BINDINGS = [
        Binding("c", "copy", "Copy", tooltip="Copy the message to the clipboard"),
        Binding("t", "copy_subject", "Copy subject", show=False),
        Binding("o", "open_profile", "Open profile", tooltip="Open the person's profile"),
        Binding("s", "mark('sent')", "Sent", tooltip="Mark sent, go to the next one"),
        Binding("k", "mark('skipped')", "Skip", tooltip="Mark skipped, go to the next one"),
        Binding("r", "mark('replied')", "Replied", tooltip="They answered"),
        Binding("u", "mark('queued')", "Undo", show=False, tooltip="Back to queued"),
        Binding("n,right", "next", "Next"),
        Binding("p,left", "previous", "Previous", show=False),  # the footer fits 120 columns
        Binding("e", "edit", "Edit", tooltip="Rewrite this message by hand"),
        Binding("x", "export", "Export", tooltip="Write the send list to a file"),
        Binding("m", "send_email", "Email…", tooltip="Send the queued messages by email"),
    ]

    def __init__(self, campaign: str) -> None:
        super().__init__()
        self.campaign = campaign
        self.preview: campaigns.CampaignPreview | None = None
        self.index = 0
        self.limit: int | None = None
        self._password: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="dispatch-top"):
            yield Static(id="dispatch-title")
            with Horizontal(id="progress-row"):
                yield ProgressBar(show_eta=False, id="progress")
                yield Static(id="dispatch-counts")
        with Horizontal():
            yield OptionList(id="queue", markup=False)
            with Vertical(id="dispatch-right"):
                yield Static(id="dispatch-who")
                yield MessagePreview(id="message")
        yield Footer()

    def on_mount(self) -> None:
        ws = self.app.workspace
        try:
            self.index = campaigns.get_cursor(ws, self.campaign)
        except USER_ERRORS as err:
            self.app.show_error(err)
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    # -- reading the campaign ------------------------------------------------------------------

    def reload(self) -> None:
        """Read the campaign again (statuses change here, by email, or from the CLI)."""
        try:
            self.preview = campaigns.preview(self.app.workspace, self.campaign)
            self.limit = channel_limit(self.app.workspace, self.preview.channel)
        except USER_ERRORS as err:
            self.preview = None
            self.app.show_error(err)
            self.query_one(MessagePreview).show_note(app_message(err))
            return
        title = safe_line(self.preview.campaign, style="bold")
        title.append(f"  {self.preview.channel} · template {self.preview.template}", style="dim")
        self.query_one("#dispatch-title", Static).update(title)
        queue = self.query_one("#queue", OptionList)
        queue.set_options(
            Option(self._prompt(m), id=str(m.contact_id)) for m in self.preview.messages
        )
        queue.border_title = f"Messages ({len(self.preview.messages)})"
        self._show()

    @property
    def messages(self) -> list[campaigns.MessageView]:
        return self.preview.messages if self.preview is not None else []

    def current(self) -> campaigns.MessageView | None:
        """The message on screen."""
        return self.messages[self.index] if 0 <= self.index < len(self.messages) else None

    def _prompt(self, view: campaigns.MessageView) -> Text:
        prompt = Text(f"{GLYPHS.get(view.status, '?')} ", style=STYLES.get(view.status, ""))
        prompt.append_text(safe_line(view.name or "(no name)", style=STYLES.get(view.status, "")))
        if view.warnings:
            prompt.append(f" ⚠{len(view.warnings)}", style="yellow")
        return prompt

    def counts(self) -> dict[str, int]:
        """Messages per status, every status of a dispatch present."""
        found = {status: 0 for status in GLYPHS}
        for view in self.messages:
            found[view.status] = found.get(view.status, 0) + 1
        return found

    def _show(self) -> None:
        total = len(self.messages)
        self.index = max(0, min(self.index, total - 1))
        counts = self.counts()
        done = sum(counts[s] for s in DONE)
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)
        label = f"{done} of {total} done · {counts['sent']} sent · {counts['replied']} replied"
        label += f" · {counts['skipped']} skipped"
        if counts["failed"]:
            label += f" · {counts['failed']} failed"
        self.query_one("#dispatch-counts", Static).update(Text(label))
        view = self.current()
        preview = self.query_one(MessagePreview)
        if view is None:
            preview.show_note("This campaign has no message left to dispatch.")
            self.query_one("#dispatch-who", Static).update(Text())
            return
        queue = self.query_one("#queue", OptionList)
        if queue.highlighted != self.index:
            queue.highlighted = self.index
        preview.show(view, limit=self.limit, heading=self._heading(view, total))
        self.query_one("#dispatch-who", Static).update(self._where(view))

    def _heading(self, view: campaigns.MessageView, total: int) -> Text:
        heading = Text(f"{self.index + 1} / {total}  ", style="dim")
        heading.append_text(safe_line(view.name or "(no name)", style="bold"))
        heading.append(f"  · {view.status}", style=STYLES.get(view.status, ""))
        if view.edited:
            heading.append("  · edited by hand", style="italic")
        if view.error:
            heading.append("\n")
            heading.append_text(safe_line(view.error, style="red"))
        return heading

    def _where(self, view: campaigns.MessageView) -> Text:
        where = Text("Profile: ", style="bold")
        where.append_text(safe_line(view.profile_url or "none"))
        where.append("   Email: ", style="bold")
        where.append_text(safe_line(view.email or "none"))
        return where

    # -- moving --------------------------------------------------------------------------------

    def go(self, index: int) -> None:
        """Show message `index` and remember it as where the user is."""
        if not self.messages:
            return
        self.index = max(0, min(index, len(self.messages) - 1))
        try:
            campaigns.set_cursor(self.app.workspace, self.campaign, self.index)
        except USER_ERRORS as err:
            self.app.show_error(err)
        self._show()

    @on(OptionList.OptionHighlighted, "#queue")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Only the list's current highlight counts: a stale event (from a highlight set by
        # `_show` a moment ago) must not drag the cursor back.
        if event.option_index == event.option_list.highlighted != self.index:
            self.go(event.option_index)

    def action_next(self) -> None:
        self.go(self.index + 1)

    def action_previous(self) -> None:
        self.go(self.index - 1)

    # -- handing the message over --------------------------------------------------------------

    def action_copy(self) -> None:
        view = self.current()
        if view is not None:
            self.app.copy_text(view.body)

    def action_copy_subject(self) -> None:
        view = self.current()
        if view is not None and view.subject:
            self.app.copy_text(view.subject)

    def action_open_profile(self) -> None:
        view = self.current()
        if view is None:
            return
        url = campaigns.safe_url(view.profile_url)
        if url is None:
            self.notify(
                f"No web profile link for {view.name or 'this person'}.", markup=False,
                severity="warning",
            )  # fmt: skip
            return
        self.app.open_link(url)

    def action_mark(self, status: str) -> None:
        """Record what happened to this message; sent and skipped move on to the next."""
        view = self.current()
        if view is None:
            return
        try:
            campaigns.mark(self.app.workspace, self.campaign, status, [view.contact_id])
        except USER_ERRORS as err:
            self.app.show_error(err)
            return
        self.reload()
        if status in ("sent", "skipped") and self.index < len(self.messages) - 1:
            self.go(self.index + 1)

    def action_edit(self) -> None:
        view = self.current()
        if view is None:
            return

        def save(edit: Edit | None) -> None:
            if edit is None:
                return
            try:
                campaigns.edit_message(
                    self.app.workspace, self.campaign, view.contact_id, edit.body, edit.subject
                )
            except USER_ERRORS as err:
                self.app.show_error(err)
                return
            self.reload()

        self.app.push_screen(MessageEditor(view.name, view.body, view.subject), save)

    # -- export --------------------------------------------------------------------------------

    def action_export(self) -> None:
        self.app.push_screen(ExportDialog(self.campaign), self._export)

    def _export(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        try:
            data = campaigns.export_campaign(
                self.app.workspace, self.campaign, choice.fmt, choice.path, excel=choice.excel
            )
        except USER_ERRORS as err:
            self.app.show_error(err)
            return
        self.notify(f"Wrote {choice.path} ({len(data):,} bytes).", markup=False)

    # -- email ---------------------------------------------------------------------------------

    SEND_RATE = 5.0
    """Seconds between two emails (a server sees a person writing, not a mailing)."""

    def action_send_email(self) -> None:
        """Confirm how many emails will go out, ask what is missing, then send in a worker."""
        ws = self.app.workspace
        try:
            smtp = email.account(ws)
            channel = self.preview.channel if self.preview is not None else ""
            needs_subject = channel in email.SUBJECTLESS
            report = email.plan(ws, self.campaign, subject="-" if needs_subject else None)
        except USER_ERRORS as err:
            self.app.show_error(err)
            return
        if not report.items:
            reasons = "; ".join(sorted({app_hint(i.reason, i.hint) for i in report.skipped}))
            self.notify(
                f"No message to send by email ({reasons or 'none queued'}).", markup=False,
                severity="warning",
            )  # fmt: skip
            return
        self._password = email.get_password(smtp.username)
        needs_password = self._password is None
        dialog = SendDialog(
            report, smtp, needs_password=needs_password, needs_subject=needs_subject
        )
        self.app.push_screen(dialog, self._confirmed)

    def _confirmed(self, choice: SendChoice | None) -> None:
        if choice is None:
            return
        password = choice.password if choice.password is not None else self._password or ""
        if choice.test:
            self._send_test(password, choice.subject)
            return
        self.notify("Sending…")
        self._send(password, choice.subject)

    @work(thread=True, exclusive=True, group="email")
    def _send_test(self, password: str, subject: str | None) -> None:
        """One email to the user's own address; nothing is marked, so nothing to reload."""
        try:
            item = email.send_test(
                self.app.workspace, self.campaign, password=password, subject=subject
            )
        except Exception as err:  # whatever went wrong, the user reads a sentence
            self.app.call_from_thread(self.app.show_error, err)
            return
        said = f"Test email sent to {item.email}: {item.subject} (the message to {item.name})."
        self.app.call_from_thread(self.notify, said, markup=False)

    class EmailProgress(Message):
        """One email of the running send was sent or refused."""

        def __init__(self, item: email.SendItem) -> None:
            super().__init__()
            self.item = item

    class EmailDone(Message):
        """The send is over: its report, or the error that stopped it."""

        def __init__(self, report: email.SendReport | None, error: Exception | None) -> None:
            super().__init__()
            self.report = report
            self.error = error

    @work(thread=True, exclusive=True, group="email")
    def _send(self, password: str, subject: str | None) -> None:
        def progress(item: email.SendItem) -> None:
            self.post_message(self.EmailProgress(item))

        try:
            report = email.send(
                self.app.workspace, self.campaign, password=password, subject=subject,
                rate=self.SEND_RATE, on_progress=progress,
            )  # fmt: skip
        except Exception as err:  # whatever went wrong, the user reads a sentence, not a traceback
            self.post_message(self.EmailDone(None, err))
        else:
            self.post_message(self.EmailDone(report, None))

    @on(EmailProgress)
    def _email_progress(self, event: EmailProgress) -> None:
        item = event.item
        done = "sent to" if item.status == "sent" else f"failed ({item.reason}):"
        severity: SeverityLevel = "information" if item.status == "sent" else "error"
        self.notify(f"Email {done} {item.name} <{item.email}>", markup=False, severity=severity)
        self.reload()

    @on(EmailDone)
    def _email_done(self, event: EmailDone) -> None:
        self.reload()
        if event.error is not None:
            self.app.show_error(event.error)
        elif event.report is not None:
            report = event.report
            severity: SeverityLevel = "error" if report.failed else "information"
            sentence = f"Email: {report.sent} sent, {report.failed} failed."
            self.notify(sentence, markup=False, severity=severity)
