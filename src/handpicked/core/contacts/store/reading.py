"""Reading contacts: lists, one person's whole record, the do-not-contact list, facet counts.

A contact's tags, previous positions and LinkedIn history live in their own tables; `_hydrate`
gathers them for a whole list in three queries, never three per person (a campaign loads 30,000
people at once).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from handpicked.core.clock import today
from handpicked.core.contacts.classify import FUNCTIONS, SECTORS, SENIORITIES, UNCLASSIFIED
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.store.classification import classify_inputs
from handpicked.core.contacts.store.conditions import LAST_CONTACTED, where
from handpicked.core.contacts.store.interactions import summaries
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError, Hint

if TYPE_CHECKING:  # imported where contacts are built: `facets` counts without the models
    from handpicked.core.models import Contact, PreviousPosition

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
    from handpicked.core.models import Contact, PreviousPosition

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
    linkedin = summaries(conn, [row["id"] for row in rows])
    keys = rows[0].keys()
    contacts = []
    for row in rows:
        data = dict(zip(keys, row, strict=True))
        if (found := linkedin.get(data["id"])) is not None:
            data["interactions"] = {"sent": found[0], "received": found[1]}
            data["last_heard_from"] = found[2]
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
    return _hydrate(ws.conn, _listed(ws, f, limit, keep_in_touch))


class ContactLine(NamedTuple):
    """What a listing shows of a contact: one line of `handpicked contacts`."""

    id: int
    first_name: str
    last_name: str
    company: str
    position: str

    @property
    def full_name(self) -> str:  # as Contact.full_name
        first, last = self.first_name, self.last_name
        return f"{first} {last}" if first and last else first or last


def contact_lines(
    ws: Workspace,
    f: AudienceFilter | None = None,
    *,
    limit: int | None = None,
    keep_in_touch: bool = False,
) -> list[ContactLine]:
    """The people `list_contacts` gives, in its order, as the few fields a listing prints.

    Building each Contact (pydantic, their tags, positions and history) costs more than the
    query, and importing pydantic as much as the rest of `handpicked contacts --search` start.
    """
    return [
        ContactLine(r["id"], r["first_name"], r["last_name"], r["company"], r["position"])
        for r in _listed(ws, f, limit, keep_in_touch)
    ]


def _listed(
    ws: Workspace, f: AudienceFilter | None, limit: int | None, keep_in_touch: bool
) -> list[sqlite3.Row]:
    """The rows of `_COLUMNS` matching `f`, in the listing's order.

    With a limit, walking the name index stops after `limit` hits. Without one, every row is
    visited anyway, and filtering the table first then sorting the few hits is five times
    faster than visiting 100,000 rows in index order (`NOT INDEXED`).
    """
    f = f or AudienceFilter()
    conn = ws.conn
    condition, params = where(conn, f, today())
    order = (
        "coalesce(last_contacted, connected_on, '') ASC, id" if keep_in_touch else "sort_key, id"
    )
    table = "contacts" if limit is not None else "contacts NOT INDEXED"
    sql = f"SELECT {_COLUMNS} FROM {table} WHERE {condition} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return conn.execute(sql, params).fetchall()


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
            f"no contact with id {missing[0]}", hint=Hint.FIND_CONTACT, id=missing[0]
        )
    return [found[i] for i in ids]


def require_ids(ws: Workspace, ids: list[int]) -> None:
    get_contacts(ws, ids)


def explain(ws: Workspace, contact_id: int) -> dict[str, str]:
    """Why the contact has its sector and role, recomputed from what decides them now."""
    # Here, not at the top: the classifier's context loads the settings, which listing
    # contacts never needs (`handpicked contacts` starts faster without them).
    from handpicked.core.contacts.classify.apply import ClassifyContext

    found = classify_inputs(ws.conn, [contact_id])
    if not found:
        raise HandpickedError(f"no contact with id {contact_id}")
    return ClassifyContext.load(ws).reasons(found[0])


def do_not_contact(ws: Workspace) -> list[Contact]:
    rows = ws.conn.execute(
        f"SELECT {_COLUMNS} FROM contacts WHERE do_not_contact = 1 ORDER BY sort_key, id"
    ).fetchall()
    return _hydrate(ws.conn, rows)


def facets(ws: Workspace, f: AudienceFilter | None = None) -> dict[str, dict[str, int]]:
    """Counts per sector, function, seniority and tag over the filtered contacts."""
    conn = ws.conn
    condition, params = where(conn, f or AudienceFilter(), today())
    # One pass over the table for the three kinds (a pass per kind costs half as much again).
    totals: tuple[dict[str, int], ...] = ({}, {}, {})
    for *values, n in conn.execute(
        "SELECT sector, function, seniority, count(*) FROM contacts"
        f" WHERE {condition} GROUP BY 1, 2, 3",
        params,
    ):
        for total, value in zip(totals, values, strict=True):
            total[value] = total.get(value, 0) + n
    out: dict[str, dict[str, int]] = {}
    kinds = (("sector", SECTORS), ("function", FUNCTIONS), ("seniority", SENIORITIES))
    for (kind, order), counts in zip(kinds, totals, strict=True):
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
