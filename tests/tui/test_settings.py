"""Who is writing: the first-start question, the Settings form (F10), the unsigned warning."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pilot_wait import workers_done
from textual.geometry import Region
from textual.widgets import Input, OptionList, Select, Static

from handpicked.core import campaigns, config
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.contacts.store import list_contacts
from handpicked.core.db import Workspace
from handpicked.tui.app import HandpickedApp, make_app
from handpicked.tui.screens.compose import ComposeScreen
from handpicked.tui.screens.contacts import ContactsScreen
from handpicked.tui.screens.settings import FirstRunDialog, SettingsScreen, field_id

SIZE = (80, 24)
PEOPLE = """\
    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Alma,Zorn,https://www.linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,
    Dario,Basso,https://www.linkedin.com/in/dario-basso,,Contoso,Engineer,
"""


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """Two people imported, and nothing in config.toml: the state of a new user's first start."""
    source = tmp_path / "Connections.csv"
    source.write_text(textwrap.dedent(PEOPLE), encoding="utf-8")
    workspace = Workspace(tmp_path / "ws")
    assert import_paths(workspace, [source])[0].error is None
    yield workspace
    workspace.close()


@pytest.fixture
def first_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first-start question on, as it is outside the test suite."""
    monkeypatch.setattr(HandpickedApp, "ASK_FIRST_RUN", True)


async def ready(pilot) -> None:
    for _ in range(3):
        await workers_done(pilot.app)
        await pilot.pause()


async def test_first_start_asks_name_signature_and_language(ws, first_run) -> None:
    """Verify the first start asks who is writing, saves it to config.toml, and asks no more."""
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dialog = app.screen
        assert isinstance(dialog, FirstRunDialog)
        assert app.focused is dialog.query_one(f"#{field_id('me.name')}", Input)
        await pilot.press(*"Alex Tremblay", "tab")
        await pilot.press(*"Alex", "enter", *"Recruteur, Montréal")
        await pilot.press("tab", "enter", "down", "enter")  # the language list: Français
        assert dialog.query_one(Select).value == "fr"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert app.settings.me.name == "Alex Tremblay"
    settings = config.load(Workspace(ws.home))
    assert (settings.me.name, settings.me.signature, settings.me.language) == (
        "Alex Tremblay", "Alex\nRecruteur, Montréal", "fr",
    )  # fmt: skip
    again = make_app(ws)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert isinstance(again.screen, ContactsScreen)


async def test_first_start_skipped_with_escape_is_asked_again(ws, first_run) -> None:
    """Verify Esc (even in the signature box) skips the question writing nothing, and the next
    start asks again."""
    for _ in range(2):
        app = make_app(ws)
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            assert isinstance(app.screen, FirstRunDialog)
            await pilot.press(*"Half typed", "tab", "x", "escape")
            await ready(pilot)
            assert isinstance(app.screen, ContactsScreen)
        assert not ws.config_path.exists()


async def test_settings_refuses_a_bad_value_in_the_form_and_writes_nothing(ws) -> None:
    """Verify F10 opens Settings at 80x24; a bad value is shown at its field, nothing written;
    a good save writes the changed keys and keeps the others."""
    config.set_values(ws, {"me.name": "Alex", "limits.inmail": "1500"})
    before = ws.config_path.read_bytes()
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f10")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        save = screen.query_one("#save")
        assert Region(0, 0, *SIZE).contains_region(save.region)  # in sight at 80x24
        largest = screen.query_one(f"#{field_id('audience.max')}", Input)
        largest.value = "0"
        screen.query_one(f"#{field_id('smtp.host')}", Input).value = "smtp.example.com"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert app.screen is screen
        error = str(screen.query_one("#settings-error", Static).render())
        assert error.startswith("audience.max: invalid value '0' (allowed: a whole number from 1")
        assert largest.has_class("-invalid") and app.focused is largest
        assert ws.config_path.read_bytes() == before
        largest.value = "12"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert app.settings.audience.max == 12
    settings = config.load(Workspace(ws.home))
    assert (settings.audience.max, settings.smtp.host) == (12, "smtp.example.com")
    assert (settings.me.name, settings.limits.inmail) == ("Alex", 1500)


async def test_settings_edits_the_keep_in_touch_cadence_as_config_set_does(ws, capsys) -> None:
    """Verify Settings has the keep-in-touch cadence: a value `config set` refuses is refused
    with its words, at the field, and a good one is saved."""
    from handpicked.cli import main

    key = "keep_in_touch.cadence_days"
    assert main(["--workspace", str(ws.home), "config", "set", key, "0"]) == 1
    refused = capsys.readouterr().err.removeprefix("error: ").splitlines()[0]
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f10")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        cadence = screen.query_one(f"#{field_id(key)}", Input)
        assert cadence.value == ""
        cadence.value = "0"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert str(screen.query_one("#settings-error", Static).render()) == refused
        assert cadence.has_class("-invalid") and not ws.config_path.exists()
        cadence.value = "21"
        await pilot.press("ctrl+s")
        await ready(pilot)
        assert isinstance(app.screen, ContactsScreen)
    assert config.load(Workspace(ws.home)).keep_in_touch.cadence_days == 21


async def test_compose_warns_before_queueing_unsigned(ws) -> None:
    """Verify queueing on Compose with me.name unset warns, naming the Settings key (F10)."""
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick([c.id for c in list_contacts(ws)])
        await pilot.press("f4")
        await ready(pilot)
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        listing = screen.query_one("#templates", OptionList)
        listing.focus()
        listing.highlighted = listing.get_option_index("reconnect")
        await pilot.press("enter")
        await pilot.pause(0.3)
        await ready(pilot)
        screen.query_one("#campaign-name", Input).value = "spring"
        await pilot.press("f9")
        await ready(pilot)
        warnings = [str(n.message) for n in app._notifications if n.severity == "warning"]
    assert any(w.startswith("your name is not set (me.name)") for w in warnings), warnings
    assert any(w.endswith("set your name in Settings (F10).") for w in warnings)
    assert len(campaigns.preview(ws, "spring").messages) == 2  # a warning, not a refusal
