"""A first import into an empty workspace, stored column by column.

Why: a first import is LinkedIn's whole export, up to 100,000 people, all new. Merged row by row
(`ingest`), each row costs a key, an index entry, four folds, a greeting and a classification,
although the file holds only a few thousand distinct names, companies and titles. Here each of
those is worked out once per distinct value and the rows take theirs by index.

When: the workspace holds no contact and no two rows of the file can be one person: profile URLs
all different, addresses all different, and people sharing a name and an employer each with a
profile URL of their own. `ingest`'s merge would then store each row as a new contact, in the
file's order, with no warning; `store_new` stores the very same rows (the equality tests import
each test file both ways and compare). Otherwise it stores nothing, answers False, and the rows
are merged one by one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from itertools import chain
from typing import TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from handpicked.core.contacts.classify.apply import ClassifyContext
from handpicked.core.contacts.classify.language import company_score, lean, title_score
from handpicked.core.contacts.classify.sectors import NO_GUESS, SectorGuess, resolve_sector
from handpicked.core.contacts.classify.taxonomy import UNCLASSIFIED
from handpicked.core.contacts.importers.columnar import ColumnarFile, ints
from handpicked.core.contacts.merge.matching import cached_greeting, fingerprints
from handpicked.core.contacts.merge.store import (
    BULK_ROWS,
    add_tags,
    insert_contacts,
    next_contact_id,
)
from handpicked.core.text import company_key, email_key, fold, profile_key

T = TypeVar("T")
_BATCH = 20_000  # rows whose derived columns are in memory at once (300,000 rows < 300 MB)
# A LinkedIn profile URL whose key (matching.profile_key) pyarrow can compute: lower-case ASCII,
# an optional scheme and www. or country prefix, no query, no percent-encoding (profile_key
# decodes it: "linn%C3%A9a" is "linnéa"). Any other URL goes through profile_key.
_PLAIN_URL = r"^(https?://)?(www\.|[a-z][a-z]\.)?linkedin\.com/in/[a-z0-9_.~-]*/*$"
_URL_PREFIX = r"^(https?://)?(www\.|[a-z][a-z]\.)?"


class _Distinct:
    """A column as its distinct values and, for each row, the index of its value (a value may
    come twice when the reader cleaned two spellings into one: each is still worked out once)."""

    def __init__(
        self, values: list[str], encoded: tuple[list[str], pa.Array] | None = None
    ) -> None:
        if encoded is None:
            array = pa.array(values, pa.string()).dictionary_encode()
            encoded = array.dictionary.to_pylist(), array.indices
        self.values: list[str] = encoded[0]
        self.indices: pa.Array = encoded[1]
        self.codes = ints(self.indices)

    def each(self, results: list[T]) -> list[T]:
        """Per row, the result of its value (`results` in the order of `values`)."""
        return list(map(results.__getitem__, self.codes))

    def apply(self, function: Callable[[str], T]) -> list[T]:
        """`function` of each row's value, called once per distinct value."""
        return self.each(list(map(function, self.values)))

    def numbered(self, results: list[T]) -> tuple[pa.Array, list[T]]:
        """Per row, the number of its value's result; and the distinct results so numbered."""
        numbers: dict[T, int] = {}
        per_value = [numbers.setdefault(result, len(numbers)) for result in results]
        return pc.take(pa.array(per_value, pa.int64()), self.indices), list(numbers)


def _key(*numbers: pa.Array) -> tuple[pa.Array, list[int]]:
    """One number per row for its combination of numbers; and the size of each part."""
    sizes = [pc.max(column).as_py() + 1 for column in numbers]
    key = numbers[0]
    for column, size in zip(numbers[1:], sizes[1:], strict=True):
        key = pc.add(pc.multiply(key, size), column)
    return key, sizes


def _combinations(*numbers: pa.Array) -> tuple[memoryview, list[tuple[int, ...]]]:
    """Each row's index among the distinct combinations of its numbers; and those combinations."""
    key, sizes = _key(*numbers)
    encoded = key.dictionary_encode()
    combinations = []
    for number in encoded.dictionary.to_pylist():
        parts = []
        for size in reversed(sizes[1:]):
            number, part = divmod(number, size)
            parts.append(part)
        combinations.append((number, *reversed(parts)))
    return ints(encoded.indices), combinations


class _Columns:
    """What the new contacts' columns are computed from, shared by the duplicate check."""

    def __init__(self, rows: ColumnarFile) -> None:
        self.rows = rows
        known = rows.distinct
        self.first = _Distinct(rows.first_name, known.get("first_name"))
        self.last = _Distinct(rows.last_name, known.get("last_name"))
        self.company = _Distinct(rows.company, known.get("company"))
        self.position = _Distinct(rows.position, known.get("position"))
        self.company_keys = [company_key(value) if value else "" for value in self.company.values]
        named = (self.first, self.last, self.company, self.position)
        self.folds = [list(map(fold, column.values)) for column in named]
        self.folded = [column.each(folds) for column, folds in zip(named, self.folds, strict=True)]

    def all_new(self) -> bool:
        """Whether no row would match another (`matching.Index.match`), the workspace empty.

        Profile URLs must all differ. Rows sharing an address, or a name and an employer, may
        still be different people: they are when each has a profile URL (all different).
        """
        with_url = _with_profile(self.rows.profile_url)
        if with_url is None:
            return False
        if any("|" in name for name in (*self.folds[0], *self.folds[1])):
            return False  # "a|b c" and "a b|c" are one name to matching: let it decide
        emails = self.rows.email
        mails = Counter(email_key(email) for email in emails if email)
        if len(mails) < sum(mails.values()):
            shared = [i for i, m in enumerate(emails) if m and mails[email_key(m)] > 1]
            if not pc.all(pc.take(with_url, pa.array(shared, pa.int64()))).as_py():
                return False
        key, _ = _key(
            self.first.numbered(self.folds[0])[0],
            self.last.numbered(self.folds[1])[0],
            self.company.numbered(self.company_keys)[0],
        )
        ordered = key.take(pc.sort_indices(key))
        shared = ordered[1:].filter(pc.equal(ordered[1:], ordered[:-1]))
        if not len(shared):
            return True
        # A row without a name is never matched by it (matching's "|").
        named = pc.or_(
            pc.take(pa.array([bool(fold) for fold in self.folds[0]]), self.first.indices),
            pc.take(pa.array([bool(fold) for fold in self.folds[1]]), self.last.indices),
        )
        alone = pc.invert(with_url)
        matched = pc.and_(pc.and_(named, alone), pc.is_in(key, value_set=shared))
        return not pc.any(matched).as_py()

    def classes(
        self, context: ClassifyContext, sectors: list[str]
    ) -> list[tuple[list[str], memoryview]]:
        """`ClassifyContext.compute`'s seven values on each row (nothing set by hand yet), each
        as its distinct values and, per row, the index of its value.

        The sector is the user's for the company, else the file's column, else the guess from
        the company or, when that tells nothing, from the title: each input is classified once,
        and `resolve_sector` runs once per distinct (assignment, column, guess).
        """
        classifier, company, position = context.classifier, self.company, self.position
        by_company = [classifier.sector(value) for value in company.values]
        known: dict[SectorGuess, int] = {}
        from_title = pc.and_(
            pc.take(pa.array([bool(value) for value in position.values]), position.indices),
            pc.take(pa.array([guess.source == "none" for guess in by_company]), company.indices),
        )
        # A title is read for a sector only on rows whose company tells none: a few hundred
        # of an export's ten thousand titles.
        wanted = set(ints(pc.unique(position.indices.filter(from_title))))
        by_title = [
            classifier.sector("", value) if code in wanted else NO_GUESS
            for code, value in enumerate(position.values)
        ]
        guess = pc.if_else(
            from_title,
            pc.take(_numbers(by_title, known), position.indices),
            pc.take(_numbers(by_company, known), company.indices),
        )
        assigned, assignments = company.numbered(
            [context.company_sectors.get(key) for key in self.company_keys]
        )
        column = _Distinct(sectors)
        labels = pc.cast(column.indices, pa.int64())
        inputs, combinations = _combinations(assigned, labels, guess)
        guesses = list(known)
        resolved = [
            resolve_sector(
                manual=None,
                company_assignment=assignments[a],
                column=column.values[s] or None,
                guess=guesses[g],
            )
            for a, s, g in combinations
        ]
        roles = [classifier.role(value) for value in position.values]
        titles, title_scores = position.numbered(list(map(title_score, position.values)))
        firms, firm_scores = company.numbered(list(map(company_score, company.values)))
        pairs, scored = _combinations(titles, firms)
        languages = [
            lean(title_scores[t], firm_scores[f]) or context.default_language for t, f in scored
        ]
        return [
            ([sector or UNCLASSIFIED for sector, _ in resolved], inputs),
            ([source for _, source in resolved], inputs),
            ([role.function for role in roles], position.codes),
            ([role.function_source for role in roles], position.codes),
            ([role.seniority for role in roles], position.codes),
            ([role.seniority_source for role in roles], position.codes),
            (languages, pairs),
        ]


def _numbers(guesses: list[SectorGuess], known: dict[SectorGuess, int]) -> pa.Array:
    return pa.array([known.setdefault(guess, len(known)) for guess in guesses], pa.int64())


def store_new(
    conn: sqlite3.Connection,
    rows: ColumnarFile,
    constants: tuple[str, str, str, str],
    context: ClassifyContext,
) -> bool:
    """Store every row as a new contact, when none can match another (see above); else False.

    `constants` are the source path and format and the import's time, twice (imported, updated).
    """
    if not len(rows):
        return True  # every row was skipped: nobody to store
    columns = _Columns(rows)
    if not columns.all_new():
        return False
    next_id = next_contact_id(conn)
    count = len(rows)
    insert_contacts(
        conn,
        chain.from_iterable(_new_contacts(columns, next_id, context)),
        constants,
        rebuild_indexes=count >= BULK_ROWS and count >= next_id,
    )
    if any(rows.tags):
        pairs = ((next_id + i, tag) for i, tags in enumerate(rows.tags) for tag in tags if tag)
        add_tags(conn, pairs)
    return True


def _new_contacts(
    columns: _Columns, next_id: int, context: ClassifyContext
) -> Iterator[Iterator[tuple[object, ...]]]:
    """The rows to insert, in `store.NEW_CONTACT_COLUMNS` order, a batch at a time (a batch
    is an iterator of rows, so no Python code runs per row)."""
    rows = columns.rows
    days: dict[dt.date | None, str | None] = {None: None}
    days.update((day, day.isoformat()) for day in set(rows.connected_on) if day)
    per_row = (
        rows.first_name,
        rows.last_name,
        columns.first.apply(cached_greeting),
        rows.email,
        rows.profile_url,
        rows.company,
        rows.position,
        rows.notes,
        list(map(days.__getitem__, rows.connected_on)),
    )
    keys = columns.company.each(columns.company_keys)
    classes = columns.classes(context, rows.sector)
    first, last, company, position = columns.folded
    for start in range(0, len(rows), _BATCH):
        part = slice(start, start + _BATCH)
        batch = _slice(rows, part)
        size = len(batch)
        yield zip(
            range(next_id + start, next_id + start + size),
            *(values[part] for values in per_row),
            rows.sector[part],
            keys[part],
            map(" ".join, zip(first[part], last[part], company[part], position[part], strict=True)),
            map("\x1f".join, zip(last[part], first[part], strict=True)),
            *(map(values.__getitem__, rows_of[part]) for values, rows_of in classes),
            fingerprints(batch),
            strict=True,
        )


def _slice(rows: ColumnarFile, part: slice) -> ColumnarFile:
    return ColumnarFile(
        path=rows.path, format=rows.format, lines=rows.lines[part],
        first_name=rows.first_name[part], last_name=rows.last_name[part], email=rows.email[part],
        company=rows.company[part], position=rows.position[part],
        profile_url=rows.profile_url[part], connected_on=rows.connected_on[part],
        sector=rows.sector[part], tags=rows.tags[part], notes=rows.notes[part],
    )  # fmt: skip


def _with_profile(urls: list[str]) -> pa.Array | None:
    """Which rows have a profile URL, or None when two have the same (`profile_key`).

    Keys are made a batch at a time, by pyarrow for plain LinkedIn URLs and by profile_key for
    the others, and only their hashes are kept: two equal hashes (two equal keys, or once in
    billions two keys hashed alike) send the file to the row-by-row merge, which compares keys.
    (pyarrow's `unique` over all the keys is 13 ms quicker at 100,000 rows, but holding them
    raises a 300,000-row import's peak by 35 MB.)
    """
    hashes: set[int] = set()
    count = 0
    present = []
    for start in range(0, len(urls), _BATCH):
        part = urls[start : start + _BATCH]
        lowered = pc.ascii_lower(pa.array(part, pa.string()))
        keys = pc.utf8_rtrim(pc.replace_substring_regex(lowered, _URL_PREFIX, ""), "/")
        others = pc.invert(pc.match_substring_regex(lowered, _PLAIN_URL))
        rows = pc.indices_nonzero(others).to_pylist()
        if rows:
            own = [profile_key(url) if (url := part[row]) else "" for row in rows]
            keys = pc.replace_with_mask(keys, others, pa.array(own, pa.string()))
        present.append(pc.not_equal(keys, ""))
        found = keys.filter(present[-1]).to_pylist()
        count += len(found)
        hashes.update(map(hash, found))
        if len(hashes) < count:
            return None
    return pa.concat_arrays(present) if present else pa.array([], pa.bool_())
