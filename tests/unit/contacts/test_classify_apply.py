"""Classifications as stored: recomputed on demand, user rules and hand corrections first."""

from __future__ import annotations

import pytest

from handpicked.core.contacts.classify.apply import reclassify
from handpicked.core.contacts.store import explain, get_contact, list_contacts, set_contact
from handpicked.core.db import Workspace

PEOPLE = """\
    Paul,Smith,https://linkedin.com/in/paul-smith,,Acme Widgets,Plant Manager,12 Mar 2021
    Léa,Roy,https://linkedin.com/in/lea-roy,,Banque Nationale,Développeuse senior,03 Jan 2024
"""


@pytest.fixture
def ws(linkedin_ws) -> Workspace:
    return linkedin_ws(PEOPLE)


def ids(ws: Workspace) -> dict[str, int]:
    return {c.first_name: c.id for c in list_contacts(ws)}


def test_a_user_rule_applies_once_reclassified(ws):
    """Verify an employer rule in rules.toml changes the stored sector only after reclassify."""
    paul = ids(ws)["Paul"]
    assert get_contact(ws, paul).sector != "Manufacturing"
    ws.rules_path.write_text(
        '[[employer]]\nsector = "Manufacturing"\nnames = ["Acme Widgets"]\n', encoding="utf-8"
    )
    assert get_contact(ws, paul).sector != "Manufacturing"
    assert reclassify(ws) == 2
    contact = get_contact(ws, paul)
    assert (contact.sector, contact.sector_source) == ("Manufacturing", "dictionary")


def test_a_hand_correction_survives_reclassification(ws):
    """Verify a function set by hand stays through reclassify, and clearing it restores the guess."""
    lea = ids(ws)["Léa"]
    guessed = get_contact(ws, lea).function
    set_contact(ws, lea, function="Finance")
    reclassify(ws)
    assert (get_contact(ws, lea).function, get_contact(ws, lea).function_source) == (
        "Finance",
        "contact",
    )
    set_contact(ws, lea, function="")
    assert get_contact(ws, lea).function == guessed


def test_reclassifying_some_ids_touches_only_them(ws):
    """Verify reclassify(ids) counts only the contacts named, and an empty list does nothing."""
    assert reclassify(ws, [ids(ws)["Léa"]]) == 1
    assert reclassify(ws, []) == 0


def test_explain_says_why_in_words(ws):
    """Verify the reasons name the rule that decided the role, and a correction says so."""
    lea = ids(ws)["Léa"]
    assert explain(ws, lea)["role"]
    set_contact(ws, lea, seniority="Director")
    assert explain(ws, lea)["role"].startswith("set by hand")
