"""Fixtures every test gets: its own workspace, a fixed date, an in-memory keyring, no browser.

Nothing a test does may touch the developer's real workspace, keyring or browser, and no result may
depend on the calendar (harlequin keeps user config out of its tests the same way).
"""

from __future__ import annotations

import textwrap

import keyring
import pytest
from keyring.backend import KeyringBackend

FIXED_TODAY = "2026-11-25"


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps passwords in a dict, for this test only."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.passwords:
            raise PasswordDeleteError("no such password")
        del self.passwords[(service, username)]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The app's test modules are spread among the others, each module kept whole (its fixtures
    are set up once). A Pilot test mostly waits for the app's next frame; xdist hands each
    worker a run of tests in this order, so with the app's tests all together every worker
    waited at once for the last two thirds of the run (the cores 65-90% busy); mixed, the
    others' work fills those waits (82 s to 75 s here)."""
    modules: dict[str, list[pytest.Item]] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], []).append(item)
    app = [tests for name, tests in modules.items() if name.startswith("tests/tui/")]
    rest = [tests for name, tests in modules.items() if not name.startswith("tests/tui/")]
    total_app, total_rest = sum(map(len, app)) or 1, sum(map(len, rest)) or 1
    mixed: list[pytest.Item] = []
    done_app = done_rest = 0
    while app or rest:  # the one behind, as a share of its own count, goes next
        if app and (not rest or done_app / total_app <= done_rest / total_rest):
            module = app.pop(0)
            done_app += len(module)
        else:
            module = rest.pop(0)
            done_rest += len(module)
        mixed.extend(module)
    items[:] = mixed


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """Point the workspace, date, keyring and editor at test-owned values."""
    monkeypatch.setenv("HANDPICKED_HOME", str(tmp_path / "ws"))
    monkeypatch.setenv("HANDPICKED_TODAY", FIXED_TODAY)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def closed_workspaces(monkeypatch):
    """Every workspace a test opened is closed after it, as `handpicked` closes its own before
    it exits. Left open, a worker's hundreds of connections were all closed at its exit (each
    writing its log into its database file), every worker at once, at the end of the run."""
    from handpicked.commands.common import close_workspaces
    from handpicked.core.db import Workspace

    opened: list[Workspace] = []
    made = Workspace.__init__

    def init(self: Workspace, *args, **kwargs) -> None:
        made(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(Workspace, "__init__", init)
    yield
    close_workspaces()  # what `main` opened: `handpicked` closes them as it ends
    for ws in opened:
        ws.close()


@pytest.fixture
def memory_keyring(isolated):
    """The in-memory keyring installed for this test."""
    return isolated


LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


@pytest.fixture
def linkedin_ws(tmp_path):
    """`linkedin_ws(rows)`: a workspace in tmp_path holding these Connections.csv rows (an
    indented block, as LinkedIn writes them, notes line first), imported for real."""
    from handpicked.core.contacts import import_paths
    from handpicked.core.db import Workspace

    made = []

    def make(rows: str) -> Workspace:
        path = tmp_path / "Connections.csv"
        text = f"Notes:\n\n{LINKEDIN_HEADER}\n{textwrap.dedent(rows)}"
        path.write_text(text, encoding="utf-8")
        ws = Workspace(tmp_path / "ws")
        assert import_paths(ws, [path])[0].error is None
        made.append(ws)
        return ws

    yield make
    for ws in made:
        ws.close()
