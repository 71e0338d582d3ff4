"""The SQLite workspace: created on demand, migrated forward, transactional."""

from __future__ import annotations

import sqlite3

import pytest

from handpicked.core import workspace as wsmod
from handpicked.core.errors import HandpickedError
from handpicked.core.workspace import Workspace, transaction


def test_creates_missing_folder_with_parents(tmp_path):
    """Verify a missing workspace folder is created with its parents and a migrated database."""
    ws = Workspace(tmp_path / "a" / "b")
    assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == len(wsmod.MIGRATIONS)
    assert ws.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ws.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert (tmp_path / "a" / "b" / "handpicked.db").exists()


def test_home_from_environment(tmp_path, monkeypatch):
    """Verify HANDPICKED_HOME chooses the workspace when no folder is given."""
    monkeypatch.setenv("HANDPICKED_HOME", str(tmp_path / "env"))
    assert Workspace().home == tmp_path / "env"


def test_migration_keeps_data(tmp_path, monkeypatch):
    """Verify a newer migration runs on an older workspace without losing its rows."""
    ws = Workspace(tmp_path)
    ws.conn.execute(
        "INSERT INTO contacts(first_name, imported_at, updated_at) VALUES ('Zoé', 'x', 'x')"
    )
    ws.close()
    extra = "CREATE TABLE later_feature (id INTEGER PRIMARY KEY)"
    monkeypatch.setattr(wsmod, "MIGRATIONS", (*wsmod.MIGRATIONS, extra))
    again = Workspace(tmp_path)
    assert again.conn.execute("PRAGMA user_version").fetchone()[0] == len(wsmod.MIGRATIONS)
    assert again.conn.execute("SELECT first_name FROM contacts").fetchone()[0] == "Zoé"
    again.conn.execute("SELECT * FROM later_feature")


def test_newer_schema_refused(tmp_path):
    """Verify a database from a newer handpicked is refused with a plain sentence."""
    ws = Workspace(tmp_path)
    ws.conn.execute("PRAGMA user_version = 999")
    ws.close()
    with pytest.raises(HandpickedError, match="newer handpicked"):
        _ = Workspace(tmp_path).conn


def test_not_a_database(tmp_path):
    """Verify a garbage database file gives a clear error, not a traceback."""
    (tmp_path / "handpicked.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(HandpickedError, match="not a usable handpicked database"):
        _ = Workspace(tmp_path).conn


def test_transaction_rolls_back(tmp_path):
    """Verify an exception inside a transaction leaves nothing written."""
    ws = Workspace(tmp_path)
    with pytest.raises(RuntimeError), transaction(ws.conn) as conn:
        conn.execute("INSERT INTO imports(path, format, at) VALUES ('p', 'csv', 'now')")
        raise RuntimeError("boom")
    assert ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_today_override(monkeypatch):
    """Verify HANDPICKED_TODAY replaces today's date, and a bad value is a clear error."""
    monkeypatch.setenv("HANDPICKED_TODAY", "2024-02-29")
    assert wsmod.today().isoformat() == "2024-02-29"
    monkeypatch.setenv("HANDPICKED_TODAY", "yesterday")
    with pytest.raises(HandpickedError, match="YYYY-MM-DD"):
        wsmod.today()


def test_foreign_keys_cascade(tmp_path):
    """Verify deleting a contact deletes its tags (foreign keys are on)."""
    ws = Workspace(tmp_path)
    conn = ws.conn
    conn.execute("INSERT INTO contacts(id, imported_at, updated_at) VALUES (1, 'x', 'x')")
    conn.execute("INSERT INTO tags(contact_id, tag) VALUES (1, 'golf')")
    conn.execute("DELETE FROM contacts WHERE id = 1")
    assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 0
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO tags(contact_id, tag) VALUES (42, 'x')")
