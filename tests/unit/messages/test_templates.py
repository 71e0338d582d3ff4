"""Templates: front matter, discovery, language fallback, sandboxed rendering, shipped templates."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest

from handpicked.core.errors import HandpickedError, Hint
from handpicked.core.messages.lint.rules import lint_message
from handpicked.core.messages.templates.files import (
    CONTACT_VARIABLES,
    ContextMaker,
    RenderedMessage,
    Template,
    check_variables,
    contact_context,
    discover,
    find,
    load_template,
    render,
    render_texts,
    shipped_templates_dir,
    values_for,
    variants,
)
from handpicked.core.models import Contact, PreviousPosition

TODAY = dt.date(2025, 6, 1)
ME = {"name": "Pat Writer", "signature": "Pat Writer\nWriter & Co."}


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def person(**changes: object) -> Contact:
    base = {
        "id": 12,
        "first_name": "Alex",
        "last_name": "Sample",
        "greeting_name": "Alex",
        "company": "Acme Logistics",
        "position": "Director of Operations",
        "connected_on": dt.date(2018, 3, 4),
        "sector": "Transportation",
        "function": "Operations",
        "seniority": "Director",
        "tags": ["forum-2024"],
        "notes": "Met at the spring forum",
    }
    return Contact(**{**base, **changes})


def quick(body: str, **front: str) -> Template:
    return Template(name="t", language="en", body=body, path="", **front)


def rendered(body: str, contact: Contact, **vars: str) -> RenderedMessage:
    context = contact_context(contact, today=TODAY, me=ME)
    return render(quick(body), context, vars)


# --- files ---------------------------------------------------------------------------------


def test_load_template_reads_front_matter_and_body(tmp_path: Path) -> None:
    """Verify a well-formed file gives name and language from its file name, and FILE lines."""
    path = write(
        tmp_path,
        "event-invitation.fr.j2",
        """
        +++
        description = "Inviter"
        channel = "inmail"
        subject = "Invitation : {{ event_name }}"

        [variables]
        event_name = "Nom de l'événement"
        +++
        Bonjour {{ greeting_name }},
        """,
    )
    template = load_template(path)
    assert (template.name, template.language, template.channel) == (
        "event-invitation",
        "fr",
        "inmail",
    )
    assert template.variables == {"event_name": "Nom de l'événement"}
    assert template.subject == "Invitation : {{ event_name }}"
    assert template.body.startswith("Bonjour {{ greeting_name }},")
    assert (template.body_line, template.subject_line) == (9, 4)


def test_front_matter_name_and_language_override_file_name(tmp_path: Path) -> None:
    """Verify name and language set in the front matter win over the file name."""
    path = write(tmp_path, "x.j2", '+++\nname = "hello"\nlanguage = "FR"\n+++\nSalut\n')
    template = load_template(path)
    assert (template.name, template.language, template.channel) == (
        "hello",
        "fr",
        "linkedin-message",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('+++\nchannel = "email\n+++\nHi\n', r"x\.en\.j2:2: the front matter is not valid TOML"),
        ("Hi {{ first_name }}\n", r"x\.en\.j2:1: a template starts with a \+\+\+ line"),
        ('+++\nchannel = "email"\nHi\n', r"x\.en\.j2: the front matter .* is never closed"),
        ('+++\nchannel = "fax"\n+++\nHi\n', r"x\.en\.j2: channel 'fax' is not one of .*email"),
        ('+++\nchanel = "email"\n+++\nHi\n', r"x\.en\.j2: unknown front matter key chanel"),
        ('+++\nchannel = "inmail"\n+++\nHi\n', r"x\.en\.j2: an inmail needs a subject"),
        ('+++\nsubject = "Hi"\n+++\nHi\n', r"x\.en\.j2: a linkedin-message has no subject"),
        ('+++\n[variables]\ncompany = "x"\n+++\nHi\n', r"variable company has the name of a"),
        ("+++\n+++\n\n", r"x\.en\.j2: there is no message after the front matter"),
        ("+++\n+++\nHi {{ first_name }\n", r"x\.en\.j2:3: unexpected '}' — fix the template$"),
    ],
)
def test_bad_template_file_is_one_clear_error(tmp_path: Path, text: str, expected: str) -> None:
    """Verify every malformed file raises a HandpickedError naming the file (and line)."""
    path = tmp_path / "x.en.j2"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HandpickedError, match=expected):
        load_template(path)


def test_file_without_language_needs_one_in_front_matter(tmp_path: Path) -> None:
    """Verify a file named NAME.j2 without a language key is refused with the fix."""
    path = write(tmp_path, "hello.j2", "+++\n+++\nHi {{ first_name }}\n")
    with pytest.raises(HandpickedError, match=r"hello\.j2: no language; name the file"):
        load_template(path)


def test_shipped_templates_dir_is_the_repo_folder_in_a_checkout() -> None:
    """Verify a source checkout finds the repo's templates/ folder."""
    assert shipped_templates_dir() == Path(__file__).resolve().parents[3] / "templates"


def test_discover_lets_the_user_override_and_add(tmp_path: Path) -> None:
    """Verify a workspace template replaces the shipped one of same name and language only."""
    mine = tmp_path / "templates"
    write(mine, "congratulate.en.j2", "+++\n+++\nBravo {{ greeting_name }}\n")
    write(mine, "thanks.fr.j2", "+++\n+++\nMerci {{ greeting_name }}\n")
    write(mine, "notes.txt", "not a template")
    found = discover(mine)
    keys = [(t.name, t.language) for t in found]
    assert keys == sorted(keys)
    assert ("thanks", "fr") in keys
    both = variants(found, "congratulate")
    assert both["en"].body.startswith("Bravo") and Path(both["en"].path).parent == mine
    assert Path(both["fr"].path).parent == shipped_templates_dir()
    assert len(discover(None)) == len(found) - 1


def test_discover_refuses_two_files_for_one_variant(tmp_path: Path) -> None:
    """Verify two files defining the same name and language in one folder are an error."""
    write(tmp_path, "a.en.j2", "+++\n+++\nHi\n")
    write(tmp_path, "b.en.j2", '+++\nname = "a"\n+++\nHello\n')
    with pytest.raises(HandpickedError, match=r"a\.en\.j2 already defines a in en"):
        discover(tmp_path)


def test_find_falls_back_to_the_other_language() -> None:
    """Verify find() picks the contact's language, else the variant that exists."""
    english = quick("Hi")
    french = Template(name="t", language="fr", body="Salut")
    only_en = Template(name="solo", language="en", body="Hi")
    templates = [english, french, only_en]
    assert find(templates, "t", "fr") is french
    assert find(templates, "t", "en") is english
    assert find(templates, "solo", "fr") is only_en
    assert find(templates, "t", None) is english
    with pytest.raises(HandpickedError, match=r"no template named 'sol'; .*solo, t\. Did you mean"):
        find(templates, "sol", "en")


def test_edited_template_is_recompiled(tmp_path: Path) -> None:
    """Verify the compile cache follows the file's content, so an edit shows at once."""
    path = write(tmp_path, "x.en.j2", "+++\n+++\nHi {{ first_name }}\n")
    context = contact_context(person(), today=TODAY, me=ME)
    assert render(load_template(path), context, {}).body == "Hi Alex"
    path.write_text("+++\n+++\nHello {{ first_name }}\n", encoding="utf-8")
    assert render(load_template(path), context, {}).body == "Hello Alex"


# --- context ---------------------------------------------------------------------------------


def test_contact_context_gives_the_documented_variables() -> None:
    """Verify the context's values: fallbacks, previous position, years, unclassified as ""."""
    contact = person(
        greeting_name="",
        sector="Unclassified",
        previous_positions=[
            PreviousPosition(company="Old Co", position="Analyst", until=dt.date(2015, 1, 1)),
            PreviousPosition(company="Northwind", position="Manager", until=dt.date(2020, 1, 1)),
        ],
        fields={"formal": "tu"},
    )
    context = contact_context(contact, today=dt.date(2025, 3, 3), me={"name": "Pat"})
    assert context["greeting_name"] == "Alex"
    assert context["full_name"] == "Alex Sample"
    assert context["previous_position"] == "Manager, Northwind"
    assert context["years_connected"] == 6  # the 7th anniversary is tomorrow
    assert (context["sector"], context["function"]) == ("", "Operations")
    assert context["note"] == "Met at the spring forum"
    assert context["fields"]["formal"] == "tu" and context["fields"]["missing"] == ""
    assert (context["me"]["name"], context["me"]["signature"]) == ("Pat", "")
    assert "other" not in context
    unconnected = contact_context(person(connected_on=None), today=TODAY, me={})
    assert unconnected["years_connected"] is None and unconnected["previous_position"] == ""


@pytest.mark.parametrize(
    "contact",
    [
        person(),
        person(greeting_name="", first_name="", last_name="Solo", fields={"formal": "tu"}),
        person(first_name=" Jo \n", position="VP\u00a0 Sales ", company="", connected_on=None),
        Contact(id=3, previous_positions=[PreviousPosition(company="Old", position="Dev")]),
    ],
)
def test_context_maker_is_contact_context_for_the_variables_used(contact: Contact) -> None:
    """Verify ContextMaker gives exactly contact_context's values for the variables it is asked."""
    full = contact_context(contact, today=TODAY, me=ME, other=person(id=99))
    maker = ContextMaker(CONTACT_VARIABLES, today=TODAY, me=ME)
    assert maker(contact, person(id=99)) == full
    few = ContextMaker(["company", "greeting_name", "other"], today=TODAY, me=ME)(contact)
    assert few == {"company": full["company"], "greeting_name": full["greeting_name"], "me": ME}


# --- rendering -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "company", ["{{ 7*7 }}", "{% for x in y %}", "[bold]x[/]", "{{ ''.__class__ }}"]
)
def test_hostile_field_renders_literally(company: str) -> None:
    """Verify a contact field is data: Jinja2 or Rich markup in it prints as written."""
    message = rendered("{{ company }} / {{ first_name }}", person(company=company))
    assert message.body == f"{company} / Alex"


def test_undefined_variable_names_file_line_and_contact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Verify StrictUndefined becomes file:FILE-line: variable (contact) with a relative path."""
    monkeypatch.chdir(tmp_path)
    path = write(
        tmp_path / "templates",
        "x.en.j2",
        """
        +++
        description = "x"
        +++
        Hi {{ greeting_name }},

        {% if company %}
        See you on {{ event_date }}.
        {% endif %}
        """,
    )
    template = load_template(path)
    context = contact_context(person(), today=TODAY, me=ME)
    expected = "templates/x.en.j2:7: 'event_date' is undefined (contact: Alex Sample, id 12)"
    with pytest.raises(HandpickedError) as caught:
        render(template, context, {}, contact_label="Alex Sample, id 12")
    assert str(caught.value) == expected
    assert render(template, {**context, "company": ""}, {}).body == "Hi Alex,"


def test_sandbox_blocks_attribute_escapes() -> None:
    """Verify `''.__class__.__mro__` in a template is a clear error, not Python internals."""
    template = quick("Hi\n{{ ''.__class__.__mro__ }}")
    context = contact_context(person(), today=TODAY, me=ME)
    with pytest.raises(
        HandpickedError, match=r"^t\.en\.j2:2: access to attribute '__class__'.*unsafe"
    ):
        render(template, context, {}, contact_label="Alex")


def test_subject_errors_point_at_the_subject_line(tmp_path: Path) -> None:
    """Verify an error in the subject names the front matter line holding it."""
    path = write(tmp_path, "x.en.j2", '+++\nchannel = "email"\nsubject = "{{ nope }}"\n+++\nHi\n')
    with pytest.raises(HandpickedError, match=r"x\.en\.j2:3: 'nope' is undefined"):
        render(load_template(path), contact_context(person(), today=TODAY, me=ME), {})


def test_check_variables_names_the_missing_var(tmp_path: Path) -> None:
    """Verify a missing or blank campaign value is refused with its --var and description."""
    template = Template(
        name="event-invitation",
        language="fr",
        body="{{ event_name }}",
        path=str(tmp_path / "event-invitation.fr.j2"),
        variables={"event_name": "Name of the event"},
    )
    message = "event-invitation.fr.j2: missing the value event_name (Name of the event)"
    for given in ({}, {"event_name": "  "}):
        with pytest.raises(HandpickedError) as caught:
            check_variables(template, given)
        assert str(caught.value) == message
        assert (caught.value.hint, caught.value.facts) == (
            Hint.MISSING_VALUES,
            {"key": "event_name"},
        )
    check_variables(template, {"event_name": "Forum"})
    context = contact_context(person(), today=TODAY, me=ME)
    with pytest.raises(HandpickedError, match="missing the value event_name"):
        render(template, context, {})


def test_printed_counts_output_not_tests() -> None:
    """Verify `printed` holds variables actually printed, not those only tested or guarded."""
    contact = person(company="", fields={"formal": "tu"})
    assert rendered("{% if company %}x{% endif %}{{ first_name }}", contact).printed == {
        "first_name"
    }
    assert rendered("{{ company }}.", contact).printed == {"company"}
    assert rendered("{% if company %}at {{ company }}{% endif %}", contact).printed == set()
    assert rendered("{{ company or 'your team' }}", contact).printed == set()
    either = "{% if company %}{{ company }}{% else %}{{ position }}{% endif %}"
    assert rendered(either, contact).printed == {"position"}
    assert rendered(either, person()).printed == {"company"}
    assert rendered("{{ fields.formal }} {{ me.name }}", contact).printed == {"fields.formal"}
    calls = "{{ position.upper() }} {{ ', '.join(tags) }} {{ other.company|upper }}"
    other = contact_context(contact, today=TODAY, me=ME, other=person())
    assert render(quick(calls), other, {}).printed == {"position", "tags", "other.company"}


def test_fields_are_flattened_and_subject_is_one_line() -> None:
    """Verify a two-line title neither breaks a sentence nor a subject header."""
    contact = person(position="Director\nOperations")
    template = quick("You are {{ position }}.\n\n\n\nBye  ", channel="email", subject="{{ note }}")
    context = contact_context(contact.model_copy(update={"notes": "a\nb"}), today=TODAY, me=ME)
    message = render(template, context, {})
    assert message.body == "You are Director Operations.\n\nBye"
    assert message.subject == "a b"


# --- shipped templates -----------------------------------------------------------------------

SHIPPED = ("congratulate", "event-invitation", "introduce", "job-opportunity", "reconnect")
SHIPPED += ("share-resource",)
CAMPAIGN_VARS = {
    "event_name": "the Digital Day",
    "event_date": "Thursday, May 15, at 5 p.m.",
    "event_place": "Convention Centre, Montréal",
    "event_topic": "AI in public services",
    "resource_title": "Shipping after the port strikes",
    "resource_url": "https://example.org/shipping",
    "takeaway": "cross-docking",
    "reason": "both your teams are hiring data engineers this spring",
    "job_title": "Director of Data Engineering",
    "hiring_company": "a client of mine",
    "job_detail": "A new team of six, with a real budget.",
}


def shipped_contexts(language: str) -> list[tuple[str, dict, Contact]]:
    """(label, context, contact): full (vous and tu), half-filled and sparse contacts."""
    full = person(
        language=language,
        previous_positions=[PreviousPosition(company="Northwind", position="Manager")],
    )
    sparse = Contact(id=13, first_name="Jo", language=language)
    other = person(id=14, first_name="Sam", last_name="Example", greeting_name="Sam")
    cases = [
        ("full", full),
        ("full-tu", full.model_copy(update={"fields": {"formal": "tu"}})),
        ("company-only", person(id=16, position="", language=language)),
        ("position-only", person(id=17, company="", language=language)),
    ]
    out = [(label, contact_context(c, today=TODAY, me=ME, other=other), c) for label, c in cases]
    bare_other = Contact(id=15, first_name="Kim")
    out.append(("sparse", contact_context(sparse, today=TODAY, me=ME, other=bare_other), sparse))
    return out


def test_shipped_templates_are_the_expected_twelve() -> None:
    """Verify each shipped template exists in English and French with a sensible channel."""
    found = discover(None)
    assert {(t.name, t.language) for t in found} == {
        (name, lang) for name in SHIPPED for lang in ("en", "fr")
    }
    channels = {t.name: t.channel for t in found}
    assert channels["congratulate"] == channels["event-invitation"] == "linkedin-message"
    assert channels["job-opportunity"] == "inmail"
    assert all(t.subject for t in found if t.name == "job-opportunity")


@pytest.mark.parametrize("template", discover(None), ids=lambda t: f"{t.name}.{t.language}")
def test_shipped_template_renders_and_lints_clean(template: Template) -> None:
    """Verify a shipped template reads well and lints clean, however filled the contact is."""
    for label, context, contact in shipped_contexts(template.language):
        message = render(template, context, CAMPAIGN_VARS, contact_label=label)
        text = f"{message.subject or ''}\n{message.body}"
        assert message.body.startswith(("Hi Alex,", "Bonjour Alex,", "Hi Jo,", "Bonjour Jo,"))
        assert message.body.endswith("Pat Writer\nWriter & Co."), label
        assert not re.search(r"\{|\}| [,.;]|  |\(\)|None", text), (label, text)
        contact_vars = {name.split(".")[0] for name in message.printed}
        if label == "full":
            assert "greeting_name" in message.printed
            assert contact_vars - {"greeting_name"}, "prints no other contact variable"
        warnings = lint_message(template=template, rendered=message, context=context)
        assert warnings == [], (label, [w.message for w in warnings])
        if label == "full-tu" and template.language == "fr":
            assert re.search(r"\b(tu|te|toi|ton|t')\b", text) and " vous êtes" not in text
        assert contact.language == template.language


def test_render_texts_is_render_without_the_model() -> None:
    """Verify render_texts gives render's subject, body and printed variables."""
    template = quick("{{ company }}\n{% if position %}{{ position }}{% endif %}", subject="Hi")
    template = template.model_copy(update={"channel": "email"})
    context = contact_context(person(), today=TODAY, me=ME)
    message = render(template, context, {})
    assert render_texts(template, context, {}) == (message.subject, message.body, message.printed)
    assert message.printed == {"company", "position"}


def test_lines_lose_trailing_spaces_and_blank_runs() -> None:
    """Verify trailing whitespace goes, and blank lines it hid collapse with the others."""
    message = rendered("A  \n \t\n\n\nB\u00a0\nC {{ note }}\n\n", person(notes=" "))
    assert message.body == "A\n\nB\nC"
    assert rendered("A\n\nB", person()).body == "A\n\nB"


def test_printed_follows_nested_and_contradictory_conditions() -> None:
    """Verify printed variables under nested, negated, looped and impossible conditions."""
    body = (
        "{% if company %}{% if not company %}{{ first_name }}{% endif %}{% endif %}"
        "{% if not fields.formal %}{{ fields.formal }}{% endif %}"
        "{% if company and not position %}{{ company }}{% endif %}"
        "{% for tag in tags %}{{ note }}{% endfor %}"
    )
    assert rendered(body, person(fields={"formal": "vous"})).printed == {"note"}
    assert rendered(body, person(position="", tags=[])).printed == {"company", "fields.formal"}


def test_dict_values_read_as_attributes_as_before() -> None:
    """Verify me.x and fields.x read keys, missing ones read "", dict methods stay methods."""
    body = (
        "{{ me.name }}|{{ me.nothing }}|{{ fields.formal }}|{{ fields._x }}|"
        "{{ fields.get('formal') }}|{{ fields.keys() | list }}|{{ fields.items is defined }}"
    )
    message = rendered(body, person(fields={"formal": "tu"}))
    assert message.body == "Pat Writer||tu||tu|['formal']|True"


def test_public_names_are_still_imported_from_templates() -> None:
    """Verify the names other modules import from templates are all still there."""
    import handpicked.core.messages.templates.files as module

    names = (
        "Template RenderedMessage discover find variants contact_context render check_variables "
        "load_template shipped_templates_dir contact_variables_used lookup CONTACT_VARIABLES"
    )
    assert all(hasattr(module, name) for name in names.split())
    assert module.lookup({"fields": {"a": "b"}}, "fields.a") == "b"


def test_values_for_gives_each_language_its_own_values() -> None:
    """Verify KEY:LANG overrides KEY in that language only, and an empty override falls back."""
    given = {"date": "May 15", "date:fr": "15 mai", "place": "Montréal", "place:fr": " ",
             "topic:en": "data"}  # fmt: skip
    assert values_for(given, "fr") == {"date": "15 mai", "place": "Montréal"}
    assert values_for(given, "en") == {"date": "May 15", "place": "Montréal", "topic": "data"}
