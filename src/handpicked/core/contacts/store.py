"""Reading and correcting contacts: lists, one person's record, hand-set values, tags, forgetting.

Everything a user changes by hand is stored apart from what imports and the classifier compute
(`*_manual` columns, `greeting_manual`, company sectors), so that a later re-import refreshes the
export's data without ever undoing a correction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable

from handpicked.core.clock import now, today
from handpicked.core.contacts.classify import (
    FUNCTIONS,
    SECTORS,
    SENIORITIES,
    UNCLASSIFIED,
    canonical,
)
from handpicked.core.contacts.classify import canonical_sector as _canonical_sector
from handpicked.core.contacts.classify.apply import CLASSIFY_SELECT, ClassifyContext, reclassify
from handpicked.core.contacts.filters import LAST_CONTACTED, AudienceFilter, where
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError
from handpicked.core.models import Contact, PreviousPosition
from handpicked.core.text import clean, fold

_COLUMNS = (
    "id, first_name, last_name, greeting_name, email, profile_url, company, position,"
    " connected_on, sector, sector_source, function, function_source, seniority,"
    " seniority_source, language, notes, fields, source_path, source_format, imported_at,"
    " updated_at, do_not_contact, " + LAST_CONTACTED + " AS last_contacted"
)


def _hydrate(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Contact]:
    """Contacts from rows of `_COLUMNS`, with their tags and previous positions.

    A 30,000-person campaign loads everyone through here, so the loop avoids what costs most
    per row: dict(row) (three times slower than zipping the column names once taken) and
    parsing the "{}" most contacts have as fields.
    """
    if not rows:
        return []
    ids = json.dumps([row["id"] for row in rows])
    tags: dict[int, list[str]] = {}
    for cid, tag in conn.execute(
        "SELECT contact_id, tag FROM tags WHERE contact_id IN (SELECT value FROM json_each(?))"
        " ORDER BY tag",
        (ids,),
    ):
        tags.setdefault(cid, []).append(tag)
    history: dict[int, list[PreviousPosition]] = {}
    for cid, company, position, until in conn.execute(
        "SELECT contact_id, company, position, until FROM positions"
        " WHERE contact_id IN (SELECT value FROM json_each(?)) ORDER BY until DESC, id DESC",
        (ids,),
    ):
        history.setdefault(cid, []).append(
            PreviousPosition(company=company, position=position, until=until)
        )
    keys = rows[0].keys()
    contacts = []
    for row in rows:
        data = dict(zip(keys, row, strict=True))
        cid, fields = data["id"], data["fields"]
        data["fields"] = json.loads(fields) if fields and fields != "{}" else {}
        data["do_not_contact"] = bool(data["do_not_contact"])
        data["tags"] = tags.get(cid, [])
        data["previous_positions"] = history.get(cid, [])
        contacts.append(Contact.model_validate(data))
    return contacts


def is_empty(ws: Workspace) -> bool:
    """True while the workspace holds no contact (the app then explains how to import)."""
    return ws.conn.execute("SELECT 1 FROM contacts LIMIT 1").fetchone() is None


def missing_ids(ws: Workspace, ids: Iterable[int]) -> list[int]:
    """Which of these contact ids are no longer stored (forgotten since they were picked)."""
    wanted = sorted(ids)
    if not wanted:
        return []
    found = {
        row[0]
        for row in ws.conn.execute(
            "SELECT id FROM contacts WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
    }
    return [i for i in wanted if i not in found]


def list_contacts(
    ws: Workspace,
    f: AudienceFilter | None = None,
    *,
    limit: int | None = None,
    keep_in_touch: bool = False,
) -> list[Contact]:
    """Contacts matching `f`, by name; `keep_in_touch` puts the longest silence first."""
    f = f or AudienceFilter()
    conn = ws.conn
    condition, params = where(conn, f, today())
    order = (
        "coalesce(last_contacted, connected_on, '') ASC, id" if keep_in_touch else "sort_key, id"
    )
    sql = f"SELECT {_COLUMNS} FROM contacts WHERE {condition} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _hydrate(conn, conn.execute(sql, params).fetchall())


def get_contact(ws: Workspace, contact_id: int) -> Contact:
    return get_contacts(ws, [contact_id])[0]


def get_contacts(ws: Workspace, ids: list[int]) -> list[Contact]:
    """The contacts with these ids, in that order; an unknown id is an error naming it."""
    conn = ws.conn
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM contacts WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps([int(i) for i in ids]),),
    ).fetchall()
    found = {c.id: c for c in _hydrate(conn, rows)}
    missing = [i for i in ids if i not in found]
    if missing:
        raise HandpickedError(
            f"no contact with id {missing[0]}; list ids with: handpicked contacts --search NAME"
        )
    return [found[i] for i in ids]


def require_ids(ws: Workspace, ids: list[int]) -> None:
    get_contacts(ws, ids)


def explain(ws: Workspace, contact_id: int) -> dict[str, str]:
    """Why the contact has its sector and role, recomputed from what decides them now."""
    row = ws.conn.execute(f"{CLASSIFY_SELECT} WHERE id = ?", (contact_id,)).fetchone()
    if row is None:
        raise HandpickedError(f"no contact with id {contact_id}")
    return ClassifyContext.load(ws).reasons(row)


def _pick(kind: str, value: str, known: tuple[str, ...]) -> str:
    """The taxonomy name meant, in English or French ("ingénierie" -> "Engineering")."""
    name = canonical(kind, value)
    if name is None:
        raise HandpickedError(f"unknown {kind} {value!r}; valid: {', '.join(known)}")
    return name


def canonical_sector_or_label(value: str) -> str:
    """A taxonomy sector (English or French name), or the user's own label kept as typed."""
    value = clean(value)
    if not value:
        raise HandpickedError("a sector cannot be empty")
    if fold(value) == fold(UNCLASSIFIED):
        return UNCLASSIFIED
    return _canonical_sector(value) or value


def set_contact(
    ws: Workspace,
    contact_id: int,
    *,
    function: str | None = None,
    seniority: str | None = None,
    sector: str | None = None,
    language: str | None = None,
    greeting_name: str | None = None,
    fields: dict[str, str] | None = None,
) -> Contact:
    """Hand corrections; an empty string clears the correction and goes back to the guess."""
    get_contact(ws, contact_id)
    changes: dict[str, object] = {}
    if function is not None:
        changes["function_manual"] = _pick("function", function, FUNCTIONS) if function else None
    if seniority is not None:
        changes["seniority_manual"] = (
            _pick("seniority", seniority, SENIORITIES) if seniority else None
        )
    if sector is not None:
        changes["sector_manual"] = canonical_sector_or_label(sector) if sector else None
    if language is not None:
        if language not in ("fr", "en", ""):
            raise HandpickedError(f"unknown language {language!r}; valid: fr, en")
        changes["language_manual"] = language or None
    if greeting_name is not None:
        changes["greeting_name"] = clean(greeting_name)
        changes["greeting_manual"] = 1 if clean(greeting_name) else 0
    conn = ws.conn
    with transaction(conn):
        if fields:
            row = conn.execute("SELECT fields FROM contacts WHERE id = ?", (contact_id,)).fetchone()
            merged = json.loads(row[0] or "{}")
            for key, value in fields.items():
                if value == "":
                    merged.pop(key, None)
                else:
                    merged[key] = value
            changes["fields"] = json.dumps(merged, ensure_ascii=False)
        if changes:
            changes["updated_at"] = now()
            sets = ", ".join(f"{name} = ?" for name in changes)
            conn.execute(
                f"UPDATE contacts SET {sets} WHERE id = ?", (*changes.values(), contact_id)
            )
        if greeting_name == "":
            from handpicked.core.names import greeting_name as derive

            first = conn.execute(
                "SELECT first_name FROM contacts WHERE id = ?", (contact_id,)
            ).fetchone()[0]
            conn.execute(
                "UPDATE contacts SET greeting_name = ? WHERE id = ?", (derive(first), contact_id)
            )
    reclassify(ws, [contact_id])
    return get_contact(ws, contact_id)


def set_note(ws: Workspace, contact_id: int, text: str) -> None:
    get_contact(ws, contact_id)
    with transaction(ws.conn) as conn:
        conn.execute(
            "UPDATE contacts SET notes = ?, updated_at = ? WHERE id = ?",
            (clean(text), now(), contact_id),
        )


def tag(ws: Workspace, name: str, ids: list[int], *, remove: bool = False) -> int:
    """Add (or remove) a tag on contacts; returns how many contacts changed."""
    name = clean(name)
    if not name:
        raise HandpickedError("a tag cannot be empty")
    require_ids(ws, ids)
    with transaction(ws.conn) as conn:
        before = conn.total_changes
        if remove:
            conn.executemany(
                "DELETE FROM tags WHERE contact_id = ? AND tag = ?", [(i, name) for i in ids]
            )
        else:
            conn.executemany(
                "INSERT OR IGNORE INTO tags(contact_id, tag) VALUES (?, ?)",
                [(i, name) for i in ids],
            )
        return conn.total_changes - before


def forget(ws: Workspace, contact_id: int) -> Contact:
    """Erase a person and everything about them (messages, tags, history, touches)."""
    contact = get_contact(ws, contact_id)
    with transaction(ws.conn) as conn:
        conn.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
    ws.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return contact


def set_do_not_contact(ws: Workspace, ids: list[int], value: bool) -> None:
    require_ids(ws, ids)
    with transaction(ws.conn) as conn:
        conn.executemany(
            "UPDATE contacts SET do_not_contact = ? WHERE id = ?", [(int(value), i) for i in ids]
        )


def do_not_contact(ws: Workspace) -> list[Contact]:
    rows = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM contacts WHERE do_not_contact = 1 ORDER BY sort_key, id"
    ).fetchall()
    return _hydrate(ws.conn, rows)


def touched(ws: Workspace, contact_id: int, day: dt.date | None = None, note: str = "") -> None:
    """Log a contact made outside the app (coffee, call): the recent-contact rule counts it."""
    get_contact(ws, contact_id)
    with transaction(ws.conn) as conn:
        conn.execute(
            "INSERT INTO touches(contact_id, day, note) VALUES (?, ?, ?)",
            (contact_id, (day or today()).isoformat(), clean(note)),
        )


def facets(ws: Workspace, f: AudienceFilter | None = None) -> dict[str, dict[str, int]]:
    """Counts per sector, function, seniority and tag over the filtered contacts."""
    conn = ws.conn
    condition, params = where(conn, f or AudienceFilter(), today())
    out: dict[str, dict[str, int]] = {}
    for kind, order in (("sector", SECTORS), ("function", FUNCTIONS), ("seniority", SENIORITIES)):
        counts = dict(
            conn.execute(
                f"SELECT {kind}, count(*) FROM contacts WHERE {condition} GROUP BY {kind}", params
            ).fetchall()
        )
        rank = {name: i for i, name in enumerate(order)}
        keys = sorted(counts, key=lambda k: (k == UNCLASSIFIED, rank.get(k, len(rank)), k))
        if kind != "seniority":
            keys = sorted(counts, key=lambda k: (k == UNCLASSIFIED, -counts[k], k))
        out[kind] = {k: counts[k] for k in keys}
    out["tag"] = dict(
        conn.execute(
            f"SELECT tag, count(*) AS n FROM tags JOIN contacts ON contacts.id = tags.contact_id"
            f" WHERE {condition} GROUP BY tag ORDER BY n DESC, tag",
            params,
        ).fetchall()
    )
    return out
