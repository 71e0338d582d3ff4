"""Matching keys and the index: who a row is, strongest key first, namesakes kept apart."""

from __future__ import annotations

import dataclasses
import datetime as dt

from handpicked.core.contacts.merge.matching import (
    Index,
    Stored,
    fingerprint,
    row_keys,
    search_text,
    sort_key,
)
from handpicked.core.models import ParsedRow


def stored(
    contact_id: int, first: str, last: str, url: str = "", mail: str = "", company: str = ""
):
    item = Stored(contact_id, None, None, "")
    item.keys = row_keys(first, last, url, mail, company)
    return item


def test_keys_ignore_scheme_case_accents_and_legal_suffix():
    """Verify two spellings of one person's row give the same keys."""
    one = row_keys(
        "Hélène", "Côté", "https://www.linkedin.com/in/helene-cote/", "H@Ex.ca", "Desjardins Inc."
    )
    two = row_keys("helene", "COTE", "http://linkedin.com/in/Helene-Cote", "h@ex.ca", "DESJARDINS")
    assert one == two
    assert row_keys("", "", "", "", "") == ("", "", "|", "")


def test_url_wins_over_email_and_name():
    """Verify a row is matched by its profile URL first, then its email, then name and company."""
    index = Index()
    by_url = stored(1, "Ann", "Lee", url="https://linkedin.com/in/ann")
    by_mail = stored(2, "Bob", "Roy", mail="bob@example.com")
    by_name = stored(3, "Cy", "Ng", company="Acme")
    for item in (by_url, by_mail, by_name):
        index.add(item)
    assert index.match(row_keys("Someone", "Else", "linkedin.com/in/ann", "", "")) is by_url
    assert index.match(row_keys("Bob", "Roy", "", "BOB@example.com", "")) is by_mail
    assert index.match(row_keys("Cy", "Ng", "", "", "Acme Inc")) is by_name
    assert index.match(row_keys("Cy", "Ng", "", "", "Other")) is None


def test_namesakes_with_different_urls_stay_two_people():
    """Verify the same name at the same employer is not a match when the URLs differ."""
    index = Index()
    first = stored(1, "Marie", "Tremblay", url="https://linkedin.com/in/marie-1", company="Acme")
    index.add(first)
    other = row_keys("Marie", "Tremblay", "https://linkedin.com/in/marie-2", "", "Acme")
    assert index.match(other) is None
    assert index.match(row_keys("Marie", "Tremblay", "", "", "Acme")) is first


def test_an_address_shared_by_two_profiles_is_not_a_match():
    """Verify a shared inbox (info@) does not merge a row that has its own, different URL."""
    index = Index()
    index.add(stored(1, "Ann", "Lee", url="https://linkedin.com/in/ann", mail="info@acme.com"))
    row = row_keys("Raj", "Patel", "https://linkedin.com/in/raj", "info@acme.com", "")
    assert index.match(row) is None


def test_kept_apart_people_are_each_found_by_their_own_name():
    """Verify two people sharing one URL, kept apart, are each matched by name later."""
    index = Index()
    ann = stored(1, "Ann", "Lee", url="https://linkedin.com/in/shared")
    bob = stored(2, "Bob", "Roy", url="https://linkedin.com/in/shared")
    index.add(ann)
    index.keep_apart(ann, bob)
    index.add_new(bob)
    index.keep_apart(ann, bob)
    assert index.match(row_keys("Bob", "Roy", "linkedin.com/in/shared", "", "")) is bob
    assert index.match(row_keys("Ann", "Lee", "linkedin.com/in/shared", "", "")) is ann


def test_sort_and_search_keys_are_folded():
    """Verify names sort accent-free by last name and search text is folded."""
    assert sort_key("Éloïse", "Béland") < sort_key("Zoé", "Bennett")
    assert search_text("Hélène", "Côté", "Société Générale", "Directrice") == (
        "helene cote societe generale directrice"
    )


def test_fingerprint_changes_with_any_field_and_only_then():
    """Verify a row's fingerprint is stable and changes when any field it holds changes."""
    base = ParsedRow(
        line=2, first_name="Ann", last_name="Lee", email="ann@example.com",
        profile_url="https://linkedin.com/in/ann", company="Acme", position="CTO",
        connected_on=dt.date(2024, 1, 2),
    )  # fmt: skip
    assert fingerprint(base) == fingerprint(dataclasses.replace(base, line=99))
    for field, value in (("position", "CEO"), ("company", "Acme2"), ("email", "x@example.com")):
        assert fingerprint(base) != fingerprint(dataclasses.replace(base, **{field: value}))
    later = dataclasses.replace(base, connected_on=dt.date(2024, 1, 3))
    assert fingerprint(base) != fingerprint(later)
