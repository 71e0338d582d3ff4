"""Putting messages in the queue: a new campaign, its messages, and rendering them again.

These take the caller's connection inside its open transaction: compose stores a campaign and
every message in one commit, so a refused or interrupted compose leaves nothing half-written.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

NewMessage = tuple[int, str, str | None, str, str, str, str]
"""(contact id, language, subject, body, warnings JSON, status_at, queued_at) of a message."""

Rerendered = tuple[str, str | None, str, str, int]
"""(language, subject, body, warnings JSON, message id) of a message rendered again."""


def add_campaign(
    conn: sqlite3.Connection,
    name: str,
    template: str,
    channel: str,
    variables: dict[str, str],
    audience: dict[str, Any],
    created: str,
) -> int:
    """Store a new campaign (no messages yet) and return its id."""
    campaign_id = conn.execute(
        "INSERT INTO campaigns(name, template, channel, variables, filter, created)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (name, template, channel, json.dumps(variables, ensure_ascii=False),
         json.dumps(audience, ensure_ascii=False), created),
    ).lastrowid  # fmt: skip
    assert campaign_id is not None  # an INSERT's cursor always has it
    return campaign_id


def set_variables(conn: sqlite3.Connection, campaign_id: int, variables: dict[str, str]) -> None:
    conn.execute(
        "UPDATE campaigns SET variables = ? WHERE id = ?",
        (json.dumps(variables, ensure_ascii=False), campaign_id),
    )


def add_messages(
    conn: sqlite3.Connection, campaign_id: int, messages: Sequence[NewMessage]
) -> list[int]:
    """Queue `messages` in the campaign, in order; returns their message ids.

    The ids are given rather than left to SQLite so the caller knows them without reading the
    rows back (a 30,000-message compose counts its warnings by id).
    """
    first: int = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM messages").fetchone()[0]
    conn.executemany(
        "INSERT INTO messages(id, campaign_id, contact_id, language, subject, body, warnings,"
        " status, status_at, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
        [(first + i, campaign_id, *row) for i, row in enumerate(messages)],
    )
    return list(range(first, first + len(messages)))


def rewrite_messages(conn: sqlite3.Connection, updates: Sequence[Rerendered]) -> None:
    conn.executemany(
        "UPDATE messages SET language = ?, subject = ?, body = ?, warnings = ? WHERE id = ?",
        updates,
    )
