"""End to end, as a person would: the installed `handpicked` in a real terminal (tmux), keys in,
screen text out. Textual draws on stderr, so the app's output is never redirected.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from handpicked.core import config
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.contacts.store import list_contacts
from handpicked.core.db import Workspace
from handpicked.core.resources import shipped

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)"
)


class Terminal:
    """One tmux server of our own (its own socket), one session (120x40 unless told) running a
    command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )

    def start(self, command: str, size: tuple[int, int] = (120, 40)) -> None:
        width, height = (str(n) for n in size)
        done = self.tmux("new-session", "-d", "-s", "e2e", "-x", width, "-y", height, command)
        assert done.returncode == 0, done.stderr

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e").stdout

    def cursor(self) -> tuple[int, int]:
        """Where the terminal's cursor is (column, row): Textual puts it in the focused field."""
        shown = self.tmux("display", "-p", "-t", "e2e", "#{cursor_x},#{cursor_y}").stdout
        column, row = shown.strip().split(",")
        return int(column), int(row)

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


def _program() -> list[str]:
    script = shutil.which("handpicked")
    return [script] if script else [sys.executable, "-m", "handpicked"]


def _settings(home: Path) -> dict[str, str]:
    return {
        "HANDPICKED_TODAY": os.environ.get("HANDPICKED_TODAY", "2026-11-25"),
        "HANDPICKED_HOME": str(home),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
    }


def _env(home: Path) -> dict[str, str]:
    """The environment of a CLI run next to the app: the same workspace and date."""
    return {**os.environ, **_settings(home)}


def _command(home: Path) -> str:
    settings = (f"{k}={v}" for k, v in _settings(home).items())
    words = ["env", *settings, *_program(), "--workspace", str(home)]
    return " ".join(shlex.quote(word) for word in words)


def test_search_pick_quit_in_a_real_terminal(tmp_path: Path, terminal: Terminal) -> None:
    """Verify a user can start handpicked, search, pick a contact with space, and quit."""
    home = tmp_path / "ws"
    ws = Workspace(home)
    sample = shipped("sample_contacts") / "Connections.csv"
    assert import_paths(ws, [sample])[0].error is None
    total = len(list_contacts(ws))
    found = len(list_contacts(ws, AudienceFilter(search="developpeuse")))
    config.set_value(ws, "me.name", "Alex Tremblay")  # no first-start question: not tested here
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
    terminal.keys("C-q")  # a picked audience would be lost: the app asks first
    terminal.wait_for(lambda s: "Quit handpicked?" in s, "the question before quitting")
    terminal.keys("y")
    deadline = time.monotonic() + 10
    while terminal.running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not terminal.running(), "handpicked did not quit on ctrl+q"


PEOPLE = """\
First Name,Last Name,URL,Email Address,Company,Position,Connected On
Alma,Zorn,https://www.linkedin.com/in/alma-zorn,alma@example.com,Northwind,Software Engineer,12 Mar 2021
Dario,Basso,https://www.linkedin.com/in/dario-basso,,Contoso,Engineering Manager,01 Feb 2020
Élise,Tremblay,https://www.linkedin.com/in/elise-tremblay,,Desjardins,Développeuse principale,03 Mar 2023
"""
CAMPAIGN = "event-invitation-2026-11-25"  # the default name: template and (fixed) date
# The event invitation's values in the order Tab reaches them: each one, then its French twin
# (Élise reads French).
VALUES = [
    "the HR Tech Summit",
    "le Sommet RH Tech",
    "Thursday, December 10, at 5 p.m.",
    "jeudi 10 décembre à 17 h",
    "the Palais des congrès, Montréal",
    "au Palais des congrès de Montréal",
    "hiring engineers in Québec",
    "l'embauche d'ingénieurs au Québec",
]


def in_a_field(screen: str, value: str) -> bool:
    """True when a text field shows `value` whole (between an input's edges, ▊ and ▎)."""
    return re.search(r"▊\s+" + re.escape(value) + r"\s*▎", screen) is not None


def field_at_cursor(terminal: Terminal) -> str | None:
    """What the text field on the cursor's line shows (None: no field there); Textual puts the
    terminal's cursor in the focused field."""
    _, row = terminal.cursor()
    found = re.search(r"▊(.*)▎", terminal.screen().splitlines()[row])
    return found.group(1).strip() if found else None


def test_compose_at_80x24_in_a_real_terminal(tmp_path: Path, terminal: Terminal) -> None:
    """Verify at 80x24 a user picks three people, fills every value seeing it, and queues."""
    home = tmp_path / "ws"
    source = tmp_path / "Connections.csv"
    source.write_text(PEOPLE, encoding="utf-8")
    ws = Workspace(home)
    assert import_paths(ws, [source])[0].error is None
    config.set_value(ws, "me.name", "Alex Tremblay")
    ws.close()

    terminal.start(_command(home), size=(80, 24))
    terminal.wait_for(lambda s: "3 of 3" in s, "the contacts table")
    for picked in (1, 2, 3):  # one at a time, as the eyes follow the cursor down the table
        terminal.keys("Space")
        terminal.wait_for(lambda s, n=picked: f"{n} / 20" in s, f"the gauge to count {picked}")
    terminal.keys("F4")
    terminal.wait_for(lambda s: "People (3)" in s, "Compose with the three people")
    terminal.keys("Down", "Enter")  # the second template: the event invitation
    terminal.wait_for(lambda s: "(event_name)" in s, "the invitation's values")
    # Past the people list and the campaign name to the first value (its placeholder is its
    # name). Before each value, wait (as a person looks) for the cursor to move to the next
    # field: a key typed while the focus is still moving goes to the widget it left.
    terminal.keys("Tab", "Tab", "Tab")
    terminal.wait_for(lambda _: field_at_cursor(terminal) == "event_name", "the first value")
    for number, value in enumerate(VALUES):
        if number:
            where = terminal.cursor()
            terminal.keys("Tab")
            terminal.wait_for(lambda _, w=where: terminal.cursor() != w, "the next field")
        terminal.keys(value, literal=True)
        terminal.wait_for(lambda s, v=value: in_a_field(s, v), f"{value!r} whole in its field")
    terminal.wait_for(lambda s: "Fill in" not in s, "every value filled")
    terminal.keys("F9")
    terminal.wait_for(lambda s: "Messages (3)" in s, "Dispatch with the queued campaign")

    done = subprocess.run(
        [*_program(), "--workspace", str(home), "preview", CAMPAIGN, "--json"],
        capture_output=True, text=True, timeout=30, env=_env(home),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    messages = {m["name"]: m for m in json.loads(done.stdout)["messages"]}
    assert sorted(messages) == ["Alma Zorn", "Dario Basso", "Élise Tremblay"]
    assert {m["status"] for m in messages.values()} == {"queued"}
    assert "the HR Tech Summit" in messages["Dario Basso"]["body"]
    assert "jeudi 10 décembre à 17 h" in messages["Élise Tremblay"]["body"]
