"""An `AudienceFilter` as SQL: one parameter-bound condition over `contacts`, the same everywhere.

The CLI's flags, a campaign's audience and the TUI's facet clicks all become an `AudienceFilter`
(`contacts.filters`); this module alone turns one into SQL, so a filter means exactly the same
thing on every face of the product (and `browse` answers the same filters in memory, held in
step by a test).
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from handpicked.core.contacts.classify import FUNCTIONS, SECTORS, SENIORITIES, UNCLASSIFIED
from handpicked.core.contacts.filters import AudienceFilter, cutoff
from handpicked.core.errors import HandpickedError
from handpicked.core.text import fold, words

# The last day each contact was reached: a sent message, a contact logged by hand, or a
# message (or invitation) written to them on LinkedIn, from its data archive.
LAST_CONTACTED = (
    "(SELECT max(d) FROM (SELECT substr(sent_at, 1, 10) AS d FROM messages"
    " WHERE messages.contact_id = contacts.id AND sent_at IS NOT NULL"
    " UNION ALL SELECT day FROM touches WHERE touches.contact_id = contacts.id"
    " UNION ALL SELECT substr(at, 1, 10) FROM interactions"
    " WHERE interactions.contact_id = contacts.id AND direction = 'sent'))"
)


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _canonical(conn: sqlite3.Connection, kind: str, values: list[str]) -> list[str]:
    """Map user-typed names onto stored ones, case-insensitively; unknown names are an error."""
    if kind == "sector":
        known = [*SECTORS, UNCLASSIFIED]
        extra = [r[0] for r in conn.execute("SELECT DISTINCT sector FROM contacts")]
        known += sorted(set(extra) - set(known))
    elif kind == "function":
        known = [*FUNCTIONS, UNCLASSIFIED]
    elif kind == "seniority":
        known = [*SENIORITIES, UNCLASSIFIED]
    else:
        known = [r[0] for r in conn.execute("SELECT DISTINCT tag FROM tags ORDER BY tag")]
    by_fold = {fold(name): name for name in known}
    out = []
    for value in values:
        name = by_fold.get(fold(value))
        if name is None:
            valid = ", ".join(known) if known else "(none yet)"
            raise HandpickedError(f"unknown {kind} {value!r}; valid: {valid}")
        out.append(name)
    return out


def recently_contacted_sql(exclude_campaign: int | None = None) -> str:
    """Condition true for contacts reached since `:cutoff` (sent, queued elsewhere, logged, or
    written to on LinkedIn): what `reach.reached` answers for many contacts at once."""
    other = "" if exclude_campaign is None else f" AND m.campaign_id != {int(exclude_campaign)}"
    return (
        "(EXISTS (SELECT 1 FROM messages m WHERE m.contact_id = contacts.id AND ("
        "(m.sent_at IS NOT NULL AND substr(m.sent_at, 1, 10) >= :cutoff) OR"
        f" (m.status IN ('queued', 'sending') AND substr(m.queued_at, 1, 10) >= :cutoff{other})))"
        " OR EXISTS (SELECT 1 FROM touches t WHERE t.contact_id = contacts.id"
        " AND t.day >= :cutoff)"
        " OR EXISTS (SELECT 1 FROM interactions i WHERE i.contact_id = contacts.id"
        " AND i.direction = 'sent' AND substr(i.at, 1, 10) >= :cutoff))"
    )


def where(
    conn: sqlite3.Connection,
    f: AudienceFilter,
    today: dt.date,
    *,
    apply_recent: bool = True,
    campaign_id: int | None = None,
) -> tuple[str, dict[str, object]]:
    """SQL condition over `contacts` (and named parameters) selecting the filter's people."""
    parts: list[str] = ["1"]
    params: dict[str, object] = {}
    for i, word in enumerate(words(f.search)):
        parts.append(f"search_text LIKE :w{i} ESCAPE '\\'")
        params[f"w{i}"] = _like(word)
    if f.company.strip():
        parts.append("company_key LIKE :company ESCAPE '\\'")
        params["company"] = _like(" ".join(words(f.company)))
    if f.has_email:
        parts.append("email != ''")
    for kind in ("sector", "function", "seniority"):
        values = getattr(f, kind)
        if values:
            names = _canonical(conn, kind, values)
            keys = [f"{kind}{i}" for i in range(len(names))]
            parts.append(f"{kind} IN ({', '.join(':' + k for k in keys)})")
            params.update(zip(keys, names, strict=True))
    if f.tag:
        names = _canonical(conn, "tag", f.tag)
        keys = [f"tag{i}" for i in range(len(names))]
        parts.append(
            "id IN (SELECT contact_id FROM tags WHERE tag IN ("
            + ", ".join(":" + k for k in keys)
            + "))"
        )
        params.update(zip(keys, names, strict=True))
    if f.changed_position:
        parts.append("position_changed_at IS NOT NULL")
        if f.since:
            parts.append("position_changed_at >= :since")
            params["since"] = f.since.isoformat()
    if f.connected_after:
        parts.append("connected_on >= :after")
        params["after"] = f.connected_after.isoformat()
    if f.connected_before:
        parts.append("connected_on <= :before")
        params["before"] = f.connected_before.isoformat()
    if f.exclude:
        parts.append(f"id NOT IN ({', '.join(str(int(i)) for i in f.exclude)})")
    if apply_recent and f.not_contacted_days:
        parts.append("NOT " + recently_contacted_sql(campaign_id))
        params["cutoff"] = cutoff(f.not_contacted_days, today)
    return " AND ".join(parts), params
