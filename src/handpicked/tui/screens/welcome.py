"""The first screen of an empty workspace: where Connections.csv comes from, and importing it.

A new user's only question is "how do I get my contacts in?", so the answer is the whole screen:
LinkedIn's menu path (in English and French), and a box to paste the file's path, imported right
there in a worker. The same form is offered later as a dialog (`i` on Contacts).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.widgets import Button, Header, Input, Static
from textual.worker import get_current_worker

from handpicked.core.contacts import duplicates_after_import, get_contacts, import_paths
from handpicked.core.models import FileReport
from handpicked.tui.app import HandpickedApp
from handpicked.tui.hints import app_message
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.widgets.footer import Footer
from handpicked.tui.widgets.safe import clean_text, safe

# Lines of at most 72 characters: the text fits an 80-column terminal as written (a longer line
# would wrap and lose the list's indentation).
INSTRUCTIONS = """\
Your workspace is empty. Start with your LinkedIn connections:

  1. On linkedin.com: Me > Settings & Privacy > Data privacy >
     Get a copy of your data (en français : Vous > Préférences et
     confidentialité > Confidentialité des données > Obtenir une copie
     de vos données)
  2. Choose "Connections" (« Relations ») and request the archive;
     LinkedIn emails you a download link, usually within minutes.
  3. Import the Connections.csv it contains: type or paste its path
     below and press Enter, or in a terminal:
       handpicked import ~/Downloads/Connections.csv

Google and Outlook exports, vCard (.vcf) files and your own spreadsheets
(CSV, with , or ;) work too. Just looking around? Run  handpicked demo
for a throw-away workspace with samples.
"""


def clean_path(typed: str) -> Path:
    """The path a user typed, pasted or dropped: quotes, file:// and escaped spaces undone."""
    text = typed.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    if text.startswith("file://"):
        from urllib.parse import unquote

        text = unquote(text[len("file://") :])
    return Path(text.replace("\\ ", " ")).expanduser()


SHOWN_WARNINGS = 3
SHOWN_MOVED = 5


def summary(report: FileReport, moved: Sequence[str] = (), duplicates: int = 0) -> str:
    """One sentence about one file's import, who changed position, then its first warnings.

    A re-import's news is the people with a new job (someone to congratulate), so `moved`, the
    names of the first of `report.changed_position`, are named as `handpicked contacts
    --changed-position` names them. A warning may say two rows became one contact, or that part
    of a row was left out: the user must see it here, not only in `handpicked import --json`.
    Nothing is merged behind the user's back, so the `duplicates` the workspace now holds (pairs
    that may be one person) are pointed out with the key that lists them.
    """
    name = Path(report.path).name
    if report.error:  # the core's sentence, with the app's hint (a key, not a flag)
        return app_message(report.failure) if report.failure else report.error
    parts = [f"{report.imported:,} new", f"{report.updated:,} updated"]
    if report.unchanged:
        parts.append(f"{report.unchanged:,} unchanged")
    if report.skipped:
        parts.append(f"{len(report.skipped):,} rows skipped")
    lines = [f"{name}: {', '.join(parts)}."]
    if report.changed_position:
        lines.append(_moved_line(len(report.changed_position), moved))
    lines += [f"line {w.line}: {w.reason}" for w in report.warnings[:SHOWN_WARNINGS]]
    if len(report.warnings) > SHOWN_WARNINGS:
        more = len(report.warnings) - SHOWN_WARNINGS
        lines.append(f"… and {more:,} more warnings: press w to list them all.")
    if duplicates:
        plural = "" if duplicates == 1 else "s"
        lines.append(f"{duplicates:,} possible duplicate{plural}: press d on Contacts.")
    return "\n".join(lines)


def _moved_line(count: int, names: Sequence[str]) -> str:
    if not names:
        return f"{count:,} changed position."
    more = count - len(names)
    listed = ", ".join(names)
    if more > 0:
        return f"{count:,} changed position: {listed} and {more:,} more (tick Changed position)."
    return f"{count:,} changed position: {listed}."


def _severity(report: FileReport) -> SeverityLevel:
    """A notice with warnings is shown as one: rows merged or left out deserve a look."""
    return "warning" if report.warnings else "information"


class ImportForm(Vertical):
    """A path box and an Import button; posts `Imported` when a file went in."""

    app = getters.app(HandpickedApp)

    DEFAULT_CSS = """
    ImportForm { height: auto; }
    ImportForm Horizontal { height: auto; }
    ImportForm Input { width: 1fr; }
    ImportForm #import-status { height: auto; margin-top: 1; }
    ImportForm #import-status.-error { color: $error; }
    """

    class Imported(Message):
        """A file was imported (its report says how it went, `moved` who changed position,
        `duplicates` how many possible duplicates the workspace now holds)."""

        def __init__(self, report: FileReport, moved: list[str], duplicates: int = 0) -> None:
            super().__init__()
            self.report = report
            self.moved = moved
            self.duplicates = duplicates

    class _Done(Message):
        def __init__(self, report: FileReport, moved: list[str], duplicates: int) -> None:
            super().__init__()
            self.report = report
            self.moved = moved
            self.duplicates = duplicates

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(placeholder="~/Downloads/Connections.csv", id="import-path")
            yield Button("Import", id="import-go", variant="primary")
        yield Static("", id="import-status")

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-go")
    def start(self) -> None:
        typed = self.query_one("#import-path", Input).value
        if not typed.strip():
            self._status("Type the path of the file to import first.", error=True)
            return
        path = clean_path(typed)
        if not path.exists():  # anything else (a folder, a device) is the importer's to explain
            self._status(f"No file at {path}: check the path and try again.", error=True)
            return
        self._status(f"Importing {path.name}… (Esc cancels)")
        self._import(path)

    @work(thread=True, exclusive=True, group="import")
    def _import(self, path: Path) -> None:
        """Import in a thread; leaving the form (Esc, Ctrl+Q) cancels the worker, and the import
        stops at its next check and rolls back, so a cancelled import stores nothing."""
        worker = get_current_worker()
        ws = self.app.workspace
        reports = import_paths(ws, [path], cancelled=lambda: worker.is_cancelled)
        # LinkedIn's archive gives a report per file it holds: the first failure is news,
        # otherwise its contacts file (the first, connections being imported first).
        failed = [r for r in reports if r.error]
        report = (failed or [r for r in reports if not r.passed_over] or reports)[0]
        if worker.is_cancelled:
            return
        shown = [] if report.error else get_contacts(ws, report.changed_position[:SHOWN_MOVED])
        duplicates = 0 if report.error else duplicates_after_import(ws, reports) or 0
        if worker.is_cancelled:
            return
        self.post_message(self._Done(report, [contact.full_name for contact in shown], duplicates))

    @on(_Done)
    def _done(self, event: _Done) -> None:
        report = event.report
        self._status(summary(report, event.moved, event.duplicates), error=bool(report.error))
        if not report.error:
            self.app.last_import = report
            self.app.data_changed()
            self.post_message(self.Imported(report, event.moved, event.duplicates))

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#import-status", Static)
        status.update(safe(text))
        status.set_class(error, "-error")


class WelcomeScreen(HandpickedScreen[None]):
    """Shown over Contacts while the workspace is empty."""

    SUB_TITLE = "Welcome"
    AUTO_FOCUS = "#import-path"
    DEFAULT_CSS = """
    WelcomeScreen #welcome { padding: 1 2; }
    WelcomeScreen.-short #welcome { padding: 0 2; }  /* 24 rows: the text and the path box */
    WelcomeScreen.-short #welcome-title { margin-bottom: 0; }
    WelcomeScreen #welcome-title { text-style: bold; color: $accent; margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("i", "focus_path", "Type a path", tooltip="Of Connections.csv or another export"),
        Binding("escape", "skip", "Skip", tooltip="To the (empty) contacts"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="welcome"):
            yield Static("Welcome to handpicked", id="welcome-title")
            yield Static(INSTRUCTIONS, markup=False)
            yield ImportForm()
        yield Footer()

    @on(ImportForm.Imported)
    def _imported(self, event: ImportForm.Imported) -> None:
        self.notify(
            clean_text(summary(event.report, event.moved, event.duplicates)),
            markup=False,
            severity=_severity(event.report),
        )
        if not self.app.has_no_contacts():
            self.app.pop_screen()

    def action_focus_path(self) -> None:
        self.set_focus(self.query_one("#import-path", Input))

    def action_skip(self) -> None:
        self.app.pop_screen()


class ImportDialog(ModalScreen[FileReport | None]):
    """The import form as a dialog over Contacts."""

    DEFAULT_CSS = """
    ImportDialog { align: center middle; }
    ImportDialog > Vertical {
        width: 80; height: auto; border: thick $accent; background: $surface; padding: 1 2;
    }
    ImportDialog #import-title { text-style: bold; margin-bottom: 1; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#import-path"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "Import a file: LinkedIn Connections.csv, Google or Outlook CSV, vCard, or "
                "your own spreadsheet. A re-import updates people; it never duplicates them.",
                id="import-title", markup=False,
            )  # fmt: skip
            yield ImportForm()

    @on(ImportForm.Imported)
    def _imported(self, event: ImportForm.Imported) -> None:
        self.notify(
            clean_text(summary(event.report, event.moved, event.duplicates)),
            markup=False,
            severity=_severity(event.report),
        )
        self.dismiss(event.report)

    def action_cancel(self) -> None:
        self.dismiss(None)
