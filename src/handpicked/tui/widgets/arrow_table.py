"""A fastdatatable that shows rows of Arrow columns through a view: our tables' base.

textual-fastdatatable renders straight from Arrow (the stock DataTable builds a Python object per
cell: 5 s for 30,000 rows) but offers no way to replace its data in place, and copying 100,000
rows per keystroke would cost more than the filter. So the table reads through a `ColumnView`:
the columns stay where they are, a filter result is only the list of row positions to show, and a
cell is read when it is drawn (a screenful: a few hundred reads). Widths come from the window,
never from measuring the data, and every value is drawn literally: cells hold data from other
people's files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual_fastdatatable import DataTable as FastDataTable
from textual_fastdatatable.backend import DataTableBackend

PADDING = 2  # fastdatatable pads each cell with a space on either side


@dataclass(frozen=True)
class ColumnSpec:
    """A column's label and its width bounds; spare room goes to columns by `natural - least`."""

    label: str
    least: int
    natural: int


def fit_widths(specs: Sequence[ColumnSpec], room: int) -> list[int]:
    """Widths that fill `room` cells: every column at least `least`, none past `natural`."""
    widths = [spec.least for spec in specs]
    spare = room - sum(widths) - PADDING * len(specs)
    wants = [spec.natural - spec.least for spec in specs]
    total = sum(wants)
    if spare <= 0 or total <= 0:
        return widths
    if spare >= total:
        return [spec.natural for spec in specs]
    for i, want in enumerate(wants):
        widths[i] += want * spare // total
    left = room - sum(widths) - PADDING * len(specs)  # what rounding down kept back
    for i, spec in enumerate(specs):
        extra = min(left, spec.natural - widths[i])
        widths[i] += extra
        left -= extra
    return widths


def fit_cell(value: str, width: int) -> str:
    """A one-line value cut (with "…") or padded to exactly `width` cells."""
    size = cell_len(value)
    if size <= width:
        return value + " " * (width - size)
    return set_cell_size(value, max(width - 1, 0)) + "…" if width > 0 else ""


class ColumnView(DataTableBackend):
    """Rows `rows` (positions; None: all, in order) of equally long Arrow columns, read-only."""

    def __init__(
        self, columns: Sequence[pa.Array], rows: pa.Array | None, widths: Sequence[int]
    ) -> None:
        self._render_markup = False
        self.columns_data = list(columns)
        self.rows = rows
        self.widths = list(widths)
        if rows is not None:
            self._count = len(rows)
        else:
            self._count = len(self.columns_data[0]) if self.columns_data else 0

    @classmethod
    def from_pydict(cls, data: Any, max_rows: int | None = None, column_names: Any = None):
        raise NotImplementedError("a ColumnView is built from Arrow columns")

    def position(self, row_index: int) -> int:
        if not 0 <= row_index < self._count:
            raise IndexError(row_index)
        return row_index if self.rows is None else self.rows[row_index].as_py()

    @property
    def source_data(self) -> pa.Table:
        return pa.table({f"c{i}": self.get_column_at(i) for i in range(len(self.columns_data))})

    @property
    def source_row_count(self) -> int:
        return self._count

    @property
    def row_count(self) -> int:
        return self._count

    @property
    def columns(self) -> Sequence[str]:
        return [f"c{i}" for i in range(len(self.columns_data))]

    @property
    def column_content_widths(self) -> Sequence[int]:
        return self.widths

    def get_cell_at(self, row_index: int, column_index: int) -> Any:
        return self.columns_data[column_index][self.position(row_index)].as_py()

    def get_row_at(self, index: int) -> Sequence[Any]:
        return [self.get_cell_at(index, c) for c in range(len(self.columns_data))]

    def get_column_at(self, index: int) -> Sequence[Any]:
        column = self.columns_data[index]
        return (column if self.rows is None else column.take(self.rows)).to_pylist()

    def append_column(self, label: str, default: Any | None = None) -> int:
        raise NotImplementedError("a ColumnView is read-only")

    def append_rows(self, records: Any) -> list[int]:
        raise NotImplementedError("a ColumnView is read-only")

    def drop_row(self, row_index: int) -> None:
        raise NotImplementedError("a ColumnView is read-only")

    def update_cell(self, row_index: int, column_index: int, value: Any) -> None:
        raise NotImplementedError("a ColumnView is read-only")

    def sort(self, by: Any) -> None:
        raise NotImplementedError("a ColumnView is read-only: sort the rows instead")


class ArrowTable(FastDataTable):
    """Rows of Arrow columns (one per spec), a row cursor, literal cells."""

    DEFAULT_CSS = """
    ArrowTable { scrollbar-size-vertical: 1; }
    """

    # fastdatatable binds Tab to the next cell; here Tab leaves the table, as on every widget
    BINDINGS = [
        Binding("tab", "app.focus_next", "Next field", show=False),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False),
    ]

    def __init__(self, specs: Sequence[ColumnSpec], *, id: str | None = None) -> None:
        self.specs = list(specs)
        self._widths = [spec.natural for spec in self.specs]
        super().__init__(
            backend=self.make_view([pa.array([], pa.string()) for _ in self.specs], None),
            column_labels=[Text(spec.label) for spec in self.specs],
            column_widths=list(self._widths),
            max_column_content_width=200,  # any finite value turns on "…" for cut cells
            cursor_type="row",
            zebra_stripes=True,
            render_markup=False,
            id=id,
        )

    def make_view(self, columns: Sequence[pa.Array], rows: pa.Array | None) -> ColumnView:
        """The backend for these columns and rows (subclasses may return a richer view)."""
        return ColumnView(columns, rows, self._widths)

    @property
    def view(self) -> ColumnView:
        assert isinstance(self.backend, ColumnView)
        return self.backend

    def show_rows(self, columns: Sequence[pa.Array], rows: pa.Array | None = None) -> None:
        """Show rows `rows` (positions; None: all) of `columns`; the cursor stays in range."""
        self.backend = self.make_view(columns, rows)
        self.redraw()

    def redraw(self) -> None:
        """Forget every rendered cell (the view's data or marks changed) and repaint."""
        self._clear_caches()
        self._update_count += 1
        self.cursor_coordinate = self.cursor_coordinate  # clamped to the row count
        self._update_dimensions([])
        self.refresh()

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
        in_range: bool = False,
    ) -> list[list[Segment]]:
        """Render a one-line text cell as one padded segment, without rich's layout machinery.

        fastdatatable renders every cell through Console.render_lines (Styled, Padding, Text):
        about 45 ms for a screenful of contacts, most of a keystroke's budget. Our cells are
        one-line strings (cleaned in `safe_column`), so the same cells are produced directly,
        with the same styles (base + meta, component, post) and the same cache. Anything else
        (headers, numbers, a stray multi-line value) goes the library's way.
        """
        if row_index < 0 or column_index < 0:
            return super()._render_cell(
                row_index, column_index, base_style, width, cursor, hover, in_range
            )
        key = (
            row_index, column_index, base_style, cursor, hover, in_range,
            self._show_hover_cursor, self._update_count, self._pseudo_class_state,
        )  # fmt: skip
        cache = self._cell_render_cache
        if key in cache:
            return cache[key]
        try:
            value = self.backend.get_cell_at(row_index, column_index) if self.backend else None
        except IndexError:
            value = None
        if not isinstance(value, str) or "\n" in value or "\r" in value:
            return super()._render_cell(
                row_index, column_index, base_style, width, cursor, hover, in_range
            )
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        component_style, post_style = self._get_styles_to_render_cell(
            False, False, fixed, hover, cursor, in_range, self.show_cursor,
            self._show_hover_cursor, self.cursor_type == "range",
            self.cursor_foreground_priority == "css", self.cursor_background_priority == "css",
        )  # fmt: skip
        meta = Style.from_meta({"row": row_index, "column": column_index})
        style = base_style + meta + component_style + post_style
        lines = [[Segment(f" {fit_cell(value, width - PADDING)} ", style)]]
        cache[key] = lines
        return lines

    def _on_resize(self, event: events.Resize) -> None:
        super()._on_resize(event)
        room = event.size.width - self.styles.scrollbar_size_vertical
        widths = fit_widths(self.specs, room)
        if widths != self._widths:
            self._widths = widths
            self._column_widths = list(widths)
            self._ordered_columns = None
            self.view.widths = list(widths)
            self.redraw()
