"""The SQLite workspace: created on demand, migrated forward, transactional."""

from __future__ import annotations

import sqlite3

import pytest

from handpicked.core import clock
from handpicked.core.db import Workspace, schema, transaction
from handpicked.core.db import connection as wsmod
from handpicked.core.errors import HandpickedError


def test_creates_missing_folder_with_parents(tmp_path):
    """Verify a missing workspace folder is created with its parents and a migrated database."""
    ws = Workspace(tmp_path / "a" / "b")
    assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
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
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, extra))
    again = Workspace(tmp_path)
    assert again.conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
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
    assert clock.today().isoformat() == "2024-02-29"
    monkeypatch.setenv("HANDPICKED_TODAY", "yesterday")
    with pytest.raises(HandpickedError, match="YYYY-MM-DD"):
        clock.today()


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


def test_today_before_1900_is_refused(monkeypatch):
    """Verify HANDPICKED_TODAY in year 1 is a clear error, not a date the calendar cannot go back from."""
    monkeypatch.setenv("HANDPICKED_TODAY", "0001-01-01")
    with pytest.raises(HandpickedError, match=r"HANDPICKED_TODAY='0001-01-01'.*1900-01-01"):
        clock.today()
    monkeypatch.setenv("HANDPICKED_TODAY", "1900-01-01")
    assert clock.today().isoformat() == "1900-01-01"


@pytest.mark.parametrize("value", ["", "   "])
def test_empty_home_variable_is_unset(tmp_path, monkeypatch, value):
    """Verify an empty HANDPICKED_HOME means the user data folder, as an empty XDG variable does."""
    monkeypatch.setenv("HANDPICKED_HOME", value)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert wsmod.default_home() == tmp_path / "data" / "handpicked"


def _filled_to_the_brim(ws: Workspace) -> sqlite3.Error:
    """A real SQLITE_FULL: the connection may not grow the file past the pages it has now.

    `PRAGMA max_page_count` makes SQLite itself refuse to grow the database, exactly as a full
    disk does (same error code), without filling a real disk.
    """
    pages = ws.conn.execute("PRAGMA page_count").fetchone()[0]
    ws.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.Error) as caught, transaction(ws.conn) as conn:
        for _ in range(200):
            conn.execute(
                "INSERT INTO imports(path, format, at) VALUES (?, 'csv', 'now')", ("x" * 2000,)
            )
    return caught.value


def test_failed_rollback_never_hides_the_real_error(tmp_path):
    """Verify a full disk inside a transaction surfaces as the full disk, not as a failed ROLLBACK.

    SQLite rolls the transaction back by itself on SQLITE_FULL, so the ROLLBACK that follows
    finds no transaction; that must not replace the error the user needs to read.
    """
    ws = Workspace(tmp_path)
    err = _filled_to_the_brim(ws)
    assert err.sqlite_errorname == "SQLITE_FULL"
    assert not ws.conn.in_transaction
    assert ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    ws.conn.execute("PRAGMA max_page_count = 1000000")
    with transaction(ws.conn) as conn:  # the workspace is usable again
        conn.execute("INSERT INTO imports(path, format, at) VALUES ('p', 'csv', 'now')")
    assert ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 1


def test_failed_commit_leaves_no_transaction_open(tmp_path):
    """Verify a COMMIT refused by another process's lock does not leave this one in a transaction.

    A reader holding a shared lock on a rollback-journal database makes COMMIT fail with
    SQLITE_BUSY and leaves the transaction open; the next BEGIN must still work.
    """
    path = tmp_path / "plain.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA busy_timeout = 0")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM t").fetchall()
    with pytest.raises(sqlite3.OperationalError, match="locked"), transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
    reader.execute("COMMIT")
    assert not conn.in_transaction
    with transaction(conn):
        conn.execute("INSERT INTO t VALUES (2)")
    assert [r[0] for r in conn.execute("SELECT x FROM t")] == [2]


def _problem(err: sqlite3.Error, path) -> str:
    return str(wsmod.database_problem(path, err))


def test_full_disk_says_full_not_move_aside(tmp_path):
    """Verify SQLITE_FULL reads as a full disk and never suggests moving a healthy database."""
    ws = Workspace(tmp_path)
    sentence = _problem(_filled_to_the_brim(ws), ws.db_path)
    assert sentence.startswith(f"{ws.db_path}: ")
    assert "disk is full" in sentence and "move" not in sentence and "damaged" not in sentence


@pytest.mark.parametrize(
    "how",
    ["file:{path}?mode=ro", "query_only"],
)
def test_read_only_says_read_only(tmp_path, how):
    """Verify SQLITE_READONLY reads as read-only, never as a broken database.

    Tests run as root, for whom file permissions do not stop writes: the database is made
    read-only to SQLite itself, by opening it read-only (`mode=ro`) or with `PRAGMA query_only`.
    """
    ws = Workspace(tmp_path)
    _ = ws.conn  # the database is made on first use
    ws.close()
    if how == "query_only":
        conn = sqlite3.connect(ws.db_path)
        conn.execute("PRAGMA query_only = 1")
    else:
        conn = sqlite3.connect(how.format(path=ws.db_path), uri=True)
    with pytest.raises(sqlite3.Error) as caught:
        conn.execute("INSERT INTO imports(path, format, at) VALUES ('p', 'csv', 'now')")
    sentence = _problem(caught.value, ws.db_path)
    assert "read-only" in sentence and "move" not in sentence and "damaged" not in sentence


def test_cannot_open_and_busy_sentences(tmp_path):
    """Verify a folder in the database's place and a held lock each get their own sentence."""
    (tmp_path / "a" / "handpicked.db").mkdir(parents=True)
    with pytest.raises(HandpickedError) as err:
        _ = Workspace(tmp_path / "a").conn
    assert "cannot open" in str(err.value) and "damaged" not in str(err.value)
    ws = Workspace(tmp_path / "b")
    ws.conn.execute("PRAGMA busy_timeout = 0")
    holder = sqlite3.connect(ws.db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    with pytest.raises(sqlite3.Error) as caught:
        ws.conn.execute("BEGIN IMMEDIATE")
    holder.execute("ROLLBACK")
    sentence = _problem(caught.value, ws.db_path)
    assert "another handpicked" in sentence and "move" not in sentence


def test_damaged_file_says_damaged(tmp_path):
    """Verify a file that is not a database says so, with a backup or a fresh start to turn to."""
    (tmp_path / "handpicked.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(HandpickedError) as err:
        _ = Workspace(tmp_path).conn
    assert "damaged" in str(err.value) and "backup" in str(err.value)


def test_a_schema_damaged_into_bytes_that_are_not_text_says_damaged(tmp_path):
    """Verify a database whose schema text was overwritten with bytes that are not UTF-8 says it
    is damaged (SQLite's own complaint quotes those bytes, which Python cannot decode)."""
    Workspace(tmp_path).conn.close()
    db = tmp_path / "handpicked.db"
    data = bytearray(db.read_bytes())
    at = data.index(b"CREATE TABLE contacts") + 10
    data[at : at + 40] = b"\xff" * 40
    db.write_bytes(bytes(data))
    with pytest.raises(HandpickedError) as err:
        _ = Workspace(tmp_path).conn
    assert "damaged" in str(err.value) and str(db) in str(err.value)


def _journal(conn: sqlite3.Connection) -> str:
    return conn.execute("PRAGMA journal_mode").fetchone()[0]


def test_a_rollback_journal_transaction_commits_and_gives_wal_back(tmp_path):
    """Verify a transaction asked to use a rollback journal runs in one, commits, and leaves
    the workspace in WAL, so other processes can read while it writes again."""
    ws = Workspace(tmp_path)
    with transaction(ws.conn, rollback_journal=True) as conn:
        assert _journal(conn) == "delete"
        conn.execute("INSERT INTO imports(path, format, at) VALUES ('p', 'csv', 'now')")
    assert _journal(ws.conn) == "wal"
    ws.close()
    with sqlite3.connect(tmp_path / "handpicked.db") as raw:
        assert _journal(raw) == "wal"
        assert raw.execute("SELECT count(*) FROM imports").fetchone()[0] == 1


def test_a_rollback_journal_transaction_rolls_back_and_gives_wal_back(tmp_path):
    """Verify a failure inside a rollback-journal transaction stores nothing and leaves no
    journal file, the workspace in WAL again."""
    ws = Workspace(tmp_path)
    with pytest.raises(RuntimeError), transaction(ws.conn, rollback_journal=True) as conn:
        conn.execute("INSERT INTO imports(path, format, at) VALUES ('p', 'csv', 'now')")
        raise RuntimeError("boom")
    assert _journal(ws.conn) == "wal"
    assert ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
    assert not (tmp_path / "handpicked.db-journal").exists()


def test_a_rollback_journal_is_not_forced_on_a_shared_workspace(tmp_path):
    """Verify that while another connection has the workspace open, the transaction stays in
    WAL (that reader keeps reading) and still commits, without waiting for the other."""
    ws = Workspace(tmp_path)
    ws.conn.execute("SELECT 1")  # the workspace made, then opened by someone else too
    other = sqlite3.connect(tmp_path / "handpicked.db", isolation_level=None)
    try:
        other.execute("SELECT count(*) FROM contacts").fetchone()
        with transaction(ws.conn, rollback_journal=True) as conn:
            assert _journal(conn) == "wal"
            conn.execute("INSERT INTO imports(path, format, at) VALUES ('p', 'csv', 'now')")
            assert other.execute("SELECT count(*) FROM imports").fetchone()[0] == 0
        assert other.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
        busy = ws.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        assert busy == Workspace.busy_timeout_ms  # put back after asking without waiting
    finally:
        other.close()


def test_a_new_workspace_has_16k_pages_and_an_older_one_keeps_its_own(tmp_path):
    """Verify a new workspace is made with 16 KiB pages, while a workspace made with SQLite's
    4 KiB pages opens, keeps them and its data."""
    with Workspace(tmp_path / "new") as ws:
        assert ws.conn.execute("PRAGMA page_size").fetchone()[0] == 16384
    old = tmp_path / "old"
    old.mkdir()
    with sqlite3.connect(old / "handpicked.db") as raw:
        raw.execute("PRAGMA page_size=4096")
        raw.execute("PRAGMA journal_mode=WAL")
        schema.migrate(raw)
        raw.execute("INSERT INTO imports(path, format, at) VALUES ('p', 'csv', 'now')")
    with Workspace(old) as ws:
        assert ws.conn.execute("PRAGMA page_size").fetchone()[0] == 4096
        assert ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 1


def test_a_rollback_journal_is_not_forced_under_a_read_still_running(tmp_path):
    """Verify that while a read of the same connection is unfinished (another thread of the
    app listing contacts), the transaction stays in WAL and commits."""
    ws = Workspace(tmp_path)
    with transaction(ws.conn) as conn:
        conn.executemany(
            "INSERT INTO imports(path, format, at) VALUES (?, 'csv', 'now')",
            [(f"p{i}",) for i in range(50)],
        )
    reading = ws.conn.execute("SELECT path FROM imports")
    assert reading.fetchone() is not None  # 49 rows still to read
    with transaction(ws.conn, rollback_journal=True) as conn:
        assert _journal(conn) == "wal"
        conn.execute("INSERT INTO imports(path, format, at) VALUES ('q', 'csv', 'now')")
    assert len(reading.fetchall()) >= 49
    assert ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 51
