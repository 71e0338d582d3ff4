"""The workspace's schema, versioned with `PRAGMA user_version`.

Each entry of `MIGRATIONS` moves a database one version forward, in its own transaction, so a
workspace made by an older handpicked opens in a newer one without losing data; a newer one is
refused rather than misread.
"""

from __future__ import annotations

import sqlite3

from handpicked.core.db.transaction import transaction
from handpicked.core.errors import HandpickedError

MIGRATIONS: tuple[str, ...] = (
    # 1: contacts, their history, tags, company sectors, touches, campaigns and messages.
    """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        first_name TEXT NOT NULL DEFAULT '',
        last_name TEXT NOT NULL DEFAULT '',
        greeting_name TEXT NOT NULL DEFAULT '',
        greeting_manual INTEGER NOT NULL DEFAULT 0,
        email TEXT NOT NULL DEFAULT '',
        profile_url TEXT NOT NULL DEFAULT '',
        company TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        connected_on TEXT,
        source_path TEXT NOT NULL DEFAULT '',
        source_format TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_import_id INTEGER,
        sector TEXT NOT NULL DEFAULT 'Unclassified',
        sector_source TEXT NOT NULL DEFAULT 'none',
        sector_column TEXT NOT NULL DEFAULT '',
        sector_manual TEXT,
        function TEXT NOT NULL DEFAULT 'Unclassified',
        function_source TEXT NOT NULL DEFAULT 'none',
        function_manual TEXT,
        seniority TEXT NOT NULL DEFAULT 'Unclassified',
        seniority_source TEXT NOT NULL DEFAULT 'none',
        seniority_manual TEXT,
        language TEXT NOT NULL DEFAULT '',
        language_manual TEXT,
        notes TEXT NOT NULL DEFAULT '',
        fields TEXT NOT NULL DEFAULT '{}',
        do_not_contact INTEGER NOT NULL DEFAULT 0,
        position_changed_at TEXT,
        company_key TEXT NOT NULL DEFAULT '',
        search_text TEXT NOT NULL DEFAULT '',
        sort_key TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX contacts_company ON contacts(company_key);
    CREATE INDEX contacts_sort ON contacts(sort_key, id);
    CREATE TABLE positions (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        company TEXT NOT NULL DEFAULT '',
        position TEXT NOT NULL DEFAULT '',
        until TEXT
    );
    CREATE INDEX positions_contact ON positions(contact_id);
    CREATE TABLE tags (
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (contact_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX tags_tag ON tags(tag);
    CREATE TABLE company_sectors (
        company_key TEXT PRIMARY KEY,
        company TEXT NOT NULL,
        sector TEXT NOT NULL
    );
    CREATE TABLE touches (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX touches_contact ON touches(contact_id);
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        format TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE TABLE campaigns (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        template TEXT NOT NULL,
        channel TEXT NOT NULL,
        variables TEXT NOT NULL DEFAULT '{}',
        filter TEXT NOT NULL DEFAULT '{}',
        created TEXT NOT NULL,
        cursor INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        language TEXT NOT NULL DEFAULT '',
        subject TEXT,
        body TEXT NOT NULL,
        edited INTEGER NOT NULL DEFAULT 0,
        warnings TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'queued',
        status_at TEXT NOT NULL,
        queued_at TEXT NOT NULL,
        sent_at TEXT,
        replied_at TEXT,
        error TEXT NOT NULL DEFAULT '',
        UNIQUE (campaign_id, contact_id)
    );
    CREATE INDEX messages_contact ON messages(contact_id);
    """,
    # 2: the fingerprint of the row that last left a contact as it is, so a re-import passes
    # over unchanged rows (any other change to those fields clears it) instead of rewriting
    # each of them with the import's id, which only served to count who was not in the export.
    """
    ALTER TABLE contacts DROP COLUMN last_import_id;
    ALTER TABLE contacts ADD COLUMN row_fingerprint BLOB;
    CREATE TRIGGER contacts_fingerprint_stale
    AFTER UPDATE OF first_name, last_name, email, profile_url, company, position, notes,
        connected_on, sector_column ON contacts
    WHEN NEW.row_fingerprint IS NOT NULL AND NEW.row_fingerprint IS OLD.row_fingerprint
    BEGIN
        UPDATE contacts SET row_fingerprint = NULL WHERE id = NEW.id;
    END;
    """,
    # 3: the relationship history LinkedIn's data archive holds (one row per message either way,
    # never its text beyond a first line), and the keep-in-touch cadence: per contact, per tag,
    # and a snooze that hides someone from the overdue list until a day. The UNIQUE key starts
    # with (contact_id, at): it serves every per-person lookup, and a second index on those two
    # made storing 200,000 messages a fifth slower (benchmarks/archive_bench.py).
    """
    CREATE TABLE interactions (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
        kind TEXT NOT NULL DEFAULT 'message',
        conversation_id TEXT NOT NULL DEFAULT '',
        is_group INTEGER NOT NULL DEFAULT 0,
        first_line TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'linkedin',
        UNIQUE (contact_id, at, direction, kind, conversation_id)
    );
    ALTER TABLE contacts ADD COLUMN cadence_days INTEGER;
    ALTER TABLE contacts ADD COLUMN snoozed_until TEXT;
    CREATE TABLE tag_cadences (
        tag TEXT PRIMARY KEY,
        days INTEGER NOT NULL CHECK (days > 0)
    );
    """,
    # 4: (helper D) pairs of contacts the user said are two people, so they are never suggested
    # as duplicates again; a pair goes with either contact (ids are reused after a delete).
    """
    CREATE TABLE merge_dismissed (
        a INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        PRIMARY KEY (a, b),
        CHECK (a < b)
    ) WITHOUT ROWID;
    CREATE INDEX merge_dismissed_b ON merge_dismissed(b);
    """,
    # 5: (helper M) `facets` groups by these three: without an index covering them SQLite sorts
    # every row first, ~90 ms of a 0.3 s start at 100,000 contacts (benchmarks/cli_bench.py).
    """
    CREATE INDEX contacts_facets ON contacts(sector, function, seniority);
    """,
)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema to the newest version, one migration per transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise HandpickedError(
            f"this workspace was written by a newer handpicked (schema {version});"
            " upgrade handpicked"
        )
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        with transaction(conn):
            statement = ""
            for part in script.split(";"):  # a trigger's body holds ";" of its own
                statement += part + ";"
                if sqlite3.complete_statement(statement):
                    if statement.strip("; \n"):
                        conn.execute(statement)
                    statement = ""
            conn.execute(f"PRAGMA user_version = {number}")
