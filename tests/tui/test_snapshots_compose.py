"""Snapshots of Compose, Dispatch and Campaigns with fixed data, a fixed date and no temp paths."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from handpicked.core import campaigns
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace
from handpicked.tui.app import make_app
from handpicked.tui.screens.campaigns import CampaignsScreen
from handpicked.tui.screens.compose import ComposeScreen
from handpicked.tui.screens.dispatch import DispatchScreen
from handpicked.tui.widgets.message_preview import MessagePreview

SIZE = (120, 40)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PEOPLE = """\
    Alma,Zorn,https://www.linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021
    Chloe,Mercier,https://www.linkedin.com/in/chloe-mercier,,,Designer,20 Jun 2022
    Dario,Basso,https://www.linkedin.com/in/dario-basso,,Contoso,Engineer,01 Feb 2020
"""
NOTE = """\
    +++
    description = "A short connection note"
    channel = "connection-note"

    [variables]
    topic = "What you would like to talk about"
    +++
    Hi {{ greeting_name }}, I saw your work at {{ company }} on {{ topic }}. Could we talk?
"""


async def until(pilot, ready, settle) -> None:
    """Wait until `ready()` holds (screens switch and workers report asynchronously)."""
    for _ in range(100):
        await settle(pilot)
        if ready():
            await settle(pilot)
            return
    raise AssertionError("the screen never got ready")


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """Three people, a connection-note template, and a `spring` campaign with one sent."""
    path = tmp_path / "Connections.csv"
    path.write_text(f"{HEADER}\n{textwrap.dedent(PEOPLE)}", encoding="utf-8")
    workspace = Workspace(tmp_path / "ws")
    assert import_paths(workspace, [path])[0].error is None
    workspace.templates_dir.mkdir(parents=True, exist_ok=True)
    (workspace.templates_dir / "note.en.j2").write_text(textwrap.dedent(NOTE), encoding="utf-8")
    ids = [c.id for c in contacts.list_contacts(workspace)]
    campaigns.compose(workspace, "spring", template="reconnect", variables={}, f=None,
                      contact_ids=ids)  # fmt: skip
    campaigns.mark(workspace, "spring", "sent", ids[:1])
    yield workspace
    workspace.close()


def test_compose_screen(ws: Workspace, snap_compare, snapshot_ready) -> None:
    """Verify the Compose screen's layout: templates, people (two added back), who is left out
    and why, values, preview with warnings."""
    app = make_app(ws)

    async def run_before(pilot) -> None:
        app.pick([c.id for c in contacts.list_contacts(ws)])
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, ComposeScreen), snapshot_ready)
        screen = app.screen
        for person in list(screen.left_out):  # queued in spring: written to anyway, warned
            if person.reason == "queued":
                screen.add_back(person.id)
        await screen.choose_template("note")
        screen.query_one("#var-topic", Input).value = "open data"
        preview = screen.query_one(MessagePreview)
        await until(pilot, lambda: "open data" in preview.body_text, snapshot_ready)
        people = screen.query_one("#recipients", OptionList)
        chloe = next(c.id for c in screen.contacts if c.first_name == "Chloe")
        people.highlighted = people.get_option_index(str(chloe))  # no company: empty-field
        people.focus()
        await until(pilot, lambda: "Chloe" in preview.body_text, snapshot_ready)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_dispatch_screen(ws: Workspace, snap_compare, snapshot_ready) -> None:
    """Verify the Dispatch screen's layout: progress, the queue, the whole message."""
    app = make_app(ws)

    async def run_before(pilot) -> None:
        app.open_campaign("spring")
        await until(
            pilot,
            lambda: isinstance(app.screen, DispatchScreen) and app.screen.preview is not None,
            snapshot_ready,
        )
        await pilot.press("n")
        await until(pilot, lambda: app.screen.index == 1, snapshot_ready)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_campaigns_screen(ws: Workspace, snap_compare, snapshot_ready) -> None:
    """Verify the Campaigns screen's layout: counts and reply rate per campaign."""
    app = make_app(ws)

    async def run_before(pilot) -> None:
        await pilot.press("f6")
        await until(
            pilot,
            lambda: isinstance(app.screen, CampaignsScreen) and app.screen.summaries,
            snapshot_ready,
        )

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
