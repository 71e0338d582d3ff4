"""Who was reached when, and who a filter selects for a campaign: what `audience` rules on.

Reached means a message sent, a message queued or being sent, or a touch logged by hand; the
same meaning as `conditions.recently_contacted_sql`, answered here for many contacts at once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.store.conditions import where
from handpicked.core.db import Workspace

_NAME_ORDER = "sort_key, id"


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
    other = "" if campaign_id is None else " AND campaign_id != :campaign"
    scope = "" if ids is None else " AND contact_id IN (SELECT value FROM json_each(:ids))"
    sql = (
        "SELECT contact_id, max(day) FROM ("
        " SELECT contact_id, substr(sent_at, 1, 10) AS day FROM messages"
        f"  WHERE sent_at IS NOT NULL AND substr(sent_at, 1, 10) >= :since{other}{scope}"
        " UNION ALL SELECT contact_id, substr(queued_at, 1, 10) FROM messages"
        "  WHERE status IN ('queued', 'sending') AND substr(queued_at, 1, 10) >= :since"
        f"{other}{scope}"
        f" UNION ALL SELECT contact_id, day FROM touches WHERE day >= :since{scope}"
        ") GROUP BY contact_id"
    )
    params: dict[str, object] = {"since": since, "campaign": campaign_id}
    if ids is not None:
        params["ids"] = json.dumps(sorted(set(ids)))
    return {cid: day for cid, day in ws.conn.execute(sql, params)}


def last_sent_or_touched(ws: Workspace) -> dict[int, str]:
    """contact id -> the last day a message was sent to them or a touch logged (keep-in-touch)."""
    return dict(
        ws.conn.execute(
            "SELECT contact_id, max(day) FROM ("
            " SELECT contact_id, substr(sent_at, 1, 10) AS day FROM messages"
            " WHERE sent_at IS NOT NULL UNION ALL SELECT contact_id, day FROM touches)"
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
