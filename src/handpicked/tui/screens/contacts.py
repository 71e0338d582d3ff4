"""Contacts: the whole network, narrowed by search and facets, picked into an audience.

The screen's state is one `AudienceFilter` (plus the keep-in-touch order), the same object the
CLI builds from its flags, so what the user sees here is what `handpicked contacts` would list.
Filtering runs in a thread worker over the in-memory `BrowseIndex` and posts its result back;
typing is debounced, and a stale result (the user typed on) is dropped.
"""

from __future__ import annotations

import gc
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Header, Input, Static
from textual.worker import get_current_worker

from handpicked.core.contacts import (
    FACETS,
    AudienceFilter,
    BrowseIndex,
    BrowseResult,
    data_stamp,
    keep_snapshot,
)
from handpicked.tui import USER_ERRORS
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.widgets.audience_gauge import AudienceGauge
from handpicked.tui.widgets.contact_table import ContactTable, display_columns
from handpicked.tui.widgets.facet_list import FacetList
from handpicked.tui.widgets.footer import Footer

FACET_TITLES = {"sector": "Sector", "function": "Function", "seniority": "Seniority", "tag": "Tag"}
DEBOUNCE = 0.15


class ContactsScreen(HandpickedScreen[None]):
    """Browse, filter and pick; Enter opens a contact, F4 composes for the audience."""

    SUB_TITLE = "Contacts"
    AUTO_FOCUS = "ContactTable"
    DEFAULT_CSS = """
    ContactsScreen #sidebar { width: 31; height: 1fr; scrollbar-size-vertical: 1; }
    ContactsScreen Checkbox { width: 100%; height: 1; border: none; padding: 0; margin: 0; }
    ContactsScreen #actions { height: 1; margin: 0 0 1 0; }
    ContactsScreen #actions Button {
        height: 1; min-width: 0; width: auto; border: none; margin: 0 1 0 0;
    }
    ContactsScreen #main { width: 1fr; height: 1fr; }
    ContactsScreen #search-row { height: 3; }
    ContactsScreen #search { width: 1fr; }
    ContactsScreen #count { width: 20; height: 3; content-align: right middle;
        padding: 0 1; color: $text-muted; }
    /* Under 120 columns the table keeps room for names, positions and companies; the buttons'
       keys are in the footer (a, x, F4), and a click on the gauge composes. */
    ContactsScreen.-narrow #sidebar { width: 26; }
    ContactsScreen.-narrow #actions { display: none; }
    """

    BINDINGS = [
        Binding(
            "slash", "focus_search", "Search", tooltip="Names, titles, companies; accents optional"
        ),
        Binding("a", "add_shown", "Add shown", tooltip="Pick everyone the filters show"),
        Binding("x", "clear_audience", "Clear audience", tooltip="Unpick everyone"),
        Binding(
            "h",
            "flip('hide-recent')",
            "Hide recent",
            tooltip="Leave out people reached in the last audience.not_contacted_days",
        ),
        Binding(
            "k",
            "keep_in_touch",
            "Keep in touch",
            tooltip="Who is past the cadence you chose, by how much, and why",
        ),
        Binding(
            "p",
            "flip('changed')",
            "New position",
            tooltip="Only people who changed jobs: congratulate them",
        ),
        Binding(  # off the footer so Quit fits at 160 columns; the help and the palette list it
            "r", "reset", "Reset filters", show=False, tooltip="Clear search, ticks and toggles"
        ),
        Binding("i", "import_file", "Import", tooltip="Import or re-import an export file"),
        Binding(  # off the footer, like `d`: the import notice names it when it is of use
            "w",
            "import_warnings",
            "Import warnings",
            show=False,
            tooltip="Every warning and skipped row of the last file imported here",
        ),
        Binding(  # off the footer (Quit must fit at 160 columns); the help and the palette list it
            "d",
            "duplicates",
            "Duplicates",
            show=False,
            tooltip="People who may be imported twice: merge them, or say they are two people",
        ),
        Binding(
            "escape",
            "focus_table",
            "To the table",
            show=False,
            tooltip="Leave the search box or a list",
        ),
    ]

    class Loaded(Message):
        """The index was (re)read and the current filter applied to it."""

        def __init__(self, index: BrowseIndex, columns: dict, result: BrowseResult, version: int,
                     answers: AudienceFilter) -> None:  # fmt: skip
            super().__init__()
            self.index, self.columns, self.result = index, columns, result
            self.version, self.answers = version, answers

    class Filtered(Message):
        """A filter's result, tagged with the request number it answers."""

        def __init__(self, result: BrowseResult, request: int) -> None:
            super().__init__()
            self.result, self.request = result, request

    def __init__(self) -> None:
        super().__init__()
        self.filter = AudienceFilter()
        self.index: BrowseIndex | None = None
        self.result: BrowseResult | None = None
        self._columns: dict = {}
        self._version = -1
        self._request = 0
        self._debounce: Timer | None = None
        self._frozen = False

    def compose(self) -> ComposeResult:
        # No setting is read before the network is painted (see `_apply_settings`)
        yield Header()
        with Horizontal():
            with VerticalScroll(id="sidebar"):
                yield AudienceGauge(id="gauge")
                with Horizontal(id="actions"):
                    yield Button("Compose", id="compose", action="app.compose")
                    yield Button("Add shown", id="add-shown", action="screen.add_shown")
                    yield Button("Clear", id="clear", action="screen.clear_audience")
                recent = Checkbox("Hide recent", id="hide-recent")
                recent.tooltip = (
                    "Leave out anyone messaged or met recently (audience.not_contacted_days)"
                )
                yield recent
                changed = Checkbox("Changed position", id="changed")
                changed.tooltip = "People with a new job since an earlier import: congratulate"
                yield changed
                for kind in FACETS:
                    yield FacetList(kind, FACET_TITLES[kind])
            with Vertical(id="main"):
                with Horizontal(id="search-row"):
                    yield Input(placeholder="Search names, titles, companies  ( / )", id="search")
                    yield Static("loading…", id="count")
                yield ContactTable(id="contacts")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(AudienceGauge).count = len(self.app.audience)
        self.app.audience_signal.subscribe(self, self._audience_moved)
        self.call_after_refresh(self._apply_settings)
        preloaded = self.app.take_preloaded(wait=False)
        if preloaded is None:
            self._reload()
            return
        # Read already (a snapshot takes milliseconds): shown in the first frame, no worker.
        index, columns = preloaded
        result = index.select(self.filter)
        self._loaded(self.Loaded(index, columns, result, self.app.data_version, self.filter))

    def _apply_settings(self) -> None:
        """The audience settings on the gauge and on Hide recent, once the first frame is drawn.

        Reading them loads pydantic (a fifth of the start), so the network is painted first. A
        key pressed before this still works: what it needs reads the settings itself.
        """
        audience = self.app.settings.audience
        self.query_one(AudienceGauge).set_limits(audience.target, audience.max)
        days = audience.not_contacted_days
        recent = self.query_one("#hide-recent", Checkbox)
        recent.label = f"Hide recent (<{days} days)" if days else "Hide recent (rule off)"
        if not days:
            recent.value = False
            recent.disabled = True

    def on_unmount(self) -> None:
        if self._frozen:
            gc.unfreeze()

    def on_screen_resume(self) -> None:
        self.query_one(AudienceGauge).count = len(self.app.audience)
        if self.index is not None and self._stale():
            self._reload()
        elif self.index is not None:
            self.query_one(ContactTable).refresh_marks(self.app.picked)

    # -- loading and filtering -------------------------------------------------------------

    def _stale(self) -> bool:
        """True when the workspace changed since the index was read (here, elsewhere, by CLI)."""
        assert self.index is not None
        moved = self._version != self.app.data_version
        return moved or self.index.stamp != data_stamp(self.app.workspace)

    def _reload(self) -> None:
        self._request += 1
        self._load(self.app.data_version, self.filter)

    @work(thread=True, exclusive=True, group="contacts-load")
    def _load(self, version: int, f: AudienceFilter) -> None:
        try:
            loaded = self.app.take_preloaded() if version == 0 else None
            fresh = loaded is None  # read here, not by the app's preload (which keeps its own)
            if loaded is None:
                index = BrowseIndex.load(self.app.workspace)
                loaded = index, display_columns(index)
        except USER_ERRORS as err:
            self.app.call_from_thread(self.app.show_error, err)
            return
        index, columns = loaded
        result = index.select(f)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(index, columns, result, version, f))
        if fresh:  # for the next start, once painted
            keep_snapshot(self.app.workspace, index)

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.index, self._columns, self._version = event.index, event.columns, event.version
        for facet in self.query(FacetList):
            facet.set_values(event.index.facet_values[facet.kind], event.result.facets[facet.kind])
        if event.answers == self.filter:
            self._show(event.result)
        else:  # the user typed or ticked while the index was loading
            self._refilter()

    def _refilter(self) -> None:
        """Apply `self.filter` now (in a worker); the answer to an older request is dropped."""
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        if self.index is None:
            return
        self._request += 1
        self._filter(self.index, self.filter, self._request)

    @work(thread=True, exclusive=True, group="contacts-filter")
    def _filter(self, index: BrowseIndex, f: AudienceFilter, request: int) -> None:
        result = index.select(f)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Filtered(result, request))

    @on(Filtered)
    def _filtered(self, event: Filtered) -> None:
        if event.request == self._request:
            self._show(event.result)

    def _show(self, result: BrowseResult) -> None:
        self.result = result
        self.query_one(ContactTable).show(self._columns, result.rows, self.app.picked)
        for facet in self.query(FacetList):
            facet.set_counts(result.facets[facet.kind])
        count = self.query_one("#count", Static)
        count.update(f"{len(result):,} of {result.total:,}", layout=False)  # fixed width
        if not self._frozen:
            # Everything alive now (Textual, the index) lives as long as the app: keep it out of
            # the cyclic GC, whose full passes otherwise stall a keystroke by 20-70 ms.
            self._frozen = True
            self.call_after_refresh(gc.freeze)

    def _set_filter(self, **changes: object) -> None:
        self.filter = self.filter.model_copy(update=changes)
        self._refilter()

    # -- input -----------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        self.filter = self.filter.model_copy(update={"search": event.value})
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE, self._refilter)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self._refilter()
        self.action_focus_table()

    @on(FacetList.Toggled)
    def _facet_toggled(self, event: FacetList.Toggled) -> None:
        self._set_filter(**{event.kind: event.selected})

    @on(Checkbox.Changed)
    def _checkbox(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "hide-recent":
            days = self.app.settings.audience.not_contacted_days
            self._set_filter(not_contacted_days=(days or None) if event.value else None)
        elif event.checkbox.id == "changed":
            self._set_filter(changed_position=event.value)

    @on(ContactTable.AudienceToggled)
    def _toggle_contact(self, event: ContactTable.AudienceToggled) -> None:
        table = self.query_one(ContactTable)
        if not self.app.is_picked(event.contact_id) and table.is_blocked(event.contact_id):
            self.notify("This person is on the do-not-contact list.", severity="warning")
            return
        self.app.toggle_pick(event.contact_id)

    @on(ContactTable.Opened)
    def _open(self, event: ContactTable.Opened) -> None:
        from handpicked.tui.screens.contact_detail import ContactDetailScreen

        self.app.push_screen(ContactDetailScreen(event.contact_id))

    @on(AudienceGauge.Clicked)
    def _gauge_clicked(self) -> None:
        self.app.action_compose()

    def _audience_moved(self, size: int) -> None:
        self.query_one(AudienceGauge).count = size
        if self.index is not None:
            self.query_one(ContactTable).refresh_marks(self.app.picked)

    # -- actions -----------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        # set_focus, not focus(): focus() waits a turn of the message loop, and a key typed
        # quickly after "/" could still land on the table, where "p" or "h" are filters.
        self.set_focus(self.query_one("#search", Input))

    def action_focus_table(self) -> None:
        self.set_focus(self.query_one(ContactTable))

    def action_flip(self, checkbox_id: str) -> None:
        box = self.query_one(f"#{checkbox_id}", Checkbox)
        if not box.disabled:
            box.toggle()

    def action_add_shown(self) -> None:
        table = self.query_one(ContactTable)
        ids, blocked = table.shown_ids(), table.blocked_ids()
        added = self.app.pick(i for i in ids if i not in blocked)
        note = f" ({len(blocked)} on the do-not-contact list left out)" if blocked else ""
        self.notify(f"Added {added} to the audience{note}.", markup=False)

    def action_clear_audience(self) -> None:
        size = len(self.app.audience)
        self.app.clear_audience()
        if size:
            self.notify(f"Audience cleared ({size} removed).")

    def action_reset(self) -> None:
        self.query_one("#search", Input).value = ""
        for box in self.query(Checkbox):
            box.value = False
        for facet in self.query(FacetList):
            facet.set_selected(())
        self.filter = AudienceFilter()
        self._refilter()

    def action_import_file(self) -> None:
        from handpicked.tui.screens.welcome import ImportDialog

        self.app.push_screen(ImportDialog())

    def action_import_warnings(self) -> None:
        from handpicked.tui.screens import make_screen

        report = self.app.last_import
        if report is None:
            self.notify("No file was imported in the app since it started: i imports one.")
        elif not (report.warnings or report.skipped):
            self.notify(f"{Path(report.path).name} was imported without a warning.", markup=False)
        else:
            self.app.push_screen(make_screen("import_warnings", report))

    def action_keep_in_touch(self) -> None:
        from handpicked.tui.screens.keep_in_touch import KeepInTouchScreen

        self.app.push_screen(KeepInTouchScreen())

    def action_duplicates(self) -> None:
        from handpicked.tui.screens.duplicates import DuplicatesScreen

        self.app.push_screen(DuplicatesScreen())
