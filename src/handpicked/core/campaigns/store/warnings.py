"""Stored warnings: message-level ones, and cross-message ones marked "scope": "campaign".

The cross-message ones (identical bodies) are kept apart so they can be recomputed whenever a
message of the campaign is added or edited, without losing the message's own.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from handpicked.core.messages.lint.rules import LintWarning, lint_campaign


def load_warnings(text: str) -> list[LintWarning]:
    return [LintWarning(code=w["code"], message=w["message"]) for w in json.loads(text or "[]")]


def dump_warnings(own: Sequence[LintWarning], campaign: Sequence[LintWarning] = ()) -> str:
    if not own and not campaign:
        return "[]"
    items: list[dict[str, str]] = [{"code": w.code, "message": w.message} for w in own]
    items += [{"code": w.code, "message": w.message, "scope": "campaign"} for w in campaign]
    return json.dumps(items, ensure_ascii=False)


def own_warnings(text: str) -> list[dict[str, str]]:
    return [w for w in json.loads(text or "[]") if w.get("scope") != "campaign"]


def relint_campaign(conn: sqlite3.Connection, campaign_id: int) -> None:
    """Recompute the cross-message warnings (identical bodies) of every message of a campaign."""
    rows = conn.execute(
        "SELECT id, body, warnings FROM messages WHERE campaign_id = ?", (campaign_id,)
    ).fetchall()
    cross = lint_campaign([(r[0], r[1]) for r in rows])
    updates = []
    for mid, _, stored in rows:
        own = [LintWarning(code=w["code"], message=w["message"]) for w in own_warnings(stored)]
        text = dump_warnings(own, cross[mid])
        if text != stored:
            updates.append((text, mid))
    conn.executemany("UPDATE messages SET warnings = ? WHERE id = ?", updates)


def count_warnings(conn: sqlite3.Connection, ids: Sequence[int]) -> int:
    if not ids:
        return 0
    row = conn.execute(
        "SELECT coalesce(sum(json_array_length(warnings)), 0) FROM messages"
        " WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    ).fetchone()
    return int(row[0])
