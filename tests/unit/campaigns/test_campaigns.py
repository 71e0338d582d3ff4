"""Campaigns: compose in one transaction, warnings, rerender, edit, mark, history, restart."""

from __future__ import annotations

import gc
import json

import pytest
from campaign_fixtures import EVENT, by_contact, codes, ids, user_template

from handpicked.core import campaigns, config
from handpicked.core.clock import today
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.messages.lint.rules import limits, lint_message
from handpicked.core.messages.templates.files import contact_context, discover, find, render
from handpicked.core.models import Reach


def test_compose_stores_campaign_and_messages(ws: Workspace) -> None:
    """Verify compose queues one rendered message per person with the stored values."""
    report = campaigns.compose(
        ws, "data-day", template="event-invitation", variables=EVENT,
        f=AudienceFilter(company="northwind", not_contacted_days=30),
    )  # fmt: skip
    assert (report.added, report.already_in) == (2, 0)
    p = campaigns.preview(ws, "data-day")
    assert (p.template, p.channel, p.variables) == ("event-invitation", "linkedin-message", EVENT)
    assert [m.name for m in p.messages] == ["Bruno Abel", "Alma Zorn"]
    assert all(m.status == "queued" and not m.edited for m in p.messages)
    assert "Hi Bruno," in p.messages[0].body and "the Harbour Data Day" in p.messages[0].body
    row = ws.conn.execute("SELECT filter, created FROM campaigns").fetchone()
    assert json.loads(row["filter"])["filter"]["company"] == "northwind"
    assert row["created"].startswith("2026-11-25")


def test_missing_variable_stores_nothing(ws: Workspace) -> None:
    """Verify a missing value names it and its description, and nothing is stored."""
    with pytest.raises(HandpickedError, match=r"missing the value event_topic \(What it is about"):
        campaigns.compose(
            ws, "data-day", template="event-invitation",
            variables={k: v for k, v in EVENT.items() if k != "event_topic"}, f=AudienceFilter(),
        )  # fmt: skip
    assert ws.conn.execute("SELECT count(*) FROM campaigns").fetchone()[0] == 0
    assert ws.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0


def test_missing_variable_names_the_variant_the_audience_uses(ws: Workspace) -> None:
    """Verify a value missing for French contacts names the French file, and nothing is stored."""
    people = ids(ws)
    contacts.set_contact(ws, people["Dario Basso"], language="fr")
    french = {f"{key}:fr": value for key, value in EVENT.items() if key != "event_topic"}
    with pytest.raises(HandpickedError) as caught:
        campaigns.compose(ws, "gala", template="event-invitation", variables=french,
                          f=None, contact_ids=[people["Dario Basso"]])  # fmt: skip
    assert str(caught.value).startswith("event-invitation.fr.j2: missing the value event_topic (")
    assert "event_name" not in str(caught.value)
    assert ws.conn.execute("SELECT count(*) FROM campaigns").fetchone()[0] == 0
    french["event_topic:fr"] = "les données ouvertes"
    report = campaigns.compose(ws, "gala", template="event-invitation", variables=french,
                               f=None, contact_ids=[people["Dario Basso"]])  # fmt: skip
    assert report.added == 1


def test_language_variant_per_contact(ws: Workspace) -> None:
    """Verify each contact gets the template variant in their language."""
    people = ids(ws)
    contacts.set_contact(ws, people["Dario Basso"], language="fr")
    contacts.set_contact(ws, people["Alma Ruiz"], language="en")
    campaigns.compose(ws, "hello", template="reconnect", variables={},
                      f=AudienceFilter(company="contoso"))  # fmt: skip
    messages = by_contact(ws, "hello")
    assert messages[people["Dario Basso"]].language == "fr"
    assert messages[people["Dario Basso"]].body.startswith("Bonjour")
    assert messages[people["Alma Ruiz"]].language == "en"


def test_compose_into_existing_adds_only_new_people(ws: Workspace) -> None:
    """Verify composing again adds only people not yet in it; another template is refused."""
    people = ids(ws)
    campaigns.compose(ws, "catch-up", template="reconnect", variables={}, f=None,
                      contact_ids=[people["Alma Zorn"]])  # fmt: skip
    northwind = AudienceFilter(company="northwind", not_contacted_days=30)
    report = campaigns.compose(ws, "catch-up", template="reconnect", variables={}, f=northwind)
    assert (report.added, report.already_in) == (1, 1)
    assert len(campaigns.preview(ws, "catch-up").messages) == 2
    with pytest.raises(HandpickedError, match="uses template reconnect"):
        campaigns.compose(ws, "catch-up", template="congratulate", variables={}, f=None,
                          contact_ids=[people["Dario Basso"]])  # fmt: skip


def test_audience_guard_and_allow_large(ws: Workspace) -> None:
    """Verify the audience.max guard refuses before storing, and allow_large lets it through."""
    config.set_value(ws, "audience.max", "3")
    with pytest.raises(HandpickedError, match="5 people match"):
        campaigns.compose(ws, "all", template="reconnect", variables={}, f=AudienceFilter())
    assert ws.conn.execute("SELECT count(*) FROM campaigns").fetchone()[0] == 0
    report = campaigns.compose(ws, "all", template="reconnect", variables={},
                               f=AudienceFilter(), allow_large=True)  # fmt: skip
    assert report.added == 5


def test_empty_audience_is_refused(ws: Workspace) -> None:
    """Verify an audience left empty by the rules is refused with the reason and a hint."""
    people = ids(ws)
    contacts.touched(ws, people["Dario Basso"])
    contacts.touched(ws, people["Alma Ruiz"])
    with pytest.raises(HandpickedError, match=r"2 messaged in the last 30 days"):
        campaigns.compose(ws, "x", template="reconnect", variables={},
                          f=AudienceFilter(company="contoso", not_contacted_days=30))  # fmt: skip
    with pytest.raises(HandpickedError, match="nobody matches"):
        campaigns.compose(ws, "x", template="reconnect", variables={},
                          f=AudienceFilter(company="nobody-here"))  # fmt: skip


def test_warning_too_long_and_sales_pitch(ws: Workspace) -> None:
    """Verify the channel limit from settings and a cold-selling phrase produce warnings."""
    config.set_value(ws, "limits.linkedin_message", "120")
    variables = {**EVENT, "event_topic": "how to book a demo of our product"}
    campaigns.compose(ws, "pitchy", template="event-invitation", variables=variables, f=None,
                      contact_ids=[ids(ws)["Alma Zorn"]])  # fmt: skip
    (message,) = campaigns.preview(ws, "pitchy").messages
    assert codes(message) == ["too-long", "sales-pitch"]
    assert "allows 120" in message.warnings[0].message


def test_warning_empty_field(ws: Workspace) -> None:
    """Verify a printed contact field that is empty for someone is flagged empty-field."""
    user_template(ws, "where", "Hi {{ greeting_name }}, how is {{ company }}?\n")
    campaigns.compose(ws, "where", template="where", variables={}, f=None,
                      contact_ids=[ids(ws)["Chloe Mercier"], ids(ws)["Alma Zorn"]])  # fmt: skip
    messages = by_contact(ws, "where")
    assert codes(messages[ids(ws)["Chloe Mercier"]]) == ["empty-field"]
    assert codes(messages[ids(ws)["Alma Zorn"]]) == []


def test_warning_not_personal_identical_bodies(ws: Workspace) -> None:
    """Verify two identical bodies are both flagged not-personal, and an edit clears it."""
    user_template(ws, "hi", "Hi {{ greeting_name }}, a quick hello.\n")
    people = ids(ws)
    campaigns.compose(ws, "hi", template="hi", variables={}, f=None,
                      contact_ids=[people["Alma Zorn"], people["Alma Ruiz"]])  # fmt: skip
    messages = by_contact(ws, "hi")
    assert codes(messages[people["Alma Zorn"]]) == ["not-personal"]
    assert "identical to 1 other message" in messages[people["Alma Ruiz"]].warnings[0].message
    campaigns.edit_message(ws, "hi", people["Alma Ruiz"], "Hi Alma, how was the trip?")
    messages = by_contact(ws, "hi")
    assert codes(messages[people["Alma Zorn"]]) == []
    assert codes(messages[people["Alma Ruiz"]]) == []


def test_warning_not_personal_template(ws: Workspace) -> None:
    """Verify a template using no contact variable is flagged not-personal on every message."""
    user_template(ws, "flat", "Hello, a note for everyone.\n")
    campaigns.compose(ws, "flat", template="flat", variables={}, f=None,
                      contact_ids=[ids(ws)["Alma Zorn"]])  # fmt: skip
    (message,) = campaigns.preview(ws, "flat").messages
    assert codes(message) == ["not-personal"]
    assert "uses no contact variable" in message.warnings[0].message


def test_named_recent_contact_gets_warning(ws: Workspace) -> None:
    """Verify an explicitly named, recently reached contact is kept with recently-contacted."""
    people = ids(ws)
    contacts.touched(ws, people["Dario Basso"])
    report = campaigns.compose(
        ws, "named", template="reconnect", variables={},
        f=AudienceFilter(company="contoso", not_contacted_days=30),
        contact_ids=[people["Dario Basso"]],
    )  # fmt: skip
    assert report.added == 2 and report.left_out == {"messaged": 0, "queued": 0,
                                                     "do_not_contact": 0}  # fmt: skip
    message = by_contact(ws, "named")[people["Dario Basso"]]
    assert codes(message) == ["recently-contacted"]
    assert message.warnings[0].message == "messaged today"


def test_named_contact_queued_elsewhere_is_warned_as_queued(ws: Workspace) -> None:
    """Verify someone only queued in another campaign is kept when named, and their warning
    names that campaign instead of saying they were contacted."""
    people = ids(ws)
    campaigns.compose(ws, "first", template="reconnect", variables={}, f=None,
                      contact_ids=[people["Dario Basso"]])  # fmt: skip
    rule = AudienceFilter(company="contoso", not_contacted_days=30)
    report = campaigns.compose(ws, "second", template="reconnect", variables={}, f=rule)
    assert report.left_out == {"messaged": 0, "queued": 1, "do_not_contact": 0}
    assert [(p.name, p.why) for p in report.left_out_people] == [
        ("Dario Basso", "queued in campaign first")
    ]
    campaigns.compose(ws, "second", template="reconnect", variables={}, f=rule,
                      contact_ids=[people["Dario Basso"]])  # fmt: skip
    message = by_contact(ws, "second")[people["Dario Basso"]]
    assert [(w.code, w.message) for w in message.warnings] == [
        ("recently-contacted", "queued in campaign first")
    ]


def test_introduce_exactly_two(ws: Workspace) -> None:
    """Verify introduce needs exactly two people and each message names the other one."""
    people = ids(ws)
    pair = [people["Alma Zorn"], people["Dario Basso"]]
    with pytest.raises(HandpickedError, match=r"exactly two people.*would have 3"):
        campaigns.compose(ws, "intro", template="introduce", variables={"reason": "data"},
                          f=None, contact_ids=[*pair, people["Bruno Abel"]])  # fmt: skip
    campaigns.compose(ws, "intro", template="introduce", variables={"reason": "data"}, f=None,
                      contact_ids=pair)  # fmt: skip
    messages = by_contact(ws, "intro")
    assert messages[pair[0]].subject == "Alma, meet Dario Basso"
    assert "introduce you to Alma Zorn" in messages[pair[1]].body


def test_rerender_leaves_edited_alone(ws: Workspace) -> None:
    """Verify rerender applies new values to queued messages but keeps hand-edited ones."""
    people = ids(ws)
    campaigns.compose(ws, "day", template="event-invitation", variables=EVENT,
                      f=AudienceFilter(company="northwind"))  # fmt: skip
    campaigns.edit_message(ws, "day", people["Alma Zorn"], "Alma, come to the Data Day!")
    report = campaigns.rerender(ws, "day", {"event_place": "the Science Centre"})
    assert (report.added, report.already_in) == (1, 1)
    messages = by_contact(ws, "day")
    assert "the Science Centre" in messages[people["Bruno Abel"]].body
    assert messages[people["Alma Zorn"]].body == "Alma, come to the Data Day!"
    assert messages[people["Alma Zorn"]].edited
    assert campaigns.preview(ws, "day").variables["event_place"] == "the Science Centre"


def test_draft_stores_nothing(ws: Workspace) -> None:
    """Verify draft renders and lints for a live preview without storing anything."""
    people = contacts.get_contacts(ws, [ids(ws)["Alma Zorn"], ids(ws)["Alma Ruiz"]])
    user_template(ws, "hi", "Hi {{ greeting_name }}.\n")
    views = campaigns.draft(ws, "hi", {}, people)
    assert [v.status for v in views] == ["draft", "draft"]
    assert [codes(v) for v in views] == [["not-personal"], ["not-personal"]]
    assert ws.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0


def test_draft_gives_what_render_and_lint_give_each_person(ws: Workspace) -> None:
    """Verify a campaign's messages are those render and lint_message make one by one."""
    user_template(
        ws,
        "many",
        """\
        Hi {{ greeting_name }} {{ full_name }}{% if fields.formal %}, {{ fields.formal }}{% endif %}
        {% if company and not position %}At {{ company }}.{% else %}{{ position }}.{% endif %}
        {{ tags | join(', ') }} {{ years_connected }} {{ me.name }} {{ topic }}, our product
        """,
        front='subject = "{{ first_name }}, {{ topic }}"\nchannel = "email"\n[variables]\ntopic = "x"\n',
    )
    people = contacts.list_contacts(ws)
    contacts.tag(ws, "forum", [people[0].id])
    people = contacts.list_contacts(ws)
    recent = {people[1].id: Reach(messaged_days=4)}
    views = campaigns.draft(ws, "many", {"topic": "AI"}, people, recent)
    template = find(discover(ws.templates_dir), "many", "en")
    settings = config.load(ws)
    me = {"name": settings.me.name, "signature": settings.me.signature}
    bodies = []
    for person, view in zip(people, views, strict=True):
        context = contact_context(person, today=today(), me=me)
        message = render(template, context, {"topic": "AI"})
        warnings = lint_message(
            template=template, rendered=message, context=context,
            limits=limits(settings), reached=recent.get(person.id),
        )  # fmt: skip
        assert (view.subject, view.body, view.warnings) == (message.subject, message.body, warnings)
        bodies.append(message.body)
    assert "forum" in bodies[0] and any("sales-pitch" in codes(v) for v in views)


def test_draft_leaves_the_garbage_collector_as_it_was(ws: Workspace) -> None:
    """Verify draft turns the collector back on (only if it was on) with nothing left frozen."""
    people = contacts.list_contacts(ws)
    assert gc.isenabled()
    views = campaigns.draft(ws, "reconnect", {}, people)
    assert gc.isenabled() and gc.get_freeze_count() == 0 and len(views) == len(people)
    gc.disable()
    try:
        campaigns.draft(ws, "reconnect", {}, people)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_draft_views_are_the_validated_views(ws: Workspace) -> None:
    """Verify a draft's views, built without validation, equal MessageView's validated ones."""
    people = contacts.list_contacts(ws)
    recent = {people[0].id: Reach(messaged_days=2)}
    for view in campaigns.draft(ws, "event-invitation", EVENT, people, recent):
        checked = campaigns.MessageView(**view.model_dump())
        assert view == checked and view.model_dump_json() == checked.model_dump_json()
        assert view.model_fields_set == checked.model_fields_set
        assert (view.model_extra, view.__pydantic_private__) == (None, None)
        assert [type(w) for w in view.warnings] == [type(w) for w in checked.warnings]
        view.body = "edited"  # a view stays an ordinary model
        assert view.model_dump()["body"] == "edited" and view.model_copy().body == "edited"


def test_draft_lints_hand_edits_as_they_will_be_queued(ws: Workspace) -> None:
    """Verify a hand edit is shown tidied and flagged, with the warnings edit_message stores."""
    people = contacts.list_contacts(ws)[:3]
    text = "Hello,  \nwe have a special discount for you this month.\n\n"
    edits = {people[0].id: (text, None), people[1].id: (text, None)}
    views = campaigns.draft(ws, "reconnect", {}, people, None, edits)
    first, second, third = views
    assert first.edited and second.edited and not third.edited
    assert first.body == "Hello,\nwe have a special discount for you this month."
    assert codes(first) == ["sales-pitch", "not-personal"]  # and identical to the second
    assert "special discount" not in third.body and "not-personal" not in codes(third)
    campaigns.compose(ws, "later", template="reconnect", variables={}, f=None,
                      contact_ids=[p.id for p in people])  # fmt: skip
    for person in people[:2]:
        campaigns.edit_message(ws, "later", person.id, text)
    stored = {m.contact_id: m for m in campaigns.preview(ws, "later").messages}
    assert [v.warnings for v in views] == [stored[p.id].warnings for p in people]
    assert [v.body for v in views] == [stored[p.id].body for p in people]
