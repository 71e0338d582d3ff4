"""Keep in touch: who is past the cadence you chose, by how much, and why, most overdue first.

The core (`contacts.keep_in_touch`) decides and words each person's `why`, the same sentence
`handpicked contacts --overdue` prints; this screen only lists it, sorts it (`o` cycles through
the columns) and offers the two answers to "overdue": a cadence that fits (`c`), or later (`z`).
Under 120 columns a narrower table drops the connection columns; the line under the table
always shows the whole `why` of the person under the cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from handpicked.core import contacts as core
from handpicked.tui import USER_ERRORS
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.screens.picker import AUTOMATIC, Picker
from handpicked.tui.widgets.arrow_table import ArrowTable, ColumnSpec
from handpicked.tui.widgets.footer import Footer
from handpicked.tui.widgets.safe import safe_column, safe_line

# (label, column it reads, sort key, descending first): `o` walks this list.
SORTS = (
    ("overdue", "urgency", False),  # the core's own order (core.keep_in_touch), not redone here
    ("name", "fold", False),
    ("connected on", "connected", False),
    ("years connected", "years", True),
    ("last contacted", "contacted", False),
    ("last heard from", "heard", False),
    ("cadence", "cadence", False),
)
CADENCES = ("7 days", "14 days", "30 days", "60 days", "90 days", "180 days", "365 days")
SNOOZES = ("7 days", "14 days", "30 days", "90 days")

WIDE = [
    ColumnSpec("Name", 12, 28), ColumnSpec("Connected", 10, 10), ColumnSpec("Years", 5, 5),
    ColumnSpec("Contacted", 10, 10), ColumnSpec("Heard from", 10, 10),
    ColumnSpec("Cadence", 7, 7), ColumnSpec("Overdue", 7, 7), ColumnSpec("Why", 20, 90),
]  # fmt: skip
NARROW = [
    ColumnSpec("Name", 10, 22), ColumnSpec("Contacted", 10, 10), ColumnSpec("Heard from", 10, 10),
    ColumnSpec("Cadence", 7, 7), ColumnSpec("Overdue", 7, 7), ColumnSpec("Why", 12, 60),
]  # fmt: skip
NARROW_COLUMNS = (0, 3, 4, 5, 6, 7)
"""The wide table's columns the narrow one keeps."""


class KeepTable(ArrowTable):
    DEFAULT_CSS = "KeepTable { height: 1fr; }"


def _days(text: str) -> int | None:
    """A number of days typed or chosen in a picker ("30 days", "45"); None if it is none."""
    first = text.split()[0] if text.split() else ""
    return int(first) if first.isdigit() else None


class KeepInTouchScreen(HandpickedScreen[None]):
    """Everyone with their cadence and silence; Enter opens a contact, `c` and `z` answer."""

    SUB_TITLE = "Keep in touch"
    DEFAULT_CSS = """
    KeepInTouchScreen #kit-summary { height: 1; padding: 0 1; color: $text-muted; }
    KeepInTouchScreen #kit-why { height: 2; padding: 0 1; }
    KeepInTouchScreen.-narrow #kit-wide { display: none; }
    KeepInTouchScreen.-wide #kit-narrow { display: none; }
    """

    BINDINGS = [
        Binding("o", "sort", "Sort", tooltip="Sort by the next column (overdue, name, dates...)"),
        Binding("c", "cadence", "Cadence", tooltip="How often to keep in touch with this person"),
        Binding("t", "tag_cadence", "Tag cadence", tooltip="How often, for everyone with a tag"),
        Binding("z", "snooze", "Snooze", tooltip="Off the overdue list for a while"),
        Binding("enter", "open", "Open", show=False, tooltip="The contact's details"),
        Binding("escape", "app.pop_screen", "Back", tooltip="Back to the contacts"),
    ]

    class Loaded(Message):
        def __init__(self, found: list[core.KeepInTouch], columns: dict[str, Any]) -> None:
            super().__init__()
            self.found, self.columns = found, columns

    def __init__(self) -> None:
        super().__init__()
        self.found: list[core.KeepInTouch] = []
        self.columns: dict[str, Any] = {}
        self.order: list[int] = []
        """Positions in `found`, in the order shown."""
        self.sort_index = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("loading…", id="kit-summary")
        yield KeepTable(WIDE, id="kit-wide")
        yield KeepTable(NARROW, id="kit-narrow")
        yield Static("", id="kit-why")
        yield Footer()

    def on_mount(self) -> None:
        self._focus_table()

    def on_screen_resume(self) -> None:
        """Read again each time the view comes back: a contact opened from here may have been
        forgotten or written to, and the CLI may have changed cadences meanwhile."""
        self.reload()

    def on_resize(self) -> None:
        self.call_after_refresh(self._focus_table)

    def _table(self) -> KeepTable:
        narrow = self.has_class("-narrow")
        return self.query_one("#kit-narrow" if narrow else "#kit-wide", KeepTable)

    def _focus_table(self) -> None:
        if not isinstance(self.focused, KeepTable) or self.focused is not self._table():
            self.set_focus(self._table())

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="keep-in-touch")
    def _load(self) -> None:
        try:
            found = core.keep_in_touch(self.app.workspace)
        except USER_ERRORS as err:
            self.app.call_from_thread(self.app.show_error, err)
            return
        columns = _columns(found)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(found, columns))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        current = self.current()
        self.found, self.columns = event.found, event.columns
        self._show(keep=current.contact_id if current else None)

    def _show(self, keep: int | None = None) -> None:
        label, key, descending = SORTS[self.sort_index]
        if self.found:
            table = pa.table({key: self.columns[key], "i": pa.array(range(len(self.found)))})
            order = "descending" if descending else "ascending"
            self.order = pc.sort_indices(
                table, sort_keys=[(key, order), ("i", "ascending")]
            ).to_pylist()
        else:
            self.order = []
        rows = pa.array(self.order, pa.int64())
        shown = self.columns["shown"] if self.found else [pa.array([], pa.string())] * len(WIDE)
        self.query_one("#kit-wide", KeepTable).show_rows(shown, rows)
        narrow = [shown[i] for i in NARROW_COLUMNS]
        self.query_one("#kit-narrow", KeepTable).show_rows(narrow, rows)
        if keep is not None:
            at = next((n for n, i in enumerate(self.order) if self.found[i].contact_id == keep), 0)
            for table in self.query(KeepTable):
                table.move_cursor(row=at)
        overdue = sum(k.overdue for k in self.found)
        with_cadence = sum(k.cadence is not None for k in self.found)
        if not self.found:
            text = "Nobody to keep in touch with yet: import your contacts first."
        elif not with_cadence:
            text = (
                "Nobody has a cadence yet: press c to set one for a person, or t for everyone"
                " with a tag. Longest silence first meanwhile."
            )
        else:
            text = f"{overdue:,} overdue of {with_cadence:,} with a cadence · sorted by {label} (o)"
        self.query_one("#kit-summary", Static).update(safe_line(text))
        self._show_why()

    @on(ArrowTable.RowHighlighted)
    def _moved(self) -> None:
        self._show_why()

    @on(ArrowTable.RowSelected)
    def _chosen(self) -> None:
        self.action_open()

    def _show_why(self) -> None:
        current = self.current()
        text = f"{current.name}: {current.why}" if current else ""
        self.query_one("#kit-why", Static).update(safe_line(text))

    def current(self) -> core.KeepInTouch | None:
        if not self.order:
            return None
        row = self._table().cursor_row
        return self.found[self.order[row]] if 0 <= row < len(self.order) else None

    # -- actions -----------------------------------------------------------------------------

    def action_sort(self) -> None:
        current = self.current()
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self._show(keep=current.contact_id if current else None)

    def action_open(self) -> None:
        current = self.current()
        if current is not None:
            from handpicked.tui.screens.contact_detail import ContactDetailScreen

            self.app.push_screen(ContactDetailScreen(current.contact_id))

    def action_cadence(self) -> None:
        current = self.current()
        if current is None:
            return
        own = f"{current.cadence} days" if current.cadence_from == "own" else None
        picker = Picker(
            f"Keep in touch with {current.name} every…",
            CADENCES,
            current=own,
            allow_custom=True,
            typed="number of days",
            automatic="none of their own (their tags' or the default)",
        )

        store = partial(core.set_cadence, self.app.workspace, current.contact_id)
        self.app.push_screen(picker, partial(self._cadence_chosen, store))

    def action_tag_cadence(self) -> None:
        """A tag first (each with the cadence it gives), then how often: as `tag cadence`."""
        tags = core.tag_cadences(self.app.workspace)
        if not tags:
            self.notify("No contact has a tag yet: tag people first, then give the tag a cadence.")
            return
        labels = {
            f"{name} · every {days} days" if days else name: name for name, days in tags.items()
        }

        def days_for(label: str | None) -> None:
            if label is None:
                return
            name = labels[label]
            days = tags[name]
            picker = Picker(
                f"Keep in touch with everyone tagged {name} every…",
                CADENCES,
                current=f"{days} days" if days else None,
                allow_custom=True,
                typed="number of days",
                automatic="none from this tag (their own or the default)",
            )
            store = partial(core.set_tag_cadence, self.app.workspace, name)
            self.app.push_screen(picker, partial(self._cadence_chosen, store))

        self.app.push_screen(Picker("Give a cadence to everyone tagged…", list(labels)), days_for)

    def _cadence_chosen(self, store: Callable[[int | None], object], value: str | None) -> None:
        """A cadence picked for a person or a tag: `store(days)` keeps it (None: back to what
        stands without it), then the view is read again."""
        if value is None:
            return
        days = None if value == AUTOMATIC else _days(value)
        if value != AUTOMATIC and days is None:
            self.notify(f"{value!r} is not a number of days.", severity="error", markup=False)
            return
        try:
            store(days)
        except USER_ERRORS as err:
            self.app.show_error(err)
            return
        self.reload()

    def action_snooze(self) -> None:
        current = self.current()
        if current is None:
            return
        picker = Picker(
            f"Snooze {current.name} for…", SNOOZES, allow_custom=True, typed="number of days"
        )

        def chosen(value: str | None) -> None:
            if value is None:
                return
            days = _days(value)
            if days is None:
                self.notify(f"{value!r} is not a number of days.", severity="error", markup=False)
                return
            try:
                until = core.snooze(self.app.workspace, current.contact_id, days)
            except USER_ERRORS as err:
                self.app.show_error(err)
                return
            self.notify(f"{current.name} is snoozed until {until}.", markup=False)
            self.reload()

        self.app.push_screen(picker, chosen)


def _date(value: object) -> str:
    return str(value) if value else "—"


def _columns(found: list[core.KeepInTouch]) -> dict[str, Any]:
    """What the tables show (strings, one line each) and the sort keys, built once per load."""
    shown = [
        safe_column(pa.array([k.name or "(no name)" for k in found], pa.string())),
        pa.array([_date(k.connected_on) for k in found], pa.string()),
        pa.array(["" if k.years_connected is None else f"{k.years_connected:.1f}"
                  for k in found], pa.string()),
        pa.array([_date(k.last_contacted) for k in found], pa.string()),
        pa.array([_date(k.last_heard_from) for k in found], pa.string()),
        pa.array([f"{k.cadence} d" if k.cadence else "—" for k in found], pa.string()),
        pa.array([_overdue(k) for k in found], pa.string()),
        safe_column(pa.array([k.why for k in found], pa.string())),
    ]  # fmt: skip
    # Unknowns sort last (never written to: the longest silence, first in ascending dates).
    never, unknown = "0000-00-00", "9999-99-99"
    return {
        "shown": shown,
        "urgency": pa.array(range(len(found)), pa.int64()),
        "fold": pa.array([k.name.casefold() for k in found], pa.string()),
        "connected": pa.array([str(k.connected_on or unknown) for k in found], pa.string()),
        "years": pa.array([k.years_connected or -1.0 for k in found], pa.float64()),
        "contacted": pa.array([str(k.last_contacted or never) for k in found], pa.string()),
        "heard": pa.array([str(k.last_heard_from or never) for k in found], pa.string()),
        "cadence": pa.array([k.cadence or 10**9 for k in found], pa.int64()),
    }


def _overdue(k: core.KeepInTouch) -> str:
    if k.cadence is None:
        return ""
    if k.overdue_days is None:
        return "never"
    if k.snoozed_until is not None:
        return "snoozed"
    return f"{k.overdue_days} d" if k.overdue_days > 0 else "—"
