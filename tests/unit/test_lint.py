"""Lint: each warning code from a real message, and the phrases that must not count as a pitch."""

from __future__ import annotations

import datetime as dt

import pytest

from handpicked.core.lint import (
    LIMITS,
    PITCH_PHRASES,
    LintWarning,
    lint_campaign,
    lint_message,
    sales_pitch_phrases,
)
from handpicked.core.models import Contact
from handpicked.core.templates import Template, contact_context, render

TODAY = dt.date(2025, 6, 1)


def contact(**changes: object) -> Contact:
    base = {"id": 1, "first_name": "Alex", "last_name": "Sample", "company": "Acme Logistics"}
    return Contact(**{**base, **changes})


def lint(body: str, who: Contact | None = None, **options: object) -> list[LintWarning]:
    """Render `body` as a template for `who` and lint the result."""
    channel = options.pop("channel", "linkedin-message")
    subject = options.pop("subject", None)
    template = Template(name="t", language="en", channel=channel, subject=subject, body=body)
    context = contact_context(who or contact(), today=TODAY, me={"name": "Pat"})
    message = render(template, context, {})
    return lint_message(template=template, rendered=message, context=context, **options)


def codes(warnings: list[LintWarning]) -> list[str]:
    return [w.code for w in warnings]


def test_personal_message_has_no_warning() -> None:
    """Verify a short message printing filled contact fields lints clean."""
    assert lint("Hi {{ first_name }}, how is {{ company }}?") == []


def test_connection_note_over_200_is_too_long() -> None:
    """Verify a 243-character connection note is flagged with both figures."""
    body = "Hi {{ first_name }}, " + "x" * 234
    warnings = lint(body, channel="connection-note")
    assert [(w.code, w.message) for w in warnings] == [
        ("too-long", "243 characters; a connection note allows 200")
    ]
    assert lint(body, channel="connection-note", limits={"connection-note": 300}) == []
    assert lint(body, channel="email") == []


def test_inmail_subject_and_body_limits() -> None:
    """Verify InMail checks its subject (200) and its body (1,900) separately."""
    warnings = lint(
        "Hi {{ first_name }} " + "y" * 1900, channel="inmail", subject="{{ company }}" + "s" * 200
    )
    assert [(w.code, w.message) for w in warnings] == [
        ("too-long", "subject: 214 characters; an InMail subject allows 200"),
        ("too-long", "1,908 characters; an InMail allows 1,900"),
    ]
    assert LIMITS["linkedin-message"] == 8000 and LIMITS["email"] is None


def test_printed_empty_field_is_flagged_but_a_tested_one_is_not() -> None:
    """Verify empty-field names a printed empty variable and ignores one only tested."""
    nobody = contact(company="")
    warnings = lint("Hi {{ first_name }}, how is {{ company }}?", nobody)
    assert codes(warnings) == ["empty-field"]
    assert "company is empty" in warnings[0].message
    assert lint("Hi {{ first_name }}{% if company %} at {{ company }}{% endif %}.", nobody) == []
    assert codes(lint("Hi {{ first_name }} {{ fields.nickname }}.", nobody)) == ["empty-field"]


def test_template_without_contact_variable_is_not_personal() -> None:
    """Verify a template using no contact variable gets not-personal."""
    warnings = lint("Hello, our event is next week. {{ me.name }}")
    assert codes(warnings) == ["not-personal"]
    assert "uses no contact variable" in warnings[0].message


def test_identical_messages_of_a_campaign_are_not_personal() -> None:
    """Verify lint_campaign flags every copy of a repeated text and nothing else."""
    result = lint_campaign([(1, "Hello there."), (2, "Hello  there.\n"), (3, "Hi Alex.")])
    assert codes(result[1]) == codes(result[2]) == ["not-personal"]
    assert "identical to 1 other message" in result[1][0].message
    assert result[3] == []


def test_sales_pitch_is_flagged_with_its_phrases() -> None:
    """Verify cold-selling phrases are found in body and subject, in either language."""
    warnings = lint(
        "Hi {{ first_name }}, BOOK A DEMO of our product. Réservez une DÉMO!",
        channel="email",
        subject="Free-trial for {{ company }}",
    )
    assert codes(warnings) == ["sales-pitch"]
    assert warnings[0].message == (
        'reads like cold selling: "free trial", "book a demo", "our product", "réservez une démo"'
    )


@pytest.mark.parametrize(
    "text",
    [
        "Congratulations on your promotion",
        "Félicitations pour ta promotion",
        "I'll contact now and then",
        "Une offre d'emploi conçue spécialement, une offre spécialement pour vous",
    ],
)
def test_ordinary_sentences_are_not_a_pitch(text: str) -> None:
    """Verify lone words and words inside other words do not count as a pitch."""
    assert sales_pitch_phrases(text) == []


def test_pitch_list_is_bilingual_and_multi_word() -> None:
    """Verify at least 25 phrases per language, none of them a single word."""
    assert all(len(phrases) >= 25 for phrases in PITCH_PHRASES.values())
    assert all(len(p.replace("-", " ").split()) > 1 for ps in PITCH_PHRASES.values() for p in ps)
    assert sales_pitch_phrases("N’attendez plus: achetez   maintenant") == [
        "n'attendez plus",
        "achetez maintenant",
    ]


def test_recently_contacted_is_reported_by_days() -> None:
    """Verify the caller's recently-contacted days become a warning."""
    assert [w.message for w in lint("Hi {{ first_name }}", recently_contacted_days=3)] == [
        "last contacted 3 days ago"
    ]
    assert lint("Hi {{ first_name }}", recently_contacted_days=0)[0].message == (
        "last contacted today"
    )
