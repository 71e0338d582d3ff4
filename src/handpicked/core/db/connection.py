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


def _alive(
    held: list[tuple[threading.Thread, sqlite3.Connection]],
) -> list[tuple[threading.Thread, sqlite3.Connection]]:
    """The pairs whose thread still runs; the others' connections are closed."""
    kept = []
    for thread, conn in held:
        if thread.is_alive():
            kept.append((thread, conn))
        else:
            conn.close()
    return kept


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
        self._lock = threading.Lock()
        self._local = threading.local()
        self._open_conns: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._generation = 0
        """Bumped by `close`: a thread's connection from before is not used again."""
        self._running: list[tuple[threading.Thread, sqlite3.Connection]] = []
        """Connections `close` left to threads still running; closed once those have ended."""
        self._migrated = False
        self._watch: sqlite3.Connection | None = None

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
        """The calling thread's connection, opened the first time that thread asks.

        One per thread, never shared: CPython's sqlite3 keeps a connection's error state in
        one place, so two threads using one connection at once (a worker sending emails while
        the screen re-reads the queue) get each other's errors, or crash the app. With a
        connection each, a thread also never reads another's transaction half done (WAL lets
        them read while one writes); `transaction` still runs the process's writes one at a time.
        """
        held: tuple[int, sqlite3.Connection] | None = getattr(self._local, "held", None)
        if held is not None and held[0] == self._generation:
            return held[1]
        with self._lock:  # the first connection creates the schema: only one thread may
            conn = self._open(first=not self._migrated)
            self._migrated = True
            self._close_orphans()
            self._open_conns.append((threading.current_thread(), conn))
            self._local.held = (self._generation, conn)
        return conn

    def _open(self, *, first: bool) -> sqlite3.Connection:
        conn = None
        try:
            # Not same-thread-only: a finished thread's connection is closed by another one.
            conn = sqlite3.connect(self.db_path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_ms)}")
            if first:  # what the file keeps: said once per process, before the schema
                # A new workspace's pages are 16 KiB (SQLite's default is 4): a first import
                # of 100,000 contacts stores ~0.05 s sooner, and scans read fewer pages. An
                # existing database keeps the size it was made with.
                conn.execute("PRAGMA page_size=16384")
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            if first:
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

    def _close_orphans(self) -> None:
        """Close the connections of threads that have ended (a preload, a finished worker)."""
        self._open_conns = _alive(self._open_conns)
        self._running = _alive(self._running)

    def data_version(self) -> tuple[int, int]:
        """Where the database stands: a pair that changes whenever anyone commits (any thread
        of this process, another handpicked), the same whichever thread asks.

        Asked of a connection of its own that never writes: SQLite's `data_version` counts the
        commits of every other connection. The first number is the workspace's opening: a
        pair from before a `close` never matches one from after.
        """
        if not self._migrated:
            _ = self.conn  # the schema first
        with self._lock:
            if self._watch is None:
                self._watch = self._open(first=False)
            (version,) = self._watch.execute("PRAGMA data_version").fetchone()
            return self._generation, int(version)

    @property
    def is_open(self) -> bool:
        """True while a connection is open (asking `conn` would open one again)."""
        return bool(self._open_conns)

    def close(self) -> None:
        """Close the connections: the last to close checkpoints the log into the database file.

        A thread still running (the start-up preload when the user quits at once) keeps its
        connection until it ends: closing it under a running statement could crash the app.
        """
        current = threading.current_thread()
        with self._lock:
            closing = [] if self._watch is None else [self._watch]
            for thread, conn in self._open_conns:
                if thread is current or not thread.is_alive():
                    closing.append(conn)
                else:
                    self._running.append((thread, conn))
            self._open_conns, self._watch = [], None
            self._generation += 1
        for conn in closing:
            conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
