"""Tables whose columns are measured as the rows go in (tui/widgets/measured_table.py)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from handpicked.tui.widgets import measured_table

COLUMNS = [("Keep", "keep"), ("Merge in", "other"), ("Why", "why")]


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()


def widths(table: DataTable) -> list[int]:
    """Each column's width, without its padding."""
    return [column.get_render_width(table) - 2 * table.cell_padding for column in
            table.ordered_columns]  # fmt: skip


async def test_columns_have_their_widths_before_the_table_is_idle() -> None:
    """Verify each column is as wide as its widest cell or its label the moment `fill` returns
    (a DataTable left to itself measures at its next idle, after a frame may be drawn), that
    paired columns share a width, and that a second fill measures again, narrower too."""
    app = OneTable()
    async with app.run_test(size=(100, 10)):
        table = app.query_one(DataTable)
        rows = [
            ("1-2", [Text("Colin Ahmed #292"), Text("Colin A. #401"), Text("same name")]),
            ("3-4", [Text("Zoé #3"), Text("Zoé Roy-Côté de Lévis #4"), Text("same email")]),
        ]
        measured_table.fill(table, COLUMNS, rows)
        assert widths(table) == [16, 24, 10]
        assert table.get_row("3-4")[1].plain == "Zoé Roy-Côté de Lévis #4"
        measured_table.fill(table, COLUMNS, rows, same_width=("keep", "other"))
        assert widths(table) == [24, 24, 10]
        measured_table.fill(table, COLUMNS, [("5-6", [Text("Al #5"), Text("Bo #6"), Text("x")])])
        assert widths(table) == [5, 8, 3]  # the labels are wider
        assert table.row_count == 1
        measured_table.fill(table, COLUMNS, [])
        assert widths(table) == [4, 8, 3]
        assert table.row_count == 0
