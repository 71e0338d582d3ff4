"""Merging an export into the workspace: match, update, classify, report; one transaction a file.

Re-importing a newer export must update people rather than duplicate them, never erase what the
user knows (an empty cell never overwrites a stored value), and notice who changed jobs, since
those are the people worth congratulating. Who matches whom is `matching`'s business; this module
decides what a match changes and stores it, all in one transaction per file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from handpicked.core.bulk import paused_gc
from handpicked.core.clock import now, today
from handpicked.core.contacts.classify.apply import ClassifyContext
from handpicked.core.contacts.importers import CANCELLED, never
from handpicked.core.contacts.merge.matching import (
    FIELDS,
    Stored,
    cached_greeting,
    load_index,
    search_text,
    sort_key,
)
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError
from handpicked.core.models import FileReport, ParsedFile, ParsedRow, RowIssue
from handpicked.core.text import company_key, email_key, fold, profile_key


@paused_gc()
def import_file(
    ws: Workspace,
    parsed: ParsedFile,
    *,
    dry_run: bool = False,
    cancelled: Callable[[], bool] = never,
) -> FileReport:
    """Store one parsed export in a single transaction (rolled back when `dry_run`, or when
    `cancelled` says True before the commit: the user's word wins over work already done)."""
    conn = ws.conn
    report = FileReport(path=parsed.path, format=parsed.format)
    report.skipped = list(parsed.skipped)
    report.warnings = list(parsed.warnings)
    stamp = now()
    day = today().isoformat()
    try:
        with transaction(conn):
            if cancelled():
                raise HandpickedError(f"{parsed.path}: {CANCELLED}")
            _merge(conn, ws, parsed, report, stamp, day)
            if cancelled():
                raise HandpickedError(f"{parsed.path}: {CANCELLED}")
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except sqlite3.Error as err:
        raise HandpickedError(
            f"{parsed.path}: could not be stored ({err}); nothing of it was imported"
        ) from None
    return report


_BULK_ROWS = 5000  # from this many new rows (and more than stored), indexes are rebuilt once


class _DryRun(Exception):
    """Raised inside the transaction to roll back a dry run after counting everything."""


def _merge(
    conn: sqlite3.Connection,
    ws: Workspace,
    parsed: ParsedFile,
    report: FileReport,
    stamp: str,
    day: str,
) -> None:
    index = load_index(conn)
    import_id = conn.execute(
        "INSERT INTO imports(path, format, at) VALUES (?, ?, ?)",
        (str(Path(parsed.path).resolve()), parsed.format, stamp),
    ).lastrowid
    classify = ClassifyContext.load(ws, conn)
    seen: dict[int, int] = {}  # stored contact id -> the line of this file that matched it first
    fresh: list[Stored] = []
    changed: set[int] = set()
    updated: set[int] = set()
    pending_tags: list[tuple[Stored, list[str]]] = []
    said: list[RowIssue] = []  # rows of this file met twice: merged or kept apart, never silent
    new_columns = _NewColumns(parsed, stamp, import_id, classify)
    match, add_fresh, greeting = index.match, fresh.append, cached_greeting
    by_url, by_email, by_name = index.by_url, index.by_email, index.by_name
    days, compute_new = new_columns.days, classify.compute_new
    path, fmt = parsed.path, parsed.format
    for row in parsed.rows:
        # row_keys, index.match's misses, index.add and _NewColumns, inlined: this loop runs once
        # per row of an export, and most rows of a big one are new people
        first, last, url, mail, company = (
            row.first_name, row.last_name, row.profile_url, row.email, row.company
        )  # fmt: skip
        url_key = profile_key(url) if url else ""
        mail_key = email_key(mail) if mail else ""
        folded_first, folded_last = fold(first), fold(last)
        name = f"{folded_first}|{folded_last}"
        company_id = company_key(company) if company else ""
        bucket = by_name.get((name, company_id))
        hit = apart = None
        if bucket or url_key in by_url or mail_key in by_email:  # else nothing can match
            hit = match((url_key, mail_key, name, company_id))
            if hit is not None and hit.keys[2] != name and (hit.id == -1 or hit.id in seen):
                apart, hit = hit, None  # this file gave its URL or email to another name before
        if hit is None:
            keys = (url_key, mail_key, name, company_id)
            item = Stored(-1, None, None, "", False, keys, row)
            position, sector = row.position, row.sector
            connected_on = None
            if (when := row.connected_on) is not None:
                connected_on = days.get(when)
                if connected_on is None:
                    connected_on = days[when] = when.isoformat()
            item.new = (
                first,
                last,
                greeting(first),
                mail,
                url,
                company,
                position,
                row.notes,
                connected_on,
                path,
                fmt,
                stamp,
                stamp,
                import_id,
                sector,
                company_id,
                f"{folded_first} {folded_last} {fold(company)} {fold(position)}",
                f"{folded_last}\x1f{folded_first}",
                *compute_new(company, position, company_id, sector),
            )
            if url_key:
                by_url[url_key] = item  # no match: no contact has this URL yet
            if mail_key:
                by_email.setdefault(mail_key, item)
            if bucket is None:
                by_name[(name, company_id)] = [item]
            else:
                bucket.append(item)  # a new object: never in the bucket yet
            add_fresh(item)
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
            for name in FIELDS:
                if not values[name] and getattr(row, name):
                    values[name] = getattr(row, name)
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
        if _update(conn, hit, row, stamp, day, import_id):
            updated.add(hit.id)
            if hit.moved:
                changed.add(hit.id)
            index.add(hit)
    conn.execute(
        "UPDATE contacts SET last_import_id = ? WHERE id IN (SELECT value FROM json_each(?))",
        (import_id, json.dumps(sorted(seen))),
    )
    _insert(conn, fresh, new_columns)
    conn.executemany(
        "INSERT OR IGNORE INTO tags(contact_id, tag) VALUES (?, ?)",
        [(item.id, tag) for item, tags in pending_tags for tag in tags if tag],
    )
    classify.apply(conn, sorted(updated))
    if said:
        report.warnings = sorted(report.warnings + said, key=lambda issue: issue.line)
    report.imported = len(fresh)
    report.updated = len(updated)
    report.unchanged = len(seen.keys() - updated)
    report.changed_position = sorted(changed)
    report.not_in_export = conn.execute(
        "SELECT count(*) FROM contacts WHERE source_format = ? AND"
        " (last_import_id IS NULL OR last_import_id != ?)",
        (parsed.format, import_id),
    ).fetchone()[0]


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


_SAME_KEY = {"profile_url": profile_key, "email": email_key, "company": company_key}


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


def _update(
    conn: sqlite3.Connection, stored: Stored, row: ParsedRow, stamp: str, day: str, import_id: int
) -> bool:
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
        conn.execute(
            "INSERT INTO positions(contact_id, company, position, until) VALUES (?, ?, ?, ?)",
            (stored.id, old["company"], old["position"], day),
        )
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
    sets = ", ".join(f"{name} = ?" for name in changes)
    conn.execute(
        f"UPDATE contacts SET {sets} WHERE id = ?",  # column names come from this module only
        (*changes.values(), stored.id),
    )
    if "first_name" in changes:
        conn.execute(
            "UPDATE contacts SET greeting_name = ? WHERE id = ? AND greeting_manual = 0",
            (cached_greeting(old["first_name"]), stored.id),
        )
    return True


class _NewColumns:
    """The contacts columns of a new person after the id, as `_insert` writes them.

    The merge loop inlines the same for a new row's first occurrence; this builds them again
    for a row that duplicates inside the file filled in (keep both in step).
    """

    def __init__(
        self, parsed: ParsedFile, stamp: str, import_id: int, classify: ClassifyContext
    ) -> None:
        self.days: dict[object, str] = {}  # date -> ISO text: a few hundred distinct days a file
        self.constants = (parsed.path, parsed.format, stamp, stamp, import_id)
        self.compute_new = classify.compute_new

    def of(self, item: Stored) -> tuple:
        v = item.values
        assert v is not None
        first, last, company, position = (
            v["first_name"], v["last_name"], v["company"], v["position"]
        )  # fmt: skip
        key, sector_column = item.keys[3], item.sector_column
        folded_first, folded_last = fold(first), fold(last)
        return (
            first,
            last,
            cached_greeting(first),
            v["email"],
            v["profile_url"],
            company,
            position,
            v["notes"],
            item.connected_on,
            *self.constants,
            sector_column,
            key,
            f"{folded_first} {folded_last} {fold(company)} {fold(position)}",
            f"{folded_last}\x1f{folded_first}",
            *self.compute_new(company, position, key, sector_column),
        )


def _insert(conn: sqlite3.Connection, fresh: list[Stored], new_columns: _NewColumns) -> None:
    """Insert new contacts already classified: one INSERT pass, no UPDATE pass after it."""
    if not fresh:
        return
    (next_id,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM contacts").fetchone()
    rows = []
    append = rows.append
    contact_id = next_id
    for item in fresh:
        item.id = contact_id
        append((contact_id, *(item.new or new_columns.of(item))))
        contact_id += 1
    # A first import of a big export: building the indexes once after the rows are in is about
    # twice as fast as updating them row by row (DDL is transactional: a failure restores them).
    stored = next_id - 1
    indexes = []
    if len(rows) >= _BULK_ROWS and len(rows) > stored:
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts'"
            " AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')  # names from our own schema
    conn.executemany(
        "INSERT INTO contacts(id, first_name, last_name, greeting_name, email, profile_url,"
        " company, position, notes, connected_on, source_path, source_format, imported_at,"
        " updated_at, last_import_id, sector_column, company_key, search_text, sort_key, sector,"
        " sector_source, function, function_source, seniority, seniority_source, language)"
        f" VALUES ({', '.join('?' * 26)})",
        rows,
    )
    for _, sql in indexes:
        conn.execute(sql)
