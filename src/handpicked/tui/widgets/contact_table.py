"""The network in one table, fast at 100,000 rows.

A filter result reaches the table as a `Shown`: the display columns taken at the result's rows,
built in the filtering worker (one Arrow `take` per column), so the main thread only swaps it in.
A mark before each name says who is picked (✓) or on the do-not-contact list (⊘); the name column
is recomputed as a whole when the audience changes, never cell by cell.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
from textual import events
from textual.binding import Binding
from textual.message import Message

from handpicked.core.browse import BrowseIndex
from handpicked.core.classify import UNCLASSIFIED
from handpicked.tui.widgets.arrow_table import ArrowTable, ColumnSpec
from handpicked.tui.widgets.safe import safe_column

PICKED = "✓ "
DO_NOT_CONTACT = "⊘ "
NOT_PICKED = "  "

# Display columns (see `display_columns`) and how wide each may be; the pick mark leads the name.
COLUMNS: tuple[tuple[str, ColumnSpec], ...] = (
    ("name", ColumnSpec("  Name", 20, 28)),
    ("position", ColumnSpec("Position", 16, 34)),
    ("company", ColumnSpec("Company", 12, 26)),
    ("sector", ColumnSpec("Sector", 6, 20)),
    ("function", ColumnSpec("Function", 6, 18)),
    ("seniority", ColumnSpec("Seniority", 6, 12)),
    ("last_contacted", ColumnSpec("Contacted", 10, 10)),
)


def display_columns(index: BrowseIndex) -> dict[str, pa.Array]:
    """The index's columns as the table shows them: one clean line each, full names joined.

    Runs in the loading worker: at 100,000 contacts it is a few vectorised passes, not a loop.
    """
    col = index.columns
    first, last = safe_column(col["first_name"]), safe_column(col["last_name"])
    name = pc.utf8_trim_whitespace(pc.binary_join_element_wise(first, last, " "))
    shown = {"id": col["id"], "name": name, "last_contacted": col["last_contacted"]}
    for key in ("position", "company"):
        shown[key] = safe_column(col[key])
    for key in ("sector", "function", "seniority"):
        values = safe_column(col[key])
        shown[key] = pc.if_else(pc.equal(values, UNCLASSIFIED), "—", values)
    shown["do_not_contact"] = col["do_not_contact"]
    return shown


@dataclass(frozen=True)
class Shown:
    """A filter result made ready to display: built in a worker, swapped in on the main thread."""

    rows: pa.Array
    ids: pa.Array
    blocked: pa.Array
    names: pa.Array
    table: pa.Table
    picked: frozenset[int]

    def marked(self, picked: frozenset[int]) -> Shown:
        """The same rows with the pick marks of another audience."""
        name = _mark(self.ids, self.blocked, self.names, picked)
        table = self.table.set_column(0, "name", name)
        return Shown(self.rows, self.ids, self.blocked, self.names, table, picked)


def _mark(ids: pa.Array, blocked: pa.Array, names: pa.Array, picked: Collection[int]) -> pa.Array:
    marks = pc.if_else(blocked, DO_NOT_CONTACT, NOT_PICKED)
    if picked:
        chosen = pc.is_in(ids, value_set=pa.array(list(picked), pa.int64()))
        marks = pc.if_else(chosen, PICKED, marks)
    return pc.binary_join_element_wise(marks, names, "")


def prepare(columns: dict[str, pa.Array], rows: pa.Array, picked: frozenset[int]) -> Shown:
    """The table for these positions of the display columns (one `take` per column)."""
    if not columns:
        empty = pa.array([], pa.string())
        return Shown(rows, pa.array([], pa.int64()), pa.array([], pa.bool_()), empty,
                     _empty(), picked)  # fmt: skip
    ids = columns["id"].take(rows)
    blocked = columns["do_not_contact"].take(rows)
    names = columns["name"].take(rows)
    data = {"name": _mark(ids, blocked, names, picked)}
    for key, _ in COLUMNS[1:]:
        data[key] = columns[key].take(rows)
    return Shown(rows, ids, blocked, names, pa.table(data), picked)


def _empty() -> pa.Table:
    return pa.table({key: pa.array([], pa.string()) for key, _ in COLUMNS})


class ContactTable(ArrowTable):
    """Contacts, one per row; posts messages up, the screen decides what they mean."""

    DEFAULT_CSS = """
    ContactTable { height: 1fr; max-height: 100%; }
    """

    BINDINGS = [
        Binding(
            "space",
            "toggle",
            "Pick/unpick",
            tooltip="Add the contact to the audience, or take them out (a click on ✓ too)",
        ),
        Binding(
            "enter",
            "open",
            "Details",
            tooltip="Classification and why, history, notes (or a double click)",
        ),
    ]

    class AudienceToggled(Message):
        """The user asked to add or remove the contact under the cursor (space, or a click)."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    class Opened(Message):
        """The user asked to see one contact's details (enter, or a double click)."""

        def __init__(self, contact_id: int) -> None:
            super().__init__()
            self.contact_id = contact_id

    def __init__(self, *, id: str | None = None) -> None:
        self._shown = prepare({}, pa.array([], pa.int64()), frozenset())
        super().__init__([spec for _, spec in COLUMNS], id=id)

    # -- data ------------------------------------------------------------------------------------

    def show(self, shown: Shown) -> None:
        """Display a prepared result (see `prepare`)."""
        self._shown = shown
        self.swap(shown.table)

    def refresh_marks(self, picked: frozenset[int]) -> None:
        """Redraw the pick marks after the audience changed (same rows, same cursor)."""
        if self._shown.picked != picked:
            self.show(self._shown.marked(picked))

    def shown_ids(self) -> list[int]:
        return self._shown.ids.to_pylist()

    def blocked_ids(self) -> set[int]:
        """Shown contacts on the do-not-contact list."""
        shown = self._shown
        return set(shown.ids.filter(shown.blocked).to_pylist())

    def is_blocked(self, contact_id: int) -> bool:
        return contact_id in self.blocked_ids()

    @property
    def current_id(self) -> int | None:
        """The contact id under the cursor (None on an empty table)."""
        ids = self._shown.ids
        if not len(ids) or self.cursor_row >= len(ids):
            return None
        return ids[self.cursor_row].as_py()

    def move_to(self, contact_id: int) -> bool:
        """Put the cursor on a contact if it is shown; False otherwise."""
        found = pc.index(self._shown.ids, contact_id).as_py()
        if found < 0:
            return False
        self.move_cursor(row=found)
        return True

    # -- input ----------------------------------------------------------------------------------

    def action_toggle(self) -> None:
        if (contact_id := self.current_id) is not None:
            self.post_message(self.AudienceToggled(contact_id))

    def action_open(self) -> None:
        if (contact_id := self.current_id) is not None:
            self.post_message(self.Opened(contact_id))

    async def _on_click(self, event: events.Click) -> None:
        """A click on the mark (left of a name) picks; a double click anywhere opens the contact."""
        meta = event.style.meta
        if not meta or meta.get("row", -1) < 0:
            return
        if event.chain >= 2:
            self.action_open()
        elif meta.get("column") == 0 and event.x + self.scroll_x < 3:
            self.action_toggle()
