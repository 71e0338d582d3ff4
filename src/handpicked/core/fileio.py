"""Atomic file writes (a reader, or a crash, never sees a half-written file) and capped reads."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from handpicked.core.errors import HandpickedError


def shown_path(path: str | os.PathLike[str]) -> str:
    """A file's name as text that can be stored, printed and put in JSON.

    A name the file system holds as bytes that are not UTF-8 (a zip made on an old Windows,
    unpacked here: "caf\\xe9.csv") reaches Python with its odd bytes as surrogate escapes, which
    SQLite and a UTF-8 terminal refuse; they are written as `\\xNN` instead.
    """
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate that no byte made
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, fsync it, then rename it over `path`.

    Every file the app writes where the user said goes through here, so here is where a name
    that is not a regular file is refused (see `_target`).
    """
    path = Path(path)
    target = _target(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise HandpickedError(f"cannot write {path}: {err.strerror}") from None
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise HandpickedError(f"cannot write {path}: {err.strerror}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _target(path: Path) -> Path:
    """The file to replace: `path` itself, or the file a link at `path` leads to.

    The rename replaces whatever has the name, so a named pipe, a folder's entry or a device
    (`/dev/full` for root) would silently become a plain file: anything that exists and is not a
    regular file is refused. A link is followed, so the file it points to is rewritten and the
    link (a dotfile manager's, say) stays.
    """
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    except OSError as err:
        raise HandpickedError(f"cannot write {path}: {err.strerror}") from None
    if stat.S_ISREG(mode):
        return target
    raise HandpickedError(
        f"cannot write {path}: it is {_kind(mode)}, not a regular file; give the name of a file"
    )


def _kind(mode: int) -> str:
    """What a file that is not a regular one is, in words a user knows."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (umask applied)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def read_capped(path: Path, limit: int, what: str) -> bytes:
    """The bytes of the regular file at `path` (a link to one is fine), at most `limit` of them.

    A user names the file, and a name can lead to /dev/zero (endless), a named pipe (waits
    forever for a writer) or a 2 GB file, each of which would be read whole before anything
    looked at it. So the opened file is checked first, without blocking, and read with the cap:
    one clear refusal, stating the size, instead of a hang or all the memory. `what` names the
    file for the user ("contacts export").
    """
    name = shown_path(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        raise HandpickedError(f"{name}: no such file; check the path and the file name") from None
    except PermissionError:
        raise HandpickedError(
            f"{name}: permission denied; check you can open the file, or copy it elsewhere"
        ) from None
    except OSError as err:
        raise HandpickedError(f"{name}: cannot be read ({err.strerror or err})") from None
    try:
        info = os.fstat(fd)
        mode, size = info.st_mode, info.st_size
        if stat.S_ISDIR(mode):
            raise HandpickedError(
                f"{name}: this is a folder, not a file; give the path of the {what}"
            )
        if not stat.S_ISREG(mode):
            raise HandpickedError(
                f"{name}: it is {_kind(mode)}, not a regular file; save the {what} as a file and "
                "give its path"
            )
        data = b""
        if size <= limit:
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)
            size = max(size, len(data))
    except OSError as err:
        raise HandpickedError(f"{name}: cannot be read ({err.strerror or err})") from None
    finally:
        os.close(fd)
    if size > limit:  # checked again after reading: the file may have grown meanwhile
        raise HandpickedError(
            f"{name}: the file is {_size(size)}, more than the {_size(limit)} a {what} can be; "
            "check you picked the right file"
        )
    return data


def _size(count: int) -> str:
    """A byte count as people read it: "2 GB", "200.5 MB", "1 MB", "512 bytes"."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= scale:
            return f"{count / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} bytes"
