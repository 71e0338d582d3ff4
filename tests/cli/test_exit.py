"""How a command ends: without CPython's teardown, yet with its workspace closed and its output
whole (cli._exit_now). These run the real console entry point in its own process."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from benchmarks.generate import write_linkedin


def handpicked(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    """`handpicked ARGV` as the console script runs it (cli.entry)."""
    return subprocess.run(
        [sys.executable, "-c", "from handpicked.cli import entry; entry()", *argv],
        capture_output=True, text=True, encoding="utf-8", timeout=120, **kwargs,
    )  # fmt: skip


def test_a_command_leaves_everything_in_the_database_file_and_prints_it_all(tmp_path):
    """Verify that after `import` the database file alone holds every contact (no log left
    beside it), and that a long `--json` listing reaches a pipe whole."""
    network = write_linkedin(tmp_path / "Connections.csv", count=400, seed=4)
    ws = tmp_path / "ws"
    done = handpicked("--workspace", str(ws), "import", str(network))
    assert done.returncode == 0, done.stderr
    assert "imported 400" in done.stdout
    assert sorted(p.name for p in ws.iterdir()) == ["handpicked.db"]
    alone = tmp_path / "backup"
    alone.mkdir()
    shutil.copy(ws / "handpicked.db", alone / "handpicked.db")
    with sqlite3.connect(alone / "handpicked.db") as raw:
        assert raw.execute("SELECT count(*) FROM contacts").fetchone()[0] == 400
    listed = handpicked("--workspace", str(ws), "contacts", "--json", "--limit", "5000")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 400


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path):
    """Verify `handpicked contacts --json | head -1`: the command stops when the reader has
    gone, with exit code 0 and nothing on stderr."""
    network = write_linkedin(tmp_path / "Connections.csv", count=400, seed=4)
    ws = tmp_path / "ws"
    assert handpicked("--workspace", str(ws), "import", str(network)).returncode == 0
    proc = subprocess.Popen(
        [sys.executable, "-c", "from handpicked.cli import entry; entry()", "--workspace",
         str(ws), "contacts", "--json", "--limit", "5000"],  # ~150 KB: more than a pipe holds
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == b""
    assert sorted(p.name for p in Path(ws).iterdir()) == ["handpicked.db"]
