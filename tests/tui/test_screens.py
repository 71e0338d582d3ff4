"""The screens' house: every screen lives in tui/screens/, is registered once, and the help lists it.

A screen added without its line in `SCREENS` would never show its keys in the help; a path in
`SCREENS` that names nothing used to be skipped without a word. These tests name both.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from textual.screen import ModalScreen, Screen

import handpicked.tui
from handpicked.tui import screens
from handpicked.tui.screens import SCREENS, make_screen, screen_class
from handpicked.tui.screens.help import HelpScreen, binding_sections, help_sections

SIZE = (120, 300)


def _tui_classes() -> list[type]:
    """Every class defined in a module of handpicked.tui, each module imported for real."""
    found = []
    for info in pkgutil.walk_packages(handpicked.tui.__path__, "handpicked.tui."):
        module = importlib.import_module(info.name)
        classes = [c for _, c in inspect.getmembers(module, inspect.isclass)]
        found += [c for c in classes if c.__module__ == module.__name__]
    return found


def test_every_screen_and_dialog_lives_in_screens():
    """Verify no Screen or ModalScreen subclass is defined outside tui/screens/ (nor in the app)."""
    misplaced = [
        f"{c.__module__}:{c.__name__}"
        for c in _tui_classes()
        if issubclass(c, Screen) and not c.__module__.startswith("handpicked.tui.screens.")
    ]
    assert misplaced == []


def test_every_screen_is_registered_once():
    """Verify each screen class of tui/screens/ is in SCREENS, and each entry names a screen."""
    defined = {
        f"{c.__module__.removeprefix('handpicked.tui.screens.')}:{c.__name__}"
        for c in _tui_classes()
        if issubclass(c, Screen) and c.__module__ != "handpicked.tui.screens.base"
    }
    registered = [entry.path for entry in SCREENS.values()]
    assert sorted(registered) == sorted(defined)
    for name in SCREENS:
        assert issubclass(screen_class(name), Screen), name


def test_help_sections_cover_every_registered_screen():
    """Verify the help reads keys from every registered screen, under its registered title."""
    sections = help_sections()
    for name, entry in SCREENS.items():
        assert (entry.title, screen_class(name)) in sections, name


@pytest.mark.parametrize(
    ("path", "error"),
    [("nowhere:NoScreen", ModuleNotFoundError), ("help:NoScreen", AttributeError)],
)
def test_help_fails_loudly_on_a_wrong_path(monkeypatch, sample_ws, app_factory, path, error):
    """Verify a registered path naming no module or no class raises, instead of a silent gap."""
    monkeypatch.setitem(SCREENS, "broken", screens.Registered(path, "Broken"))
    app = app_factory(sample_ws)
    with pytest.raises(error, match=r"NoScreen|nowhere"):
        binding_sections(app)


async def test_help_screen_shows_dialog_keys(sample_ws, app_factory, wait, text_of):
    """Verify F1 lists the dialogs' keys too: ctrl+s sends by email, y answers a question."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f1")
        await wait(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = text_of(app)
        sections = dict(binding_sections(app))
    for title in ("Sending by email", "Exporting a campaign", "Editing one message", "Questions"):
        assert title in text
    assert ("^s", "Send") in [(k, d) for k, d, _ in sections["Sending by email"]]
    assert ("y", "Yes") in [(k, d) for k, d, _ in sections["Questions"]]


async def test_make_screen_passes_arguments(sample_ws, app_factory, wait):
    """Verify make_screen builds a registered screen with its arguments, as the app opens it."""
    app = app_factory(sample_ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait(pilot)
        app.push_screen(make_screen("confirm", "Really?", "Go on?"))
        await pilot.pause()
        assert type(app.screen) is screen_class("confirm")


def test_no_screen_gives_an_app_key_another_meaning():
    """Verify no screen binds a key of the app's (F-keys, Ctrl+Q...) to another action: a key
    that opens the Pulse everywhere must not queue messages on Compose."""
    from textual.binding import Binding

    from handpicked.tui.app import HandpickedApp

    def keys(bindings) -> dict[str, str]:
        found = {}
        for b in bindings:
            if isinstance(b, Binding):
                for key in b.key.split(","):
                    found[key.strip()] = b.action
        return found

    app_keys = keys(HandpickedApp.BINDINGS)
    clashes = [
        f"{name}: {key} is {action!r} there, {app_keys[key]!r} in the app"
        for name in SCREENS
        if not issubclass(screen_class(name), ModalScreen)  # a dialog's own keys, in its footer
        for key, action in keys(screen_class(name).BINDINGS).items()
        if key in app_keys and action != app_keys[key] and (name, key) != ("help", "f1")
    ]
    assert clashes == []
