"""Every key of every screen, read from the BINDINGS themselves so the help can never go stale."""

from __future__ import annotations

import importlib

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

# (section title, "module:Class") in the order a user meets them; a missing module is skipped.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("Everywhere", "handpicked.tui.app:HandpickedApp"),
    ("Contacts", "handpicked.tui.screens.contacts:ContactsScreen"),
    ("Contacts table", "handpicked.tui.widgets.contact_table:ContactTable"),
    ("Sector, function, seniority, tag", "handpicked.tui.widgets.facet_list:FacetList"),
    ("Contact details", "handpicked.tui.screens.contact_detail:ContactDetailScreen"),
    ("Companies", "handpicked.tui.screens.companies:CompaniesScreen"),
    ("Choosing a value", "handpicked.tui.screens.picker:Picker"),
    ("Compose", "handpicked.tui.screens.compose:ComposeScreen"),
    ("Dispatch", "handpicked.tui.screens.dispatch:DispatchScreen"),
    ("Campaigns", "handpicked.tui.screens.campaigns:CampaignsScreen"),
    ("Import a file", "handpicked.tui.screens.welcome:ImportDialog"),
    ("Help", "handpicked.tui.screens.help:HelpScreen"),
)


def _load(path: str) -> type | None:
    module, _, name = path.partition(":")
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name == module:
            return None
        raise
    return getattr(found, name, None)


def binding_sections(app: App) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(title, [(keys, description, tooltip)]) per section, from each class's own BINDINGS."""
    sections = []
    for title, path in SECTIONS:
        cls = _load(path)
        if cls is None:
            continue
        by_action: dict[str, tuple[list[str], Binding]] = {}
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", [])):
            if not binding.description:
                continue
            keys, _ = by_action.setdefault(binding.action, ([], binding))
            key = app.get_key_display(binding)
            if key not in keys:
                keys.append(key)
        rows = [(" / ".join(keys), b.description, b.tooltip) for keys, b in by_action.values()]
        if rows:
            sections.append((title, rows))
    return sections


class HelpScreen(Screen):
    """Keys by screen; Escape (or F1) closes it."""

    SUB_TITLE = "Help"
    DEFAULT_CSS = """
    HelpScreen #help { padding: 0 2; }
    HelpScreen .section { margin-top: 1; }
    """

    BINDINGS = [Binding("escape,f1,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help"):
            yield Static(
                "handpicked: pick the twenty people a piece of news concerns, and write to each "
                "of them personally. Keys by screen (the footer shows the current screen's):"
            )
            for title, rows in binding_sections(self.app):
                table = Table(title=Text(title, style="bold"), title_justify="left",
                              show_header=False, box=None, padding=(0, 2))  # fmt: skip
                table.add_column(style="bold cyan", min_width=16)
                table.add_column(min_width=18)
                table.add_column(style="dim")
                for keys, text, tip in rows:
                    table.add_row(Text(keys), Text(text), Text(tip))
                yield Static(table, classes="section")
        yield Footer()

    def action_close(self) -> None:
        self.app.pop_screen()
