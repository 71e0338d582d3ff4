"""One person imported twice, from LinkedIn and from Google, each record with a history of its own.

The core, CLI and app tests of duplicates build this same workspace, so "merge in the app and in
the CLI store the same thing" compares like with like. Test modules import it directly (tests/
is on sys.path through tests/conftest.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from handpicked.core import campaigns
from handpicked.core import contacts as core
from handpicked.core.contacts import import_paths
from handpicked.core.db import Workspace

LINKEDIN = """Notes:

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Jean-François,Côté,https://www.linkedin.com/in/jf-cote,,Acme,Engineer,12 Mar 2021
Marie,Tremblay,https://www.linkedin.com/in/marie-t1,,Northwind,Analyst,03 Jan 2024
Marie,Tremblay,https://www.linkedin.com/in/marie-t2,,Northwind,Director,03 Jan 2022
Cher,,https://www.linkedin.com/in/cher,,Acme,Singer,01 Jan 2020
"""
GOOGLE = """First Name,Last Name,Organization Name,Organization Title,Notes,Labels,E-mail 1 - Value
Jean Francois,Cote,Beta Inc,Analyst,Met at the Montréal gala,Clients ::: * myContacts,jf@beta.example
Cher,,,,,* myContacts,cher@example.com
"""


def build(home: Path, files: Path) -> tuple[Workspace, int, int]:
    """The workspace at `home` and the ids (LinkedIn's, Google's) of the one person.

    LinkedIn's record is tagged `montreal` and queued in campaign `spring`; Google's has the
    label `clients`, a function set by hand, a touch, a sent message in `spring` and a queued
    one in `fall`, two LinkedIn interactions (one of them also on LinkedIn's record) and is on
    the do-not-contact list.
    """
    files.mkdir(parents=True, exist_ok=True)
    (files / "Connections.csv").write_text(LINKEDIN, encoding="utf-8")
    (files / "google.csv").write_text(GOOGLE, encoding="utf-8")
    ws = Workspace(home)
    for report in import_paths(ws, [files / "Connections.csv", files / "google.csv"]):
        assert report.error is None, report.error
    people = {(c.full_name, c.source_format): c.id for c in core.list_contacts(ws)}
    keep, other = people["Jean-François Côté", "linkedin"], people["Jean Francois Cote", "google"]
    core.tag(ws, "montreal", [keep])
    core.set_contact(ws, other, function="Sales")
    core.touched(ws, other, note="coffee")
    for name, ids in (("spring", [keep, other]), ("fall", [other])):
        campaigns.compose(ws, name, template="reconnect", variables={}, f=None, contact_ids=ids)
    campaigns.mark(ws, "spring", "sent", [other])
    with ws.conn:  # LinkedIn's archive history, as its import stores it
        ws.conn.executemany(
            "INSERT INTO interactions(contact_id, at, direction, conversation_id, first_line)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (other, "2025-01-02T10:00:00", "sent", "c1", "Hello"),
                (other, "2025-01-03T10:00:00", "received", "c1", "Hi!"),
                (keep, "2025-01-03T10:00:00", "received", "c1", "Hi!"),
            ],
        )
    core.set_do_not_contact(ws, [other], True)
    return ws, keep, other


def outcome(path: Path) -> dict[str, list[tuple]]:
    """Every table a merge touches, as stored (but the import and update times of day)."""
    conn = sqlite3.connect(path)
    try:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(contacts)")]
        kept = ", ".join(c for c in columns if c not in ("imported_at", "updated_at"))
        queries = {
            "contacts": f"SELECT {kept} FROM contacts ORDER BY id",
            "messages": "SELECT id, campaign_id, contact_id, status FROM messages ORDER BY id",
            "tags": "SELECT * FROM tags ORDER BY contact_id, tag",
            "touches": "SELECT * FROM touches ORDER BY id",
            "positions": "SELECT * FROM positions ORDER BY id",
            "interactions": "SELECT * FROM interactions ORDER BY id",
            "merge_dismissed": "SELECT * FROM merge_dismissed ORDER BY a, b",
        }
        return {table: conn.execute(sql).fetchall() for table, sql in queries.items()}
    finally:
        conn.close()
