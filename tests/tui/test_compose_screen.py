"""Compose screen: template, campaign values, live preview and warnings, hand edits, queueing."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pilot_wait import workers_done
from textual.widgets import Input, OptionList, Static, TextArea

from handpicked.core import campaigns
from handpicked.core.clock import now
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace, transaction
from handpicked.tui.app import make_app
from handpicked.tui.screens.compose import ComposeScreen
from handpicked.tui.screens.confirm import Confirm
from handpicked.tui.screens.dispatch import DispatchScreen
from handpicked.tui.screens.message_editor import MessageEditor
from handpicked.tui.widgets.message_preview import MessagePreview

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PEOPLE = """\
    Alma,Zorn,https://linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021
    Chloe,Mercier,https://linkedin.com/in/chloe-mercier,,,Designer,20 Jun 2022
    Dario,Basso,https://linkedin.com/in/dario-basso,dario@example.com,Contoso,Engineer,01 Feb 2020
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


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """Three people (Chloe has no company) and a connection-note template with one value."""
    path = tmp_path / "Connections.csv"
    path.write_text(f"{HEADER}\n{textwrap.dedent(PEOPLE)}", encoding="utf-8")
    workspace = Workspace(tmp_path / "ws")
    assert import_paths(workspace, [path])[0].error is None
    workspace.templates_dir.mkdir(parents=True, exist_ok=True)
    (workspace.templates_dir / "note.en.j2").write_text(textwrap.dedent(NOTE), encoding="utf-8")
    yield workspace
    workspace.close()


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    """A short debounce keeps the tests fast; the behaviour is the same."""
    monkeypatch.setattr(ComposeScreen, "DEBOUNCE", 0.02)


def people(ws: Workspace) -> dict[str, int]:
    return {c.first_name: c.id for c in contacts.list_contacts(ws)}


async def settle(pilot) -> None:
    """Let the debounce fire and the draft worker post its result."""
    await pilot.pause(ComposeScreen.DEBOUNCE + 0.05)
    await workers_done(pilot.app)
    await pilot.pause()


async def open_compose(pilot, template: str = "note", *, f4: bool = True) -> ComposeScreen:
    """F4 (unless already there), then pick `template` in the list with enter."""
    if f4:
        await pilot.press("f4")
    for _ in range(50):
        await pilot.pause()
        if isinstance(pilot.app.screen, ComposeScreen):
            break
    screen = pilot.app.screen
    assert isinstance(screen, ComposeScreen)
    listing = screen.query_one("#templates", OptionList)
    listing.focus()
    listing.highlighted = listing.get_option_index(template)
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def type_value(pilot, screen: ComposeScreen, key: str, text: str) -> None:
    field = screen.query_one(f"#var-{key}", Input)
    field.focus()
    await pilot.press(*text)
    await settle(pilot)


def highlight(screen: ComposeScreen, contact_id: int) -> None:
    screen.query_one("#recipients", OptionList).highlighted = screen.query_one(
        "#recipients", OptionList
    ).get_option_index(str(contact_id))


async def rewrite(pilot, screen: ComposeScreen, contact_id: int, text: str) -> None:
    """F7 on one person's message, the editor's text replaced, ctrl+s, then the new draft."""
    highlight(screen, contact_id)
    await pilot.press("f7")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, MessageEditor)
    editor.query_one(TextArea).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_template_values_preview_count_and_warnings(ws: Workspace) -> None:
    """Verify typing a value re-renders the preview, with the count and the lint's warnings."""
    ids = people(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick([ids["Alma"], ids["Chloe"]])
        screen = await open_compose(pilot)
        preview = screen.query_one(MessagePreview)
        assert "‹topic›" in preview.body_text  # an empty value shows as a placeholder
        assert "topic" in str(screen.query_one("#compose-status", Static).content)
        assert screen.query_one("#campaign-name", Input).value == "note-2026-11-25"
        await type_value(pilot, screen, "topic", "open data")
        highlight(screen, ids["Alma"])
        await pilot.pause()
        body = "Hi Alma, I saw your work at Northwind on open data. Could we talk?"
        assert preview.body_text == body
        assert preview.count_text == f"{len(body)} / 200"
        highlight(screen, ids["Chloe"])
        await pilot.pause()
        assert "empty-field" in preview.warning_codes
        screen.query_one("#var-topic", Input).value += " and" * 60  # pasted, not typed
        await settle(pilot)
        assert "too-long" in preview.warning_codes
        assert preview.count_text.endswith("too many)")


async def test_hand_edit_is_applied_after_queueing(ws: Workspace) -> None:
    """Verify an edit made before queueing is stored as a hand edit, then Dispatch opens."""
    ids = people(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick([ids["Alma"], ids["Dario"]])
        screen = await open_compose(pilot)
        await type_value(pilot, screen, "topic", "open data")
        await rewrite(pilot, screen, ids["Dario"], "Dario, your talk on sensors stayed with me.")
        assert app.screen is screen
        preview = screen.query_one(MessagePreview)
        assert preview.body_text.startswith("Dario, your talk")
        name = screen.query_one("#campaign-name", Input)
        name.value = "spring-notes"
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, DispatchScreen)
        stored = {m.contact_id: m for m in campaigns.preview(ws, "spring-notes").messages}
        assert stored[ids["Dario"]].edited is True
        assert stored[ids["Dario"]].body.startswith("Dario, your talk on sensors")
        assert stored[ids["Alma"]].edited is False


async def test_undo_edit_restores_template_text(ws: Workspace) -> None:
    """Verify F8 drops the hand edit and the preview shows the template's text again."""
    ids = people(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick([ids["Alma"]])
        screen = await open_compose(pilot)
        await type_value(pilot, screen, "topic", "maps")
        await pilot.press("f7")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "Something else entirely"
        await pilot.press("ctrl+s")
        await pilot.pause()
        preview = screen.query_one(MessagePreview)
        assert preview.body_text == "Something else entirely"
        await pilot.press("f8")
        await pilot.pause()
        assert preview.body_text.startswith("Hi Alma")
        assert screen.edits == {}


async def test_queue_refused_while_a_value_is_missing(ws: Workspace) -> None:
    """Verify queueing with an empty campaign value shows core's error and stores nothing."""
    ids = people(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick([ids["Alma"]])
        screen = await open_compose(pilot)
        await pilot.press("f9")
        await pilot.pause()
        assert app.screen is screen
        assert campaigns.list_campaigns(ws) == []
        assert any("topic" in n.message for n in app._notifications)


def add_people(ws: Workspace, count: int) -> list[int]:
    stamp = now()
    with transaction(ws.conn) as conn:
        return [
            conn.execute(
                "INSERT INTO contacts(first_name, last_name, company, imported_at, updated_at)"
                " VALUES (?, ?, 'Acme', ?, ?)",
                (f"P{i:02d}", "Test", stamp, stamp),
            ).lastrowid
            for i in range(count)
        ]


async def test_audience_guard_asks_before_a_broadcast(ws: Workspace) -> None:
    """Verify 26 people are refused until the user confirms (a question with no CLI flag in it),
    then all 26 are queued."""
    ids = add_people(ws, 26)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick(ids)
        await app.switch_mode("compose")  # not through F4, whose own question is the app's
        await pilot.pause()
        screen = await open_compose(pilot, f4=False)
        await type_value(pilot, screen, "topic", "x")
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "26 people" in str(app.screen.question)
        assert "--" not in str(app.screen.question)  # the CLI's --allow-large means nothing here
        await pilot.press("n")
        await pilot.pause()
        assert campaigns.list_campaigns(ws) == []
        await pilot.press("f9")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DispatchScreen)
        assert len(campaigns.preview(ws, "note-2026-11-25").messages) == 26


async def test_nobody_picked_says_where_to_pick(ws: Workspace) -> None:
    """Verify an empty audience shows a sentence pointing to Contacts instead of a preview."""
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_compose(pilot)
        body = screen.query_one("#mp-body", Static).content
        assert "Contacts (F2)" in str(body)


async def test_hostile_names_are_shown_literally(ws: Workspace, text_of) -> None:
    """Verify markup and escapes in contact fields are shown as text and never reach the terminal."""
    stamp = now()
    with transaction(ws.conn) as conn:
        hostile = conn.execute(
            "INSERT INTO contacts(first_name, last_name, company, imported_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            ("[bold red]x[/]", "\x1b[31mred", "[link=http://x]y[/link]", stamp, stamp),
        ).lastrowid
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick([hostile])
        screen = await open_compose(pilot)
        await type_value(pilot, screen, "topic", "data")
        prompt = screen.query_one("#recipients", OptionList).get_option(str(hostile)).prompt
        assert "[bold red]x[/]" in prompt.plain
        assert "\x1b" not in prompt.plain
        body = screen.query_one("#mp-body", Static).content
        assert "[link=http://x]y[/link]" in body.plain
        assert "\x1b" not in body.plain
        shown = text_of(app)
        assert "[link=http://x]y[/link]" in shown
        assert "[bold red]x[/]" in shown
        assert "\x1b" not in shown


NOTE_FR = """\
    +++
    description = "Une courte note de connexion"
    channel = "connection-note"

    [variables]
    topic = "Le sujet dont vous aimeriez parler"
    +++
    Bonjour {{ greeting_name }}, j'ai vu votre travail chez {{ company }} sur {{ topic }}.
"""


def bilingual(ws: Workspace) -> dict[str, int]:
    """The note in French too, Dario reading French and Alma English; name -> id."""
    (ws.templates_dir / "note.fr.j2").write_text(textwrap.dedent(NOTE_FR), encoding="utf-8")
    ids = people(ws)
    contacts.set_contact(ws, ids["Dario"], language="fr")
    contacts.set_contact(ws, ids["Alma"], language="en")
    return ids


async def test_each_language_can_have_its_own_value(ws: Workspace) -> None:
    """Verify a bilingual audience gets an optional French input per value, which the French
    message prints and the English one does not, and which is queued as `topic:fr`."""
    ids = bilingual(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick([ids["Alma"]])
        screen = await open_compose(pilot)
        assert not screen.query("#var-topic-fr")  # one language: one input per value
        app.pick([ids["Alma"], ids["Dario"]])
        await app.switch_mode("contacts")
        await pilot.press("f4")
        await settle(pilot)
        assert screen.query_one("#var-topic-fr", Input)
        await type_value(pilot, screen, "topic", "open data")
        screen.query_one("#var-topic-fr", Input).value = "les données ouvertes"
        await settle(pilot)
        preview = screen.query_one(MessagePreview)
        highlight(screen, ids["Dario"])
        await pilot.pause()
        assert "sur les données ouvertes." in preview.body_text
        highlight(screen, ids["Alma"])
        await pilot.pause()
        assert "on open data." in preview.body_text
        screen.query_one("#campaign-name", Input).value = "both"
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, DispatchScreen)
        stored = {m.contact_id: m.body for m in campaigns.preview(ws, "both").messages}
        assert "les données ouvertes" in stored[ids["Dario"]]
        assert "open data" in stored[ids["Alma"]]
        assert campaigns.preview(ws, "both").variables == {
            "topic": "open data", "topic:fr": "les données ouvertes"
        }  # fmt: skip


async def test_a_hand_edit_is_linted_before_queueing(ws: Workspace) -> None:
    """Verify a rewrite that reads like a pitch and runs past the note's 200 characters shows
    both warnings at once, and the queued message keeps exactly those warnings."""
    ids = people(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick([ids["Alma"], ids["Dario"]])
        screen = await open_compose(pilot)
        await type_value(pilot, screen, "topic", "open data")
        pitch = "Dario, book a demo of our platform this week. " + "Really. " * 25
        await rewrite(pilot, screen, ids["Dario"], pitch)
        preview = screen.query_one(MessagePreview)
        assert preview.body_text.startswith("Dario, book a demo")
        assert {"sales-pitch", "too-long"} <= set(preview.warning_codes)
        assert "edited by hand" in str(preview.border_subtitle)
        await pilot.press("f9")
        await pilot.pause()
        stored = {m.contact_id: m for m in campaigns.preview(ws, "note-2026-11-25").messages}
        assert [w.code for w in stored[ids["Dario"]].warnings] == preview.warning_codes
        assert stored[ids["Dario"]].edited and not stored[ids["Alma"]].edited


async def test_a_value_name_with_accents_gets_its_input(ws: Workspace) -> None:
    """Verify a French template's value named `sujet_abordé` (a valid name, not a valid widget
    id) gets an input, and what is typed there reaches the message."""
    template = NOTE.replace("topic =", '"sujet_abordé" =').replace("topic", "sujet_abordé")
    (ws.templates_dir / "note.en.j2").write_text(textwrap.dedent(template), encoding="utf-8")
    ids = people(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick([ids["Alma"]])
        screen = await open_compose(pilot)
        field = next(i for i in screen.query(Input) if i.name == "sujet_abordé")
        field.value = "les données"
        await settle(pilot)
        assert "on les données." in screen.query_one(MessagePreview).body_text


async def test_people_show_their_language_when_the_audience_reads_two(ws: Workspace) -> None:
    """Verify each person's line names the language of their message once there are two."""
    ids = bilingual(ws)
    app = make_app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        app.pick([ids["Alma"], ids["Dario"]])
        screen = await open_compose(pilot)
        listing = screen.query_one("#recipients", OptionList)
        lines = sorted(str(listing.get_option_at_index(i).prompt) for i in range(2))
        assert lines == ["Alma Zorn  en", "Dario Basso  fr"]
