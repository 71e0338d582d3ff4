"""Merging an export into the workspace: match, update, classify, report; one transaction a file.

Re-importing a newer export must update people rather than duplicate them, never erase what the
user knows (an empty cell never overwrites a stored value), and notice who changed jobs, since
those are the people worth congratulating. Who matches whom is `matching`'s business; this module
decides what a match changes and stores it, all in one transaction per file.

Most rows of a re-imported export say nothing new. Each contact keeps the fingerprint of the row
that last left it as it is, so such a row is passed over before any key is built or the index of
stored contacts is even loaded.

A file read column by column (`importers.columnar`) is merged the same way, each row built only
when it needs matching; into an empty workspace, `fresh` stores it whole when no two rows can be
one person.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from handpicked.core.clock import now, today
from handpicked.core.contacts.importers.columnar import ColumnarFile
from handpicked.core.contacts.importers.layouts import CANCELLED, never
from handpicked.core.contacts.merge.matching import (
    FIELDS,
    Index,
    Stored,
    cached_greeting,
    fingerprint,
    fingerprints,
    load_fingerprints,
    load_index,
    row_keys,
    row_values,
    search_text,
    sort_key,
)
from handpicked.core.contacts.merge.store import (
    BULK_ROWS,
    add_tags,
    count_not_in,
    has_contacts,
    insert_contacts,
    next_contact_id,
    record_import,
    record_position,
    refresh_greeting,
    save_fingerprints,
    update_contact,
)
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError
from handpicked.core.reports import FileReport, ParsedFile, ParsedRow, RowIssue
from handpicked.core.text import company_key, email_key, fold, profile_key

if TYPE_CHECKING:
    from handpicked.core.contacts.classify.apply import ClassifyContext


def import_file(
    ws: Workspace,
    parsed: ParsedFile | ColumnarFile,
    *,
    dry_run: bool = False,
    cancelled: Callable[[], bool] = never,
) -> FileReport:
    """Store one parsed export in a single transaction (rolled back when `dry_run`, or when
    `cancelled` says True before the commit: the user's word wins over work already done)."""
    report = FileReport(path=parsed.path, format=parsed.format)
    report.skipped = list(parsed.skipped)
    report.warnings = list(parsed.warnings)
    stamp = now()
    day = today().isoformat()
    in_one_transaction(
        ws,
        parsed.path,
        lambda conn: _merge(conn, ws, parsed, report, stamp, day),
        dry_run=dry_run,
        cancelled=cancelled,
        # A big first import is stored whole by `fresh`: see `transaction`'s rollback journal.
        rollback_journal=(
            isinstance(parsed, ColumnarFile)
            and len(parsed) >= BULK_ROWS
            and not has_contacts(ws.conn)
        ),
    )
    return report


def in_one_transaction(
    ws: Workspace,
    path: str,
    fill: Callable[[sqlite3.Connection], object],
    *,
    dry_run: bool,
    cancelled: Callable[[], bool],
    rollback_journal: bool = False,
) -> None:
    """Store one file's rows with `fill`, all or nothing: rolled back for a dry run, when the
    user cancelled before the commit, or when SQLite fails (said in one line naming the file)."""
    try:
        with transaction(ws.conn, rollback_journal=rollback_journal) as conn:
            if cancelled():
                raise HandpickedError(f"{path}: {CANCELLED}")
            fill(conn)
            if cancelled():
                raise HandpickedError(f"{path}: {CANCELLED}")
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except sqlite3.Error as err:
        raise HandpickedError(
            f"{path}: could not be stored ({err}); nothing of it was imported"
        ) from None


class _DryRun(Exception):
    """Raised inside the transaction to roll back a dry run after counting everything."""


def _merge(
    conn: sqlite3.Connection,
    ws: Workspace,
    parsed: ParsedFile | ColumnarFile,
    report: FileReport,
    stamp: str,
    day: str,
) -> None:
    known = load_fingerprints(conn)
    index: Index | None = None  # loaded at the first row that says something new
    record_import(conn, str(Path(parsed.path).resolve()), parsed.format, stamp)
    constants = (parsed.path, parsed.format, stamp, stamp)
    if isinstance(parsed, ColumnarFile) and not has_contacts(conn):
        from handpicked.core.contacts.merge.fresh import store_new

        report.not_in_export = count_not_in(conn, parsed.format, {})  # as below: none
        if store_new(conn, parsed, constants, _classify_context(ws, conn)):
            report.imported = len(parsed)
            return
    row_at: Callable[[int], ParsedRow]
    if isinstance(parsed, ColumnarFile):
        lines, tag_lists, row_at = parsed.lines, parsed.tags, parsed.row
        marks = fingerprints(parsed) if known else []
    else:
        rows = parsed.rows
        lines, tag_lists, row_at = [r.line for r in rows], [r.tags for r in rows], rows.__getitem__
        marks = [fingerprint(row) for row in rows] if known else []
    seen: dict[int, int] = {}  # stored contact id -> the line of this file that matched it first
    fresh: list[Stored] = []
    changed: set[int] = set()
    updated: set[int] = set()
    left_as_is: dict[int, bytes] = {}  # contact -> fingerprint of the last row matching it
    pending_tags: list[tuple[Stored | int, list[str]]] = []
    said: list[RowIssue] = []  # rows of this file met twice: merged or kept apart, never silent
    owners = list(map(known.get, marks))  # the contact each row has left as it is, if any
    if marks and None not in owners and len(set(owners)) == len(owners):
        # The whole export again, unchanged: every row is passed over, as in the loop below.
        ids = cast("list[int]", owners)
        seen = dict(zip(ids, lines, strict=True))
        pending_tags.extend((i, tags) for i, tags in zip(ids, tag_lists, strict=True) if tags)
        lines = []
    for position, line in enumerate(lines):
        if marks:  # else no contact has a fingerprint yet (a first import, an old workspace)
            mark = marks[position]
            stored_id = owners[position]
            if stored_id is not None and stored_id not in seen:
                # The contact already holds every value of this row: matching it again would
                # find this same contact and change nothing.
                seen[stored_id] = line
                left_as_is[stored_id] = mark
                if tag_lists[position]:
                    pending_tags.append((stored_id, tag_lists[position]))
                continue
        row = row_at(position)
        if index is None:
            index = load_index(conn)
        keys = row_keys(row.first_name, row.last_name, row.profile_url, row.email, row.company)
        url_key, mail_key, name, _ = keys
        hit, apart = index.match(keys), None
        if hit is not None and hit.keys[2] != name and (hit.id == -1 or hit.id in seen):
            apart, hit = hit, None  # this file gave its URL or email to another name before
        if hit is None:
            item = Stored(-1, None, None, "", keys=keys, row=row)
            index.add_new(item)
            fresh.append(item)
            if row.tags:
                pending_tags.append((item, row.tags))
            if apart is not None:
                index.keep_apart(apart, item)
                said.append(_duplicate(apart, seen, row, url_key, mail_key, merged=False))
            continue
        if row.tags:
            pending_tags.append((hit, row.tags))
        if hit.id == -1:  # a duplicate inside this file: fill the gaps of the first occurrence
            said.append(_duplicate(hit, seen, row, url_key, mail_key, merged=True))
            values = hit.own()
            for field in FIELDS:
                if not values[field] and getattr(row, field):
                    values[field] = getattr(row, field)
            if hit.connected_on is None and row.connected_on:
                hit.connected_on = row.connected_on.isoformat()
            hit.sector_column = hit.sector_column or row.sector
            hit.refresh_keys()  # a filled-in URL, email or company is matched on from now on
            index.add(hit)
            continue
        if hit.id in seen:
            said.append(_duplicate(hit, seen, row, url_key, mail_key, merged=True))
        else:
            seen[hit.id] = row.line
        left_as_is[hit.id] = fingerprint(row)  # after this row, the contact holds all it says
        if _update(conn, hit, row, stamp, day):
            updated.add(hit.id)
            if hit.moved:
                changed.add(hit.id)
            index.add(hit)
    # Counted before the new people are stored: those are in the export too.
    report.not_in_export = count_not_in(conn, parsed.format, seen)
    save_fingerprints(
        conn,
        [(mark, i) for i, mark in left_as_is.items() if i in updated or known.get(mark) != i],
    )
    if fresh or updated:  # the classifier's rules are read only when someone is new or changed
        classify = _classify_context(ws, conn)
        _insert(conn, fresh, _NewColumns(constants, classify))
        classify.apply(conn, sorted(updated))
    add_tags(
        conn,
        [
            (owner if isinstance(owner, int) else owner.id, tag)
            for owner, tags in pending_tags
            for tag in tags
            if tag
        ],
    )
    if said:
        report.warnings = sorted(report.warnings + said, key=lambda issue: issue.line)
    report.imported = len(fresh)
    report.updated = len(updated)
    report.unchanged = len(seen.keys() - updated)
    report.changed_position = sorted(changed)


def _classify_context(ws: Workspace, conn: sqlite3.Connection) -> ClassifyContext:
    """The classifier, its rules and the workspace's settings, loaded only once someone is new
    or changed: a re-import that changes nobody never reads them."""
    from handpicked.core.contacts.classify.apply import ClassifyContext

    return ClassifyContext.load(ws, conn)


def _duplicate(
    first: Stored,
    seen: dict[int, int],
    row: ParsedRow,
    url_key: str,
    mail_key: str,
    *,
    merged: bool,
) -> RowIssue:
    """The warning for a row matching the contact an earlier row of the same file matched.

    The same person twice is merged, which the user must hear of since one row then seems to
    vanish; two names under one URL or address are kept as two people, and the user checks them.
    """
    if first.id == -1:
        assert first.row is not None  # a new row of this file keeps its ParsedRow
        line = first.row.line
    else:
        line = seen[first.id]
    if url_key and first.keys[0] == url_key:
        shared = "share a profile URL"
    elif mail_key and first.keys[1] == mail_key:
        shared = "share an email address"
    else:
        shared = "have the same name and company"
    outcome = "merged into one contact" if merged else "kept as two contacts"
    if not merged:
        shared += " but not the name"
    return RowIssue(line=row.line, reason=f"line {line} and line {row.line} {shared}; {outcome}")


_SAME_KEY: dict[str, Callable[[str], str]] = {
    "profile_url": profile_key,
    "email": email_key,
    "company": company_key,
}


def _same(name: str, new: str, old: str) -> bool:
    """True when two values differ only in spelling that carries no news (case, accents, URL form).

    "DESJARDINS" in a spreadsheet must not overwrite "Desjardins inc." from LinkedIn, nor count as
    a change of position.
    """
    if new == old:
        return True
    if not old:
        return False
    key = _SAME_KEY.get(name, fold)
    return key(new) == key(old)


def _update(conn: sqlite3.Connection, stored: Stored, row: ParsedRow, stamp: str, day: str) -> bool:
    """Apply a row's non-empty values to a stored contact; True when anything changed."""
    changes: dict[str, object] = {}
    old = stored.values
    assert old is not None  # a stored contact always has its values
    for name in FIELDS:
        value = getattr(row, name)
        if value and not _same(name, value, old[name]):
            changes[name] = value
    moved = ("company" in changes and old["company"]) or ("position" in changes and old["position"])
    stored.moved = stored.moved or bool(moved)
    if moved:
        record_position(conn, stored.id, old["company"], old["position"], day)
        changes["position_changed_at"] = day
    if row.connected_on and row.connected_on.isoformat() != stored.connected_on:
        changes["connected_on"] = row.connected_on.isoformat()
        stored.connected_on = changes["connected_on"]  # type: ignore[assignment]
    if row.sector and row.sector != stored.sector_column:
        changes["sector_column"] = row.sector
        stored.sector_column = row.sector
    if not changes:
        return False
    old.update({k: v for k, v in changes.items() if k in FIELDS})  # type: ignore[misc]
    changes["company_key"] = stored.refresh_keys()[3]
    changes["sort_key"] = sort_key(old["first_name"], old["last_name"])
    changes["search_text"] = search_text(
        old["first_name"], old["last_name"], old["company"], old["position"]
    )
    changes["updated_at"] = stamp
    update_contact(conn, stored.id, changes)  # column names come from this module only
    if "first_name" in changes:
        refresh_greeting(conn, stored.id, cached_greeting(old["first_name"]))
    return True


class _NewColumns:
    """The columns of a new person after the id, in `store.NEW_CONTACT_COLUMNS` order."""

    def __init__(self, constants: tuple[str, str, str, str], classify: ClassifyContext) -> None:
        self.days: dict[object, str] = {}  # date -> ISO text: a few hundred distinct days a file
        self.constants = constants  # `store.IMPORT_COLUMNS`: path, format, imported at, updated at
        self.compute = classify.compute

    def of(self, item: Stored) -> tuple[object, ...]:
        if item.values is None:  # a row met once: its own values, as read
            row = item.row
            assert row is not None
            first, last, email, url, company, position, notes = row_values(row)
            connected_on = None
            if (when := row.connected_on) is not None:
                connected_on = self.days.get(when) or self.days.setdefault(when, when.isoformat())
            sector_column = row.sector
            mark = fingerprint(row)  # again: 16 bytes a row less to hold until now
        else:  # a row whose duplicates filled its gaps
            first, last, email, url, company, position, notes = (
                item.values[field] for field in FIELDS
            )
            connected_on, sector_column = item.connected_on, item.sector_column
            mark = None  # several rows made it: no one row says all it holds
        key = item.keys[3]
        return (
            first,
            last,
            cached_greeting(first),
            email,
            url,
            company,
            position,
            notes,
            connected_on,
            sector_column,
            key,
            search_text(first, last, company, position),
            sort_key(first, last),
            *self.compute(company, position, key, sector_column),
            mark,
        )


def _insert(conn: sqlite3.Connection, fresh: list[Stored], new_columns: _NewColumns) -> None:
    """Insert new contacts already classified: one pass of inserts, none of updates after it."""
    if not fresh:
        return
    next_id = next_contact_id(conn)
    for contact_id, item in enumerate(fresh, next_id):
        item.id = contact_id
    # A first import of a big export: the indexes are built once after the rows are in.
    stored = next_id - 1
    insert_contacts(
        conn,
        ((item.id, *new_columns.of(item)) for item in fresh),  # streamed, never all in memory
        new_columns.constants,
        rebuild_indexes=len(fresh) >= BULK_ROWS and len(fresh) > stored,
    )
