"""Who is who in an import: the keys two records of one person share, and an index over them.

Matching goes from the strongest key to the weakest: profile URL, then email, then (first name,
last name, company) folded, the last only when neither side has a different URL or email, so two
namesakes at one employer stay two people. The keys are computed once per row; `Index` holds the
stored contacts and the rows of the file merged so far, so duplicates inside one file are found
the same way as people already in the workspace. A row's `fingerprint` lets a re-import pass over
a row its contact already holds whole, before any key is built.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b
from operator import attrgetter
from typing import TYPE_CHECKING

from handpicked.core.contacts.merge.store import fingerprint_pairs, match_rows
from handpicked.core.names import greeting_name
from handpicked.core.reports import ParsedRow
from handpicked.core.text import company_key, email_key, fold, profile_key

if TYPE_CHECKING:
    from handpicked.core.contacts.importers.columnar import ColumnarFile

# Fields copied from a row onto a contact (an empty value never erases a stored one).
FIELDS = ("first_name", "last_name", "email", "profile_url", "company", "position", "notes")
row_values = attrgetter(*FIELDS)


@dataclass(slots=True, eq=False)  # compared by identity: two contacts are never "equal"
class Stored:
    """What matching and merging need to know about a contact already in the workspace.

    A new row of this file (id -1) keeps its ParsedRow and no `values` until a duplicate of it
    in the same file needs to fill its gaps (`own`): most rows of a big import are new and
    never met again, and a dictionary per row would be a good part of the import's time.
    """

    id: int
    values: dict[str, str] | None
    connected_on: str | None
    sector_column: str
    moved: bool = False  # company or position changed in this import
    keys: tuple[str, str, str, str] = ("", "", "", "")  # url, email, name, company
    row: ParsedRow | None = None  # a new row's values while `values` is None

    def refresh_keys(self) -> tuple[str, str, str, str]:
        v = self.values
        assert v is not None
        self.keys = row_keys(
            v["first_name"], v["last_name"], v["profile_url"], v["email"], v["company"]
        )
        return self.keys

    def own(self) -> dict[str, str]:
        """The values of a new row, copied out of its ParsedRow so a duplicate can fill them."""
        if self.values is None:
            row = self.row
            assert row is not None
            self.values = dict(zip(FIELDS, row_values(row), strict=True))
            self.connected_on = row.connected_on.isoformat() if row.connected_on else None
            self.sector_column = row.sector
        return self.values


def row_keys(first: str, last: str, url: str, mail: str, company: str) -> tuple[str, str, str, str]:
    """The matching keys of a row or a contact: (url, email, name, company)."""
    return (
        profile_key(url) if url else "",
        email_key(mail) if mail else "",
        f"{fold(first)}|{fold(last)}",
        company_key(company) if company else "",
    )


def sort_key(first: str, last: str) -> str:
    """Name order as people expect it: Béland between Beaulieu and Bennett, not after Z."""
    return f"{fold(last)}\x1f{fold(first)}"


def search_text(first: str, last: str, company: str, position: str) -> str:
    """What `--search` and the TUI's search box match: folded parts (each cached), joined."""
    return (
        f"{fold(first)} {fold(last)} {fold(company)} {fold(position)}"  # LIKE ignores extra spaces
    )


cached_greeting = lru_cache(maxsize=16384)(greeting_name)


def fingerprint(row: ParsedRow) -> bytes:
    """What a row says, in 16 bytes, the same in every process.

    A contact stores the fingerprint of the row that last left it as it is (cleared by the
    schema's trigger when anything else changes those fields): a re-imported row with that
    fingerprint has nothing to teach it, and is passed over without being matched again.
    """
    when = row.connected_on.isoformat() if row.connected_on else ""
    text = "\x1f".join(
        (
            row.first_name, row.last_name, row.email, row.profile_url, row.company,
            row.position, row.notes, when, row.sector,
        )
    )  # fmt: skip
    return _digest(text)


def fingerprints(rows: ColumnarFile) -> list[bytes]:
    """`fingerprint` of each row of a file read column by column, joined column-wise."""
    days: dict[dt.date | None, str] = {None: ""}
    days.update((day, day.isoformat()) for day in set(rows.connected_on) if day)
    whens = map(days.__getitem__, rows.connected_on)
    texts = map(
        "\x1f".join,
        zip(
            rows.first_name, rows.last_name, rows.email, rows.profile_url, rows.company,
            rows.position, rows.notes, whens, rows.sector, strict=True,
        ),
    )  # fmt: skip
    return list(map(_digest, texts))


def _digest(text: str) -> bytes:
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class Index:
    """Lookup tables over stored contacts (and rows of this file merged so far).

    A URL or an address normally names one person, but two people of one file can share it
    (kept apart, see `keep_apart`); `shared_urls` and `shared_emails` list them all, so each
    row of a later import finds the one with its own name rather than whoever came first.
    """

    def __init__(self) -> None:
        self.by_url: dict[str, Stored] = {}
        self.by_email: dict[str, Stored] = {}
        self.by_name: dict[tuple[str, str], list[Stored]] = {}
        self.shared_urls: dict[str, list[Stored]] = {}
        self.shared_emails: dict[str, list[Stored]] = {}

    def add(self, item: Stored) -> None:
        url, mail, name, company = item.keys
        if url and (first := self.by_url.setdefault(url, item)) is not item:
            _share(self.shared_urls, url, first, item)
        if mail and (first := self.by_email.setdefault(mail, item)) is not item:
            _share(self.shared_emails, mail, first, item)
        bucket = self.by_name.get((name, company))
        if bucket is None:
            self.by_name[(name, company)] = [item]
        elif item not in bucket:
            bucket.append(item)

    def add_new(self, item: Stored) -> None:
        """Add a row that matched nobody: no one has its URL yet (`keep_apart` may say who
        does), and an address another profile has stays that profile's, unshared."""
        url, mail, name, company = item.keys
        if url:
            self.by_url[url] = item
        if mail:
            self.by_email.setdefault(mail, item)
        bucket = self.by_name.get((name, company))
        if bucket is None:
            self.by_name[(name, company)] = [item]
        else:
            bucket.append(item)

    def keep_apart(self, first: Stored, item: Stored) -> None:
        """Record a new row sharing `first`'s URL or email under another name: two people."""
        url, mail = first.keys[0], first.keys[1]
        if url and url == item.keys[0]:
            self.by_url[url] = first
            _share(self.shared_urls, url, first, item)
        if mail and mail == item.keys[1]:
            self.by_email[mail] = first
            _share(self.shared_emails, mail, first, item)

    def match(self, keys: tuple[str, str, str, str]) -> Stored | None:
        url, mail, name, company = keys
        if url and (hit := self.by_url.get(url)):
            if hit.keys[2] != name and url in self.shared_urls:
                return _namesake(self.shared_urls[url], name, hit)
            return hit
        if mail and (hit := self.by_email.get(mail)) and not (url and hit.keys[0] not in ("", url)):
            # one address shared by two different profiles (info@...) is not a match
            if hit.keys[2] != name and mail in self.shared_emails:
                return _namesake(self.shared_emails[mail], name, hit, url)
            return hit
        if name == "|":
            return None
        for item in self.by_name.get((name, company), ()):
            other_url, other_mail = item.keys[0], item.keys[1]
            if url and other_url and url != other_url:
                continue
            if mail and other_mail and mail != other_mail:
                continue
            return item
        return None


def _share(table: dict[str, list[Stored]], key: str, first: Stored, item: Stored) -> None:
    people = table.setdefault(key, [first])
    if item not in people:
        people.append(item)


def _namesake(people: list[Stored], name: str, default: Stored, url: str = "") -> Stored:
    """Of the people sharing a URL or an address, the one with this name and no other URL."""
    for item in people:
        if item.keys[2] == name and not (url and item.keys[0] not in ("", url)):
            return item
    return default


def load_index(conn: sqlite3.Connection) -> Index:
    index = Index()
    for contact_id, *values, connected_on, sector_column in match_rows(conn):
        item = Stored(
            contact_id, dict(zip(FIELDS, values, strict=True)), connected_on, sector_column
        )
        item.refresh_keys()
        index.add(item)
    return index


def load_fingerprints(conn: sqlite3.Connection) -> dict[bytes, int]:
    """Fingerprint -> the one contact that has it (see `fingerprint`); a shared one is left out."""
    pairs = fingerprint_pairs(conn)
    known = dict(pairs)
    if len(known) < len(pairs):
        counts = Counter(mark for mark, _ in pairs)
        known = {mark: contact_id for mark, contact_id in pairs if counts[mark] == 1}
    return known
