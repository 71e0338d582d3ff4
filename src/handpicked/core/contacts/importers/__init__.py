"""Contact exports (LinkedIn, Google, Outlook, vCard, any spreadsheet CSV) read into rows.

This is the reading half of an import: a file becomes a `ParsedFile` (usable rows, skipped rows
and unreadable values, each with its line). Matching rows against the workspace and storing them
is the workspace's job. Whatever the bytes, the only exception that leaves `parse_file` is
`HandpickedError`, carrying the one line the user reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from handpicked.core.contacts.importers.csvfile import UNCLOSED_QUOTE, csv_lines, read_csv
from handpicked.core.contacts.importers.encoding import decode
from handpicked.core.contacts.importers.layouts import CANCELLED, NO_NAME, check_mapping, never
from handpicked.core.contacts.importers.vcard import looks_like_vcard, read_vcard
from handpicked.core.errors import HandpickedError
from handpicked.core.fileio import read_capped
from handpicked.core.models import ParsedFile

FORMATS: tuple[str, ...] = ("auto", "linkedin", "google", "outlook", "vcard", "csv")
# LinkedIn's 100,000 connections make about 15 MB; a file far past that is the wrong file, and
# it would be read, decoded and split whole before anything could tell.
MAX_EXPORT_BYTES = 200 * 1024**2

__all__ = [
    "CANCELLED", "FORMATS", "MAX_EXPORT_BYTES", "NO_NAME", "UNCLOSED_QUOTE",
    "never", "parse_file", "read_text",
]  # fmt: skip


def read_text(path: Path) -> str:
    """The decoded text of an export, or HandpickedError saying why it cannot be read."""
    return decode(read_capped(Path(path), MAX_EXPORT_BYTES, "contacts export"), str(path))


def _check_format(name: str, format: str) -> None:
    if format not in FORMATS:
        raise HandpickedError(
            f'{name}: unknown format "{format}"; use one of: {", ".join(FORMATS)}'
        )


def parse_file(
    path: Path,
    format: str = "auto",
    mapping: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] = never,
) -> ParsedFile:
    """Read one export into rows; `format` is "auto" (from the content) or forced.

    `mapping` is the user's `--map HEADER=FIELD` pairs; it wins over the built-in column names.
    `cancelled` is asked before each vCard (vobject takes a tenth of a millisecond a card) and
    the reading stops with CANCELLED once it says True; a CSV reads 100,000 rows in about a
    second, and the import asks again before storing anything.
    """
    name = str(path)
    _check_format(name, format)
    check_mapping(name, mapping)
    text = read_text(Path(path))
    if format == "vcard" or (format == "auto" and looks_like_vcard(text)):
        if mapping:
            raise HandpickedError(
                f"{name}: --map names CSV columns and a vCard file has none; "
                "import this file without --map"
            )
        return read_vcard(text, name, cancelled)
    lines = csv_lines(text)
    del text  # see csv_lines
    return read_csv(lines, name, format, mapping)  # fast enough to be cancelled once read
