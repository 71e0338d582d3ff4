"""Campaigns screen: every campaign with its counts and reply rate; enter opens Dispatch."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from textual.widgets import DataTable

from handpicked.core import campaigns
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace
from handpicked.tui.app import make_app
from handpicked.tui.screens.campaigns import CampaignsScreen
from handpicked.tui.screens.confirm import Confirm
from handpicked.tui.screens.dispatch import DispatchScreen

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PEOPLE = """\
    Alma,Zorn,https://www.linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021
    Chloe,Mercier,https://www.linkedin.com/in/chloe-mercier,,,Designer,20 Jun 2022
    Dario,Basso,https://www.linkedin.com/in/dario-basso,,Contoso,Engineer,01 Feb 2020
    Eva,Klein,https://www.linkedin.com/in/eva-klein,,Contoso,Manager,01 Feb 2020
"""


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """Two campaigns: `spring` (2 sent, 1 replied of 3) and `[bold]odd[/]` (1 queued)."""
    path = tmp_path / "Connections.csv"
    path.write_text(f"{HEADER}\n{textwrap.dedent(PEOPLE)}", encoding="utf-8")
    workspace = Workspace(tmp_path / "ws")
    assert import_paths(workspace, [path])[0].error is None
    ids = [c.id for c in contacts.list_contacts(workspace)]
    campaigns.compose(workspace, "spring", template="reconnect", variables={}, f=None,
                      contact_ids=ids[:3])  # fmt: skip
    campaigns.mark(workspace, "spring", "sent", ids[:2])
    campaigns.mark(workspace, "spring", "replied", ids[2:3])
    campaigns.compose(workspace, "[bold]odd[/]", template="reconnect", variables={}, f=None,
                      contact_ids=ids[3:])  # fmt: skip
    yield workspace
    workspace.close()


def row_text(table: DataTable, key: str) -> list[str]:
    return [cell.plain for cell in table.get_row(key)]


async def open_campaigns(pilot) -> CampaignsScreen:
    await pilot.press("f6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CampaignsScreen)
    return screen


async def test_table_shows_counts_and_reply_rate(ws: Workspace) -> None:
    """Verify each campaign's row holds its status counts and reply rate."""
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_campaigns(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == 2
        spring = row_text(table, "spring")
        assert spring[0] == "spring"
        # Queued, Sent, Replied, Skipped, Failed, Reply rate
        assert spring[4:] == ["0", "2", "1", "0", "0", "33%"]
        odd = row_text(table, "[bold]odd[/]")
        assert odd[0] == "[bold]odd[/]"  # a name is text, never markup
        assert odd[-1] == "—"


async def test_enter_opens_the_highlighted_campaign(ws: Workspace) -> None:
    """Verify enter on a row opens that campaign in Dispatch."""
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_campaigns(pilot)
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("spring"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DispatchScreen)
        assert app.screen.campaign == "spring"


async def test_delete_asks_first(ws: Workspace) -> None:
    """Verify delete removes a campaign only once confirmed."""
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_campaigns(pilot)
        table = screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("[bold]odd[/]"))
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.pause()
        assert len(campaigns.list_campaigns(ws)) == 2
        await pilot.press("delete", "y")
        await pilot.pause()
        assert [c.name for c in campaigns.list_campaigns(ws)] == ["spring"]
        assert table.row_count == 1


async def test_no_campaign_explains_how_to_make_one(tmp_path: Path) -> None:
    """Verify an empty list says where campaigns come from."""
    path = tmp_path / "Connections.csv"
    path.write_text(f"{HEADER}\n{textwrap.dedent(PEOPLE)}", encoding="utf-8")
    workspace = Workspace(tmp_path / "ws")
    import_paths(workspace, [path])
    app = make_app(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_campaigns(pilot)
        assert screen.query_one("#campaigns-empty").display
        assert not screen.query_one(DataTable).display
    workspace.close()
