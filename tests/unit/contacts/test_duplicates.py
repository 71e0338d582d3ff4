"""Duplicates across sources: suggestions with their reason, dismissals kept, merges losing nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from duplicates_data import build, outcome

from handpicked.core import contacts as core
from handpicked.core.contacts.duplicates import find_suggestions, name_key
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError


@pytest.fixture
def two(tmp_path: Path):
    ws, keep, other = build(tmp_path / "ws", tmp_path / "files")
    yield ws, keep, other
    ws.close()


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("JEAN FRANCOIS", "COTE"),
        ("Jean François", "Côté, CPA"),
        ("Jean-François (he/him)", "Côté"),
        ("jean-françois", "côté"),
    ],
)
def test_spellings_of_one_name_fold_alike(first: str, last: str) -> None:
    """Verify case, accents, hyphens, pronouns and a trailing credential do not change the key."""
    assert name_key(first, last) == name_key("Jean-François", "Côté") == "jean francois cote"


def test_a_lone_word_is_no_name_key() -> None:
    """Verify a single word (a first name only) gives no key: too many people share it."""
    assert name_key("Cher", "") == ""
    assert name_key("", "") == ""


def test_linkedin_and_google_records_of_one_person_are_suggested_with_why(two) -> None:
    """Verify the LinkedIn and Google records of one name are one suggestion that keeps the
    LinkedIn one and says why, while namesakes at one employer and a lone first name are not."""
    ws, keep, other = two
    [found] = core.duplicate_suggestions(ws)
    assert (found.keep, found.other) == (keep, other)
    assert (found.keep_name, found.other_name) == ("Jean-François Côté", "Jean Francois Cote")
    assert found.reasons == [
        "same name",
        "imported from LinkedIn and Google",
        "different company: Acme / Beta Inc",
    ]
    assert found.why.startswith("same name; imported from LinkedIn and Google")


def test_contacts_kept_apart_sharing_an_email_are_suggested(tmp_path: Path) -> None:
    """Verify two records the import kept apart (different names, one email) are suggested."""
    path = tmp_path / "team.csv"
    path.write_text(
        "First Name,Last Name,Email,Company\n"
        "Ana,Silva,ana@example.com,Acme\n"
        "Ana,Silva-Costa,ana@example.com,Acme\n",
        encoding="utf-8",
    )
    ws = Workspace(tmp_path / "ws")
    assert core.import_paths(ws, [path])[0].error is None
    [found] = core.duplicate_suggestions(ws)
    assert found.reasons == ["same email: ana@example.com"]
    ws.close()


def test_no_pair_within_a_crowd_and_no_quadratic_blowup() -> None:
    """Verify a key held by more than CROWD people (a shared mailbox) suggests no pair at all."""
    rows = [(i, f"P{i}", f"Q{i}", "info@example.com", "", "", "", "csv") for i in range(1, 200)]
    assert find_suggestions(rows, set()) == []


def test_a_dismissed_pair_is_never_suggested_again(two, tmp_path: Path) -> None:
    """Verify dismissing a pair hides it for good (stored in the workspace), once."""
    ws, keep, other = two
    assert core.dismiss_duplicate(ws, other, keep) is True
    assert core.dismiss_duplicate(ws, keep, other) is False
    assert core.duplicate_suggestions(ws) == []
    ws.close()
    with Workspace(tmp_path / "ws") as again:
        assert core.duplicate_suggestions(again) == []


@pytest.mark.parametrize("action", ["dismiss_duplicate", "merge_contacts", "merge_plan"])
def test_the_same_id_twice_or_an_unknown_id_is_refused(two, action: str) -> None:
    """Verify naming one contact twice, or an id nobody has, is an error naming it; nothing
    is stored."""
    ws, keep, _ = two
    before = outcome(ws.db_path)
    run = getattr(core, action)
    with pytest.raises(HandpickedError, match=f"contact {keep} was named twice"):
        run(ws, keep, keep)
    with pytest.raises(HandpickedError, match="no contact with id 999"):
        run(ws, keep, 999)
    assert outcome(ws.db_path) == before


def test_merge_keeps_both_histories(two) -> None:
    """Verify a merge gives the kept contact the other's messages, touches, interactions, tags,
    notes, missing fields, hand-set function and do-not-contact, then deletes the other."""
    ws, keep, other = two
    done = core.merge_contacts(ws, keep, other)
    merged = core.get_contact(ws, keep)
    with pytest.raises(HandpickedError):
        core.get_contact(ws, other)
    assert merged.email == "jf@beta.example"  # filled
    assert merged.company == "Acme" and merged.position == "Engineer"  # the kept one's win
    assert [(p.company, p.position) for p in merged.previous_positions] == [("Beta Inc", "Analyst")]
    assert merged.tags == ["Clients", "montreal"]
    assert merged.notes == "Met at the Montréal gala"
    assert merged.function == "Sales" and merged.function_source == "contact"
    assert merged.do_not_contact is True
    assert str(merged.connected_on) == "2021-03-12"
    rows = outcome(ws.db_path)
    assert [(m[2], m[3]) for m in rows["messages"]] == [(keep, "sent"), (keep, "queued")]
    assert [t[1] for t in rows["touches"]] == [keep]
    assert sorted((i[1], i[3]) for i in rows["interactions"]) == [
        (keep, "received"),
        (keep, "sent"),
    ]
    assert [c.model_dump() for c in done.conflicts] == [
        {"campaign": "spring", "kept": "sent", "dropped": "queued", "kept_from": other}
    ]
    # the archive message both records held moves once
    assert done.moved == {"messages": 2, "touches": 1, "positions": 0, "interactions": 1}
    lines = "\n".join(done.lines())
    assert "Campaign 'spring' holds a message to each: the sent one" in lines
    assert "Email from id" in lines and "Do not contact: on" in lines


def test_the_plan_changes_nothing_and_says_what_merge_does(two) -> None:
    """Verify merge_plan stores nothing and describes exactly the merge that follows."""
    ws, keep, other = two
    before = outcome(ws.db_path)
    planned = core.merge_plan(ws, keep, other)
    assert outcome(ws.db_path) == before
    assert core.merge_contacts(ws, keep, other) == planned


def test_notes_of_both_are_joined(two) -> None:
    """Verify a merge keeps the kept contact's note and the other's, one after the other."""
    ws, keep, other = two
    core.set_note(ws, keep, "Prefers French")
    done = core.merge_contacts(ws, keep, other)
    assert core.get_contact(ws, keep).notes == "Prefers French\n\nMet at the Montréal gala"
    assert done.notes_joined


def test_a_dismissal_of_the_merged_away_contact_moves_to_the_kept_one(two) -> None:
    """Verify "not the same person" said of the deleted contact still holds for the kept one."""
    ws, keep, other = two
    stranger = next(c.id for c in core.list_contacts(ws) if c.first_name == "Cher")
    core.dismiss_duplicate(ws, other, stranger)
    core.merge_contacts(ws, keep, other)
    assert outcome(ws.db_path)["merge_dismissed"] == [tuple(sorted((keep, stranger)))]


def test_a_failing_merge_changes_nothing(two) -> None:
    """Verify a merge failing at its last statement (deleting the other contact) leaves both
    contacts and every history as they were: one transaction."""
    ws, keep, other = two
    before = outcome(ws.db_path)
    ws.conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE DELETE ON contacts"
        " BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with pytest.raises(sqlite3.IntegrityError, match="refused"):
        core.merge_contacts(ws, keep, other)
    assert outcome(ws.db_path) == before


def test_namesakes_with_two_profiles_are_two_people() -> None:
    """Verify two records with different profile URLs are never paired on their name, however
    their companies differ, while a record without a profile pairs with each of them."""
    rows = [
        (1, "Marie", "Tremblay", "", "https://linkedin.com/in/m1", "Acme", "acme", "linkedin"),
        (2, "Marie", "Tremblay", "", "https://linkedin.com/in/m2", "Beta", "beta", "linkedin"),
    ]
    assert find_suggestions(rows, set()) == []
    book = (3, "MARIE", "TREMBLAY", "marie@example.com", "", "", "", "google")
    found = find_suggestions([*rows, book], set())
    assert [(s.keep, s.other) for s in found] == [(1, 3), (2, 3)]


def test_custom_fields_of_the_other_fill_the_kept_ones_gaps(two) -> None:
    """Verify a merge adds the other's custom fields the kept contact lacks, and says so, while
    a field both have keeps the kept contact's value."""
    ws, keep, other = two
    core.set_contact(ws, keep, fields={"met_at": "Expo"})
    core.set_contact(ws, other, fields={"met_at": "Gala", "team": "Data"})
    done = core.merge_contacts(ws, keep, other)
    assert core.get_contact(ws, keep).fields == {"met_at": "Expo", "team": "Data"}
    assert done.filled["fields.team"] == "Data" and "fields.met_at" not in done.filled


def test_hostile_names_and_companies_reach_no_reader_as_controls() -> None:
    """Verify names and reasons of a suggestion hold no terminal escape from the stored values."""
    rows = [
        (
            1,
            "Eve\x1b",
            "Doe",
            "",
            "https://linkedin.com/in/eve",
            "[b]Acme\x9b2J",
            "acme",
            "linkedin",
        ),
        (2, "Eve", "Doe", "eve@example.com", "", "Evil\x07 Corp", "evil corp", "google"),
    ]
    [found] = find_suggestions(rows, set())
    shown = " ".join([found.keep_name, found.other_name, found.why])
    assert not any(ch in shown for ch in "\x1b\x9b\x07")
    assert "different company: [b]Acme2J / Evil Corp" in found.why
