"""The local SQLite workspace: one database file, migrated forward, opened once per process.

Why SQLite: one file the user can back up, transactions that make an import all-or-nothing, and
indexes that keep a search over 100,000 contacts well under a second. Opening failures are worded
here by SQLite's error code, so a full disk is never called a damaged database.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from handpicked.core.db.schema import migrate
from handpicked.core.errors import HandpickedError, Hint

DB_NAME = "handpicked.db"


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
    problem = None if primary is None else _PROBLEMS.get(primary)
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
                f"cannot create the workspace folder {self.home}: {err.strerror}",
                hint=Hint.WORKSPACE,
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
    def browse_cache_path(self) -> Path:
        """The Contacts screen's index as last read (`contacts.snapshot`); safe to delete."""
        return self.home / "contacts-index.arrow"

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
            # A new workspace's pages are 16 KiB (SQLite's default is 4): a first import of
            # 100,000 contacts stores ~0.05 s sooner, and scans read fewer pages. An existing
            # database keeps the size it was made with.
            conn.execute("PRAGMA page_size=16384")
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
            if isinstance(err, UnicodeDecodeError):
                # SQLite's complaint about a damaged schema quotes its bytes, and Python's
                # sqlite3 fails to decode them, raising this instead of a DatabaseError.
                damage = "its schema holds bytes that are not text"
                raise HandpickedError(f"{self.db_path}: {_DAMAGED.format(err=damage)}") from None
            raise
        return conn

    @property
    def is_open(self) -> bool:
        """True while the connection is open (asking `conn` would open it again)."""
        return self._conn is not None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
