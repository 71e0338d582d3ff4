"""End to end, as a person would: the installed `handpicked` in a real terminal (tmux), keys in,
screen text out. Textual draws on stderr, so the app's output is never redirected.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.contacts.store import list_contacts
from handpicked.core.db import Workspace
from handpicked.core.resources import shipped

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
)


class Terminal:
    """One tmux server of our own (its own socket), one 120x40 session running a command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )

    def start(self, command: str) -> None:
        done = self.tmux("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", command)
        assert done.returncode == 0, done.stderr

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e").stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "e2e", *(["-l"] if literal else []), *keys)

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 20) -> str:
        """Poll the screen until `check` holds; fail with the last screen otherwise."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if check(text):
                return text
            time.sleep(0.1)
        pytest.fail(f"timed out waiting for {what}; screen was:\n{text}")

    def running(self) -> bool:
        return self.tmux("has-session", "-t", "e2e").returncode == 0

    def close(self) -> None:
        self.tmux("kill-server")


@pytest.fixture
def terminal() -> Terminal:
    term = Terminal(f"handpicked-e2e-{os.getpid()}")
    yield term
    term.close()


def _command(home: Path) -> str:
    script = shutil.which("handpicked")
    program = [script] if script else [sys.executable, "-m", "handpicked"]
    env = {
        "HANDPICKED_TODAY": os.environ.get("HANDPICKED_TODAY", "2026-11-25"),
        "HANDPICKED_HOME": str(home),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
    }
    words = ["env", *(f"{k}={v}" for k, v in env.items()), *program, "--workspace", str(home)]
    return " ".join(shlex.quote(word) for word in words)


def test_search_pick_quit_in_a_real_terminal(tmp_path: Path, terminal: Terminal) -> None:
    """Verify a user can start handpicked, search, pick a contact with space, and quit."""
    home = tmp_path / "ws"
    ws = Workspace(home)
    sample = shipped("sample_contacts") / "Connections.csv"
    assert import_paths(ws, [sample])[0].error is None
    total = len(list_contacts(ws))
    found = len(list_contacts(ws, AudienceFilter(search="developpeuse")))
    ws.close()

    terminal.start(_command(home))
    terminal.wait_for(lambda s: f"{total} of {total}" in s, "the contacts table")
    # Keys already on their way to one widget do not follow a focus change (Textual forwards
    # each key to the focused widget as it arrives), so wait, as a person's eyes would, for the
    # footer to show the search box's keys instead of the table's before typing.
    terminal.keys("/")
    terminal.wait_for(lambda s: "Pick/unpick" not in s, "the search box to take the focus")
    terminal.keys("developpeuse", literal=True)
    screen = terminal.wait_for(lambda s: f"{found} of {total}" in s, "the search to narrow")
    assert "Développeuse" in screen
    terminal.keys("Enter")  # from the search box to the table
    terminal.wait_for(lambda s: "Pick/unpick" in s, "the table to take the focus")
    terminal.keys("Space")
    terminal.wait_for(lambda s: "1 / 20" in s, "the audience gauge to count the pick")
    terminal.keys("C-q")
    deadline = time.monotonic() + 10
    while terminal.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.running(), "handpicked did not quit on ctrl+q"
