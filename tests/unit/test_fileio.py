"""Atomic writes: all or nothing, and the file's permissions as a user expects them."""

from __future__ import annotations

import os
import stat

import pytest

from handpicked.core.errors import HandpickedError
from handpicked.core.fileio import write_atomic


def test_writes_and_leaves_no_temporary(tmp_path):
    """Verify the content lands and no temporary file is left beside it."""
    target = tmp_path / "out" / "list.csv"
    write_atomic(target, b"a,b\n")
    assert target.read_bytes() == b"a,b\n"
    assert [p.name for p in target.parent.iterdir()] == ["list.csv"]


def test_new_file_follows_umask_and_existing_mode_is_kept(tmp_path):
    """Verify a new file gets the umask's permissions and a rewritten file keeps its own."""
    old = os.umask(0o022)
    try:
        target = tmp_path / "a.html"
        write_atomic(target, b"1")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o600)
        write_atomic(target, b"2")
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_unwritable_folder_is_a_clear_error(tmp_path):
    """Verify writing where a file blocks the folder gives a HandpickedError naming the path."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(HandpickedError, match="cannot write"):
        write_atomic(blocker / "out.csv", b"x")


def test_named_pipe_is_refused_and_kept(tmp_path):
    """Verify a named pipe as the target is refused, named, and left a pipe."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(HandpickedError, match=r"pipe.*not a regular file"):
        write_atomic(pipe, b"x")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_folder_is_refused_and_kept(tmp_path):
    """Verify a folder as the target is refused with one sentence and left as it was."""
    folder = tmp_path / "out"
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(HandpickedError, match=r"out.*is a folder"):
        write_atomic(folder, b"x")
    assert [p.name for p in folder.iterdir()] == ["inside"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_symlink_to_a_pipe_is_refused(tmp_path):
    """Verify a link leading to a named pipe is refused like the pipe itself."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "link.csv"
    link.symlink_to(pipe)
    with pytest.raises(HandpickedError, match="not a regular file"):
        write_atomic(link, b"x")
    assert link.is_symlink() and stat.S_ISFIFO(pipe.stat().st_mode)


def test_symlink_to_a_file_replaces_the_file_not_the_link(tmp_path):
    """Verify writing through a link rewrites the file it points to, and the link stays a link."""
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "list.csv"
    real.write_bytes(b"old")
    real.chmod(0o600)
    link = tmp_path / "list.csv"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and link.readlink() == real
    assert real.read_bytes() == b"new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert [p.name for p in real.parent.iterdir()] == ["list.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.csv", "real"]


def test_a_name_that_is_not_utf8_is_shown_with_its_bytes_escaped():
    """Verify file names are kept as they are when they are text, and otherwise shown with the
    odd bytes (or a lone surrogate) escaped, never refused."""
    from handpicked.core.fileio import shown_path

    assert shown_path("/tmp/Montréal é.csv") == "/tmp/Montréal é.csv"
    assert shown_path(os.fsdecode(b"/tmp/caf\xe9.csv")) == "/tmp/caf\\xe9.csv"
    assert shown_path("a\ud800b.csv") == "a\\ud800b.csv"
