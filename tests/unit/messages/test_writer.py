"""The message writer: one template per campaign, each person in their language, hand edits
tidied and linted as they will be queued."""

from __future__ import annotations

import pytest

from handpicked.core.contacts.store import list_contacts
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.messages.writer import MessageWriter, tidy_edit
from handpicked.core.models import Contact

PEOPLE = """\
    Alma,Zorn,https://linkedin.com/in/alma-zorn,alma@example.com,Northwind,Software Engineer,12 Mar 2021
    Hélène,Côté,https://linkedin.com/in/helene-cote,,Desjardins,Directrice des ventes,03 Jan 2024
"""
EVENT = {
    "event_name": "the Harbour Data Day",
    "event_date": "Thursday, May 15",
    "event_place": "the Old Port",
    "event_topic": "open data",
}


@pytest.fixture
def ws(linkedin_ws) -> Workspace:
    return linkedin_ws(PEOPLE)


def person(ws: Workspace, first: str) -> Contact:
    return next(c for c in list_contacts(ws) if c.first_name == first)


def test_each_person_gets_the_variant_in_their_language(ws):
    """Verify an English and a French contact get the en and fr variants, values filled in."""
    writer = MessageWriter(ws, "event-invitation", EVENT)
    alma, helene = person(ws, "Alma"), person(ws, "Hélène")
    assert (alma.language, helene.language) == ("en", "fr")
    en = writer.write(alma, None, None)
    fr = writer.write(helene, None, None)
    assert en[0] == "en" and "Hi Alma" in en[2] and "the Harbour Data Day" in en[2]
    assert fr[0] == "fr" and "Hélène" in fr[2] and "the Harbour Data Day" in fr[2]
    assert writer.variant("fr") is writer.variant("fr")  # prepared once per language


def test_a_misspelt_value_name_is_answered_with_the_right_one(ws):
    """Verify a value given as `evnt_name` is refused with "did you mean event_name?"."""
    values = {**EVENT, "evnt_name": "typo"}
    with pytest.raises(HandpickedError, match="did you mean event_name"):
        MessageWriter(ws, "event-invitation", values, given=["evnt_name"])


def test_an_unknown_template_names_the_known_ones(ws):
    """Verify asking for a template that does not exist lists the templates there are."""
    with pytest.raises(HandpickedError) as caught:
        MessageWriter(ws, "no-such-template", {})
    assert "reconnect" in str(caught.value)


def test_a_hand_edit_is_tidied_and_linted_as_queued(ws):
    """Verify a rewrite loses trailing spaces and blank edges, keeps a one-line subject, and is
    warned about when it reads like cold selling."""
    writer = MessageWriter(ws, "event-invitation", EVENT)
    alma = person(ws, "Alma")
    drafted = writer.write(alma, None, None)
    body = "\n\nHi Alma,   \nBook a demo of our product today, limited time offer!  \n\n"
    language, subject, text, warnings = writer.hand_edit(alma, drafted, body, None, {})
    assert language == "en" and subject == drafted[1]
    assert text == "Hi Alma,\nBook a demo of our product today, limited time offer!"
    assert "sales-pitch" in [w.code for w in warnings]


def test_only_an_introduction_writes_about_another_person(ws):
    """Verify the introduce template is known to write to two people, the invitation is not."""
    assert MessageWriter(ws, "introduce", {"reason": "x"}).introduces
    assert not MessageWriter(ws, "event-invitation", EVENT).introduces


def test_tidy_edit_folds_a_two_line_subject():
    """Verify a pasted two-line subject becomes one line (no header injection) and CRLF is \\n."""
    body, subject = tidy_edit("Hello \r\nthere\r\n", "Coffee\r\nBcc: x@example.com")
    assert body == "Hello\nthere"
    assert subject == "Coffee Bcc: x@example.com"
    assert tidy_edit("text", None) == ("text", None)
