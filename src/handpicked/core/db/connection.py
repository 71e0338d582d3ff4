"""The local SQLite workspace: one database file, migrated forward, opened once per process.

Why SQLite: one file the user can back up, transactions that make an import all-or-nothing, and
indexes that keep a search over 100,000 contacts well under a second. The schema is versioned with
`PRAGMA user_version`; each entry of `MIGRATIONS` moves it one version forward, so a workspace made
by an older handpicked opens in a newer one without losing data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
from pathlib import Path

from handpicked.core.errors import HandpickedError

DB_NAME = "handpicked.db"

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
)


EARLIEST_TODAY = dt.date(1900, 1, 1)
"""The earliest HANDPICKED_TODAY: rules look a century back at most, and year 1 has no past."""


def today() -> dt.date:
    """Today's date, or HANDPICKED_TODAY (YYYY-MM-DD) so tests never depend on the calendar."""
    fixed = os.environ.get("HANDPICKED_TODAY", "").strip()
    if not fixed:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(fixed)
    except ValueError:
        raise HandpickedError(
            f"HANDPICKED_TODAY={fixed!r} is not a date: use YYYY-MM-DD or unset it"
        ) from None
    if day < EARLIEST_TODAY:
        raise HandpickedError(
            f"HANDPICKED_TODAY={fixed!r} is too early: use a date from "
            f"{EARLIEST_TODAY.isoformat()} on, or unset it"
        )
    return day


def now() -> str:
    """A timestamp for stored events: HANDPICKED_TODAY's date (at the real time of day) if set."""
    moment = dt.datetime.now().replace(microsecond=0)
    return dt.datetime.combine(today(), moment.time()).isoformat()


def default_home() -> Path:
    """The workspace folder: HANDPICKED_HOME, else the OS's user data folder for handpicked.

    An empty HANDPICKED_HOME counts as unset, as an empty XDG_DATA_HOME does: `HANDPICKED_HOME=`
    is how a shell unsets a variable for one command.
    """
    env = os.environ.get("HANDPICKED_HOME", "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("handpicked", appauthor=False))


# What each failure of the database means to the user, by SQLite's primary result code.
_DAMAGED = (
    "not a usable handpicked database: the file is damaged or is not a database (SQLite says: "
    "{err}); restore it from a backup, or move it aside to start a new, empty workspace"
)
_BUSY = "another handpicked is writing to this workspace; try again when it is done"
_PROBLEMS = {
    sqlite3.SQLITE_FULL: (
        "the disk is full, so this change was not saved; free some space, then try again"
    ),
    sqlite3.SQLITE_READONLY: (
        "the database is read-only here (the file, its folder or the disk cannot be written); "
        "make them writable, or use another workspace folder"
    ),
    sqlite3.SQLITE_CANTOPEN: (
        "cannot open the database file; check that it is a file, and that its folder exists "
        "and may be read and written"
    ),
    sqlite3.SQLITE_PERM: "permission denied; check who may read and write the workspace folder",
    sqlite3.SQLITE_BUSY: _BUSY,
    sqlite3.SQLITE_LOCKED: _BUSY,
    sqlite3.SQLITE_IOERR: (
        "the disk failed while reading or writing it ({err}); check the disk and its free "
        "space, then try again"
    ),
    sqlite3.SQLITE_NOMEM: "out of memory; close other programs, then try again",
    sqlite3.SQLITE_CORRUPT: _DAMAGED,
    sqlite3.SQLITE_NOTADB: _DAMAGED,
}


def database_problem(path: Path, err: sqlite3.Error) -> HandpickedError:
    """The sentence for a failure of the database at `path`, chosen by SQLite's error code.

    Both faces report database failures through here, so each cause reads the same in the CLI
    and the app, and only a damaged file is called damaged: told to move a healthy database aside
    because the disk is full, a user could throw good data away.
    """
    code = getattr(err, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None  # extended codes share the low byte
    problem = _PROBLEMS.get(primary)
    if problem is None:
        if "no such" in str(err):  # a table or column this build does not know
            problem = (
                "it was made by a different build of handpicked ({err}); "
                "use another workspace folder"
            )
        else:
            problem = "the database failed ({err}); check the disk and the folder's permissions"
    return HandpickedError(f"{path}: {problem.format(err=err)}")


class Workspace:
    """A workspace folder: the database, config.toml, the user's templates and rules."""

    busy_timeout_ms = 5000
    """How long to wait for another process (a second handpicked) to finish writing."""

    def __init__(self, home: Path | str | None = None) -> None:
        self.home = Path(home).expanduser() if home is not None else default_home()
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise HandpickedError(
                f"cannot create the workspace folder {self.home}: {err.strerror}; "
                "choose another with --workspace DIR"
            ) from None
        self._conn: sqlite3.Connection | None = None
        self._opening = threading.Lock()

    @property
    def db_path(self) -> Path:
        return self.home / DB_NAME

    @property
    def config_path(self) -> Path:
        return self.home / "config.toml"

    @property
    def templates_dir(self) -> Path:
        return self.home / "templates"

    @property
    def rules_path(self) -> Path:
        return self.home / "rules.toml"

    @property
    def conn(self) -> sqlite3.Connection:
        """The one connection of this process (the TUI's workers share it; see `transaction`)."""
        if self._conn is None:
            with self._opening:  # two threads asking first must not both create the schema
                if self._conn is None:
                    self._conn = self._open()
        return self._conn

    def _open(self) -> sqlite3.Connection:
        conn = None
        try:
            conn = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
            migrate(conn)
        except BaseException as err:
            if conn is not None:
                conn.close()
            if isinstance(err, sqlite3.Error):
                raise database_problem(self.db_path, err) from None
            raise
        return conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Transactions of one process run one at a time: the TUI's workers share the connection, and a
# statement from another thread would otherwise join (or break) a transaction in progress.
_WRITING = threading.RLock()


class transaction:
    """`with transaction(conn):` BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception.

    The connection runs in autocommit mode (isolation_level=None) so that transactions are always
    explicit and an import is exactly one of them.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        _WRITING.acquire()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            _WRITING.release()
            raise
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        try:
            if exc_type is None:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self._rollback()  # a refused COMMIT (a lock, a full disk) leaves it open
                    raise
            else:
                self._rollback()
        finally:
            _WRITING.release()

    def _rollback(self) -> None:
        """Undo what is left, never raising: the error that got us here is the one to report.

        SQLite has often rolled back already (a full disk, a damaged page), and a ROLLBACK then
        fails with "no transaction is active", which would hide the real cause.
        """
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")


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
            for statement in script.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
