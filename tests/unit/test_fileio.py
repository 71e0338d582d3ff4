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
