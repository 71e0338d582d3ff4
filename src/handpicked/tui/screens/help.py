"""Every key of every screen, read from the BINDINGS themselves so the help can never go stale."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Header, Static

from handpicked.tui.app import HandpickedApp
from handpicked.tui.screens import SCREENS, screen_class
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.widgets.contact_table import ContactTable
from handpicked.tui.widgets.facet_list import FacetList
from handpicked.tui.widgets.footer import Footer

# Widgets with keys of their own, listed right after the screen that shows them.
PARTS: dict[str, tuple[tuple[str, type[DOMNode]], ...]] = {
    "contacts": (
        ("Contacts table", ContactTable),
        ("Sector, function, seniority, tag", FacetList),
    ),
}


def help_sections() -> list[tuple[str, type[DOMNode]]]:
    """(title, class) in the order a user meets them: the app, then every registered screen."""
    sections: list[tuple[str, type[DOMNode]]] = [("Everywhere", HandpickedApp)]
    for name, registered in SCREENS.items():
        sections.append((registered.title, screen_class(name)))
        sections.extend(PARTS.get(name, ()))
    return sections


def binding_sections(app: App[Any]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(title, [(keys, description, tooltip)]) per section, from each class's own BINDINGS."""
    sections = []
    for title, cls in help_sections():
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


class HelpScreen(HandpickedScreen[None]):
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
