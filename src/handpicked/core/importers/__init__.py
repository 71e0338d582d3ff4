"""Contact exports (LinkedIn, Google, Outlook, vCard, any spreadsheet CSV) read into rows.

This is the reading half of an import: a file becomes a `ParsedFile` (usable rows, skipped rows
and unreadable values, each with its line). Matching rows against the workspace and storing them
is the workspace's job. Whatever the bytes, the only exception that leaves `parse_file` is
`HandpickedError`, carrying the one line the user reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from handpicked.core.errors import HandpickedError
from handpicked.core.importers.csvfile import UNCLOSED_QUOTE, csv_format, read_csv
from handpicked.core.importers.encoding import decode
from handpicked.core.importers.layouts import NO_NAME, check_mapping
from handpicked.core.importers.vcard import looks_like_vcard, read_vcard
from handpicked.core.models import ParsedFile

FORMATS: tuple[str, ...] = ("auto", "linkedin", "google", "outlook", "vcard", "csv")

__all__ = ["FORMATS", "NO_NAME", "UNCLOSED_QUOTE", "detect_format", "parse_file", "read_text"]


def read_text(path: Path) -> str:
    """The decoded text of an export, or HandpickedError saying why it cannot be read."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise HandpickedError(f"{name}: no such file; check the path and the file name") from None
    except IsADirectoryError:
        raise HandpickedError(
            f"{name}: this is a folder, not a file; give the path of the exported file"
        ) from None
    except PermissionError:
        raise HandpickedError(
            f"{name}: permission denied; check you can open the file, or copy it elsewhere"
        ) from None
    except OSError as err:
        raise HandpickedError(f"{name}: cannot be read ({err.strerror or err})") from None
    return decode(data, name)


def _check_format(name: str, format: str) -> None:
    if format not in FORMATS:
        raise HandpickedError(
            f'{name}: unknown format "{format}"; use one of: {", ".join(FORMATS)}'
        )


def detect_format(path: Path, mapping: Mapping[str, str] | None = None) -> str:
    """The format `parse_file(path)` would read the file as, from its first lines only."""
    name = str(path)
    check_mapping(name, mapping)
    text = read_text(Path(path))
    if looks_like_vcard(text):
        return "vcard"
    return csv_format(text, name, mapping)


def parse_file(
    path: Path, format: str = "auto", mapping: Mapping[str, str] | None = None
) -> ParsedFile:
    """Read one export into rows; `format` is "auto" (from the content) or forced.

    `mapping` is the user's `--map HEADER=FIELD` pairs; it wins over the built-in column names.
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
        return read_vcard(text, name)
    return read_csv(text, name, format, mapping)
