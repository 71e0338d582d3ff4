"""Who was reached when, and who a filter selects for a campaign: what `audience` rules on.

Reached is two different things, kept apart because the user is told which one: messaged (a
campaign message marked sent or replied, a touch logged by hand, a message written on LinkedIn,
as the archive's `interactions` hold it) and queued (a message still waiting, or being sent, in a
campaign). The same meaning as `conditions.recently_contacted_sql`, answered here for many
contacts at once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.store.conditions import where
from handpicked.core.db import Workspace

_NAME_ORDER = "sort_key, id"


def _messaged_sql(other: str, scope: str) -> str:
    """(contact_id, day) of every message sent, touch and LinkedIn message written since :since."""
    return (
        " SELECT contact_id, substr(sent_at, 1, 10) AS day FROM messages"
        f"  WHERE sent_at IS NOT NULL AND substr(sent_at, 1, 10) >= :since{other}{scope}"
        f" UNION ALL SELECT contact_id, day FROM touches WHERE day >= :since{scope}"
        " UNION ALL SELECT contact_id, substr(at, 1, 10) FROM interactions"
        f"  WHERE direction = 'sent' AND substr(at, 1, 10) >= :since{scope}"
    )


def _queued_sql(other: str, scope: str) -> str:
    """(contact_id, day, campaign id) of every message waiting in a campaign since :since."""
    return (
        " SELECT contact_id, substr(queued_at, 1, 10) AS day, campaign_id FROM messages"
        "  WHERE status IN ('queued', 'sending') AND substr(queued_at, 1, 10) >= :since"
        f"{other}{scope}"
    )


def _scoped(
    ids: Iterable[int] | None, since: str, campaign_id: int | None
) -> tuple[str, str, dict[str, object]]:
    other = "" if campaign_id is None else " AND campaign_id != :campaign"
    scope = "" if ids is None else " AND contact_id IN (SELECT value FROM json_each(:ids))"
    params: dict[str, object] = {"since": since, "campaign": campaign_id}
    if ids is not None:
        params["ids"] = json.dumps(sorted(set(ids)))
    return other, scope, params


def last_contacts(
    ws: Workspace,
    ids: Iterable[int] | None,
    since: str,
    *,
    campaign_id: int | None = None,
) -> dict[int, str]:
    """contact id -> latest day (YYYY-MM-DD) >= `since` each was reached, for `ids` (None: all).

    Messages of `campaign_id` do not count: being in the campaign being composed is not a reason
    to leave someone out of it.
    """
    other, scope, params = _scoped(ids, since, campaign_id)
    sql = (
        f"SELECT contact_id, max(day) FROM ({_messaged_sql(other, scope)} UNION ALL"
        f" SELECT contact_id, day FROM ({_queued_sql(other, scope)})) GROUP BY contact_id"
    )
    return {cid: day for cid, day in ws.conn.execute(sql, params)}


def reached(
    ws: Workspace,
    ids: Iterable[int] | None,
    since: str,
    *,
    campaign_id: int | None = None,
) -> dict[int, tuple[str | None, list[str]]]:
    """contact id -> (the last day messaged >= `since` or None, the campaigns a message to them
    waits in), for `ids` (None: all) reached either way; `campaign_id`'s messages do not count."""
    other, scope, params = _scoped(ids, since, campaign_id)
    conn = ws.conn
    found: dict[int, tuple[str | None, list[str]]] = {
        cid: (day, [])
        for cid, day in conn.execute(
            f"SELECT contact_id, max(day) FROM ({_messaged_sql(other, scope)}) GROUP BY contact_id",
            params,
        )
    }
    waiting = conn.execute(
        f"SELECT DISTINCT q.contact_id, c.name FROM ({_queued_sql(other, scope)}) AS q"
        " JOIN campaigns c ON c.id = q.campaign_id ORDER BY q.contact_id, c.name",
        params,
    )
    for cid, name in waiting:
        found.setdefault(cid, (None, []))[1].append(name)
    return found


def last_sent_or_touched(ws: Workspace) -> dict[int, str]:
    """contact id -> the last day they were written to (a campaign message sent, a LinkedIn
    message from the archive) or a touch logged: the Contacts table's "Contacted" column, the
    same day `contacts --json` calls last_contacted."""
    return dict(
        ws.conn.execute(
            "SELECT contact_id, max(day) FROM ("
            " SELECT contact_id, substr(sent_at, 1, 10) AS day FROM messages"
            " WHERE sent_at IS NOT NULL UNION ALL SELECT contact_id, day FROM touches"
            " UNION ALL SELECT contact_id, substr(at, 1, 10) FROM interactions"
            " WHERE direction = 'sent')"
            " GROUP BY contact_id"
        ).fetchall()
    )


def campaign_id_by_name(ws: Workspace, name: str) -> int | None:
    row = ws.conn.execute("SELECT id FROM campaigns WHERE name = ?", (name,)).fetchone()
    return int(row[0]) if row else None


def filter_matches(ws: Workspace, f: AudienceFilter, today: dt.date) -> list[tuple[int, bool]]:
    """(contact id, on the do-not-contact list) for the filter's people in name order, the
    recency rule left for the caller to apply (it keeps named people the rule would drop)."""
    conn = ws.conn
    condition, params = where(conn, f, today, apply_recent=False)
    rows = conn.execute(
        f"SELECT id, do_not_contact FROM contacts WHERE {condition} ORDER BY {_NAME_ORDER}",
        params,
    ).fetchall()
    return [(row[0], bool(row[1])) for row in rows]


def picked_matches(ws: Workspace, ids: Iterable[int]) -> list[tuple[int, bool]]:
    """(contact id, on the do-not-contact list) for the stored ones of `ids`, in name order:
    people picked by hand, as `filter_matches` gives a filter's."""
    rows = ws.conn.execute(
        "SELECT id, do_not_contact FROM contacts WHERE id IN (SELECT value FROM json_each(?))"
        f" ORDER BY {_NAME_ORDER}",
        (json.dumps(sorted(set(ids))),),
    ).fetchall()
    return [(row[0], bool(row[1])) for row in rows]


def names_by_id(ws: Workspace, ids: Iterable[int]) -> dict[int, str]:
    """contact id -> full name (as `Contact.full_name` spells it), for the stored ones of `ids`."""
    rows = ws.conn.execute(
        "SELECT id, first_name, last_name FROM contacts"
        " WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(ids))),),
    )
    return {cid: f"{a} {b}" if a and b else a or b for cid, a, b in rows}


def in_name_order(ws: Workspace, ids: Iterable[int]) -> list[int]:
    """The stored ones of these contact ids, in name order."""
    return [
        row[0]
        for row in ws.conn.execute(
            f"SELECT id FROM contacts WHERE id IN (SELECT value FROM json_each(?))"
            f" ORDER BY {_NAME_ORDER}",
            (json.dumps(sorted(set(ids))),),
        )
    ]
