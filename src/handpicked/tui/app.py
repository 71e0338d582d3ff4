"""The Textual face of handpicked: screens, global keys, and the state every screen shares.

The app holds what crosses screens and nothing else: the workspace, the audience being picked on
Contacts (Compose reads it), a counter of data changes (a screen that shows derived data reloads
when it moved), and the few doors to the outside world (browser, clipboard, errors) so tests can
watch them. Each screen lives in its own module; each key is a Binding with an action, so the
footer, the help screen and the command palette all list it.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import Future
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen

from handpicked.core import contacts
from handpicked.core.contacts import BrowseIndex
from handpicked.core.db import Workspace, database_problem
from handpicked.core.errors import HandpickedError
from handpicked.tui import USER_ERRORS, clipboard
from handpicked.tui.hints import SETTINGS_KEY, app_message
from handpicked.tui.picking import PickingApp
from handpicked.tui.screens import make_screen
from handpicked.tui.widgets.contact_table import display_columns
from handpicked.tui.widgets.safe import clean_text

if TYPE_CHECKING:
    from handpicked.core.config import Settings
    from handpicked.core.models import FileReport

DEMO_NOTE = "demo workspace (throw-away)"
NOTHING_SELECTED = "Nothing selected to copy (ctrl+q quits)."


class HandpickedApp(PickingApp):
    """handpicked's terminal app; build it with `make_app`."""

    CSS_PATH = "app.tcss"
    TITLE = "handpicked"
    ASK_FIRST_RUN: ClassVar[bool] = True
    """Ask who is writing at start while me.name is unset (the test suite turns it off)."""
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        mode: partial(make_screen, mode)
        for mode in ("contacts", "companies", "compose", "campaigns")
    }
    DEFAULT_MODE = "contacts"
    # Classes on every screen by terminal size: a screen styles `.-narrow` (under 120 columns)
    # and `.-short` (under 30 rows) so 80x24 keeps each field and the main content readable.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", tooltip="Every key of every screen"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f2", "contacts", "Contacts", tooltip="Browse the network, pick an audience"),
        Binding("f3", "companies", "Companies", tooltip="Give companies a sector"),
        Binding("f4", "compose", "Compose", tooltip="Write to the audience"),
        Binding("f5", "dispatch", "Dispatch", tooltip="Send the last campaign's messages"),
        Binding("f6", "campaigns", "Campaigns", tooltip="Every campaign and its replies"),
        # F7-F9 are Compose's (edit, undo, queue): the Pulse takes F12, off the footer
        Binding("f12", "pulse", "Pulse", show=False,
                tooltip="Messages per month, reply rates, the share of your network reached"),
        Binding("f10", "settings", "Settings",
                tooltip="Your name and signature, the audience rules, the mail server"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # One meaning on every screen and in every field (Textual's own differs by widget)
        Binding("ctrl+c", "copy_selection", "Copy", show=False, priority=True,
                tooltip="Copy the selected text; with nothing selected, say how to quit"),
    ]  # fmt: skip

    def __init__(self, ws: Workspace, *, demo: bool = False) -> None:
        super().__init__()
        self.workspace = ws
        self.demo = demo
        self.data_version = 0
        """Bumped by every change to contacts, companies or classifications."""
        self.last_campaign: str | None = None
        self.last_import: FileReport | None = None
        """The report of the last file imported in the app (`w` on Contacts lists its warnings)."""
        self._settings: Settings | None = None
        self._settings_error: HandpickedError | None = None
        self._preload: Future[BrowseIndex] | None = None
        """The contacts index, read in a thread while Textual starts (first paint comes sooner)."""
        # has_no_contacts() opens (and migrates) the database here, before any worker: a database
        # that cannot be opened is then said once, not by each worker that tries.
        self._open_error: Exception | None = None
        """A database that cannot be read (damaged, locked): said once mounted, not a crash."""
        try:
            self._empty = self.has_no_contacts()
        except USER_ERRORS as err:
            self._empty, self._open_error = False, err
        if not self._empty and self._open_error is None:
            self._preload = contacts.preload(ws)
        if demo:  # in the title: each screen's sub-title names the screen
            self.title = f"handpicked · {DEMO_NOTE}"

    def take_preloaded(self, *, wait: bool = True) -> tuple[BrowseIndex, dict] | None:
        """The index read at start-up, once, if nothing changed since (else None: reload).

        Without `wait`, only an index already read is taken (else it is left for a later call):
        the Contacts screen then shows it in its very first frame.
        """
        future = self._preload
        if not wait and (future is None or not future.done() or future.exception()):
            return None
        self._preload = None
        if future is None or self.data_version != 0:
            return None
        index = future.result()
        return index, display_columns(index)

    @property
    def settings(self) -> Settings:
        """The workspace's settings, read the first time something needs them.

        Not before the first frame: reading them loads pydantic, a fifth of the start. A file
        that cannot be used is said once the first frame is up; the defaults stand in.
        """
        if self._settings is None:
            from handpicked.core import config

            try:
                self._settings = config.load(self.workspace)
            except HandpickedError as err:
                self._settings, self._settings_error = config.Settings(), err
        return self._settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self._settings = settings

    def on_mount(self) -> None:
        if self._open_error is not None:
            self.show_error(self._open_error)
        elif self._empty:
            self.push_screen(make_screen("welcome"))
        self.call_after_refresh(self._settings_read)

    def _settings_read(self) -> None:
        """Once the first frame is drawn: a settings file gone wrong is said, and who is writing
        is asked while me.name is unset (over the welcome: asked first)."""
        settings = self.settings
        if self._settings_error is not None:
            self.show_error(self._settings_error)
        elif self.ASK_FIRST_RUN and not settings.me.name:
            self.push_screen(make_screen("first_run"))

    def has_no_contacts(self) -> bool:
        """True when the workspace holds no contact yet (the welcome screen explains imports)."""
        return contacts.is_empty(self.workspace)

    def data_changed(self) -> None:
        """Contacts, sectors or classifications changed: screens reload when next shown."""
        self.data_version += 1
        if gone := self._missing_ids(self._picked):
            self.unpick(gone)  # forgotten contacts leave the audience too

    def _missing_ids(self, ids: Iterable[int]) -> list[int]:
        return contacts.missing_ids(self.workspace, ids)

    # -- doors to the outside --------------------------------------------------------------

    def open_link(self, url: str) -> None:
        """The one way the app opens a browser (tests replace it); a failure is said, not silent.

        Without a browser (SSH, a bare server) the key would do nothing at all: the link goes to
        the clipboard instead, so the user can paste it where a browser is.
        """
        if self._open_in_browser(url):
            return
        how = clipboard.copy_text(self, url)
        self.notify(
            f"No browser could open {url}; copied it instead ({how}).",
            severity="warning", markup=False, timeout=10,
        )  # fmt: skip

    def _open_in_browser(self, url: str) -> bool:
        """True when a browser took the link (Textual's own open_url never says)."""
        if self.is_web:  # served to a browser: the web driver hands the link to it
            self.open_url(url)
            return True
        import webbrowser  # here: start-up does not pay for it

        try:
            return bool(webbrowser.open(url))
        except (webbrowser.Error, OSError):
            return False

    def action_copy_selection(self) -> None:
        """Copy what is selected, in the focused field or with the mouse; else say how to quit."""
        from textual.widgets import Input, TextArea  # here: start-up does not load TextArea

        focused = self.focused
        text = focused.selected_text if isinstance(focused, Input | TextArea) else ""
        text = text or self.screen.get_selected_text() or ""
        if text:
            self.copy_text(text)
        else:
            self.notify(NOTHING_SELECTED)

    def copy_text(self, text: str) -> str:
        """Copy to the clipboard, tell the user which way it went, and return that sentence."""
        sentence = clipboard.copy_text(self, text)
        self.notify(sentence, markup=False)
        return sentence

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast of every screen passes here: it may quote a name, a path or an error."""
        super().notify(
            clean_text(message), title=clean_text(title), severity=severity, timeout=timeout,
            markup=markup,
        )  # fmt: skip

    def show_error(self, err: Exception) -> None:
        """A user-facing sentence for an error; never a traceback on screen."""
        if isinstance(err, sqlite3.Error):  # a full disk, a lock: said as the CLI says it
            err = database_problem(self.workspace.db_path, err)
        if isinstance(err, HandpickedError):
            message = clean_text(app_message(err))  # it may quote a hostile field or file name
            self.notify(message, title="Error", severity="error", markup=False, timeout=10)
        else:
            self.log.error(repr(err))
            self.notify(
                f"Something went wrong ({type(err).__name__}: {clean_text(str(err))}). Your "
                "data is unchanged; please report this.",
                title="Unexpected error", severity="error", markup=False, timeout=10,
            )  # fmt: skip

    # -- screens ----------------------------------------------------------------------------

    def _close_overlays(self) -> None:
        """Pop help, details and dialogs so a mode switch lands on the mode's own screen."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def action_help(self) -> None:
        from handpicked.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_pulse(self) -> None:
        if type(self.screen).__name__ != "PulseScreen":
            self.push_screen(make_screen("pulse"))

    def action_settings(self) -> None:
        from handpicked.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):  # the first-start form is one too
            self.push_screen(make_screen("settings"))

    def warn_if_unsigned(self) -> bool:
        """Say, before queueing, that the messages would end unsigned; True when it said so.

        The settings are read again: `config set` in a terminal may have changed them.
        """
        from handpicked.core import config

        with contextlib.suppress(HandpickedError):  # reported at start; the defaults stand in
            self.settings = config.load(self.workspace)
        unsigned = config.unsigned(self.settings)
        if unsigned is None:
            return False
        self.notify(
            f"{unsigned}; set your name in Settings ({SETTINGS_KEY}).",
            severity="warning", markup=False, timeout=10,
        )  # fmt: skip
        return True

    def _go(self, mode: str) -> None:
        self._close_overlays()
        self.switch_mode(mode)

    def action_contacts(self) -> None:
        self._go("contacts")

    def action_companies(self) -> None:
        self._go("companies")

    def action_campaigns(self) -> None:
        self._go("campaigns")

    def action_compose(self) -> None:
        """Compose, unless the audience the rules leave is a broadcast not confirmed yet.

        Counted as compose counts it (after the recency and do-not-contact rules, by the same
        core function), so the app asks exactly when the CLI wants its flag for it.
        """
        size = len(self.audience)
        if size <= self.settings.audience.max or self.allow_large:  # the rules only take away
            self._go("compose")
            return
        try:
            audience = contacts.select_audience(self.workspace, None, picked=self.audience)
            kept = len(audience.contacts)
            contacts.check_size(self.workspace, kept, 0, allow_large=False)
        except contacts.AudienceTooLarge as err:
            reason = err.reason
        except HandpickedError:  # a broken setting: Compose says it
            reason = ""
        else:
            reason = ""
        if not reason:
            self._go("compose")
            return
        from handpicked.tui.screens.confirm import Confirm

        question = (
            f"You picked {size} people: {reason}. A message to everyone is a broadcast: nobody "
            "feels personally written to. Compose anyway if you mean it."
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.allow_large = True
                self._go("compose")

        self.push_screen(
            Confirm(f"Compose for {kept} people?", question, yes="Compose anyway", no="Go back"),
            answered,
        )

    def action_dispatch(self) -> None:
        name = self.last_campaign or self._latest_campaign()
        if name is None:
            self.notify("No campaign yet: pick an audience, then compose one (F4).")
            return
        self.open_campaign(name)

    def _latest_campaign(self) -> str | None:
        from handpicked.core import campaigns  # here: start-up does not load the campaign code

        return campaigns.latest_campaign(self.workspace)

    def open_campaign(self, name: str) -> None:
        """Show one campaign's dispatch screen (on top of the campaigns list)."""
        self.last_campaign = name
        self._go("campaigns")
        self.push_screen(make_screen("dispatch", name))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette (ctrl+p) offers every described key of the app and of the screen."""
        yield from super().get_system_commands(screen)
        own = type(screen).__dict__.get("BINDINGS", [])
        seen: set[str] = set()
        for target, bindings in ((self, self.BINDINGS), (screen, own)):
            for binding in Binding.make_bindings(bindings):
                if binding.description and binding.action not in seen | {"quit"}:
                    seen.add(binding.action)
                    tip = binding.tooltip or binding.description
                    yield SystemCommand(binding.description, tip, self._runner(binding, target))

    def _runner(self, binding: Binding, target: DOMNode) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            await self.run_action(binding.action, target)

        return run


def make_app(ws: Workspace, *, demo: bool = False) -> HandpickedApp:
    """The app on a workspace; `demo` marks it as a throw-away sample in the header."""
    return HandpickedApp(ws, demo=demo)
