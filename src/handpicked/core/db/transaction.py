"""Explicit transactions: an import, a compose or a claim is all-or-nothing.

The connection runs in autocommit mode, so nothing is ever half in a transaction by accident, and
a failure inside one is reported as itself, never as the rollback's own complaint.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading

# Transactions of one process run one at a time: each thread has its own connection, and a
# second writer would otherwise wait on SQLite's busy timeout (5 s) and then fail with "another
# handpicked is writing" while the other is only the app's own long import.
_WRITING = threading.RLock()


class transaction:
    """`with transaction(conn):` BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception.

    The connection runs in autocommit mode (isolation_level=None) so that transactions are always
    explicit and an import is exactly one of them.

    `rollback_journal` is for a first import into an empty workspace: WAL writes every page twice
    (to the log, then to the database at the checkpoint), a rollback journal writes only the few
    pages that existed before, so a 100,000-row first import commits ~0.2 s sooner
    (benchmarks/import_bench.py). The switch needs the database to itself: when another
    connection has it open, the transaction runs in WAL as usual. The journal is synced in full
    while it is used, and WAL comes back after the commit or rollback (a workspace left in the
    other mode by a crash gets WAL back when it is next opened).
    """

    def __init__(self, conn: sqlite3.Connection, *, rollback_journal: bool = False) -> None:
        self.conn = conn
        self.rollback_journal = rollback_journal
        self._switched = False

    def __enter__(self) -> sqlite3.Connection:
        _WRITING.acquire()
        try:
            if self.rollback_journal:
                self._switched = _use_rollback_journal(self.conn)
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self._back_to_wal()
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
            self._back_to_wal()
            _WRITING.release()

    def _back_to_wal(self) -> None:
        if self._switched:
            self._switched = False
            with contextlib.suppress(sqlite3.Error):  # else the next open sets it again
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")

    def _rollback(self) -> None:
        """Undo what is left, never raising: the error that got us here is the one to report.

        SQLite has often rolled back already (a full disk, a damaged page), and a ROLLBACK then
        fails with "no transaction is active", which would hide the real cause.
        """
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")


def _use_rollback_journal(conn: sqlite3.Connection) -> bool:
    """Leave WAL for a rollback journal if no other connection has the database open (asked
    without waiting: when another has, the caller goes on in WAL)."""
    (busy,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute("PRAGMA busy_timeout=0")
    try:
        (mode,) = conn.execute("PRAGMA journal_mode=DELETE").fetchone()
    except sqlite3.Error:  # "database is locked": another connection, or a read still running
        return False
    finally:
        conn.execute(f"PRAGMA busy_timeout={int(busy)}")
    if mode != "delete":
        return False
    conn.execute("PRAGMA synchronous=FULL")  # a rollback journal needs the full syncs
    return True
