"""A fastdatatable whose data is swapped whole, with widths fitted to the window: our tables' base.

textual-fastdatatable renders straight from Arrow (the stock DataTable builds a Python object per
cell: 5 s for 30,000 rows) but offers no way to replace the data in place. Our tables only ever
show a whole new result (a filter, a reload), so `swap` installs a new backend and refreshes the
caches. Widths are computed from the window, never measured from the data (measuring 100,000
accented names costs more than filtering them), and every value is rendered literally
(`render_markup=False`): cells hold data from other people's files.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual_fastdatatable import ArrowBackend
from textual_fastdatatable import DataTable as FastDataTable

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
    return widths


def fit_cell(value: str, width: int) -> str:
    """A one-line value cut (with "…") or padded to exactly `width` cells."""
    size = cell_len(value)
    if size <= width:
        return value + " " * (width - size)
    return set_cell_size(value, max(width - 1, 0)) + "…" if width > 0 else ""


class FixedWidthBackend(ArrowBackend):
    """An ArrowBackend that never measures its data: the table decides the widths."""

    def __init__(self, data: pa.Table, widths: Sequence[int]) -> None:
        super().__init__(data)
        self._fixed = list(widths)
        self.render_markup = False

    @property
    def column_content_widths(self) -> list[int]:
        return self._fixed


class ArrowTable(FastDataTable):
    """Rows from an Arrow table (one column per spec), a row cursor, literal cells."""

    DEFAULT_CSS = """
    ArrowTable { scrollbar-size-vertical: 1; }
    """

    def __init__(self, specs: Sequence[ColumnSpec], *, id: str | None = None) -> None:
        self.specs = list(specs)
        self._widths = [spec.natural for spec in self.specs]
        self._data = self.empty_table()
        super().__init__(
            backend=FixedWidthBackend(self._data, self._widths),
            column_labels=[Text(spec.label) for spec in self.specs],
            column_widths=list(self._widths),
            max_column_content_width=200,  # any finite value turns on "…" for cut cells
            cursor_type="row",
            zebra_stripes=True,
            render_markup=False,
            id=id,
        )

    def empty_table(self) -> pa.Table:
        return pa.table({f"c{i}": pa.array([], pa.string()) for i in range(len(self.specs))})

    def swap(self, table: pa.Table) -> None:
        """Show new data; columns keep their labels and widths, the cursor stays in range."""
        self._data = table
        self.backend = FixedWidthBackend(table, self._widths)
        self._clear_caches()
        self._update_count += 1
        self.cursor_coordinate = self.cursor_coordinate  # clamped to the new row count
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
        about 45 ms for a screenful of contacts, which would be most of a keystroke's budget.
        Our cells are single-line strings (cleaned in `safe_column`), so the same pixels can be
        produced directly, with the same styles (base + meta, component, post) and the same cache.
        Anything else (headers, numbers, a stray multi-line value) goes the library's way.
        """
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor,
                                        hover, in_range)  # fmt: skip
        key = (row_index, column_index, base_style, cursor, hover, in_range,
               self._show_hover_cursor, self._update_count, self._pseudo_class_state)  # fmt: skip
        cache = self._cell_render_cache
        if key in cache:
            return cache[key]
        value = self.backend.get_cell_at(row_index, column_index) if self.backend else None
        if not isinstance(value, str) or "\n" in value or "\r" in value:
            return super()._render_cell(row_index, column_index, base_style, width, cursor,
                                        hover, in_range)  # fmt: skip
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
            self.swap(self._data)
