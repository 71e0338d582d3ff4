"""The app's first painted table loads only what that table needs.

A returning user's first frame is the network, read from the snapshot file: the settings (and
pydantic under them), pyarrow's compute functions, the other screens and the other commands'
parsers are all loaded later, when first used. The first test starts the real entry point
(`handpicked --workspace DIR`) headless in a fresh interpreter, as a user starts it, and looks at
what was imported when the first frame holding contacts was drawn; the others hold that a key
typed before the settings are read still does what it says.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Checkbox

from benchmarks.first_paint import FIRST_PAINT
from handpicked.core import config
from handpicked.core.contacts.browse import BrowseIndex
from handpicked.core.db import Workspace
from handpicked.tui.screens.contacts import ContactsScreen
from tests.unit.contacts.test_browse_snapshot import settle

# (The classifier is not listed: the contacts store, which the app opens first, imports it.)
LATER = (
    "pydantic", "handpicked.core.config", "pyarrow.compute",
    "handpicked.commands.importing", "handpicked.commands.campaigns", "handpicked.commands.email",
    "handpicked.core.campaigns", "handpicked.tui.screens.settings", "handpicked.tui.screens.welcome",
    "handpicked.tui.screens.compose",
)  # fmt: skip


def _first_paint(home: Path) -> set[str]:
    """Modules imported when `handpicked --workspace HOME` (headless, through the CLI, as
    benchmarks/tui_bench.py times it) first painted contacts; it exits 0 right after."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(home)],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert "modules" in report, "no frame with contacts was drawn"
    assert report["from_snapshot"]
    return set(report["modules"])


def test_first_painted_table_loads_no_settings_compute_or_other_screens(sample_ws: Workspace):
    """Verify the first frame of contacts (from the snapshot) is drawn before pydantic, the
    settings, pyarrow.compute, other screens or other commands are imported."""
    sample_ws.config_path.write_text('[me]\nname = "Ada Lovelace"\n', encoding="utf-8")
    settle(sample_ws)
    assert BrowseIndex.load(sample_ws).save_snapshot(sample_ws, wait=False)
    modules = _first_paint(sample_ws.home)
    assert "handpicked.tui.screens.contacts" in modules
    loaded = sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in LATER))
    assert loaded == []


@pytest.mark.parametrize("days", [45, 0])
async def test_hide_recent_typed_before_the_settings_are_read(
    sample_ws, app_factory, wait, text_of, monkeypatch, days
):
    """Verify `h` typed before Contacts has read the settings hides by the configured days, and
    with the rule off ends unticked and disabled once they are read."""
    config.set_value(sample_ws, "audience.not_contacted_days", str(days))
    apply = ContactsScreen._apply_settings
    monkeypatch.setattr(ContactsScreen, "_apply_settings", lambda self: None)  # not read yet
    app = app_factory(sample_ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        await pilot.press("h")
        await wait(pilot)
        assert screen.filter.not_contacted_days == (days or None)
        apply(screen)
        await wait(pilot)
        box = screen.query_one("#hide-recent", Checkbox)
        assert box.value is bool(days) and box.disabled is not bool(days)
        assert str(box.label) == ("Hide recent (<45 days)" if days else "Hide recent (rule off)")
        assert screen.filter.not_contacted_days == (days or None)
        assert "0 / 20" in text_of(app)
