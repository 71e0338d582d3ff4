"""Explicit transactions: an import, a compose or a claim is all-or-nothing.

The connection runs in autocommit mode, so nothing is ever half in a transaction by accident, and
a failure inside one is reported as itself, never as the rollback's own complaint.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading

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
