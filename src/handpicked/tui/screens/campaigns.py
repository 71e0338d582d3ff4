"""Campaigns: every campaign with where it stands and how many people answered.

The reply rate is the one number that says whether writing personally works; seeing it next to
each campaign (and each template) is how a user learns which notes get answers. Enter opens a
campaign in Dispatch, where the work on it goes on.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from handpicked.core import campaigns
from handpicked.tui import USER_ERRORS
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.screens.confirm import Confirm
from handpicked.tui.widgets import measured_table
from handpicked.tui.widgets.footer import Footer
from handpicked.tui.widgets.safe import safe_line

COUNTED = ("queued", "sent", "replied", "skipped", "failed")
COLUMNS = [
    ("Campaign", "name"), ("Template", "template"), ("Channel", "channel"), ("Created", "created"),
    *((status.capitalize(), status) for status in COUNTED), ("Reply rate", "rate"),
]  # fmt: skip
EMPTY = "No campaign yet: pick people on Contacts (F2), then write to them on Compose (F4)."


def reply_rate(rate: float | None) -> Text:
    """`25%`, or a dash while nothing was sent."""
    if rate is None:
        return Text("—", style="dim", justify="right")
    return Text(f"{rate:.0%}", style="bold" if rate else "", justify="right")


class CampaignsScreen(HandpickedScreen[None]):
    """A table of campaigns, newest first; enter opens the highlighted one."""

    SUB_TITLE = "Campaigns"
    DEFAULT_CSS = """
    CampaignsScreen DataTable { height: 1fr; }
    CampaignsScreen #campaigns-empty { padding: 1 2; color: $text-muted; }
    """

    BINDINGS = [
        Binding("o", "open", "Open", tooltip="Dispatch the highlighted campaign"),
        Binding("delete", "delete", "Delete", tooltip="Forget the campaign and its messages"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[campaigns.CampaignSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Text(EMPTY), id="campaigns-empty")
        yield DataTable(id="campaigns", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read every campaign again, keeping the highlight on the same one."""
        table = self.query_one(DataTable)
        keep = self.highlighted()
        try:
            self.summaries = campaigns.list_campaigns(self.app.workspace)
        except USER_ERRORS as err:
            self.app.show_error(err)
            self.summaries = []
        rows = [
            (summary.name, [
                safe_line(summary.name, style="bold"),
                safe_line(summary.template),
                Text(summary.channel),
                Text(summary.created[:10]),
                *(Text(str(summary.counts.get(s, 0)), justify="right") for s in COUNTED),
                reply_rate(summary.reply_rate),
            ])
            for summary in self.summaries
        ]  # fmt: skip
        measured_table.fill(table, COLUMNS, rows)
        self.query_one("#campaigns-empty").display = not self.summaries
        table.display = bool(self.summaries)
        if keep is not None and keep in {s.name for s in self.summaries}:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        if self.summaries:
            table.focus()

    def highlighted(self) -> str | None:
        """The name of the campaign under the cursor."""
        table = self.query_one(DataTable)
        if not self.summaries or table.cursor_row is None:
            return None
        index = min(table.cursor_row, len(self.summaries) - 1)
        return self.summaries[index].name if index >= 0 else None

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.open_campaign(event.row_key.value)

    def action_open(self) -> None:
        name = self.highlighted()
        if name is not None:
            self.app.open_campaign(name)

    def action_delete(self) -> None:
        name = self.highlighted()
        if name is None:
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                campaigns.delete_campaign(self.app.workspace, name)
            except USER_ERRORS as err:
                self.app.show_error(err)
                return
            self.notify(f"Deleted {name}.", markup=False)
            self.reload()

        question = (
            f"Forget {name} and all its messages? Sent ones stop counting as recent contact, "
            "so these people may get another message sooner."
        )
        self.app.push_screen(Confirm("Delete this campaign?", question, yes="Delete"), answered)
