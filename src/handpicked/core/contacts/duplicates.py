"""Who may be one person imported twice: merge suggestions, never merges made behind your back.

An import matches a row to a stored contact by profile URL, email, or name and company, so the
same person exported by LinkedIn (a profile, a company) and by Google (an email, an older
company) stays two contacts. The rule here looks wider and only suggests: the same name folded
(case, accents, hyphens, "(she/her)" and trailing credentials do not count) from two sources or
with two companies or two emails, and contacts the import kept apart that share an email or a
profile. Each suggestion says why; the user merges it (`combine`) or says "two people", which is
remembered. One pass over the table, grouped by key: fine for 100,000 contacts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel

from handpicked.core.contacts.store.merging import (
    CandidateRow,
    candidate_rows,
    dismiss_pair,
    dismissed_pairs,
    merge_values,
)
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError
from handpicked.core.names import is_credential
from handpicked.core.text import email_key, fold, profile_key, safe_text

CROWD = 10
"""A key whose holders make more pairs than this many people would (a very common name, a
shared mailbox) suggests nothing: the real duplicates would be buried under pairs of strangers."""
_MOST_PAIRS = CROWD * (CROWD - 1) // 2

SOURCES = {"linkedin": "LinkedIn", "google": "Google", "outlook": "Outlook", "vcard": "vCard",
           "csv": "a CSV file"}  # fmt: skip

_BRACKETED = re.compile(r"[(\[{][^)\]}]*(?:[)\]}]|$)")
_NAME_WORD = re.compile(r"[^\W_]+")


class Suggestion(BaseModel):
    """Two contacts that may be one person; `keep` is the one a merge would keep by default."""

    keep: int
    other: int
    keep_name: str
    other_name: str
    reasons: list[str]

    @property
    def why(self) -> str:
        return "; ".join(self.reasons)


def name_key(first: str, last: str) -> str:
    """The name two records of one person share however each export spelled it, or "".

    "Jean-François Côté", "JEAN FRANCOIS COTE" and "Jean François Côté, CPA" give one key; a
    lone word (a first name only) gives none: too many people share it.
    """
    if first.isascii() and last.isascii() and first.isalpha() and last.isalpha():
        return f"{first} {last}".lower()  # most names: what the rules below would give
    text = f"{first} {last}"
    if "(" in text or "[" in text or "{" in text:
        text = _BRACKETED.sub(" ", text)
    tokens = text.replace(",", " ").split()
    while len(tokens) > 2 and is_credential(tokens[-1]):
        tokens.pop()
    found = _NAME_WORD.findall(fold(" ".join(tokens)))
    return " ".join(found) if len(found) > 1 else ""


def _full_name(row: CandidateRow) -> str:
    first, last = row[1], row[2]
    return safe_text(f"{first} {last}" if first and last else first or last or "(no name)")


def _source(row: CandidateRow) -> str:
    return SOURCES.get(row[7], row[7] or "an unknown file")


def _name_reasons(a: CandidateRow, b: CandidateRow) -> list[str]:
    """Why two namesakes may be one person; [] when nothing but the name says so.

    Same source, same company and same email (or none) is how two different people with one
    name look: the import kept them apart on purpose (two profiles).
    """
    reasons = []
    if a[7] != b[7]:
        reasons.append(f"imported from {_source(a)} and {_source(b)}")
    if a[6] and b[6] and a[6] != b[6]:
        reasons.append(f"different company: {safe_text(a[5])} / {safe_text(b[5])}")
    if a[3] and b[3] and email_key(a[3]) != email_key(b[3]):
        reasons.append(f"different email: {safe_text(a[3])} / {safe_text(b[3])}")
    return ["same name", *reasons] if reasons else []


def _keep_first(a: CandidateRow, b: CandidateRow) -> tuple[CandidateRow, CandidateRow]:
    """The pair in merge order: LinkedIn's record (it has the profile, and is re-imported most)
    is kept, else the one with a profile, else the older one."""

    def rank(row: CandidateRow) -> tuple[bool, bool, int]:
        return row[7] != "linkedin", not row[4], row[0]

    return (a, b) if rank(a) <= rank(b) else (b, a)


def _pairs(kind: str, people: list[CandidateRow]) -> list[tuple[CandidateRow, CandidateRow]]:
    """The pairs of one key's holders worth a look, or [] for a crowd (see `CROWD`).

    Two namesakes with two different profiles are two people: an export lists each profile
    once, so only a record without a profile (an address book's) pairs with a namesake.
    """
    if kind == "name":  # (same-profile records pair in the profile's own group)
        bare = [row for row in people if not row[4]]
        count = len(bare) * (len(people) - len(bare)) + len(bare) * (len(bare) - 1) // 2
        if count > _MOST_PAIRS:
            return []
        profiled = [row for row in people if row[4]]
        return [(a, b) for i, a in enumerate(bare) for b in (*bare[i + 1 :], *profiled)]
    if len(people) > CROWD:
        return []
    return [(a, b) for i, a in enumerate(people) for b in people[i + 1 :]]


def _shared_keys(rows: Iterable[CandidateRow]) -> dict[tuple[str, str], list[CandidateRow]]:
    """(kind, key) -> its holders, for the keys two or more rows hold.

    Almost every key has one holder, so a row is only remembered until a second one comes: a
    list per key of 100,000 contacts would cost more than the keys themselves.
    """
    first: dict[tuple[str, str], CandidateRow] = {}
    shared: dict[tuple[str, str], list[CandidateRow]] = {}
    for row in rows:
        keys = []
        if name := name_key(row[1], row[2]):
            keys.append(("name", name))
        if row[3]:
            keys.append(("email", email_key(row[3])))
        if row[4] and (url := profile_key(row[4])):
            keys.append(("profile", url))
        for key in keys:
            holder = first.setdefault(key, row)
            if holder is not row:
                if (people := shared.get(key)) is None:
                    shared[key] = [holder, row]
                else:
                    people.append(row)
    return shared


def _found(
    rows: Iterable[CandidateRow], dismissed: set[tuple[int, int]]
) -> dict[tuple[int, int], tuple[CandidateRow, CandidateRow, list[str]]]:
    """(smaller id, larger id) -> (kept row, other row, reasons) for each suggested pair."""
    found: dict[tuple[int, int], tuple[CandidateRow, CandidateRow, list[str]]] = {}
    for (kind, _), people in _shared_keys(rows).items():
        for a, b in _pairs(kind, people):
            pair = (min(a[0], b[0]), max(a[0], b[0]))
            if pair in dismissed:
                continue
            keep, other = _keep_first(a, b)
            if kind == "name":
                reasons = _name_reasons(keep, other)
            else:
                reasons = [f"same {kind}: {safe_text(a[3] if kind == 'email' else a[4])}"]
            if reasons:
                _, _, known = found.setdefault(pair, (keep, other, []))
                known.extend(r for r in reasons if r not in known)
    return found


def find_suggestions(
    rows: Iterable[CandidateRow], dismissed: set[tuple[int, int]]
) -> list[Suggestion]:
    """The merge suggestions among `rows`, dismissed pairs left out, in name order."""
    found = _found(rows, dismissed)
    order = {"same name": 0, "same email": 1, "same profile": 2}
    suggestions = [
        Suggestion(
            keep=keep[0],
            other=other[0],
            keep_name=_full_name(keep),
            other_name=_full_name(other),
            reasons=sorted(reasons, key=lambda r: order.get(r.partition(":")[0], 3)),
        )
        for keep, other, reasons in found.values()
    ]
    suggestions.sort(key=lambda s: (fold(s.keep_name), s.keep, s.other))
    return suggestions


def duplicate_suggestions(ws: Workspace) -> list[Suggestion]:
    """Pairs of contacts that may be one person, for the user to merge or dismiss."""
    conn = ws.conn
    return find_suggestions(candidate_rows(conn), dismissed_pairs(conn))


def count_duplicates(ws: Workspace) -> int:
    """How many suggestions `duplicate_suggestions` would list, for an import's report to
    point them out (the pairs are found, their words and order are not worked out)."""
    conn = ws.conn
    return len(_found(candidate_rows(conn), dismissed_pairs(conn)))


def dismiss_duplicate(ws: Workspace, first: int, second: int) -> bool:
    """Remember that two contacts are different people; False when it was known already."""
    if first == second:
        raise HandpickedError(f"contact {first} was named twice: name two different contacts")
    require_pair(ws, first, second)
    with transaction(ws.conn) as conn:
        return dismiss_pair(conn, first, second)


def require_pair(ws: Workspace, first: int, second: int) -> None:
    """Both contacts exist, or an error naming the first that does not."""
    for contact_id in (first, second):
        if merge_values(ws.conn, contact_id) is None:
            raise HandpickedError(f"no contact with id {contact_id}")
