"""Companies: give an employer a sector once, and all its contacts (now and later) follow.

Thirty companies usually cover most of a network, so the list starts with the companies that have
no sector yet, those holding the most contacts first; Enter (or `s`) picks a sector for the one
under the cursor. The second view lists the assignments already made, to change or undo one.
"""

from __future__ import annotations

import pyarrow as pa
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Header, Static
from textual.worker import get_current_worker

from handpicked.core import contacts as core
from handpicked.core.contacts import UNCLASSIFIED, data_stamp, sector_choices
from handpicked.tui import USER_ERRORS
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.screens.picker import Picker
from handpicked.tui.widgets.arrow_table import ArrowTable, ColumnSpec
from handpicked.tui.widgets.audience_gauge import AudienceGauge
from handpicked.tui.widgets.footer import Footer
from handpicked.tui.widgets.safe import safe_column, safe_line


class CompanyTable(ArrowTable):
    """Company, contacts, sector; the screen keeps the list the rows come from."""

    DEFAULT_CSS = "CompanyTable { height: 1fr; max-height: 100%; }"

    def __init__(self) -> None:
        super().__init__(
            [ColumnSpec("Company", 20, 60), ColumnSpec("Contacts", 8, 8),
             ColumnSpec("Sector", 12, 32)],
            id="companies",
        )  # fmt: skip


class CompaniesScreen(HandpickedScreen[None]):
    """Assign sectors per company, most contacts first."""

    SUB_TITLE = "Companies"
    AUTO_FOCUS = "CompanyTable"
    DEFAULT_CSS = """
    CompaniesScreen #top { height: 3; }
    CompaniesScreen #top AudienceGauge { width: 34; }
    CompaniesScreen #view { width: 1fr; height: 3; content-align: left middle; padding: 0 1; }
    CompaniesScreen #top Button { margin-left: 1; }
    /* Under 120 columns the sentence saying which list this is keeps its line; the buttons'
       keys (s, v) are in the footer. */
    CompaniesScreen.-narrow #top AudienceGauge { width: 26; }
    CompaniesScreen.-narrow #top Button { display: none; }
    """

    BINDINGS = [
        Binding(
            "s",
            "assign",
            "Assign sector",
            tooltip="For every contact there, now and after later imports (or Enter)",
        ),
        Binding("u", "unassign", "Unassign", tooltip="Forget your sector for the company"),
        Binding(
            "v",
            "switch_view",
            "Switch list",
            tooltip="Companies without a sector, or those you assigned",
        ),
    ]

    class Loaded(Message):
        def __init__(self, rows: list[core.CompanyCount], version: int, assigned: bool) -> None:
            super().__init__()
            self.rows, self.version, self.assigned = rows, version, assigned

    class Assigned(Message):
        """A sector assignment was stored (or refused: `error`)."""

        def __init__(self, company: str, sector: str, stored: str, count: int,
                     error: Exception | None) -> None:  # fmt: skip
            super().__init__()
            self.company, self.sector, self.stored, self.count = company, sector, stored, count
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.assigned_view = False
        self.rows: list[core.CompanyCount] = []
        self._version = -1
        self._stamp: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        audience = self.app.settings.audience
        yield Header()
        with Horizontal(id="top"):
            yield AudienceGauge(audience.target, audience.max)
            yield Static("", id="view")
            yield Button("Assign sector", id="assign", action="screen.assign")
            yield Button("Assigned / unassigned", id="switch", action="screen.switch_view")
        yield CompanyTable()
        yield Footer()

    def on_mount(self) -> None:
        self.app.audience_signal.subscribe(self, self._audience_moved)
        self._audience_moved(len(self.app.audience))

    def on_screen_resume(self) -> None:
        self._audience_moved(len(self.app.audience))
        if self._version != self.app.data_version or self._stamp != data_stamp(self.app.workspace):
            self.reload()

    def _audience_moved(self, size: int) -> None:
        self.query_one(AudienceGauge).count = size

    def reload(self) -> None:
        self._stamp = data_stamp(self.app.workspace)
        self._load(self.app.data_version, self.assigned_view)

    @work(thread=True, exclusive=True, group="companies-load")
    def _load(self, version: int, assigned: bool) -> None:
        ws = self.app.workspace
        rows = core.company_sectors(ws) if assigned else core.unassigned(ws)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(rows, version, assigned))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.assigned != self.assigned_view:
            return
        self.rows, self._version = event.rows, event.version
        companies = pa.array([r.company for r in event.rows], pa.string())
        sectors = ["—" if r.sector == UNCLASSIFIED else r.sector for r in event.rows]
        self.query_one(CompanyTable).show_rows([
            safe_column(companies),
            pa.array([r.contacts for r in event.rows], pa.int64()),
            safe_column(pa.array(sectors, pa.string())),
        ])  # fmt: skip
        held = sum(r.contacts for r in event.rows)
        if event.assigned:
            text = f"{len(event.rows):,} companies with your sector ({held:,} contacts)"
        elif event.rows:
            text = f"{len(event.rows):,} companies without a sector ({held:,} contacts)"
        else:
            text = "Every company has a sector."
        self.query_one("#view", Static).update(text)

    def _current(self) -> core.CompanyCount | None:
        row = self.query_one(CompanyTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def action_assign(self) -> None:
        company = self._current()
        if company is None:
            return
        current = None if company.sector == UNCLASSIFIED else company.sector
        picker = Picker(
            f"Sector for {company.company} ({company.contacts} contacts)",
            sector_choices(self.app.workspace),
            current=current,
            allow_custom=True,
        )

        def chosen(sector: str | None) -> None:
            if sector:
                self._assign(company.company, sector)

        self.app.push_screen(picker, chosen)

    def action_unassign(self) -> None:
        company = self._current()
        if company is None or company.sector == UNCLASSIFIED:
            self.notify("Nothing to unassign: this company has no sector of yours.")
            return
        self._assign(company.company, "")

    def action_switch_view(self) -> None:
        self.assigned_view = not self.assigned_view
        self.reload()

    @on(CompanyTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_assign()

    @work(thread=True, group="companies-assign")
    def _assign(self, company: str, sector: str) -> None:
        """Store the assignment and reclassify the company's contacts (slow for big employers)."""
        try:
            stored, count = core.set_company_sector(self.app.workspace, company, sector)
        except USER_ERRORS as err:
            self.post_message(self.Assigned(company, sector, "", 0, err))
        else:
            self.post_message(self.Assigned(company, sector, stored, count, None))

    @on(Assigned)
    def _assigned(self, event: Assigned) -> None:
        if event.error is not None:
            self.app.show_error(event.error)
            return
        self.app.data_changed()
        name = safe_line(event.company).plain
        if event.sector:
            self.notify(f"{name}: {event.count} contacts now in {event.stored}.", markup=False)
        else:
            self.notify(f"{name}: sector removed ({event.count} contacts).", markup=False)
        self.reload()
