"""One email send at a time per workspace, held by an OS file lock that dies with its process.

Two sends of the same campaign racing each other could both believe a message is theirs to
report, or a second run could call the first one's message in flight "left by an earlier run"
and have the user queue it again: a duplicate. So a send holds `send.lock` in the workspace for
its whole run. The kernel drops the lock when the process ends however it ends (kill -9
included), so a lock that can be taken is proof that no send is running; no stale lock file is
ever left for the user to delete. The file also says who holds it (pid, start), for the message
a second send refuses with, and so that a `sending` message claimed since that start is known to
be on its way rather than abandoned.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from handpicked.core.clock import now
from handpicked.core.errors import HandpickedError

try:
    import fcntl
except ImportError:  # Windows: a byte-range lock, also released when the process ends
    fcntl = None  # type: ignore[assignment]
    import msvcrt

LOCK_NAME = "send.lock"
_FAR = 1 << 30  # msvcrt locks a range; one far past the holder's note leaves that readable


@dataclass(frozen=True)
class Holder:
    """The send running now: its process id and when it took the lock (its claims are later)."""

    pid: int | None
    started: str


def _lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, _FAR, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _note(fd: int) -> Holder:
    os.lseek(fd, 0, os.SEEK_SET)
    try:
        data = json.loads(os.read(fd, 4096) or b"{}")
        pid = int(data["pid"]) if data.get("pid") else None
        return Holder(pid=pid, started=str(data.get("started", "")))
    except (ValueError, TypeError, AttributeError):  # half-written by a holder just starting
        return Holder(pid=None, started="")


def holder(home: Path) -> Holder | None:
    """The send running on this workspace now, or None."""
    try:
        fd = os.open(home / LOCK_NAME, os.O_RDONLY)
    except OSError:  # no send ever ran here (or the folder is unreadable: a send could not run)
        return None
    try:
        if not os.fstat(fd).st_size:
            return None  # a finished run empties the file: no need to touch the lock
        if _lock(fd):
            return None  # free: the run that wrote the note is gone (killed)
        return _note(fd)
    finally:
        os.close(fd)  # releases the lock if this probe took it


def _busy(other: Holder) -> HandpickedError:
    who = f" (pid {other.pid})" if other.pid else ""
    return HandpickedError(
        f"another send is running on this workspace{who}; wait for it to finish, then send again"
    )


def refuse_if_held(home: Path) -> None:
    """Refuse now, before anyone types a password for a send that could not start."""
    other = holder(home)
    if other is not None:
        raise _busy(other)


@contextlib.contextmanager
def held(home: Path) -> Iterator[Holder]:
    """Hold the workspace's send lock for a run; refuses at once if another send holds it."""
    path = home / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as err:
        raise HandpickedError(f"cannot open {path}: {err.strerror}; nothing was sent") from None
    try:
        if not _lock(fd):
            raise _busy(_note(fd))
        me = Holder(pid=os.getpid(), started=now())
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps({"pid": me.pid, "started": me.started}).encode())
        except OSError as err:
            raise HandpickedError(
                f"cannot write {path}: {err.strerror}; nothing was sent"
            ) from None
        try:
            yield me
        finally:
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)
