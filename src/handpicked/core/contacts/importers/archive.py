"""LinkedIn's data archive (`Basic_LinkedInDataExport_*.zip`, `Complete_...`, unzipped): its files.

A zip is read member by member in memory, never extracted: a member named `../../.bashrc` or
`/etc/x` is just a name here. A zip's declared sizes can lie (a zip bomb declares little and
inflates to gigabytes), so the 200 MB cap is checked on the declared total first and then on the
bytes actually inflated, whichever trips first.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from handpicked.core.contacts.importers.invitations import looks_like_invitations
from handpicked.core.contacts.importers.messages import looks_like_messages
from handpicked.core.errors import HandpickedError
from handpicked.core.fileio import shown_path

MAX_ARCHIVE_BYTES = 200 * 1024**2
_CHUNK = 1024 * 1024


class ArchiveTooBig(HandpickedError):
    """The archive inflates past the cap: nothing more of it is read."""


def _too_big(name: str) -> ArchiveTooBig:
    return ArchiveTooBig(
        f"{name}: holds more than {MAX_ARCHIVE_BYTES // 1024**2} MB uncompressed, more than any"
        " LinkedIn archive; import its Connections.csv and messages.csv on their own"
    )


class _Budget:
    """The bytes an archive may still inflate, shared by all its members."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.left = MAX_ARCHIVE_BYTES

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise _too_big(self.name)


class _Counted(io.RawIOBase):
    """A member's stream that counts what it inflates against the archive's budget.

    Reading a member a second time (messages.csv when the owner must be found first) spends
    nothing more: only bytes past what the member already inflated count.
    """

    def __init__(self, raw: IO[bytes], budget: _Budget, member: Member) -> None:
        self.raw, self.budget, self.member, self.pos = raw, budget, member, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        try:
            data = self.raw.read(len(buffer))
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
            raise HandpickedError(
                f"{self.member.name}: is damaged ({err}); download the archive again"
            ) from None
        self.pos += len(data)
        if self.pos > self.member.charged:
            self.budget.spend(self.pos - self.member.charged)
            self.member.charged = self.pos
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()


@dataclass
class Member:
    """One file of the archive: `name` as reported (archive, then the member), `base` to match."""

    name: str
    base: str
    _open: Callable[[], IO[bytes]]
    _budget: _Budget
    charged: int = 0

    def open(self) -> IO[bytes]:
        """The member's bytes as a stream (buffered; counted against the archive's cap)."""
        return io.BufferedReader(_Counted(self._open(), self._budget, self), _CHUNK)

    def read(self) -> bytes:
        with self.open() as stream:
            return stream.read()

    def lines(self) -> IO[str]:
        """The member as text lines for `csv.reader` (UTF-8, with or without a BOM)."""
        return io.TextIOWrapper(self.open(), encoding="utf-8-sig", newline="")


def is_archive(path: Path) -> bool:
    return path.is_dir() or (path.suffix.lower() == ".zip" and path.is_file())


def history_format(path: Path) -> str | None:
    """Which history file this is ("messages", "invitations") by its header, or None."""
    if not path.is_file():  # a pipe would block here: the contacts import refuses it
        return None
    try:
        with path.open("rb") as file:
            head = file.read(512).decode("utf-8", "replace").partition("\n")[0]
    except OSError:
        return None  # the contacts import says why it cannot be read
    if looks_like_messages(head):
        return "messages"
    if looks_like_invitations(head):
        return "invitations"
    return None


@contextmanager
def members(path: Path) -> Iterator[list[Member]]:
    """The files of an archive (zip or folder), in the archive's own order, open while inside."""
    if path.is_dir():
        yield list(_folder(path))
        return
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise HandpickedError(
            f"{shown_path(path)}: is not a readable zip ({err}); download the archive again"
        ) from None
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if sum(info.file_size for info in infos) > MAX_ARCHIVE_BYTES:
            raise _too_big(shown_path(path))
        budget = _Budget(shown_path(path))
        found = []
        for info in infos:
            base = info.filename.replace("\\", "/").rpartition("/")[2]

            def opener(info: zipfile.ZipInfo = info) -> IO[bytes]:
                try:
                    return archive.open(info)
                except (RuntimeError, NotImplementedError, zipfile.BadZipFile) as err:
                    raise HandpickedError(
                        f"{shown_path(path)}:{info.filename}: cannot be read ({err})"
                    ) from None

            found.append(Member(f"{shown_path(path)}:{info.filename}", base, opener, budget))
        yield found


def _folder(path: Path) -> Iterator[Member]:
    budget = _Budget(shown_path(path))
    for file in sorted(p for p in path.rglob("*") if p.is_file() and not p.is_symlink()):
        yield Member(shown_path(file), file.name, _opener(file), budget)


def single(path: Path) -> Member:
    """One file read like an archive's member (a `messages.csv` imported on its own)."""
    return Member(shown_path(path), path.name, _opener(path), _Budget(shown_path(path)))


def _opener(file: Path) -> Callable[[], IO[bytes]]:
    def open_file() -> IO[bytes]:
        try:
            return file.open("rb")
        except OSError as err:
            raise HandpickedError(f"{file}: cannot be read ({err.strerror})") from None

    return open_file
