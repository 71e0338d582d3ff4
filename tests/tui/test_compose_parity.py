"""Parity: the app's Compose and the CLI's compose apply the same audience rules to the same data.

Two identical workspaces: 3 people messaged minutes earlier (two campaign messages marked sent,
one LinkedIn message), 2 queued in another campaign, 1 on the do-not-contact list, and 20 with
nothing against them. The CLI composes to all of them by filter; the app to all of them picked
by hand. Both must leave out the same people for the same reasons, ask (or refuse) at the same
size, add back the same person with the same warning, and end with the same queued set.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pilot_wait import workers_done
from textual.widgets import Input, OptionList

from handpicked.cli import main
from handpicked.core import campaigns, config
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace, transaction
from handpicked.tui.app import make_app
from handpicked.tui.screens.compose import ComposeScreen
from handpicked.tui.screens.confirm import Confirm
from handpicked.tui.screens.dispatch import DispatchScreen

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
SIZE = (80, 24)


def build(home: Path, source: Path) -> dict[str, int]:
    """The shared fixture data in a new workspace at `home`; full name -> id."""
    rows = "".join(
        f"Person{i:02d},Tester{i:02d},https://linkedin.com/in/p{i},,Acme,Analyst,01 Feb 2020\n"
        for i in range(26)
    )
    source.write_text(f"{HEADER}\n{rows}", encoding="utf-8")
    ws = Workspace(home)
    assert import_paths(ws, [source])[0].error is None
    ids = {c.full_name: c.id for c in contacts.list_contacts(ws)}
    person = [ids[f"Person{i:02d} Tester{i:02d}"] for i in range(26)]
    campaigns.compose(ws, "earlier", template="reconnect", variables={}, f=None,
                      contact_ids=person[:2])  # fmt: skip
    campaigns.mark(ws, "earlier", "sent", person[:2])
    with transaction(ws.conn) as conn:
        conn.execute(
            "INSERT INTO interactions(contact_id, at, direction) VALUES (?, ?, 'sent')",
            (person[2], "2026-11-25T08:55:00Z"),
        )
    campaigns.compose(ws, "spring", template="reconnect", variables={}, f=None,
                      contact_ids=person[3:5])  # fmt: skip
    contacts.set_do_not_contact(ws, [person[5]], True)
    config.set_value(ws, "audience.max", "19")  # 20 remain after the rules: a broadcast
    config.set_value(ws, "me.name", "Sam Example")
    ws.close()
    return ids


def cli(capsys: pytest.CaptureFixture[str], home: Path, *args: object) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--workspace", str(home), *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(ComposeScreen, "DEBOUNCE", 0.02)


async def settle(pilot) -> None:
    await pilot.pause(ComposeScreen.DEBOUNCE + 0.05)
    await workers_done(pilot.app)
    await pilot.pause()


def left_out_of(screen: ComposeScreen) -> list[tuple[str, str]]:
    """The left-out list as the screen shows it: (name, why) per line."""
    listing = screen.query_one("#left-out", OptionList)
    assert listing.display
    lines = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
    assert lines == [f"{p.name}  {p.why}" for p in screen.left_out]
    return [(p.name, p.why) for p in screen.left_out]


async def test_app_and_cli_leave_out_ask_add_back_and_queue_alike(tmp_path: Path, capsys) -> None:
    """Verify the app's Compose and the CLI's compose, on the same data, leave out the same
    people with the same reasons, refuse or ask at the same size, add back the same person with
    the same warning (never the do-not-contact one), and queue the same people."""
    terminal_home, app_home = tmp_path / "cli-ws", tmp_path / "app-ws"
    ids = build(terminal_home, tmp_path / "a.csv")
    assert build(app_home, tmp_path / "b.csv") == ids
    by_id = {v: k for k, v in ids.items()}
    queued_elsewhere, listed = ids["Person03 Tester03"], ids["Person05 Tester05"]

    # The CLI: refused as a broadcast, then meant; then one of the left-out added back.
    compose = ["compose", "parity", "--template", "reconnect", "--company", "acme"]
    code, _, err = cli(capsys, terminal_home, *compose)
    reason = "20 people match; a campaign is for about 20 (audience.max is 19)"
    assert code == 1 and reason in err
    code, out, err = cli(capsys, terminal_home, *compose, "--allow-large", "--json")
    assert code == 0, err
    expected_left_out = [(p["name"], p["why"]) for p in json.loads(out)["left_out_people"]]
    assert [why for _, why in expected_left_out] == [
        "messaged today", "messaged today", "messaged today", "queued in campaign spring",
        "queued in campaign spring", "on the do-not-contact list",
    ]  # fmt: skip
    code, _, err = cli(capsys, terminal_home, "compose", "parity", "--template", "reconnect",
                       "--contact", listed)  # fmt: skip
    assert code == 1 and "do-not-contact" in err
    code, _, err = cli(capsys, terminal_home, "compose", "parity", "--template", "reconnect",
                       "--contact", queued_elsewhere, "--allow-large")  # fmt: skip
    assert code == 0, err
    ws = Workspace(terminal_home)
    expected = {m.contact_id: m for m in campaigns.preview(ws, "parity").messages}
    ws.close()

    # The app: the same people picked by hand.
    ws = Workspace(app_home)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        app.pick(ids.values())
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert reason in str(app.screen.question)
        await pilot.press("y")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        templates = screen.query_one("#templates", OptionList)
        templates.focus()
        templates.highlighted = templates.get_option_index("reconnect")
        await pilot.press("enter")
        await settle(pilot)
        assert left_out_of(screen) == expected_left_out
        assert len(screen.contacts) == 20
        left_out = screen.query_one("#left-out", OptionList)
        left_out.focus()
        left_out.highlighted = left_out.get_option_index(str(listed))
        await pilot.press("a")
        await settle(pilot)
        assert listed not in {c.id for c in screen.contacts}
        assert any("do-not-contact" in str(n.message) for n in app._notifications)
        left_out.highlighted = left_out.get_option_index(str(queued_elsewhere))
        await pilot.press("a")
        await settle(pilot)
        assert queued_elsewhere in {c.id for c in screen.contacts}
        assert by_id[queued_elsewhere] not in dict(left_out_of(screen))
        screen.query_one("#campaign-name", Input).value = "parity"
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, DispatchScreen)
        stored = {m.contact_id: m for m in campaigns.preview(ws, "parity").messages}
        assert sorted(stored) == sorted(expected)
        assert stored[queued_elsewhere].warnings == expected[queued_elsewhere].warnings
        assert [w.message for w in stored[queued_elsewhere].warnings] == [
            "queued in campaign spring"
        ]
        await pilot.press("ctrl+q")  # everything picked is queued: nothing to lose
        await pilot.pause()
        assert not app.is_running
    ws.close()


async def test_everyone_left_out_is_refused_alike(tmp_path: Path, capsys) -> None:
    """Verify picking only people the rules leave out queues nothing in the app, as the CLI's
    filter for the same people refuses: the same "nobody left" sentence, the list shown."""
    terminal_home, app_home = tmp_path / "cli-ws", tmp_path / "app-ws"
    ids = build(terminal_home, tmp_path / "a.csv")
    build(app_home, tmp_path / "b.csv")
    reached = [ids[f"Person{i:02d} Tester{i:02d}"] for i in range(6)]
    for home in (terminal_home, app_home):
        ws = Workspace(home)
        contacts.tag(ws, "reached", reached)
        ws.close()
    code, _, err = cli(capsys, terminal_home, "compose", "again", "--template", "reconnect",
                       "--tag", "reached")  # fmt: skip
    sentence = (
        "nobody left to write to: 6 matched, all left out (3 messaged in the last 30 days, "
        "2 queued in campaign spring, 1 on the do-not-contact list)"
    )
    assert code == 1 and sentence in err
    ws = Workspace(app_home)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        app.pick(reached)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComposeScreen) and screen.contacts == []
        assert len(left_out_of(screen)) == 6
        await screen.choose_template("reconnect")
        await settle(pilot)
        assert "Everyone picked is left out" in screen.query_one("#mp-body").content.plain
        screen.query_one("#campaign-name", Input).value = "again"
        await pilot.press("f9")
        await settle(pilot)
        assert app.screen is screen
        assert any(sentence in str(n.message) for n in app._notifications)
        assert sorted(c.name for c in campaigns.list_campaigns(ws)) == ["earlier", "spring"]
    ws.close()


async def test_composing_into_an_existing_campaign_counts_its_people_as_in_it(
    tmp_path: Path, capsys
) -> None:
    """Verify that once the campaign name typed is an existing campaign, the app no longer lists
    that campaign's own people as left out ("queued in campaign spring"), as the CLI composing
    into it does: both add the same new people and count the same ones already in it."""
    terminal_home, app_home = tmp_path / "cli-ws", tmp_path / "app-ws"
    ids = build(terminal_home, tmp_path / "a.csv")
    build(app_home, tmp_path / "b.csv")
    group = [ids[f"Person{i:02d} Tester{i:02d}"] for i in (3, 4, 6, 7)]  # 3, 4: in spring
    for home in (terminal_home, app_home):
        ws = Workspace(home)
        contacts.tag(ws, "group", group)
        ws.close()
    code, out, err = cli(capsys, terminal_home, "compose", "spring", "--template", "reconnect",
                         "--tag", "group", "--json")  # fmt: skip
    assert code == 0, err
    report = json.loads(out)
    assert (report["added"], report["already_in"], report["left_out_people"]) == (2, 2, [])

    ws = Workspace(app_home)
    app = make_app(ws)
    async with app.run_test(size=SIZE) as pilot:
        app.pick(group)
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComposeScreen)
        await screen.choose_template("reconnect")
        await settle(pilot)
        assert [why for _, why in left_out_of(screen)] == ["queued in campaign spring"] * 2
        name = screen.query_one("#campaign-name", Input)
        name.focus()
        name.value = ""
        await pilot.press(*"spring")
        await settle(pilot)
        assert screen.left_out == []
        assert not screen.query_one("#left-out", OptionList).display
        assert sorted(c.id for c in screen.contacts) == sorted(group)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, DispatchScreen)
        assert any("Queued 2 message(s) in spring (2 were already in it)" in str(n.message)
                   for n in app._notifications)  # fmt: skip
        assert len(campaigns.preview(ws, "spring").messages) == 4
        await pilot.press("f4")  # back on the name of a campaign that holds all four now
        await settle(pilot)
        assert app.screen is screen and screen.left_out == []
    ws.close()
