"""Every registered screen and dialog, at 80x24 and at 160x48, opened with the shipped sample.

A person on a laptop split or over SSH gets 80x24; these snapshots are how a layout that only works
on a big terminal gets caught. Each screen in `SCREENS` needs a step in `STEPS` saying how a user
reaches it with data on it; a screen registered without one fails `test_every_screen_has_a_step`.
Adding one is a line: `"name": step("key", ...),` (a key to press, or a function of the app).

Update after an intended change with `pytest tests/tui/test_snapshots_screens.py
--snapshot-update`, then look at the SVGs (tests/tui/__snapshots__/) before committing them.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import NamedTuple

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer

from handpicked.core import campaigns, config
from handpicked.core.contacts.store import list_contacts
from handpicked.core.db import Workspace
from handpicked.tui.app import HandpickedApp
from handpicked.tui.screens import SCREENS, screen_class
from handpicked.tui.screens.compose import ComposeScreen

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
CAMPAIGN = "salon-rh"
VALUES = {
    "event_name": "the HR Tech Summit",
    "event_date": "Thursday, December 10, at 5 p.m.",
    "event_place": "Palais des congrès, Montréal",
    "event_topic": "hiring engineers in Québec",
}

Action = str | tuple[str, ...] | Callable[[HandpickedApp], object]
"""A key to press, keys pressed in a row, or a function of the app (may be async) for what keys
cannot do quickly; the app settles after each."""


class Step(NamedTuple):
    """How a user reaches a screen, from the app just started on a workspace."""

    actions: tuple[Action, ...]
    empty: bool
    """Open it on a workspace with nothing imported (the welcome is shown only then)."""


def step(*actions: Action, empty: bool = False) -> Step:
    """`step("f5", "m")`: the actions in order; `empty=True` for a workspace with nobody in it."""
    return Step(actions, empty)


async def invitation(app: HandpickedApp) -> None:
    """On Compose: the event invitation, its first two values typed, the campaign name focused."""
    screen = app.screen
    await screen.choose_template("event-invitation")
    for key in list(VALUES)[:2]:
        screen.query_one(f"#var-{key}").value = VALUES[key]
    screen.set_focus(screen.query_one("#campaign-name"))


def a_twin(app: HandpickedApp) -> None:
    """The first sample person again, as an address book holds them: a possible duplicate."""
    from handpicked.core.contacts import import_paths

    first = next(c for c in list_contacts(app.workspace) if c.profile_url)
    twin = app.workspace.home / "twin.csv"
    twin.write_text(
        "First Name,Last Name,Organization Name,E-mail 1 - Value\n"
        f"{first.first_name},{first.last_name},Another Company,twin@example.com\n",
        encoding="utf-8",
    )
    assert import_paths(app.workspace, [twin])[0].error is None


def warned_import(app: HandpickedApp) -> None:
    """A file whose rows give five warnings, imported as the import dialog imports one."""
    from handpicked.core.contacts import import_paths

    path = app.workspace.home / "warned.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + "Ana,Lima,https://www.linkedin.com/in/ana-w,,Acme,CEO,01 Jan 2022\n" * 3
        + "Luc,Roy,https://www.linkedin.com/in/luc-w,,Bell,Dev,32 Feb 2022\n"
        "Zoé,Roy,https://www.linkedin.com/in/zoe-w,,Bell,Dev,[b]99[/b] Foo 2022\n"
        "Max,Roy,https://www.linkedin.com/in/max-w,,Bell,Dev,2022-13-45\n",
        encoding="utf-8",
    )
    [report] = import_paths(app.workspace, [path])
    assert len(report.warnings) == 5
    app.last_import = report


def pick_one_queued(app: HandpickedApp) -> None:
    """Also pick someone already queued in the campaign: Compose lists them as left out."""
    app.pick([campaigns.preview(app.workspace, CAMPAIGN).messages[0].contact_id])


PICK_THREE = ("space", "space", "space")
TO_THIRD_VALUE = ("tab",) * 5  # each value has a French twin: three people, one reads French
STEPS: dict[str, Step] = {
    "contacts": step(),
    "contact_detail": step("enter"),
    "companies": step("f3"),
    "keep_in_touch": step("k"),
    "duplicates": step(a_twin, "d"),
    "merge": step(a_twin, "d", "m"),
    "picker": step("f3", "s"),
    "compose": step(PICK_THREE, pick_one_queued, "f4", invitation, TO_THIRD_VALUE),
    "message_editor": step(PICK_THREE, "f4", invitation, "f7"),
    "dispatch": step("f5"),
    "send": step("f5", "m"),
    "export": step("f5", "x"),
    "campaigns": step("f6"),
    "pulse": step("f12"),
    "welcome": step(empty=True),
    "import": step("i"),
    "import_warnings": step(warned_import, "w"),
    "confirm": step("f6", "delete"),
    "settings": step("f10"),
    "first_run": step(lambda app: app.push_screen(screen_class("first_run")())),
    "help": step("f1"),
}


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    """Compose renders right after a value is typed: what the snapshot shows is settled."""
    monkeypatch.setattr(ComposeScreen, "DEBOUNCE", 0.01)


@pytest.fixture
def screens_ws(sample_ws: Workspace) -> Workspace:
    """The sample, a name and a mail server set, and a campaign queued to people with an email."""
    for key, value in {
        "me.name": "Alex Tremblay",
        "smtp.host": "smtp.example.com",
        "smtp.username": "alex",
        "smtp.from": "Alex Tremblay <alex@example.com>",
    }.items():
        config.set_value(sample_ws, key, value)
    ids = [c.id for c in list_contacts(sample_ws) if c.email][:4]
    campaigns.compose(sample_ws, CAMPAIGN, template="event-invitation", variables=VALUES, f=None,
                      contact_ids=ids)  # fmt: skip
    return sample_ws


def test_every_screen_has_a_step():
    """Verify each registered screen says how to open it here (a new screen cannot skip 80x24)."""
    assert sorted(set(SCREENS) - set(STEPS)) == []
    assert sorted(set(STEPS) - set(SCREENS)) == []


@pytest.mark.parametrize("name", list(SCREENS))
@pytest.mark.parametrize("size", list(SIZES))
def test_screen(
    name: str, size: str, request, snap_compare, app_factory, snapshot_ready, text_of
) -> None:
    """Verify the screen, opened the way a user opens it, looks as approved at this size."""
    if name not in STEPS:
        pytest.fail(f"no step in STEPS opens the {name!r} screen")
    how = STEPS[name]
    ws = request.getfixturevalue("empty_ws" if how.empty else "screens_ws")
    app = app_factory(ws)

    async def run_before(pilot: Pilot) -> None:
        await snapshot_ready(pilot)
        for action in how.actions:
            if isinstance(action, str | tuple):
                await pilot.press(*([action] if isinstance(action, str) else action))
            else:
                done = action(app)
                if inspect.isawaitable(done):
                    await done
            await snapshot_ready(pilot)
        assert type(app.screen) is screen_class(name), f"the step opened {app.screen!r}"
        if app.screen.query(Footer):  # at any width, the footer says how to quit and get help
            line = text_of(app).rstrip("\n").splitlines()[-1]
            assert "Quit" in line and ("Help" in line or name == "help"), line

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)
