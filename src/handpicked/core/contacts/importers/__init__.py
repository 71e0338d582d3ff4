"""Contact exports (LinkedIn, Google, Outlook, vCard, any spreadsheet CSV) read into rows.

This is the reading half of an import: a file becomes a `ParsedFile` (usable rows, skipped rows
and unreadable values, each with its line). Matching rows against the workspace and storing them
is the workspace's job. Whatever the bytes, the only exception that leaves `parse_file` is
`HandpickedError`, carrying the one line the user reads. An import reads through `read_export`,
which takes a plain CSV column by column (`columnar`: the same rows, far sooner) and leaves
every other file to `parse_file`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from handpicked.core.contacts.importers.csvfile import UNCLOSED_QUOTE, csv_lines, read_csv
from handpicked.core.contacts.importers.encoding import decode
from handpicked.core.contacts.importers.layouts import CANCELLED, NO_NAME, check_mapping, never
from handpicked.core.contacts.importers.sheet import read_sheet, sheet_kind
from handpicked.core.contacts.importers.vcard import looks_like_vcard, read_vcard
from handpicked.core.errors import HandpickedError, Hint
from handpicked.core.fileio import read_capped, shown_path
from handpicked.core.reports import ParsedFile

if TYPE_CHECKING:
    from handpicked.core.contacts.importers.columnar import ColumnarFile

FORMATS: tuple[str, ...] = ("auto", "linkedin", "google", "outlook", "vcard", "csv")
# LinkedIn's 100,000 connections make about 15 MB; a file far past that is the wrong file, and
# it would be read, decoded and split whole before anything could tell.
MAX_EXPORT_BYTES = 200 * 1024**2

__all__ = [
    "CANCELLED", "FORMATS", "MAX_EXPORT_BYTES", "NO_NAME", "UNCLOSED_QUOTE",
    "never", "parse_bytes", "parse_file", "read_export", "read_text",
]  # fmt: skip


def read_text(path: Path) -> str:
    """The decoded text of an export, or HandpickedError saying why it cannot be read."""
    return decode(read_capped(Path(path), MAX_EXPORT_BYTES, "contacts export"), shown_path(path))


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
    sheet: str | None = None,
) -> ParsedFile:
    """Read one export into rows; `format` is "auto" (from the content) or forced.

    `mapping` is the user's `--map HEADER=FIELD` pairs; it wins over the built-in column names.
    `cancelled` is asked before each vCard (vobject takes a tenth of a millisecond a card) and
    the reading stops with CANCELLED once it says True; a CSV reads 100,000 rows in about a
    second, and the import asks again before storing anything. A spreadsheet (.xlsx, .ods) is
    read from its first sheet, or from the one named `sheet`.
    """
    name = shown_path(path)
    _check_format(name, format)
    check_mapping(name, mapping)
    data = read_capped(Path(path), MAX_EXPORT_BYTES, "contacts export")
    if sheet_kind(name, data) is not None:
        if format == "vcard":
            raise HandpickedError(
                f"{name}: this is a spreadsheet, not a vCard file; import it without forcing "
                "the vCard format"
            )
        return read_sheet(data, name, format, mapping, sheet, cancelled)
    if sheet is not None:
        raise HandpickedError(
            f'{name}: this is not a spreadsheet, so it has no sheet "{sheet}"; import it without '
            "naming a sheet"
        )
    text = decode(data, name)
    del data  # the text is all that is needed from here on
    return parse_text(text, name, format, mapping, cancelled)


def read_export(
    path: Path,
    format: str = "auto",
    mapping: Mapping[str, str] | None = None,
    cancelled: Callable[[], bool] = never,
    sheet: str | None = None,
) -> ParsedFile | ColumnarFile:
    """An export read for importing: column by column when it is a plain CSV (see `columnar`,
    much faster on a big file, the same rows), else by `parse_file`."""
    name = shown_path(path)
    _check_format(name, format)
    check_mapping(name, mapping)
    if format != "vcard" and sheet is None:
        from handpicked.core.contacts.importers.columnar import plain_cells  # pyarrow

        data = read_capped(Path(path), MAX_EXPORT_BYTES, "contacts export")
        plain = sheet_kind(name, data) is None
        cells = plain_cells(data, name, format, mapping) if plain else None
        del data  # parsed: a big export's bytes and its rows need not be in memory at once
        found = cells.rows() if cells is not None else None
        if found is not None:
            return found
    return parse_file(path, format, mapping, cancelled, sheet)


def parse_bytes(data: bytes, name: str, format: str = "auto") -> ParsedFile:
    """Read an export held in memory (a member of LinkedIn's data archive) into rows."""
    _check_format(name, format)
    return parse_text(decode(data, name), name, format, None, never)


def parse_text(
    text: str,
    name: str,
    format: str,
    mapping: Mapping[str, str] | None,
    cancelled: Callable[[], bool],
) -> ParsedFile:
    if format == "vcard" or (format == "auto" and looks_like_vcard(text)):
        if mapping:
            raise HandpickedError(
                f"{name}: a column mapping names CSV columns, and a vCard file has none",
                hint=Hint.NO_MAPPING,
            )
        return read_vcard(text, name, cancelled)
    lines = csv_lines(text)
    del text  # see csv_lines
    return read_csv(lines, name, format, mapping)  # fast enough to be cancelled once read
