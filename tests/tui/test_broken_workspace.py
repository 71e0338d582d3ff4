"""The app on a workspace with a hand-broken config.toml or a failing database: notifications in
plain words, never a crash screen (issue #10, items 7 and 8a)."""

from __future__ import annotations

import sqlite3

import pytest

from handpicked.core.contacts.store import list_contacts
from handpicked.core.db import transaction
from handpicked.tui.screens.compose import ComposeScreen

SIZE = (120, 40)


async def test_out_of_range_setting_is_a_notification_and_f4_still_works(
    sample_ws, app_factory, wait
):
    """Verify a config.toml edited to a million days is named in a notification, and F4 opens."""
    sample_ws.config_path.write_text("[audience]\nnot_contacted_days = 1000000\n", "utf-8")
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        errors = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert any(
            str(sample_ws.config_path) in m
            and "audience.not_contacted_days" in m
            and "0 to 36,500" in m
            for m in errors
        ), errors
        app.pick([c.id for c in list_contacts(sample_ws, limit=3)])
        await pilot.press("f4")
        await wait(pilot)
        assert isinstance(app.screen, ComposeScreen)
        assert "audience.not_contacted_days" in (app.screen.error or "")


async def test_full_disk_reads_as_a_full_disk(sample_ws, app_factory, wait):
    """Verify a real SQLITE_FULL shown by the app says the disk is full, not that data is broken.

    The app's own connection is kept from growing the file (`PRAGMA max_page_count`), which
    is how SQLite reports a full disk, so the error is the real one a full disk raises.
    """
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        conn = sample_ws.conn
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        with pytest.raises(sqlite3.Error) as caught, transaction(conn):
            for _ in range(500):
                conn.execute("INSERT INTO imports(path, format, at) VALUES (?, 'csv', 'x')",
                             ("x" * 2000,))  # fmt: skip
        app.show_error(caught.value)
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert any("disk is full" in m and str(sample_ws.db_path) in m for m in messages)
        assert not any("Something went wrong" in m or "move it aside" in m for m in messages)


def _damage(db) -> None:
    """Overwrite bytes in the middle of many pages, as a failing disk or a bad copy would."""
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")  # the header's page size: 16 KiB in a new one
    for number in range(3, len(data) // page - 1, 2 if page == 4096 else 1):
        start = number * page + 100
        data[start : start + 200] = b"\xff" * 200
    db.write_bytes(bytes(data))


async def test_damaged_database_is_a_notification_not_a_crash(sample_ws, app_factory, wait):
    """Verify the app on a database with damaged pages says so in a notification and keeps running.

    The file is really damaged (bytes overwritten in its pages after the sample was imported),
    so the error is the one SQLite raises while the Contacts screen's worker reads it.
    """
    sample_ws.close()
    _damage(sample_ws.db_path)
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        assert app.is_running and app.return_code is None
        messages = [str(n.message) for n in app._notifications if n.severity == "error"]
        assert any("damaged" in m and str(sample_ws.db_path) in m for m in messages), messages
