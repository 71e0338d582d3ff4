"""Real `handpicked` processes killed mid-work, or racing each other, on one workspace.

What is checked is what a user would meet afterwards: the workspace opens, SQLite finds nothing
broken, nothing is half-written, and sending again delivers each remaining email exactly once.
The kills are made deterministic by stopping the process at a known point first: the SMTP server
holds a DATA unanswered (tests/smtp_server.py), and a compose is caught inside its transaction by
a trigger that stalls it (see `stalled_at`), so no test depends on how fast the machine is.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from smtp_server import PASSWORD, configure, statuses

from handpicked.core.db import Workspace

pytest_plugins = ["smtp_server"]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9")

SENDABLE = ["helene.cote@example.ca", "francois@example.org", "zoe@example.net"]
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def start(home: Path, *args: str) -> subprocess.Popen:
    """`handpicked --workspace HOME ARGS...` as its own process (stdin a pipe, for passwords)."""
    env = dict(os.environ, PYTHONUTF8="1")
    return subprocess.Popen(
        [sys.executable, "-m", "handpicked", "--workspace", str(home), *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        encoding="utf-8", env=env,
    )  # fmt: skip


def finish(proc: subprocess.Popen, stdin: str = "") -> tuple[int, str, str]:
    out, err = proc.communicate(stdin, timeout=60)
    return proc.returncode, out, err


def send(home: Path, *extra: str) -> subprocess.Popen:
    proc = start(home, "send", "spring", "--no-dry-run", "--rate", "0", "--password-stdin", *extra)
    proc.stdin.write(PASSWORD + "\n")
    proc.stdin.flush()
    return proc


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=20)
    assert proc.returncode == -signal.SIGKILL


def assert_intact(home: Path) -> None:
    """The database passes SQLite's own check and handpicked opens it."""
    with sqlite3.connect(home / "handpicked.db") as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Workspace(home) as ws:
        ws.conn.execute("SELECT count(*) FROM messages").fetchone()


def delivered(server) -> list[str]:
    return sorted(r.rcpt_tos[0] for r in server.received)


def held(server, proc: subprocess.Popen) -> None:
    """Wait until the server holds a DATA from `proc` (or say why it never came)."""
    if not server.handler.holding.wait(30):
        proc.kill()
        raise AssertionError(f"the send never reached the server: {proc.communicate()}")


def test_kill_9_during_send_then_send_again(mail_ws, smtp_server):
    """Verify a send killed mid-email leaves a sound workspace; a re-run sends the rest once."""
    server = smtp_server(hold_at=2)
    configure(mail_ws, server.port)
    proc = send(mail_ws.home)
    held(server, proc)  # the first email is sent, the second is on the wire
    kill(proc)
    server.handler.release.set()
    assert_intact(mail_ws.home)
    assert [statuses(mail_ws)[a] for a in SENDABLE] == ["sent", "sending", "queued"]

    code, out, err = finish(send(mail_ws.home, "--json"))
    assert code == 0, err  # the killed run's lock died with it
    report = json.loads(out)
    assert [i["email"] for i in report["items"]] == SENDABLE[2:]
    (stuck,) = report["stuck_sending"]
    assert stuck["email"] == SENDABLE[1] and "by an earlier run" in stuck["reason"]
    assert delivered(server) == sorted(SENDABLE)  # each one exactly once
    assert [statuses(mail_ws)[a] for a in SENDABLE] == ["sent", "sending", "sent"]


def test_concurrent_sends_deliver_each_email_once(mail_ws, smtp_server):
    """Verify a second send during a running one refuses at once naming its pid; no duplicate."""
    server = smtp_server(hold_at=1)
    configure(mail_ws, server.port)
    first = send(mail_ws.home)
    held(server, first)

    code, out, err = finish(send(mail_ws.home))
    assert (code, out) == (1, "")
    assert err == (
        f"error: another send is running on this workspace (pid {first.pid}); wait for it to "
        "finish, then send again\n"
    )
    code, out, err = finish(start(mail_ws.home, "send", "spring", "--json"))  # a dry run
    assert code == 0, err
    dry = json.loads(out)
    assert dry["stuck_sending"] == []  # in flight, not "left by an earlier run"
    (in_flight,) = [i for i in dry["skipped"] if i["email"] == SENDABLE[0]]
    assert in_flight["reason"] == (
        f"on its way in the send running now (pid {first.pid}): not sent again"
    )
    helene = str(in_flight["contact_id"])
    code, out, err = finish(start(mail_ws.home, "mark", "spring", "queued", helene))
    assert code == 1 and f"is on its way in the send running now (pid {first.pid})" in err

    server.handler.release.set()
    code, out, err = finish(first)
    assert code == 0, err
    assert out.rstrip().endswith("3 sent, 0 failed, 2 skipped")
    code, out, err = finish(send(mail_ws.home))
    assert code == 0 and out.rstrip().endswith("0 sent, 0 failed, 5 skipped")
    assert delivered(server) == sorted(SENDABLE)


def stalled_at(db: Path, table: str, row: int) -> None:
    """Make the `row`-th row inserted into `table` stall its transaction (until killed).

    A test instrument, not part of handpicked: SQL alone cannot sleep, so the trigger counts
    rows of a large cross join, which keeps the process inside its open transaction for hours.
    """
    with closing(sqlite3.connect(db)) as raw:  # closed: an open one keeps others from WAL's exit
        raw.executescript(
            f"""
            CREATE TABLE stall(x);
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000)
            INSERT INTO stall SELECT x FROM n;
            CREATE TRIGGER stall_insert AFTER INSERT ON {table} WHEN NEW.id = {row}
            BEGIN SELECT count(*) FROM stall a, stall b, stall c; END;
            """
        )


def killed_in_transaction(home: Path, table: str, row: int, *args: str) -> None:
    """Run `handpicked ARGS`, SIGKILL it while it is inside its transaction (stalled at the
    `row`-th insert into `table`), check the database is intact, then remove the stall."""
    db = home / "handpicked.db"
    stalled_at(db, table, row)
    proc = start(home, *args)
    try:
        in_transaction(db, proc)
    except BaseException:
        proc.kill()
        proc.communicate(timeout=20)
        raise
    kill(proc)
    assert_intact(home)
    with sqlite3.connect(db) as raw:
        raw.executescript("DROP TRIGGER stall_insert; DROP TABLE stall;")


def in_transaction(db: Path, proc: subprocess.Popen) -> None:
    """Wait until `proc` holds the database's write lock: it is inside its transaction."""
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"it ended first: {proc.communicate()}"
            try:
                probe.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                assert "locked" in str(err)
                return
            probe.execute("ROLLBACK")
            time.sleep(0.01)  # a poll: the stall, not this pause, makes the moment certain
        raise AssertionError("compose never began its transaction")
    finally:
        probe.close()


def test_kill_9_during_compose_stores_nothing(tmp_path, cli):
    """Verify a compose killed inside its transaction leaves no campaign, no message at all."""
    people = tmp_path / "Connections.csv"
    rows = [
        f"Person{i},Test{i},https://www.linkedin.com/in/p{i},p{i}@example.com,Firm {i % 40},"
        "Engineer,01 Jan 2020"
        for i in range(400)
    ]
    people.write_text(f"Notes:\n\n{LINKEDIN_HEADER}\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert cli("import", people).code == 0
    home = tmp_path / "ws"
    killed_in_transaction(home, "messages", 200, "compose", "big", "--template", "reconnect",
                          "--allow-large")  # fmt: skip
    listed = cli("campaigns", "--json")
    assert listed.code == 0 and listed.json() == []
    with Workspace(home) as ws:
        assert ws.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0

    again = cli("compose", "big", "--template", "reconnect", "--allow-large", "--json")
    assert again.code == 0, again.err
    assert again.json()["added"] == 400
    with Workspace(home) as ws:
        counts = ws.conn.execute("SELECT count(*), count(DISTINCT contact_id) FROM messages")
        assert tuple(counts.fetchone()) == (400, 400)


def test_kill_9_during_import_keeps_what_was_stored(tmp_path, cli):
    """Verify an import killed inside its transaction leaves the earlier import whole and adds
    nothing, and the same import run again stores the new people once."""

    def people(start: int, count: int, company: str) -> list[str]:
        return [
            f"Person{i},Test{i},https://www.linkedin.com/in/p{i},p{i}@example.com,{company},"
            f"Engineer,01 Jan 2020"
            for i in range(start, start + count)
        ]

    first = tmp_path / "first.csv"
    first.write_text(f"{LINKEDIN_HEADER}\n" + "\n".join(people(0, 300, "Acme")) + "\n", "utf-8")
    assert cli("import", first).code == 0
    home = tmp_path / "ws"
    db = home / "handpicked.db"
    with sqlite3.connect(db) as raw:
        before = raw.execute("SELECT id, company, updated_at FROM contacts ORDER BY id").fetchall()
    # a newer export: the first 300 moved to another company, 300 new people after them
    newer = tmp_path / "newer.csv"
    newer.write_text(f"{LINKEDIN_HEADER}\n" + "\n".join(people(0, 600, "Globex")) + "\n", "utf-8")
    killed_in_transaction(home, "contacts", 450, "import", str(newer))
    with sqlite3.connect(db) as raw:
        after = raw.execute("SELECT id, company, updated_at FROM contacts ORDER BY id").fetchall()
    assert after == before  # nobody added, nobody half-updated

    again = cli("import", newer, "--json")
    assert again.code == 0, again.err
    with Workspace(home) as ws:
        rows = ws.conn.execute("SELECT count(*), count(DISTINCT profile_url) FROM contacts")
        assert tuple(rows.fetchone()) == (600, 600)
        companies = {r[0] for r in ws.conn.execute("SELECT company FROM contacts")}
        assert companies == {"Globex"}


def test_kill_9_during_a_big_first_import_leaves_an_empty_sound_workspace(tmp_path, cli):
    """Verify a first import killed inside its transaction, which runs with a rollback journal
    rather than WAL, leaves a sound, empty workspace back in WAL; run again, it stores all."""
    from benchmarks.generate import write_linkedin

    network = write_linkedin(tmp_path / "Connections.csv", count=6000, seed=3)
    home = tmp_path / "ws"
    with Workspace(home) as ws:
        ws.conn.execute("SELECT 1")  # an empty workspace, made
    db = home / "handpicked.db"
    stalled_at(db, "contacts", 3000)
    proc = start(home, "import", str(network))
    journal = home / "handpicked.db-journal"
    try:
        deadline = time.monotonic() + 60
        while not journal.exists():  # a poll: the stall makes the moment certain
            assert proc.poll() is None, f"it ended first: {proc.communicate()}"
            assert time.monotonic() < deadline, "the import never wrote a rollback journal"
            time.sleep(0.01)
    except BaseException:
        proc.kill()
        proc.communicate(timeout=20)
        raise
    kill(proc)
    assert journal.exists()  # hot: the next reader rolls it back
    assert_intact(home)
    with sqlite3.connect(db) as raw:
        raw.executescript("DROP TRIGGER stall_insert; DROP TABLE stall;")
    with Workspace(home) as ws:
        assert ws.conn.execute("SELECT count(*) FROM contacts").fetchone()[0] == 0
        assert ws.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    again = cli("import", network, "--json")
    assert again.code == 0, again.err
    assert again.json()["files"][0]["imported"] == 6000
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("SELECT count(*) FROM contacts").fetchone()[0] == 6000
