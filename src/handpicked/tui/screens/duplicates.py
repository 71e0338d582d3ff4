"""Possible duplicates: people imported twice (LinkedIn and Google...), to merge or tell apart.

The list is `contacts.duplicate_suggestions`, the one `handpicked contacts duplicates` prints, each
pair with why it may be one person. Nothing is merged without the user: `m` first shows the
core's own account of what the merge keeps (the lines `contacts merge` prints) and asks; `n`
records "two people" for good. The first contact of a row is the one kept; `s` swaps them.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Header, Static
from textual.worker import get_current_worker

from handpicked.core import contacts as core
from handpicked.core.contacts import data_stamp
from handpicked.tui import USER_ERRORS
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.screens.confirm import Confirm
from handpicked.tui.widgets import measured_table
from handpicked.tui.widgets.footer import Footer
from handpicked.tui.widgets.safe import safe, safe_line

NONE = "No possible duplicates: nobody seems to be imported twice."
NAMES = (16, 30)  # the least and the most cells a name gets in the list
COLUMNS = [("Keep", "keep"), ("Merge in", "other"), ("Why", "why")]


class MergeDialog(Confirm):
    """The yes/no question, its text (the merge plan) in a box that scrolls: a plan can be
    taller than an 80x24 terminal, and the buttons must stay in sight."""

    DEFAULT_CSS = """
    MergeDialog #plan { height: auto; max-height: 9; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(safe(self.title_text), id="confirm-title")
            with VerticalScroll(id="plan"):
                yield Static(safe(str(self.question)), id="confirm-question")
            with Horizontal():
                yield Button(f"{self.no_label} (n)", id="no", action="screen.answer(False)")
                yield Button(
                    f"{self.yes_label} (y)", id="yes", variant="warning",
                    action="screen.answer(True)",
                )  # fmt: skip


class DuplicatesScreen(HandpickedScreen[None]):
    """Pairs that may be one person, with why; merge, dismiss, or open either contact."""

    SUB_TITLE = "Possible duplicates"
    AUTO_FOCUS = "DataTable"
    DEFAULT_CSS = """
    DuplicatesScreen #summary { height: auto; padding: 0 1; color: $text-muted; }
    DuplicatesScreen DataTable { height: 1fr; }
    DuplicatesScreen #why { height: auto; max-height: 5; padding: 0 1; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="To the contacts"),
        Binding("m", "merge", "Merge", tooltip="Merge the second into the first, after saying how"),
        Binding("n", "not_same", "Not the same", tooltip="Two people: never suggested again"),
        Binding("s", "swap", "Swap", tooltip="Keep the second contact instead of the first"),
        Binding("1", "open(0)", "Open first", tooltip="The contact kept (Enter too)"),
        Binding("2", "open(1)", "Open second", tooltip="The contact merged into it"),
    ]

    class Loaded(Message):
        def __init__(self, found: list[core.Suggestion], version: int) -> None:
            super().__init__()
            self.found, self.version = found, version

    class Merged(Message):
        """A merge was stored (`plan`), or refused (`error`)."""

        def __init__(self, plan: core.MergePlan | None, error: Exception | None) -> None:
            super().__init__()
            self.plan, self.error = plan, error

    def __init__(self) -> None:
        super().__init__()
        self.found: list[core.Suggestion] = []
        self.swapped: set[tuple[int, int]] = set()
        self._version = -1
        self._stamp: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Looking for people imported twice…", id="summary")
        yield DataTable(id="duplicates", cursor_type="row", zebra_stripes=True)
        yield Static("", id="why")
        yield Footer()

    def on_mount(self) -> None:
        measured_table.fill(self.query_one(DataTable), COLUMNS, [])
        self.reload()

    def on_screen_resume(self) -> None:
        if self._version != self.app.data_version or self._stamp != data_stamp(self.app.workspace):
            self.reload()

    def reload(self) -> None:
        self._stamp = data_stamp(self.app.workspace)
        self._load(self.app.data_version)

    @work(thread=True, exclusive=True, group="duplicates-load")
    def _load(self, version: int) -> None:
        try:
            found = core.duplicate_suggestions(self.app.workspace)
        except USER_ERRORS as err:
            self.app.call_from_thread(self.app.show_error, err)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(found, version))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.found, self._version = event.found, event.version
        self._fill()

    def on_resize(self) -> None:
        """Names are cut to the screen's width: cut them again for the new one (the list may
        also have arrived before the screen had its first size, on a busy machine)."""
        if self._version >= 0:
            self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        least, most = NAMES  # names first; the reason (in full below) gets what is left
        name = max(least, min(most, (self.size.width - 30) // 2 - 4))
        rows = [[self._who(s, i, name) for i in self.pair(s)] for s in self.found]
        widest = max((cell.cell_len for row in rows for cell in row), default=0)
        room = max(12, self.size.width - 2 * (widest + 2) - 6)
        cells = [
            (f"{s.keep}-{s.other}", [keep, other, safe_line(_cut(s.why, room))])
            for s, (keep, other) in zip(self.found, rows, strict=True)
        ]
        measured_table.fill(table, COLUMNS, cells, same_width=("keep", "other"))
        if self.found:
            table.move_cursor(row=min(row, len(self.found) - 1), animate=False)
        n = len(self.found)
        self.query_one("#summary", Static).update(
            f"{n} possible duplicate{'s' if n != 1 else ''}: the first contact is kept, the "
            "second merged into it. Nothing is merged without you."
            if n else NONE
        )  # fmt: skip
        self._show_why()

    def pair(self, s: core.Suggestion) -> tuple[int, int]:
        """(kept, merged in) for a suggestion, as the user ordered it."""
        return (s.other, s.keep) if (s.keep, s.other) in self.swapped else (s.keep, s.other)

    @staticmethod
    def _who(s: core.Suggestion, contact_id: int, width: int) -> Text:
        name = s.keep_name if contact_id == s.keep else s.other_name
        return safe_line(f"{_cut(name, width)} #{contact_id}")

    def current(self) -> core.Suggestion | None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        return self.found[row] if self.found and 0 <= row < len(self.found) else None

    @on(DataTable.RowHighlighted)
    def _show_why(self) -> None:
        s = self.current()
        self.query_one("#why", Static).update(safe_line(s.why) if s else "")

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open(0)

    # -- actions -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_open(self, which: int) -> None:
        from handpicked.tui.screens.contact_detail import ContactDetailScreen

        s = self.current()
        if s is not None:
            self.app.push_screen(ContactDetailScreen(self.pair(s)[which]))

    def action_swap(self) -> None:
        s = self.current()
        if s is not None:
            self.swapped ^= {(s.keep, s.other)}
            self._fill()

    def action_not_same(self) -> None:
        s = self.current()
        if s is None:
            return
        try:
            core.dismiss_duplicate(self.app.workspace, s.keep, s.other)
        except USER_ERRORS as err:
            self.app.show_error(err)
        else:
            self.notify(
                f"{s.keep_name} (#{s.keep}) and {s.other_name} (#{s.other}) are two people: "
                "not suggested again.",
                markup=False,
            )  # fmt: skip
        self.reload()

    def action_merge(self) -> None:
        s = self.current()
        if s is None:
            return
        keep, other = self.pair(s)
        try:
            plan = core.merge_plan(self.app.workspace, keep, other)
        except USER_ERRORS as err:
            self.app.show_error(err)
            self.reload()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._merge(keep, other)

        question = "\n".join(plan.lines())
        self.app.push_screen(
            MergeDialog("Merge these two contacts?", question, yes="Merge"), answered
        )

    @work(thread=True, group="duplicates-merge")
    def _merge(self, keep: int, other: int) -> None:
        try:
            plan = core.merge_contacts(self.app.workspace, keep, other)
        except USER_ERRORS as err:
            self.post_message(self.Merged(None, err))
        else:
            self.post_message(self.Merged(plan, None))

    @on(Merged)
    def _merged(self, event: Merged) -> None:
        if event.plan is None:
            assert event.error is not None
            self.app.show_error(event.error)
        else:
            self.app.data_changed()  # the other contact is gone: screens reload, audience too
            plan = event.plan
            self.notify(
                f"Merged {plan.other_name} (#{plan.other}) into {plan.keep_name} (#{plan.keep}).",
                markup=False,
            )  # fmt: skip
        self.reload()


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
