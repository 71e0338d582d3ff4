"""Lint: each warning code from a real message, and the phrases that must not count as a pitch."""

from __future__ import annotations

import datetime as dt

import pytest

from handpicked.core.messages.lint.rules import (
    LIMITS,
    PITCH_PHRASES,
    RULES,
    Linter,
    LintWarning,
    identical_warnings,
    lint_campaign,
    lint_message,
    sales_pitch_phrases,
)
from handpicked.core.messages.templates.files import Template, contact_context, render
from handpicked.core.models import Contact, Reach
from handpicked.core.text import fold

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


def test_recently_contacted_says_messaged_or_queued() -> None:
    """Verify the warning says what happened: messaged N days ago, or only queued elsewhere."""
    assert [w.message for w in lint("Hi {{ first_name }}", reached=Reach(messaged_days=3))] == [
        "messaged 3 days ago"
    ]
    assert lint("Hi {{ first_name }}", reached=Reach(messaged_days=0))[0].message == (
        "messaged today"
    )
    queued = lint("Hi {{ first_name }}", reached=Reach(queued_in=["spring"]))
    assert [(w.code, w.message) for w in queued] == [
        ("recently-contacted", "queued in campaign spring")
    ]
    both = Reach(messaged_days=1, queued_in=["a", "b"])
    assert lint("Hi {{ first_name }}", reached=both)[0].message == (
        "messaged 1 day ago; queued in campaigns a, b"
    )


ALL_PHRASES = [phrase for phrases in PITCH_PHRASES.values() for phrase in phrases]


@pytest.mark.parametrize("phrase", ALL_PHRASES)
def test_every_phrase_is_found_however_it_is_written(phrase: str) -> None:
    """Verify each phrase is found plain, upper-cased, unaccented, curly-quoted or re-spaced."""
    plain = phrase.replace("é", "e").replace("à", "a").replace("è", "e")
    spaced = phrase.replace(" ", " \n  ").replace("-", " ")
    for text in (phrase, phrase.upper(), plain, phrase.replace("'", "’"), spaced):
        assert sales_pitch_phrases(f"Well. {text}, then.") == [phrase], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our   PRODUCT and our-product", ["our product"]),
        ("Book-a-demo! Réservez\u00a0une démo.", ["book a demo", "réservez une démo"]),
        ("De\u0301mo gratuite, n'attendez plus", ["démo gratuite", "n'attendez plus"]),
        ("for a limited time offer", ["for a limited time"]),  # one match, the longest first
        ("free ¨ trial", ["free trial"]),  # a spacing accent folds to a space
        ("our products, our production", []),
        ("book, a demo; book - a demo", []),  # punctuation or a spaced dash breaks a phrase
        ("xbook a demo / book a demox / 2free trial", []),
        ("offre spécialement pour vous, prix réduits", []),
    ],
)
def test_pitch_phrases_need_whole_words_in_order(text: str, expected: list[str]) -> None:
    """Verify phrases match across case, accents, spaces and dashes, but never inside words."""
    assert sales_pitch_phrases(text) == expected


def test_same_text_but_for_spacing_is_identical() -> None:
    """Verify messages equal once spaced alike are flagged, and near-identical ones are not."""
    result = lint_campaign([
        (1, "Hi Élise,\n\nSee you."), (2, "Hi  Élise,\u00a0See\tyou. "), (3, "Hi Élise, See you."),
        (4, "Hi Èlise, See you."), (5, "Hi Élise, Seeyou."), (6, " \n"), (7, ""),
    ])  # fmt: skip
    assert [len(result[key]) for key in range(1, 8)] == [1, 1, 1, 0, 0, 0, 0]
    assert "identical to 2 other messages" in result[1][0].message


def test_every_whitespace_character_spaces_texts_alike() -> None:
    """Verify texts differing only by which Unicode space separates words are identical."""
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert len(spaces) == 29
    found = identical_warnings([f"a{space}b" for space in spaces] + ["ab", "a-b"])
    assert sorted(found) == list(range(29))
    assert "identical to 28 other messages" in found[0][0].message


def test_identical_warnings_are_lint_campaign_by_position() -> None:
    """Verify the positional form flags the same texts, Latin-1 or not, once per message."""
    texts = [
        "Hi Zoë –\u2028see you", "Hi Zoë – see  you", "Hi Zoë – see you!", "Straße ½", "Straße ½",
        "日本\u3000語", "日本 語", "日本語", "\ud800 x", "\ud800x", "\ud800\tx", "", "",
    ]  # fmt: skip
    found = identical_warnings(texts)
    assert sorted(found) == [0, 1, 3, 4, 5, 6, 8, 10]
    assert all(len(warnings) == 1 for warnings in found.values())
    by_key = lint_campaign([(f"k{i}", text) for i, text in enumerate(texts)])
    assert by_key == {f"k{i}": found.get(i, []) for i in range(len(texts))}
    assert identical_warnings(["a", "b"]) == {} and lint_campaign([]) == {}


# Latin-1, then caseless letters NFKD makes capitals (𝐀 ᴬ Ⓐ ℃), a ligature, wide letters,
# spaces, a curly quote, a dash and a lone surrogate
TOUCHING = [chr(code) for code in range(256)] + list("𝐀ᴬⒶ℃ﬁａＢ\u2028\u3000’–\ud800")
ALNUM = set("0123456789abcdefghijklmnopqrstuvwxyz")


def test_a_phrase_is_a_phrase_unless_a_letter_or_digit_touches_it() -> None:
    """Verify any character next to a phrase breaks it exactly when it folds to a letter or digit."""
    for char in TOUCHING:
        folded = fold(char).lower()  # ℃ folds to °c: a letter at its end only
        before = [] if folded[-1:] in ALNUM else ["book a demo"]
        assert sales_pitch_phrases(f"{char}Book a démo") == before, hex(ord(char))
        after = [] if folded[:1] in ALNUM else ["book a demo"]
        assert sales_pitch_phrases(f"book a demo{char}") == after, hex(ord(char))
        inside = ["book a demo"] if fold(f"x{char}x") in ("x x", "x-x") else []
        assert sales_pitch_phrases(f"book{char}a demo") == inside, hex(ord(char))


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Miß: BUY NOW, Straße", ["buy now"]),
        ("Essai\u00a0gratuit ½ prix, BOOK-a\u2028demo", ["essai gratuit", "book a demo"]),
        ("Our sales are up; our team grew", []),
        ("Meet our sales team – and our  SALES\tTeam", ["our sales team"]),
        ("Notre équipe des ventes ’", ["notre équipe des ventes"]),
        ("the équipe of our product’s owner", ["our product"]),
    ],
)
def test_pitch_prefilters_find_what_the_phrase_regex_finds(text: str, phrases: list[str]) -> None:
    """Verify texts past each pre-filter (rare word, then every word) get their phrases."""
    assert sales_pitch_phrases(text) == phrases


def test_linter_is_lint_message_prepared_once() -> None:
    """Verify a Linter made once gives each message what lint_message gives it."""
    template = Template(name="t", language="en", channel="connection-note", body="{{ company }}")
    linter = Linter(template, {"connection-note": 10})
    for company in ("", "Acme", "Our product division"):
        context = contact_context(contact(company=company), today=TODAY, me={})
        message = render(template, context, {})
        expected = lint_message(
            template=template, rendered=message, context=context,
            limits={"connection-note": 10}, reached=Reach(messaged_days=2),
        )  # fmt: skip
        assert linter(message, context, Reach(messaged_days=2)) == expected
        assert codes(expected)[-1] == "recently-contacted"


def test_each_rule_is_one_function_the_linter_runs_in_order() -> None:
    """Verify the linter's warnings are those of its rules, each one function, run in list order."""
    template = Template(name="t", language="en", channel="inmail", subject="Hi", body="Hello")
    caps = {"inmail": 10, "inmail-subject": 5}
    message = ("Our product, now", "Book a demo of it today", {"company"}, {"company": " "},
               Reach(messaged_days=4))  # fmt: skip
    warnings = Linter(template, caps).check(*message)
    assert codes(warnings) == [
        "too-long", "too-long", "empty-field", "not-personal", "sales-pitch", "recently-contacted",
    ]  # fmt: skip
    one_by_one = [Linter(template, caps, rules=(rule,)).check(*message) for rule in RULES]
    assert [w for found in one_by_one for w in found] == warnings
    assert [codes(found) for found in one_by_one] == [
        ["too-long"], ["too-long"], ["empty-field"], ["not-personal"], ["sales-pitch"],
        ["recently-contacted"],
    ]  # fmt: skip
    assert Linter(template, caps, rules=()).check(*message) == []
