"""Keep in touch: the SQL of cadences (per contact, per tag), snoozes and each person's last
interaction either way. `contacts.touch` turns these rows into who is overdue and why.

Days are compared as text: every stored date starts with its YYYY-MM-DD day (`interactions.at`
in UTC, campaign times in local time: a day's difference at most, never a month's).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from typing import NamedTuple

from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.store.conditions import where

# Our side: a campaign message sent, a contact logged by hand, a LinkedIn message or invitation.
_OURS = (
    "SELECT contact_id, substr(sent_at, 1, 10) AS day FROM messages WHERE sent_at IS NOT NULL"
    " UNION ALL SELECT contact_id, day FROM touches"
    " UNION ALL SELECT contact_id, substr(at, 1, 10) FROM interactions WHERE direction = 'sent'"
)
# Their side: a message or invitation from them on LinkedIn, a reply to a campaign message.
_THEIRS = (
    "SELECT contact_id, substr(at, 1, 10) AS day FROM interactions WHERE direction = 'received'"
    " UNION ALL SELECT contact_id, substr(replied_at, 1, 10) FROM messages"
    " WHERE replied_at IS NOT NULL"
)
# Each contact's smallest tag cadence, and the tag it comes from (the first by name on a tie).
_TAG_CADENCE = (
    "SELECT contact_id, days, tag FROM (SELECT t.contact_id, c.days, t.tag, row_number()"
    " OVER (PARTITION BY t.contact_id ORDER BY c.days, t.tag) AS n"
    " FROM tags t JOIN tag_cadences c ON c.tag = t.tag) WHERE n = 1"
)


class CadenceRow(NamedTuple):
    id: int
    first_name: str
    last_name: str
    connected_on: str | None
    cadence_days: int | None
    snoozed_until: str | None
    tag_days: int | None
    tag: str | None
    last_contacted: str | None
    last_heard_from: str | None


def rows(conn: sqlite3.Connection, ids: list[int] | None = None) -> Iterator[CadenceRow]:
    """Every contact (or those of `ids`) with what keep-in-touch decides on, in one query."""
    scope, params = "", []
    if ids is not None:
        scope, params = " WHERE c.id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
    sql = (
        f"WITH ours AS (SELECT contact_id, max(day) AS day FROM ({_OURS}) GROUP BY contact_id),"
        f" theirs AS (SELECT contact_id, max(day) AS day FROM ({_THEIRS}) GROUP BY contact_id),"
        f" tagged AS ({_TAG_CADENCE})"
        " SELECT c.id, c.first_name, c.last_name, c.connected_on, c.cadence_days,"
        " c.snoozed_until, tagged.days, tagged.tag, ours.day, theirs.day FROM contacts c"
        " LEFT JOIN tagged ON tagged.contact_id = c.id LEFT JOIN ours ON ours.contact_id = c.id"
        f" LEFT JOIN theirs ON theirs.contact_id = c.id{scope}"
    )
    for row in conn.execute(sql, params):
        yield CadenceRow(*row)


def filtered_ids(conn: sqlite3.Connection, f: AudienceFilter, day: dt.date) -> list[int]:
    """The ids a filter selects, as `handpicked contacts` would list them."""
    condition, params = where(conn, f, day)
    return [row[0] for row in conn.execute(f"SELECT id FROM contacts WHERE {condition}", params)]


def set_contact_cadence(conn: sqlite3.Connection, contact_id: int, days: int | None) -> None:
    conn.execute("UPDATE contacts SET cadence_days = ? WHERE id = ?", (days, contact_id))


def set_tag_cadence(conn: sqlite3.Connection, tag: str, days: int | None) -> bool:
    """Store (or, with None, remove) a tag's cadence; False when there was none to remove."""
    if days is None:
        return conn.execute("DELETE FROM tag_cadences WHERE tag = ?", (tag,)).rowcount > 0
    conn.execute(
        "INSERT INTO tag_cadences(tag, days) VALUES (?, ?)"
        " ON CONFLICT(tag) DO UPDATE SET days = excluded.days",
        (tag, days),
    )
    return True


def tag_cadences(conn: sqlite3.Connection) -> dict[str, int]:
    return dict(conn.execute("SELECT tag, days FROM tag_cadences ORDER BY tag").fetchall())


def stored_tags(conn: sqlite3.Connection) -> list[str]:
    """Every tag on a contact, and every tag with a cadence (one may outlive its last contact)."""
    sql = "SELECT tag FROM tags UNION SELECT tag FROM tag_cadences ORDER BY 1"
    return [row[0] for row in conn.execute(sql)]


def any_cadence(conn: sqlite3.Connection) -> bool:
    """True when some contact or tag has a cadence of its own."""
    sql = (
        "SELECT EXISTS (SELECT 1 FROM tag_cadences)"
        " OR EXISTS (SELECT 1 FROM contacts WHERE cadence_days > 0)"
    )
    return bool(conn.execute(sql).fetchone()[0])


def snooze(conn: sqlite3.Connection, contact_id: int, until: dt.date) -> None:
    conn.execute(
        "UPDATE contacts SET snoozed_until = ? WHERE id = ?", (until.isoformat(), contact_id)
    )
