"""One contact: who they are, why they are classified so, what they were sent, and your notes.

A classification the user cannot question is one they cannot trust, so each of sector, function
and seniority shows where it came from (set by hand, the company's sector, the file's column, the
dictionary, a rule) and the classifier's reason, next to a key to correct it. Corrections go
through `contacts.set_contact`, which stores them apart from imported data: they survive every
re-import.
"""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Header, Static, TextArea

from handpicked.core import campaigns
from handpicked.core import contacts as core
from handpicked.core.contacts import FUNCTIONS, SENIORITIES, sector_choices
from handpicked.core.models import Contact
from handpicked.tui import USER_ERRORS
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.screens.picker import AUTOMATIC, Picker
from handpicked.tui.widgets.footer import Footer
from handpicked.tui.widgets.safe import safe_line

SOURCES = {
    "contact": "set by you for this contact",
    "company": "your sector for the company",
    "column": "the sector column of the imported file",
    "dictionary": "the sector dictionary",
    "rule": "a classification rule",
    "none": "nothing recognised",
}


class ContactDetailScreen(HandpickedScreen[None]):
    """Details of one contact; Escape goes back to the list (saving the note if it changed)."""

    SUB_TITLE = "Contact"
    AUTO_FOCUS = "#pick"
    DEFAULT_CSS = """
    ContactDetailScreen #detail { padding: 0 2; }
    ContactDetailScreen .title { text-style: bold; margin-top: 1; color: $accent; }
    ContactDetailScreen #name { text-style: bold; margin-top: 1; }
    ContactDetailScreen #buttons { height: 1; margin: 1 0 0 0; }
    ContactDetailScreen #buttons Button { height: 1; min-width: 0; border: none; margin-right: 2; }
    ContactDetailScreen #note { height: 6; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="To the list; the note is saved"),
        Binding("space", "pick", "Pick/unpick"),
        Binding(
            "s", "correct('sector')", "Sector", tooltip="Correct the sector (kept on re-import)"
        ),
        Binding("f", "correct('function')", "Function", tooltip="Correct the function"),
        Binding("l", "correct('seniority')", "Seniority", tooltip="Correct the seniority level"),
        Binding("o", "open_profile", "Open profile", tooltip="The LinkedIn profile in a browser"),
        Binding("c", "copy_email", "Copy email"),
        Binding("n", "edit_note", "Note", tooltip="Where you met, what matters to them"),
        Binding("ctrl+s", "save_note", "Save note"),
    ]

    def __init__(self, contact_id: int) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.contact: Contact | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="detail"):
            yield Static(id="name")
            yield Static(id="identity")
            with Horizontal(id="buttons"):
                yield Button("Pick", id="pick", action="screen.pick")
                yield Button("Sector…", action="screen.correct('sector')")
                yield Button("Function…", action="screen.correct('function')")
                yield Button("Seniority…", action="screen.correct('seniority')")
                yield Button("Open profile", action="screen.open_profile")
                yield Button("Copy email", action="screen.copy_email")
            yield Static("Classification", classes="title")
            yield Static(id="classification")
            yield Static("Previous positions", classes="title")
            yield Static(id="positions")
            yield Static("Messages", classes="title")
            yield Static(id="history")
            yield Static("Notes (saved when you leave, or ctrl+s)", classes="title")
            yield TextArea(id="note", soft_wrap=True)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_contact()
        if self.contact is not None:
            self.query_one("#note", TextArea).load_text(self.contact.notes)

    def refresh_contact(self) -> None:
        try:
            self.contact = core.get_contact(self.app.workspace, self.contact_id)
            reasons = core.explain(self.app.workspace, self.contact_id)
        except USER_ERRORS as err:
            self.app.show_error(err)
            return
        c = self.contact
        self.query_one("#name", Static).update(safe_line(c.full_name or "(no name)"))
        self.query_one("#identity", Static).update(self._identity(c))
        self.query_one("#classification", Static).update(self._classification(c, reasons))
        self.query_one("#positions", Static).update(self._positions(c))
        self.query_one("#history", Static).update(self._history())
        self._show_pick()

    def _identity(self, c: Contact) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="dim")
        table.add_column()
        role = " at ".join(x for x in (c.position, c.company) if x)
        rows = [
            ("Position", role or "—"),
            ("Email", c.email or "—"),
            ("Profile", c.profile_url or "—"),
            ("Connected", c.connected_on.isoformat() if c.connected_on else "—"),
            ("Last contacted", c.last_contacted.isoformat() if c.last_contacted else "never"),
            *self._linkedin(c),
            ("Language", c.language),
            ("Tags", ", ".join(c.tags) or "—"),
        ]
        if c.do_not_contact:
            rows.append(("Do not contact", "yes: never in an audience"))
        for label, value in rows:
            table.add_row(label, safe_line(value))
        return table

    @staticmethod
    def _linkedin(c: Contact) -> list[tuple[str, str]]:
        """What LinkedIn's data archive says, for a contact it mentions (no rows otherwise)."""
        counts = c.interactions
        if not (counts.sent or counts.received):
            return []
        heard = c.last_heard_from.isoformat() if c.last_heard_from else "never"
        return [
            ("Last heard from", heard),
            ("On LinkedIn", f"{counts.sent} sent, {counts.received} received"),
        ]

    def _classification(self, c: Contact, reasons: dict[str, str]) -> Group:
        """Each value with where it came from, then the classifier's reasons in its own words."""
        values = Table.grid(padding=(0, 2))
        values.add_column(style="dim", min_width=14)
        values.add_column(style="bold", min_width=24)
        values.add_column(style="italic")
        for label, value, source in (
            ("Sector", c.sector, c.sector_source),
            ("Function", c.function, c.function_source),
            ("Seniority", c.seniority, c.seniority_source),
        ):
            values.add_row(label, safe_line(value), SOURCES.get(source, source))
        why = Table.grid(padding=(0, 2))
        why.add_column(style="dim", min_width=14)
        why.add_column()
        why.add_row("Why the sector", safe_line(reasons.get("sector", "")))
        why.add_row("Why the role", safe_line(reasons.get("role", "")))
        return Group(values, Text(), why)

    def _positions(self, c: Contact) -> Text | str:
        if not c.previous_positions:
            return "—"
        text = Text()
        for p in c.previous_positions:
            until = f" (until {p.until.isoformat()})" if p.until else ""
            text.append_text(safe_line(" at ".join(x for x in (p.position, p.company) if x)))
            text.append(until + "\n", style="dim")
        text.rstrip()
        return text

    def _history(self) -> Text | str:
        items = campaigns.history(self.app.workspace, self.contact_id)
        if not items:
            return "No message yet."
        text = Text()
        for item in items:
            when = item.get("sent_at") or item.get("status_at") or item.get("queued_at") or ""
            text.append(f"{str(when)[:10]}  ")
            text.append_text(safe_line(item.get("campaign", ""), "bold"))
            text.append(f"  {item.get('status', '')}  ")
            text.append_text(safe_line(item.get("first_line", ""), "dim"))
            text.append("\n")
        text.rstrip()
        return text

    def _show_pick(self) -> None:
        picked = self.app.is_picked(self.contact_id)
        self.query_one("#pick", Button).label = "Unpick" if picked else "Pick"

    # -- actions -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.action_save_note(quiet=True)
        self.app.pop_screen()

    def action_pick(self) -> None:
        if self.contact is None:
            return
        if self.contact.do_not_contact and not self.app.is_picked(self.contact_id):
            self.notify("This person is on the do-not-contact list.", severity="warning")
            return
        self.app.toggle_pick(self.contact_id)
        self._show_pick()

    def action_correct(self, kind: str) -> None:
        if self.contact is None:
            return
        choices = {
            "sector": lambda: sector_choices(self.app.workspace),
            "function": lambda: list(FUNCTIONS),
            "seniority": lambda: list(SENIORITIES),
        }[kind]()
        current = getattr(self.contact, kind)
        picker = Picker(
            f"{kind.capitalize()} of {self.contact.full_name}",
            choices,
            current=current,
            allow_custom=kind == "sector",
            automatic="(automatic: forget my correction)",
        )
        self.app.push_screen(picker, lambda value: self._corrected(kind, value))

    def _corrected(self, kind: str, value: str | None) -> None:
        if value is None:
            return
        new = "" if value == AUTOMATIC else value
        try:
            core.set_contact(
                self.app.workspace, self.contact_id,
                function=new if kind == "function" else None,
                seniority=new if kind == "seniority" else None,
                sector=new if kind == "sector" else None,
            )  # fmt: skip
        except USER_ERRORS as err:
            self.app.show_error(err)
            return
        self.app.data_changed()
        self.refresh_contact()

    def action_open_profile(self) -> None:
        url = self.contact.profile_url if self.contact else ""
        if not url.startswith(("https://", "http://")):
            self.notify("No profile link for this contact.", severity="warning")
            return
        self.app.open_link(url)

    def action_copy_email(self) -> None:
        if self.contact is None or not self.contact.email:
            self.notify("No email address for this contact.", severity="warning")
            return
        self.app.copy_text(self.contact.email)

    def action_edit_note(self) -> None:
        self.set_focus(self.query_one("#note", TextArea))  # now: the next key types

    def action_save_note(self, quiet: bool = False) -> None:
        if self.contact is None:
            return
        text = self.query_one("#note", TextArea).text
        if text.strip() == self.contact.notes.strip():
            return
        try:
            core.set_note(self.app.workspace, self.contact_id, text)
        except USER_ERRORS as err:
            self.app.show_error(err)
            return
        self.contact = self.contact.model_copy(update={"notes": text.strip()})
        if not quiet:
            self.notify("Note saved.")
