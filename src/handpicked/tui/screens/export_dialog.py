"""Ask where to write a campaign's send list, and in which format.

LinkedIn messages go out by hand, often from another machine or a phone: the send list (a CSV for
a spreadsheet, a Markdown checklist, a self-contained HTML page, JSON for scripts) is how the
campaign leaves the terminal. The dialog only asks; `export.export_campaign` writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from handpicked.core.campaigns import FORMATS
from handpicked.tui.widgets.safe import safe

FORMAT_LABELS = {
    "csv": "CSV (a spreadsheet)",
    "json": "JSON (for scripts)",
    "md": "Markdown (a checklist)",
    "html": "HTML (a page to open anywhere)",
}
_UNSAFE_IN_NAME = re.compile(r"[^\w.-]+")


@dataclass(frozen=True, slots=True)
class ExportChoice:
    fmt: str
    path: Path
    excel: bool = False


def default_path(campaign: str, fmt: str) -> str:
    """`~/handpicked-<campaign>.<ext>`, the campaign name made safe as a file name."""
    stem = _UNSAFE_IN_NAME.sub("-", campaign).strip("-.") or "campaign"
    return f"~/handpicked-{stem}.{fmt}"


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Dismissed with the format and path chosen, or None when cancelled."""

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    ExportDialog #export-title { text-style: bold; }
    ExportDialog RadioSet { width: 100%; margin: 1 0; }
    ExportDialog Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    ExportDialog Button { margin-left: 2; }
    ExportDialog.-short > Vertical { padding: 0 2; }  /* 24 rows: the buttons stay in sight */
    """

    BINDINGS = [
        Binding("ctrl+s", "export", "Export", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, campaign: str) -> None:
        super().__init__()
        self.campaign = campaign
        self.fmt = "csv"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe(f"Export {self.campaign}"), id="export-title")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield RadioButton(FORMAT_LABELS[fmt], value=fmt == self.fmt, id=f"fmt-{fmt}")
            yield Checkbox("For Excel (UTF-8 with a BOM, CRLF lines)", id="export-excel")
            yield Label("Write to")
            yield Input(default_path(self.campaign, self.fmt), id="export-path")
            with Horizontal():
                yield Button("Cancel", id="cancel", action="screen.cancel")
                yield Button(
                    "Export (ctrl+s)", id="export", variant="primary", action="screen.export"
                )

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        fmt = (event.pressed.id or "fmt-csv").removeprefix("fmt-")
        path = self.query_one("#export-path", Input)
        if path.value == default_path(self.campaign, self.fmt):
            path.value = default_path(self.campaign, fmt)
        self.fmt = fmt
        self.query_one("#export-excel", Checkbox).display = fmt == "csv"

    @on(Input.Submitted, "#export-path")
    def _submitted(self) -> None:
        self.action_export()

    def action_export(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        if not value:
            self.notify("Say where to write the file.", severity="warning")
            return
        excel = self.fmt == "csv" and self.query_one("#export-excel", Checkbox).value
        self.dismiss(ExportChoice(self.fmt, Path(value).expanduser(), excel))

    def action_cancel(self) -> None:
        self.dismiss(None)
