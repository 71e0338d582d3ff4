"""Every screen of the app, registered once, here; dialogs (ModalScreen) are screens too.

The app opens screens by their name in `SCREENS`, importing a module only when its screen is
first shown (start-up pays only for Contacts), and the help screen lists every registered screen's
keys in this order. tests/tui/test_screens.py fails when a module here defines a screen that is
not registered, or when a registered path names nothing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from textual.screen import Screen


class Registered(NamedTuple):
    path: str
    """ "module:Class", the module inside this package."""
    title: str
    """Its section in the help screen."""


SCREENS: dict[str, Registered] = {
    "contacts": Registered("contacts:ContactsScreen", "Contacts"),
    "contact_detail": Registered("contact_detail:ContactDetailScreen", "Contact details"),
    "companies": Registered("companies:CompaniesScreen", "Companies"),
    "keep_in_touch": Registered("keep_in_touch:KeepInTouchScreen", "Keep in touch"),
    "duplicates": Registered("duplicates:DuplicatesScreen", "Possible duplicates"),
    "merge": Registered("duplicates:MergeDialog", "Merging two contacts"),
    "picker": Registered("picker:Picker", "Choosing a value"),
    "compose": Registered("compose:ComposeScreen", "Compose"),
    "message_editor": Registered("message_editor:MessageEditor", "Editing one message"),
    "dispatch": Registered("dispatch:DispatchScreen", "Dispatch"),
    "send": Registered("send_dialog:SendDialog", "Sending by email"),
    "export": Registered("export_dialog:ExportDialog", "Exporting a campaign"),
    "campaigns": Registered("campaigns:CampaignsScreen", "Campaigns"),
    "pulse": Registered("pulse:PulseScreen", "Pulse"),
    "welcome": Registered("welcome:WelcomeScreen", "Welcome"),
    "import": Registered("welcome:ImportDialog", "Import a file"),
    "import_warnings": Registered(
        "import_warnings:ImportWarningsScreen", "What the last import warned about"
    ),
    "confirm": Registered("confirm:Confirm", "Questions"),
    "settings": Registered("settings:SettingsScreen", "Settings"),
    "first_run": Registered("settings:FirstRunDialog", "Who is writing? (first start)"),
    "help": Registered("help:HelpScreen", "Help"),
}


def screen_class(name: str) -> type[Screen[Any]]:
    """The registered screen's class; a wrong path raises here rather than hide a screen."""
    module, _, cls = SCREENS[name].path.partition(":")
    found: type[Screen[Any]] = getattr(importlib.import_module(f"{__name__}.{module}"), cls)
    return found


def make_screen(name: str, *args: Any) -> Screen[Any]:
    """A new instance of a registered screen (its module imported on first use)."""
    return screen_class(name)(*args)
