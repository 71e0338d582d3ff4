"""Correcting contacts by hand: set values, notes, tags, do-not-contact, touches, forgetting.

Everything a user changes by hand is stored apart from what imports and the classifier compute
(`*_manual` columns, `greeting_manual`, company sectors), so that a later re-import refreshes the
export's data without ever undoing a correction.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

from handpicked.core.clock import now, today
from handpicked.core.contacts.classify import (
    FUNCTIONS,
    SENIORITIES,
    UNCLASSIFIED,
    canonical,
)
from handpicked.core.contacts.classify import canonical_sector as _canonical_sector
from handpicked.core.contacts.store.reading import get_contact, require_ids
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError
from handpicked.core.text import clean, fold, one_line

if TYPE_CHECKING:  # the models load pydantic, which `facets` (through this package) never needs
    from handpicked.core.models import Contact


def _pick(kind: str, value: str, known: tuple[str, ...]) -> str:
    """The taxonomy name meant, in English or French ("ingénierie" -> "Engineering")."""
    name = canonical(kind, value)
    if name is None:
        raise HandpickedError(f"unknown {kind} {value!r}; valid: {', '.join(known)}")
    return name


def canonical_sector_or_label(value: str) -> str:
    """A taxonomy sector (English or French name), or the user's own label kept as typed (on
    one line)."""
    value = one_line(clean(value))
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
    if greeting_name is not None:  # a name, so one line however it was typed or pasted
        changes["greeting_name"] = one_line(clean(greeting_name))
        changes["greeting_manual"] = 1 if changes["greeting_name"] else 0
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
    from handpicked.core.contacts.classify.apply import reclassify

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
    ws.browse_cache_path.unlink(missing_ok=True)  # the Contacts screen's copy of them too
    return contact


def set_do_not_contact(ws: Workspace, ids: list[int], value: bool) -> None:
    require_ids(ws, ids)
    with transaction(ws.conn) as conn:
        conn.executemany(
            "UPDATE contacts SET do_not_contact = ? WHERE id = ?", [(int(value), i) for i in ids]
        )


def touched(ws: Workspace, contact_id: int, day: dt.date | None = None, note: str = "") -> None:
    """Log a contact made outside the app (coffee, call): the recent-contact rule counts it."""
    get_contact(ws, contact_id)
    with transaction(ws.conn) as conn:
        conn.execute(
            "INSERT INTO touches(contact_id, day, note) VALUES (?, ?, ?)",
            (contact_id, (day or today()).isoformat(), clean(note)),
        )
