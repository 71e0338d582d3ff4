"""The app's threads (workers, the start-up preload, the snapshot writer) and the database.

CPython's sqlite3 module is not safe when two threads use one connection at once: its error
state is shared, and a failing statement in one thread while another runs ends in
"SystemError: ... returned NULL without setting an exception", or a crash of the whole app
(seen in this suite: a worker died while the Dispatch screen sent emails and re-read the queue).
So each thread has its own connection.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest

from handpicked.core.contacts import data_stamp
from handpicked.core.db import Workspace, transaction


def _in_thread(fn):
    """Run `fn` in a new thread; return what it returned (or raise what it raised)."""
    out: list = []

    def run() -> None:
        try:
            out.append((True, fn()))
        except BaseException as err:
            out.append((False, err))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    ok, value = out[0]
    if not ok:
        raise value
    return value


def test_each_thread_has_its_own_connection(tmp_path):
    """Verify a thread gets a connection of its own, kept for its next call, and that closing
    the workspace closes every thread's connection (the next call opens a new one)."""
    ws = Workspace(tmp_path)
    main = ws.conn
    assert ws.conn is main
    other = _in_thread(lambda: (ws.conn, ws.conn))
    assert other[0] is other[1]
    assert other[0] is not main
    ws.close()
    assert not ws.is_open
    for conn in (main, other[0]):
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")
    assert ws.conn is not main
    assert ws.conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
    ws.close()


def test_closing_leaves_a_running_thread_its_connection_until_it_ends(tmp_path):
    """Verify that closing the workspace while another thread still reads (the user quits
    during the start-up preload) does not close that thread's connection under it; it is
    closed once the thread has ended."""
    ws = Workspace(tmp_path)
    ws.conn  # noqa: B018 (opens the main thread's)
    opened, closed, finish = threading.Event(), threading.Event(), threading.Event()
    held: list[sqlite3.Connection] = []
    read_after_close: list[int] = []

    def preload() -> None:
        held.append(ws.conn)
        opened.set()
        assert closed.wait(10)
        read_after_close.append(held[0].execute("SELECT count(*) FROM contacts").fetchone()[0])
        finish.wait(10)

    thread = threading.Thread(target=preload)
    thread.start()
    assert opened.wait(10)
    ws.close()
    closed.set()
    finish.set()
    thread.join()
    assert read_after_close == [0]
    ws.conn  # noqa: B018 (the next open tidies up after ended threads)
    with pytest.raises(sqlite3.ProgrammingError):
        held[0].execute("SELECT 1")
    ws.close()


def test_threads_reading_and_failing_at_once_keep_sqlite_whole(tmp_path):
    """Verify two threads reading (some statements failing, as a missing table does) while a
    third writes and collides on a unique key never get anything but their own sqlite3 errors,
    and every insert that was committed is there."""
    ws = Workspace(tmp_path)
    with transaction(ws.conn) as conn:
        conn.executemany(
            "INSERT INTO imports(id, path, format, at) VALUES (?, ?, 'csv', 'now')",
            [(i, f"p{i}") for i in range(500)],
        )
    odd: list[BaseException] = []
    committed: list[int] = []

    def reader(seed: int) -> None:
        for i in range(3000):
            try:
                if i % 2:
                    ws.conn.execute(f"SELECT * FROM missing_{seed}_{i}")
                else:
                    rows = ws.conn.execute("SELECT path FROM imports WHERE id > ?", (i % 400,))
                    rows.fetchmany(20)
            except sqlite3.OperationalError:
                pass
            except BaseException as err:
                odd.append(err)
                return

    def writer() -> None:
        for i in range(1500):
            key = 500 + i // 2  # every second insert collides with the one before
            try:
                with transaction(ws.conn) as conn:
                    conn.execute(
                        "INSERT INTO imports(id, path, format, at) VALUES (?, 'w', 'csv', 'now')",
                        (key,),
                    )
                committed.append(key)
            except sqlite3.IntegrityError:
                pass
            except BaseException as err:
                odd.append(err)
                return

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(2)]
    threads.append(threading.Thread(target=writer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert odd == []
    assert len(committed) == 750
    count = ws.conn.execute("SELECT count(*) FROM imports WHERE path = 'w'").fetchone()[0]
    assert count == 750
    ws.close()


def test_a_transaction_in_progress_is_not_seen_by_other_threads(tmp_path):
    """Verify that while a worker's import is under way, the screen's thread reads the
    workspace as it was (not half an import), and reads the whole of it once committed."""
    ws = Workspace(tmp_path)
    inside, release = threading.Event(), threading.Event()

    def importing() -> None:
        with transaction(ws.conn) as conn:
            conn.execute("INSERT INTO imports(path, format, at) VALUES ('big.csv', 'csv', 'now')")
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=importing)
    worker.start()
    assert inside.wait(10)
    seen_during = ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0]
    release.set()
    worker.join()
    assert seen_during == 0
    assert ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 1
    ws.close()


def test_data_stamp_is_one_answer_for_every_thread_and_moves_on_any_commit(tmp_path):
    """Verify the stamp a worker reads with the contacts matches the one the screen asks for
    when nothing changed, and moves when any thread (or another connection) commits."""
    ws = Workspace(tmp_path)
    stamp = data_stamp(ws)
    assert _in_thread(lambda: data_stamp(ws)) == stamp
    assert data_stamp(ws) == stamp

    def write() -> None:
        with transaction(ws.conn) as conn:
            conn.execute("INSERT INTO imports(path, format, at) VALUES ('a', 'csv', 'now')")

    _in_thread(write)
    moved = data_stamp(ws)
    assert moved != stamp
    assert _in_thread(lambda: data_stamp(ws)) == moved
    write()  # this thread's own commit
    assert data_stamp(ws) != moved
    other = sqlite3.connect(ws.db_path)  # another process, as far as SQLite can tell
    before = data_stamp(ws)
    with other:
        other.execute("INSERT INTO imports(path, format, at) VALUES ('b', 'csv', 'now')")
    other.close()
    assert data_stamp(ws) != before
    ws.close()


def test_data_stamp_after_closing_is_never_one_from_before(tmp_path):
    """Verify a stamp taken before the workspace was closed and opened again never matches one
    taken after (a snapshot of the old state must not pass for current)."""
    ws = Workspace(tmp_path)
    stamps = set()
    for _ in range(3):
        stamps.add(data_stamp(ws))
        ws.close()
    assert len(stamps) == 3
