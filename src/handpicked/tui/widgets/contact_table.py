"""The network in one table, fast at 100,000 rows.

The table reads the index's own columns (`display_columns`); a filter result is shown by handing
the table the result's row positions, and a cell is read, and made displayable, when it is
drawn: a screenful at a time, never the whole network up front. A mark before each name says
who is picked (✓) or on the do-not-contact list (⊘); it is read from the audience when the cell
is drawn, so picking someone costs one repaint.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa
from textual import events
from textual.binding import Binding
from textual.message import Message

from handpicked.core.contacts import UNCLASSIFIED, BrowseIndex
from handpicked.core.text import safe_text
from handpicked.tui.widgets.arrow_table import ArrowTable, ColumnSpec, ColumnView

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


# Where each display column's cell comes from (the name joins first and last names).
_SOURCE = {key: key for key, _ in COLUMNS} | {"name": "first_name"}
_FACETS = frozenset({"sector", "function", "seniority"})


def display_columns(index: BrowseIndex) -> dict[str, pa.Array]:
    """The index's columns the table reads (no copy: cells are cleaned as they are drawn).

    Cleaning all 100,000 rows up front took a tenth of a second before the first paint; a
    screenful of cells costs a fraction of a millisecond.
    """
    keys = {*_SOURCE.values(), "last_name", "id", "do_not_contact"}
    return {key: index.columns[key] for key in keys}


class MarkedView(ColumnView):
    """The contacts view: the name cell carries the contact's pick mark."""

    def __init__(
        self,
        columns: dict[str, pa.Array],
        rows: pa.Array | None,
        widths: Sequence[int],
        picked: frozenset[int],
    ) -> None:
        keys = [_SOURCE[key] for key, _ in COLUMNS]
        data = [columns[key] for key in keys] if columns else [pa.array([], pa.string())] * 7
        super().__init__(data, rows, widths)
        self.source = columns
        self.picked = picked

    def get_cell_at(self, row_index: int, column_index: int) -> Any:
        """The cell as shown: one line of inert text (fields are hostile), the mark first."""
        position = self.position(row_index)
        key = COLUMNS[column_index][0]
        if key == "name":
            first, last = (self.source[k][position].as_py() for k in ("first_name", "last_name"))
            return self.mark(position) + safe_text(f"{first} {last}")
        value = safe_text(self.source[key][position].as_py())
        return "—" if key in _FACETS and value == UNCLASSIFIED else value

    def get_column_at(self, index: int) -> Sequence[Any]:
        return [self.get_cell_at(row, index) for row in range(self.row_count)]

    def mark(self, position: int) -> str:
        if self.source["id"][position].as_py() in self.picked:
            return PICKED
        return DO_NOT_CONTACT if self.source["do_not_contact"][position].as_py() else NOT_PICKED

    def column(self, key: str) -> pa.Array:
        """A source column at the shown rows, in display order."""
        if not self.source:
            return pa.array([], pa.int64() if key == "id" else pa.bool_())
        data = self.source[key]
        return data if self.rows is None else data.take(self.rows)


class ContactTable(ArrowTable):
    """Contacts, one per row; posts messages up, the screen decides what they mean."""

    DEFAULT_CSS = """
    ContactTable { height: 1fr; max-height: 100%; }
    """

    BINDINGS = [
        Binding(
            "space", "toggle_pick", "Pick/unpick",
            tooltip="Add the contact to the audience, or take them out (a click on ✓ too)",
        ),
        Binding(
            "enter", "open", "Details",
            tooltip="Classification and why, history, notes (or a double click)",
        ),
    ]  # fmt: skip

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
        self._source: dict[str, pa.Array] = {}
        self._picked: frozenset[int] = frozenset()
        super().__init__([spec for _, spec in COLUMNS], id=id)

    def make_view(self, columns: Sequence[pa.Array], rows: pa.Array | None) -> ColumnView:
        return MarkedView(self._source, rows, self._widths, self._picked)

    # -- data ------------------------------------------------------------------------------------

    def show(self, columns: dict[str, pa.Array], rows: pa.Array, picked: frozenset[int]) -> None:
        """Show these positions of the display columns (see `display_columns`)."""
        self._source, self._picked = columns, picked
        self.show_rows([], rows)

    def refresh_marks(self, picked: frozenset[int]) -> None:
        """Redraw the pick marks after the audience changed (same rows, same cursor)."""
        if picked != self._picked:
            self._picked = picked
            self.view.picked = picked
            self.redraw()

    @property
    def view(self) -> MarkedView:
        assert isinstance(self.backend, MarkedView)
        return self.backend

    def shown_ids(self) -> list[int]:
        return self.view.column("id").to_pylist()

    def blocked_ids(self) -> set[int]:
        """Shown contacts on the do-not-contact list."""
        return set(self.view.column("id").filter(self.view.column("do_not_contact")).to_pylist())

    def is_blocked(self, contact_id: int) -> bool:
        return contact_id in self.blocked_ids()

    @property
    def current_id(self) -> int | None:
        """The contact id under the cursor (None on an empty table)."""
        view = self.view
        if not view.row_count or not view.source or self.cursor_row >= view.row_count:
            return None
        return view.source["id"][view.position(self.cursor_row)].as_py()

    def move_to(self, contact_id: int) -> bool:
        """Put the cursor on a contact if it is shown; False otherwise."""
        import pyarrow.compute as pc  # here: the first frame goes without (30 ms to import)

        found = pc.index(self.view.column("id"), contact_id).as_py()
        if found < 0:
            return False
        self.move_cursor(row=found)
        return True

    # -- input ----------------------------------------------------------------------------------

    def action_toggle_pick(self) -> None:
        """Ask to pick the row under the cursor and move on at once: the next Space, typed
        before the screen answers, must reach the next person, not toggle this one back."""
        if (contact_id := self.current_id) is not None:
            self.post_message(self.AudienceToggled(contact_id))
            self.action_cursor_down()

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
            self.action_toggle_pick()
