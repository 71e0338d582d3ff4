"""The SQL of the Pulse: messages per month either way, reply rates, who was reached since a day.

A campaign message sent on LinkedIn by hand shows up twice once the archive is imported: as the
campaign's `sent_at` and as an `interactions` row. It is counted once: a campaign message is left
out when the same person has an archive message the same way on the same day.
"""

from __future__ import annotations

import sqlite3

_SAME_DAY = (
    " AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.contact_id = m.contact_id"
    " AND i.kind = 'message' AND i.direction = '{way}'"
    " AND substr(i.at, 1, 10) = substr(m.{col}, 1, 10))"
)


def per_month(conn: sqlite3.Connection, since: str) -> dict[tuple[str, str], int]:
    """(YYYY-MM, 'sent' or 'received') -> messages, from the day `since` (YYYY-MM-DD) on."""
    sql = (
        "SELECT month, way, count(*) FROM ("
        " SELECT substr(at, 1, 7) AS month, direction AS way FROM interactions"
        "  WHERE kind = 'message' AND at >= :since"
        " UNION ALL SELECT substr(m.sent_at, 1, 7), 'sent' FROM messages m"
        "  WHERE m.sent_at >= :since" + _SAME_DAY.format(way="sent", col="sent_at") +
        " UNION ALL SELECT substr(m.replied_at, 1, 7), 'received' FROM messages m"
        "  WHERE m.replied_at >= :since" + _SAME_DAY.format(way="received", col="replied_at") +
        ") GROUP BY month, way"
    )  # fmt: skip
    return {(month, way): n for month, way, n in conn.execute(sql, {"since": since})}


def reply_rates(conn: sqlite3.Connection, by: str) -> list[tuple[str, int, int]]:
    """(template, sector or language; campaign messages sent; of them replied), most sent first."""
    column = {
        "template": "c.template",
        "sector": "p.sector",
        "language": "m.language",
    }[by]
    sql = (
        f"SELECT {column} AS label, count(*) AS sent,"
        " sum(m.status = 'replied' OR m.replied_at IS NOT NULL)"
        " FROM messages m JOIN campaigns c ON c.id = m.campaign_id"
        " JOIN contacts p ON p.id = m.contact_id WHERE m.sent_at IS NOT NULL"
        " GROUP BY label ORDER BY sent DESC, label"
    )
    return [(label or "unknown", sent, replied) for label, sent, replied in conn.execute(sql)]


def reached_since(conn: sqlite3.Connection, since: str) -> int:
    """How many contacts were written to or met from `since` on (our side, as `reach` says)."""
    sql = (
        "SELECT count(*) FROM contacts WHERE id IN ("
        " SELECT contact_id FROM messages WHERE sent_at >= :since"
        " UNION SELECT contact_id FROM touches WHERE day >= :since"
        " UNION SELECT contact_id FROM interactions WHERE direction = 'sent' AND at >= :since)"
    )
    return int(conn.execute(sql, {"since": since}).fetchone()[0])


def network_size(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
