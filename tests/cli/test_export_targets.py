"""`export -o`: only a regular file (or a link to one) is ever replaced; `-o -` is stdout."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

ROW = (
    "Alma,Zorn,https://linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021\n"
)


@pytest.fixture
def campaign(cli, imported) -> str:
    """A one-message campaign to export."""
    ids = imported(ROW)
    assert cli("compose", "c", "--template", "reconnect", "--contact", ids["Alma Zorn"]).code == 0
    return "c"


def test_dash_means_stdout(cli, campaign: str, tmp_path: Path, monkeypatch) -> None:
    """Verify `-o -` prints the send list and writes no file called '-'."""
    monkeypatch.chdir(tmp_path)
    shown = cli("export", campaign, "--format", "md", "-o", "-")
    assert shown.code == 0, shown.err
    assert shown.raw == cli("export", campaign, "--format", "md").raw
    assert shown.raw.startswith(b"# c\n") and not (tmp_path / "-").exists()


def test_named_pipe_is_refused_with_one_line(cli, campaign: str, tmp_path: Path) -> None:
    """Verify a named pipe as the target exits 1 with one error line and stays a pipe."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = cli("export", campaign, "--format", "csv", "-o", pipe)
    assert result.code == 1 and result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith("error: ") and str(pipe) in line and "not a regular file" in line
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_folder_is_refused_with_one_line(cli, campaign: str, tmp_path: Path) -> None:
    """Verify a folder as the target exits 1 with one error line and is left as it was."""
    result = cli("export", campaign, "--format", "html", "-o", tmp_path)
    assert result.code == 1 and result.out == ""
    [line] = result.err.splitlines()
    assert line.startswith("error: ") and "is a folder" in line
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_link_to_a_file_rewrites_the_file(cli, campaign: str, tmp_path: Path) -> None:
    """Verify exporting onto a link rewrites the file it points to and keeps the link."""
    real = tmp_path / "lists" / "send.md"
    real.parent.mkdir()
    real.write_text("old list\n")
    link = tmp_path / "send.md"
    link.symlink_to(real)
    result = cli("export", campaign, "--format", "md", "-o", link)
    assert result.code == 0, result.err
    assert link.is_symlink() and real.read_bytes().startswith(b"# c\n")
