"""Filling a Textual DataTable whose columns are measured here, as the rows go in.

A DataTable left to size its own columns measures new rows only when it is next idle. A frame
drawn before that (a busy app, a screen resumed) renders each cell at its column's width so far,
the header's on a first fill, and keeps that rendering: the columns then grow, but those cells
stay cut ("Coli  Colin Ah") until something else redraws the table. Filled through `fill`, each
column is as wide as its widest cell from the first frame on.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

Column = tuple[str, str]
"""(label, key) of a column."""


def fill(
    table: DataTable,
    columns: Sequence[Column],
    rows: Sequence[tuple[str, Sequence[Text]]],
    *,
    same_width: Sequence[str] = (),
) -> None:
    """Replace the table's columns and rows: `rows` are (key, cells), one cell per column.

    The columns keyed in `same_width` share the widest of their widths (the two sides of a pair).
    The cursor goes back to the first row, as after `DataTable.clear`.
    """
    widths = [max([len(label)] + [cells[i].cell_len for _, cells in rows]) for i, (label, _) in
              enumerate(columns)]  # fmt: skip
    shared = max((w for w, (_, key) in zip(widths, columns, strict=True) if key in same_width),
                 default=0)  # fmt: skip
    table.clear(columns=True)
    for width, (label, key) in zip(widths, columns, strict=True):
        table.add_column(label, key=key, width=shared if key in same_width else width)
    for key, cells in rows:
        table.add_row(*cells, key=key)
