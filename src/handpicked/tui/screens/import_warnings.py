"""Every warning and skipped row of the last file imported in the app, by line.

The import notice names the first three warnings only: a spreadsheet typed by hand can give
dozens (rows merged into one person, dates left empty), and the user must be able to read them
all without the command line (`import --dry-run --json` lists the same). A reason quotes the
file, which someone else wrote: every line is shown literally.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from handpicked.tui.widgets.safe import safe_line

if TYPE_CHECKING:
    from handpicked.core.models import FileReport


def listed(report: FileReport) -> Text:
    """The warnings then the skipped rows, one line each, in the file's order."""
    lines = [f"line {w.line}: {w.reason}" for w in report.warnings]
    lines += [f"line {s.line}: skipped, {s.reason}" for s in report.skipped]
    return Text("\n").join(safe_line(line) for line in lines)


class ImportWarningsScreen(ModalScreen[None]):
    """What the last import in the app warned about; Escape closes it."""

    DEFAULT_CSS = """
    ImportWarningsScreen { align: center middle; }
    ImportWarningsScreen > Vertical {
        width: 90%; max-width: 120; height: auto; max-height: 90%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    ImportWarningsScreen #warnings-title { text-style: bold; margin: 1 0; }
    ImportWarningsScreen VerticalScroll { height: auto; max-height: 30; }
    ImportWarningsScreen #warnings-help { color: $text-muted; margin: 1 0; }
    """

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, report: FileReport) -> None:
        super().__init__()
        self.report = report

    def compose(self) -> ComposeResult:
        report = self.report
        counts = f"{len(report.warnings):,} warnings, {len(report.skipped):,} rows skipped"
        with Vertical():
            yield Static(safe_line(f"{Path(report.path).name}: {counts}"), id="warnings-title")
            with VerticalScroll():
                yield Static(listed(report), id="warnings-list")
            yield Static(
                "A row with a warning was imported (merged into its person, or with a value left"
                " empty); a skipped row was not. Mend the file and import it again: nobody is"
                " duplicated. Esc closes.",
                id="warnings-help",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)
