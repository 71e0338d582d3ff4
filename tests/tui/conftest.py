"""TUI fixtures: workspaces built for real (shipped sample, hostile names, empty), the app factory,
a recorder in place of the browser, and helpers to wait for workers and read the screen as text.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from css_parses import share as share_css_parses
from pilot_wait import workers_done
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace
from handpicked.core.resources import shipped
from handpicked.tui.app import HandpickedApp, make_app

share_css_parses()  # see tests/css_parses.py: a tenth of the suite's CPU

SIZE = (120, 40)

HOSTILE_CSV = "\n".join(
    [
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "[bold red]x[/],Markup,https://www.linkedin.com/in/hostile-1,,"
        "[link=http://x]y[/link],Chief [i]Officer[/i],01 Jan 2022",
        "Esc,Apes,https://www.linkedin.com/in/hostile-2,esc@example.com,Evil Corp,"
        "=HYPERLINK(1),02 Feb 2022",
        "Plain,Person,https://www.linkedin.com/in/plain,,Acme,Développeuse,03 Mar 2023",
        "",
    ]
)
# Written straight to the database, as an older or hand-edited workspace could hold them: imports
# strip control characters at the door, the screens must strip them again at the edge.
HOSTILE_RAW = {
    "hostile-2": ("first_name", "\x1b[31mred\x1b[0m"),
    "plain": ("company", "Acme\x9b2J"),
}


def _import_sample(folder: Path) -> Path:
    ws = Workspace(folder)
    samples = sorted(
        p for p in shipped("sample_contacts").iterdir() if p.suffix in {".csv", ".vcf"}
    )
    for report in import_paths(ws, samples):
        assert report.error is None, report.error
    ws.close()  # checkpoints the WAL: the database is one file to copy
    return folder / "handpicked.db"


@pytest.fixture(scope="session")
def _sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped sample imported once per session (each test copies the database file)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HANDPICKED_TODAY", "2026-11-25")
        return _import_sample(tmp_path_factory.mktemp("sample") / "ws")


@pytest.fixture
def sample_ws(tmp_path: Path, _sample_db: Path) -> Workspace:
    """A workspace holding the shipped sample contacts."""
    home = tmp_path / "sample-ws"
    home.mkdir()
    shutil.copyfile(_sample_db, home / "handpicked.db")
    return Workspace(home)


@pytest.fixture
def hostile_ws(tmp_path: Path) -> Workspace:
    """A few contacts whose fields are markup, a formula, and terminal escapes."""
    source = tmp_path / "Connections.csv"
    source.write_text(HOSTILE_CSV, encoding="utf-8")
    ws = Workspace(tmp_path / "hostile-ws")
    assert import_paths(ws, [source])[0].error is None
    for slug, (column, value) in HOSTILE_RAW.items():
        ws.conn.execute(
            f"UPDATE contacts SET {column} = ? WHERE profile_url LIKE ?", (value, f"%/{slug}")
        )
    return ws


@pytest.fixture
def empty_ws(tmp_path: Path) -> Workspace:
    """A workspace with nothing imported yet."""
    return Workspace(tmp_path / "empty-ws")


@pytest.fixture
def app_factory() -> Callable[..., HandpickedApp]:
    """`app_factory(ws, demo=False)`: the app exactly as `handpicked` builds it."""

    def build(ws: Workspace, *, demo: bool = False) -> HandpickedApp:
        return make_app(ws, demo=demo)

    return build


@pytest.fixture(autouse=True)
def browser(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs the app tried to open; no test ever opens a browser or a clipboard tool."""
    opened: list[str] = []
    monkeypatch.setattr(HandpickedApp, "open_link", lambda self, url: opened.append(url))
    monkeypatch.setattr(App, "open_url", lambda self, url, new_tab=True: opened.append(url))
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    return opened


@pytest.fixture(autouse=True)
def no_first_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first-start question (asked while me.name is unset) stays away from tests about
    something else; tests/tui/test_settings.py turns it back on."""
    monkeypatch.setattr(HandpickedApp, "ASK_FIRST_RUN", False)


async def settle(pilot: Pilot, *, typed: bool = False) -> None:
    """Wait until debounced searches, workers and the messages they post are all done."""
    if typed:
        await pilot.pause(0.2)  # the search box's debounce is 0.15 s
    for _ in range(3):
        await workers_done(pilot.app)
        await pilot.pause()


@pytest.fixture
def wait() -> Callable[..., Awaitable[None]]:
    """`await wait(pilot, typed=False)`: see `settle`."""
    return settle


def screen_text(app: App) -> str:
    """The current screen as plain text, exactly the characters a terminal would show."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), force_terminal=True,
        color_system=None, record=True, legacy_windows=False, safe_box=False,
    )  # fmt: skip
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


@pytest.fixture
def text_of() -> Callable[[App], str]:
    """`text_of(app)`: see `screen_text`."""
    return screen_text


@pytest.fixture
def snapshot_ready() -> Callable[[Pilot], Awaitable[None]]:
    """A `run_before` for snap_compare: the screen's data loaded, the cursor not blinking."""

    async def ready(pilot: Pilot) -> None:
        await settle(pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        for _ in range(2):  # resizes re-cut facet labels, which may change scrollbars: let it end
            await pilot.wait_for_scheduled_animations()
            await pilot.pause(0.05)
            await settle(pilot)

    return ready


@pytest.fixture
def import_in_app(app_factory, wait):
    """`screen, notices = await import_in_app(ws, name, dialog=False)`: open the app on `ws`,
    type `name` in the import box (the welcome screen's, or the `i` dialog's) and press Enter;
    returns the screen it ends on and the notifications shown, as (message, severity)."""

    async def run(ws: Workspace, name: str, *, dialog: bool = False):
        from handpicked.tui.screens.welcome import ImportDialog

        app = app_factory(ws)
        async with app.run_test(size=SIZE) as pilot:
            await wait(pilot)
            if dialog:
                app.push_screen(ImportDialog())
                await wait(pilot)
            await pilot.press(*name, "enter")
            await wait(pilot)
            return app.screen, [(str(n.message), n.severity) for n in app._notifications]

    return run
