"""Settings in the app: the first-start question (who is writing?) and the Settings form (F10).

Without `me.name` every message ends unsigned, and before this the app had no way to say so or to
set it. Both forms edit `config.toml` through `config.set_values`, the same rules as `handpicked
config set`: a bad value is shown in the form, next to its field, and nothing is written (all the
form's values are stored in one atomic write, or none). The SMTP password is not here: it lives
in the OS keyring and the send dialog asks for it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from handpicked.core import config
from handpicked.core.errors import HandpickedError
from handpicked.tui.app import HandpickedApp
from handpicked.tui.hints import SETTINGS_KEY
from handpicked.tui.widgets.safe import safe

CHOICES: dict[str, list[tuple[str, str]]] = {
    "me.language": [("English", "en"), ("Français", "fr")],
    "smtp.security": [("STARTTLS (usually port 587)", "starttls"), ("SSL (usually 465)", "ssl"),
                      ("None (a local relay)", "none")],
}  # fmt: skip
"""Settings with a fixed set of values: a list to choose from, not a box to type in."""

LABELS = {
    "me.name": "Your name (signs every message)",
    "me.signature": "Signature (instead of the name; several lines)",
    "me.language": "Your language (for contacts whose language is unknown)",
    "audience.not_contacted_days": "Leave out people contacted in the last N days (0: nobody)",
    "audience.max": "Largest audience before asking (above it is a broadcast)",
    "keep_in_touch.cadence_days": "Keep in touch every N days, unless a person or tag has its own",
    "smtp.host": "Mail server (e.g. smtp.gmail.com)",
    "smtp.port": "Port (empty: the usual one for the security below)",
    "smtp.security": "Connection security",
    "smtp.username": "Login name (the password stays in your system keyring)",
    "smtp.from": "From address (e.g. Alex Martin <alex@example.com>)",
}


def field_id(key: str) -> str:
    return "set-" + key.replace(".", "-").replace("_", "-")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class SettingsScreen(ModalScreen[bool]):
    """The `config.toml` keys a user touches; dismissed True once saved, False when left.

    The others (limits, audience.target) stay as they are in the file: `config set` reaches them.
    """

    DEFAULT_CSS = """
    SettingsScreen { align: center middle; }
    SettingsScreen > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SettingsScreen #settings-title { text-style: bold; }
    SettingsScreen #settings-fields { height: 1fr; }  /* it scrolls; the buttons stay in sight */
    SettingsScreen Label { margin-top: 1; color: $text-muted; }
    SettingsScreen.-short Label { margin-top: 0; }  /* 24 rows: more fields in sight */
    SettingsScreen TextArea { height: 4; }
    SettingsScreen .-invalid { border: tall $error; }
    SettingsScreen #settings-error { color: $error; height: auto; }
    SettingsScreen Horizontal { height: auto; align-horizontal: right; }
    SettingsScreen Button { margin-left: 2; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    KEYS: ClassVar[tuple[str, ...]] = tuple(LABELS)
    TITLE = "Settings"
    INTRO = "Saved in config.toml; the SMTP password is asked when you send (system keyring)."
    CANCEL = "Cancel"

    app = getters.app(HandpickedApp)

    def __init__(self) -> None:
        super().__init__()
        self.loaded: dict[str, str] = {}
        """Each key's value when the form opened: only what the user changed is written."""

    def compose(self) -> ComposeResult:
        try:
            settings = config.load(self.app.workspace)
            problem = ""
        except HandpickedError as err:  # a broken file: shown, and saving says it again
            settings, problem = config.Settings(), str(err)
        self.loaded = {key: _text(config.get(settings, key)) for key in self.KEYS}
        with Vertical():
            yield Static(self.TITLE, id="settings-title")
            if self.INTRO:
                yield Static(self.INTRO, id="settings-intro")
            with VerticalScroll(id="settings-fields"):
                for key in self.KEYS:
                    yield Label(f"{LABELS[key]}  [{key}]", markup=False)
                    yield self._field(key, self.loaded[key])
            yield Static(safe(problem), id="settings-error")
            with Horizontal():
                yield Button(self.CANCEL, id="cancel", action="screen.cancel")
                yield Button("Save (ctrl+s)", id="save", variant="primary", action="screen.save")

    def _field(self, key: str, value: str) -> Widget:
        if key in CHOICES:
            return Select(CHOICES[key], value=value, allow_blank=False, id=field_id(key))
        if key == "me.signature":
            return TextArea(value, id=field_id(key), soft_wrap=True, show_line_numbers=False)
        return Input(value, id=field_id(key))

    def on_mount(self) -> None:
        self.query_one(f"#{field_id(self.KEYS[0])}").focus()

    def values(self) -> dict[str, str]:
        """What the form says now, key by key, as `config set` would take it."""
        out = {}
        for key in self.KEYS:
            widget = self.query_one(f"#{field_id(key)}")
            if isinstance(widget, TextArea):
                out[key] = widget.text.rstrip()
            elif isinstance(widget, Select):
                out[key] = _text(widget.value)
            elif isinstance(widget, Input):
                out[key] = widget.value.strip()
        return out

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        changed = {k: v for k, v in self.values().items() if v != self.loaded.get(k)}
        if not changed:  # the file stays as it is, byte for byte
            self.dismiss(False)
            return
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        try:
            self.app.settings = config.set_values(self.app.workspace, changed)
        except HandpickedError as err:  # nothing was written: say what, next to the field
            self.query_one("#settings-error", Static).update(safe(str(err)))
            key = err.facts.get("key")
            if key in self.KEYS:
                field = self.query_one(f"#{field_id(str(key))}")
                field.add_class("-invalid")
                field.focus()
            return
        self.app.notify("Settings saved.")
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)


class FirstRunDialog(SettingsScreen):
    """Asked at start while me.name is unset: skipped with Esc, asked again next time."""

    DEFAULT_CSS = """
    FirstRunDialog.-tall #settings-fields { height: auto; }  /* three fields: no empty box */
    """

    KEYS = ("me.name", "me.signature", "me.language")
    TITLE = "Who is writing?"
    INTRO = (
        "Each message is signed with your name or signature. Set them once here; "
        f"{SETTINGS_KEY} changes them later. Esc skips (asked again at the next start)."
    )
    CANCEL = "Later (Esc)"
