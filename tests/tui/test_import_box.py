"""The import box (welcome screen and `i` dialog): warnings shown, hostile and slow files handled.

A slow import runs in a thread worker; Esc and Ctrl+Q must end it and store nothing. Textual
cancels the worker's task at once, but the thread runs on in the event loop's executor, so each
cancel test then waits (20 s at most) for that executor to drain: an import that ignored the
cancel would run about a minute longer, commit, and fail the test.
"""

from __future__ import annotations

import asyncio
import textwrap
from pathlib import Path

import pytest
from textual.worker import WorkerState

from handpicked.tui.screens.contacts import ContactsScreen
from handpicked.tui.screens.welcome import ImportDialog, WelcomeScreen

SIZE = (120, 40)
CARDS = 400_000  # about 70 s to import on the 2-core test machine


@pytest.fixture(scope="module")
def _slow_vcf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    card = "BEGIN:VCARD\nVERSION:3.0\nN:Roy;Luc{0};;;\nEMAIL:l{0}@x.test\nORG:Acme\nEND:VCARD\n"
    path = tmp_path_factory.mktemp("slow") / "phone.vcf"
    path.write_text("".join(card.format(i) for i in range(CARDS)), encoding="utf-8")
    return path


@pytest.fixture
def slow_vcf(_slow_vcf: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A legitimate vCard file that takes about a minute to import (written once, ~30 MB);
    the test runs in its folder."""
    monkeypatch.chdir(_slow_vcf.parent)
    return _slow_vcf


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's folder, made the current one: a file's name is its path in the import box."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def stored(ws) -> tuple[int, int]:
    """(contacts, imports) in the workspace's database."""
    conn = ws.conn
    return (
        conn.execute("SELECT count(*) FROM contacts").fetchone()[0],
        conn.execute("SELECT count(*) FROM imports").fetchone()[0],
    )


async def start_import(pilot, path: Path) -> None:
    """Type the file's name in the focused import box (the test runs in its folder), press
    Enter, and wait for the worker to run."""
    await pilot.press(*path.name, "enter")
    for _ in range(200):
        workers = [w for w in pilot.app.workers if w.group == "import"]
        if workers and workers[0].state == WorkerState.RUNNING:
            break
        await pilot.pause(0.05)
    await pilot.pause(0.5)  # into the reading of the file
    assert [w.group for w in pilot.app.workers if w.state == WorkerState.RUNNING] == ["import"]


async def import_threads_end() -> None:
    """Wait for the executor the thread workers run in to drain; fails when it takes 20 s."""
    loop = asyncio.get_running_loop()
    await asyncio.wait_for(loop.shutdown_default_executor(), timeout=20)


async def test_escape_on_the_dialog_cancels_a_slow_import(sample_ws, app_factory, wait, slow_vcf):
    """Verify Esc closes the import dialog during a slow import, which stops and stores nothing."""
    before = stored(sample_ws)
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("i")
        await wait(pilot)
        assert isinstance(app.screen, ImportDialog)
        await start_import(pilot, slow_vcf)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
    await import_threads_end()
    assert stored(sample_ws) == before


async def test_escape_on_the_welcome_cancels_a_slow_import(empty_ws, app_factory, wait, slow_vcf):
    """Verify Esc on the welcome screen during a slow import leaves the workspace empty."""
    app = app_factory(empty_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        await start_import(pilot, slow_vcf)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
    await import_threads_end()
    assert stored(empty_ws) == (0, 0)


async def test_ctrl_q_quits_during_a_slow_import(empty_ws, app_factory, wait, slow_vcf):
    """Verify Ctrl+Q during a slow import quits, and the import thread ends without storing."""
    app = app_factory(empty_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await start_import(pilot, slow_vcf)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    await import_threads_end()
    assert stored(empty_ws) == (0, 0)


async def test_import_summary_names_rows_sharing_a_profile_url(empty_ws, import_in_app, here):
    """Verify the import notice says which lines share a profile URL and what became of them."""
    path = here / "c.csv"
    path.write_text(
        textwrap.dedent("""\
            First Name,Last Name,URL,Email Address,Company,Position,Connected On
            Ana,Lima,https://www.linkedin.com/in/shared,,Acme,CEO,
            Bob,Stone,https://www.linkedin.com/in/shared,,Acme,CTO,
        """),
        encoding="utf-8",
    )
    screen, notices = await import_in_app(empty_ws, path.name)
    assert isinstance(screen, ContactsScreen)
    [(notice, severity)] = notices
    assert severity == "warning"
    assert notice.startswith("c.csv: 2 new, 0 updated.")
    assert (
        "line 3: line 2 and line 3 share a profile URL but not the name; kept as two contacts"
        in notice
    )


async def test_hostile_vcard_in_the_import_box_ends(empty_ws, import_in_app, here):
    """Verify a vCard whose ORG has 40 parameters imports in the box, the property named."""
    path = here / "evil.vcf"
    path.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Marie Tremblay\nORG" + ";TYPE=x" * 40 + ";:Acme\nEND:VCARD\n",
        encoding="utf-8",
    )
    screen, notices = await import_in_app(empty_ws, path.name)
    assert isinstance(screen, ContactsScreen)
    [(notice, _)] = notices
    assert "evil.vcf: 1 new" in notice
    assert "line 4: ORG has more than 16 parameters; property ignored" in notice


async def test_device_in_the_import_box_is_refused(empty_ws, app_factory, wait):
    """Verify /dev/zero typed in the box is refused at once with the importer's sentence."""
    app = app_factory(empty_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press(*"/dev/zero", "enter")
        await wait(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        status = app.screen.query_one("#import-status")
        assert status.has_class("-error")
        assert "not a regular file" in str(status.render())
    assert stored(empty_ws) == (0, 0)


async def test_import_notice_points_out_possible_duplicates(tmp_path, import_in_app, here):
    """Verify the app's import notice says how many possible duplicates the import left and
    which key lists them, as the CLI's report does, and says nothing of them when there are none."""
    from duplicates_data import GOOGLE, LINKEDIN

    from handpicked.core.db import Workspace

    (here / "Connections.csv").write_text(LINKEDIN, encoding="utf-8")
    (here / "google.csv").write_text(GOOGLE, encoding="utf-8")
    ws = Workspace(tmp_path / "dup-ws")
    _, [(first, _)] = await import_in_app(ws, "Connections.csv")
    assert "duplicate" not in first
    _, [(second, _)] = await import_in_app(ws, "google.csv", dialog=True)
    assert second.startswith("google.csv: 2 new, 0 updated.")
    assert "1 possible duplicate: press d on Contacts." in second.splitlines()
