"""Hostile values and broken workspaces end in one `error:` line (usage errors exit 2), never a
traceback, and leave what is stored untouched (issue #10, items 7, 8a, 11a and 11b)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from handpicked.cli import main
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace

CSV_HEADER = "First Name,Last Name,Company,Position,Email Address\n"


def one_error_line(err: str) -> str:
    """The single `error:` line of a run's stderr (asserting there is exactly one line)."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def usage_error(cli, *args: str) -> str:
    """Run a command that argparse must refuse (exit 2); return its stderr's last line."""
    result = cli(*args)
    assert result.code == 2, (result.code, result.err)
    assert "Traceback" not in result.err
    assert result.raw == b""
    return result.err.strip().splitlines()[-1]


def write_people(path: Path, count: int) -> Path:
    rows = "".join(
        f"Name{i},Last{i},Company {i % 37},Engineer {i},p{i}@example.org\n" for i in range(count)
    )
    path.write_text(CSV_HEADER + rows, encoding="utf-8")
    return path


# -- item 7: numbers argparse must bound -----------------------------------------------------


COUNT = ("--limit", "from 1 to 1,000,000")
DAYS = ("--not-contacted-days", "from 0 to 36,500")
COMPOSE = ["compose", "x", "--template", "reconnect"]


@pytest.mark.parametrize(
    ("args", "refused"),
    [
        (["contacts", "--limit", "99999999999999999999"], COUNT),
        (["contacts", "--limit", "0"], COUNT),
        (["sector", "unassigned", "--limit", "-5"], COUNT),
        (["contacts", "--not-contacted-days", "1000000"], DAYS),
        (["facets", "--not-contacted-days", "-1"], DAYS),
        ([*COMPOSE, "--not-contacted-days", "99999999999999999999"], DAYS),
        ([*COMPOSE, "--not-contacted-days", "1e3"], DAYS),
    ],
)
def test_out_of_range_numbers_are_usage_errors(cli, args, refused):
    """Verify a count or day number SQLite or the calendar cannot hold is a usage error, exit 2."""
    assert cli("config", "set", "me.name", "Alex").code == 0
    last = usage_error(cli, *args)
    flag, allowed = refused
    assert flag in last and allowed in last


def test_largest_allowed_numbers_work(cli, tmp_path):
    """Verify the top of each range is accepted and runs to the end (no overflow at the edge)."""
    assert cli("import", write_people(tmp_path / "c.csv", 3)).code == 0
    listing = cli("contacts", "--limit", "1000000", "--not-contacted-days", "36500")
    assert listing.code == 0, listing.err
    assert listing.out.endswith("3 contacts\n")
    composed = cli(*COMPOSE, "--not-contacted-days", "36500")
    assert composed.code == 0, composed.err


# -- item 7: HANDPICKED_TODAY and the calendar's edges ----------------------------------------


def test_today_in_year_one_is_one_error_line(cli, tmp_path, monkeypatch):
    """Verify HANDPICKED_TODAY=0001-01-01 is refused with one line naming it, exit 1."""
    assert cli("import", write_people(tmp_path / "c.csv", 2)).code == 0
    monkeypatch.setenv("HANDPICKED_TODAY", "0001-01-01")
    for args in (["contacts", "--not-contacted-days", "30"], COMPOSE):
        result = cli(*args)
        assert result.code == 1
        line = one_error_line(result.err)
        assert "HANDPICKED_TODAY" in line and "0001-01-01" in line


# -- item 7: settings out of range ------------------------------------------------------------


def test_config_set_refuses_days_beyond_range(cli, tmp_path):
    """Verify `config set` refuses a million days with the allowed range, and compose still runs."""
    assert cli("import", write_people(tmp_path / "c.csv", 2)).code == 0
    result = cli("config", "set", "audience.not_contacted_days", "1000000")
    assert result.code == 1
    line = one_error_line(result.err)
    assert "audience.not_contacted_days" in line and "0 to 36,500" in line
    assert not (tmp_path / "ws" / "config.toml").exists()
    composed = cli(*COMPOSE)
    assert composed.code == 0, composed.err


def test_hand_edited_config_out_of_range_names_file_key_and_range(cli, tmp_path):
    """Verify a config.toml edited by hand beyond a range gives one line: file, key, range."""
    assert cli("import", write_people(tmp_path / "c.csv", 2)).code == 0
    config = tmp_path / "ws" / "config.toml"
    config.write_text("[audience]\nnot_contacted_days = 1000000\n", encoding="utf-8")
    for args in (COMPOSE, ["config", "list"]):
        result = cli(*args)
        assert result.code == 1
        line = one_error_line(result.err)
        assert str(config) in line
        assert "audience.not_contacted_days" in line and "0 to 36,500" in line
    assert config.read_text(encoding="utf-8").endswith("= 1000000\n")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_bytes(b'[me]\nname = "Ren\xe9"\n'), "not UTF-8"),
        (lambda p: p.write_text("[audience\nmax = 3\n", encoding="utf-8"), "line 1"),
    ],
    ids=["folder", "latin-1", "bad-toml"],
)
def test_unreadable_config_is_one_error_line(cli, tmp_path, make, says):
    """Verify a config.toml that is a folder, not UTF-8 or not TOML is one line naming it."""
    (tmp_path / "ws").mkdir()
    config = tmp_path / "ws" / "config.toml"
    make(config)
    for args in (["config", "list"], ["config", "set", "me.name", "Alex"]):
        result = cli(*args)
        assert result.code == 1
        line = one_error_line(result.err)
        assert str(config) in line and says in line


# -- item 7 and 8a: a damaged database ---------------------------------------------------------


def test_damaged_database_is_one_error_line_per_command(cli, tmp_path):
    """Verify a database whose middle pages were overwritten gives one line saying so, exit 1.

    The file is damaged for real: 400 contacts are imported, the workspace is closed (so all of
    it is in the one .db file), then bytes in the middle of every other page (of every page, when
    they are 16 KiB: fewer) are overwritten (a command reading only an index, as `facets` does,
    must meet a damaged page too).
    """
    with Workspace(tmp_path / "ws") as ws:
        assert import_paths(ws, [write_people(tmp_path / "c.csv", 400)])[0].error is None
    db = tmp_path / "ws" / "handpicked.db"
    assert not (tmp_path / "ws" / "handpicked.db-wal").exists()
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big")  # the header's page size: 16 KiB in a new one
    assert page in (4096, 16384) and len(data) > 12 * page
    for number in range(3, len(data) // page - 1, 2 if page == 4096 else 1):
        start = number * page + 100
        data[start : start + 200] = b"\xff" * 200
    db.write_bytes(bytes(data))
    for args in (
        ["contacts"],
        ["facets"],
        ["sector", "unassigned"],
        COMPOSE,
    ):
        result = cli(*args)
        assert result.code == 1, (args, result.err)
        line = one_error_line(result.err)
        assert str(db) in line and "damaged" in line, line
        assert "backup" in line


def test_database_that_is_a_folder_cannot_open(cli, tmp_path):
    """Verify a workspace whose handpicked.db is a folder says it cannot be opened, no 'damaged'."""
    (tmp_path / "ws" / "handpicked.db").mkdir(parents=True)
    result = cli("contacts")
    assert result.code == 1
    line = one_error_line(result.err)
    assert "cannot open" in line and "damaged" not in line and "move it aside" not in line


# -- item 11a: an empty workspace name ---------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_workspace_flag_is_a_usage_error(tmp_path, capsys, monkeypatch, name):
    """Verify `--workspace ""` is refused (exit 2) instead of quietly using the default folder."""
    monkeypatch.setenv("HANDPICKED_HOME", str(tmp_path / "env"))
    monkeypatch.chdir(tmp_path)  # a blank name taken as a folder would land here
    with pytest.raises(SystemExit) as stop:
        main(["--workspace", name, "config", "set", "me.name", "X"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--workspace" in err.strip().splitlines()[-1] and "empty" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_empty_handpicked_home_means_unset(tmp_path):
    """Verify HANDPICKED_HOME="" is treated as unset (as XDG does): the user data folder is used.

    Run in a subprocess whose HOME and XDG_DATA_HOME are test folders, so "the user data folder"
    is one this test owns.
    """
    env = {
        **os.environ,
        "HANDPICKED_HOME": "",
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "handpicked", "config", "set", "me.name", "X"],
        env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "handpicked" / "config.toml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


# -- item 11b: a config.toml that is a link ----------------------------------------------------


def test_config_set_writes_through_a_symlink(cli, tmp_path):
    """Verify `config set` on a linked config.toml rewrites the linked file and keeps the link."""
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "handpicked.toml"
    real.write_text('[me]\nname = "Alex"\n', encoding="utf-8")
    (tmp_path / "ws").mkdir()
    link = tmp_path / "ws" / "config.toml"
    link.symlink_to(Path("..") / "dotfiles" / "handpicked.toml")
    result = cli("config", "set", "audience.max", "30")
    assert result.code == 0, result.err
    assert link.is_symlink()
    assert 'name = "Alex"' in real.read_text(encoding="utf-8")
    assert "max = 30" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in dotfiles.iterdir()) == ["handpicked.toml"]
    assert cli("config", "get", "audience.max").out == "30\n"
