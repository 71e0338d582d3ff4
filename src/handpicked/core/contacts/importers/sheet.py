"""Read a spreadsheet (.xlsx, .ods) export into rows, by the same column rules as a CSV.

People open an export in Excel or LibreOffice, tidy it and save it there. The cells come back
typed, so each is turned into the text a CSV of the same sheet would hold (a date as a date, a
phone number 5145551234 without ".0"; a formula as the value it last computed, never its code),
and the rows then go through the CSV reader's own header search and RowBuilder: one mapping.

The reader is calamine (Rust), which lays a sheet out as one dense block from its first to its
last cell. A 5 KB .xlsx with one cell at A1 and one at XFD1048576 asks it for 17 billion cells,
and the process dies on the allocation: no Python exception to catch. So before calamine sees an
.xlsx, its cell and row references are read here, and a sheet that would span more than
MAX_CELLS is refused (calamine bounds .ods itself, more loosely; both are checked again after).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from operator import itemgetter
from pathlib import PurePath
from typing import TYPE_CHECKING

from handpicked.core.contacts.importers.layouts import (
    CANCELLED,
    Layout,
    RowBuilder,
    detect_format,
    map_columns,
    never,
    no_name_error,
)
from handpicked.core.errors import HandpickedError
from handpicked.core.reports import ParsedFile

if TYPE_CHECKING:  # the reader itself is loaded by the first spreadsheet import (7 ms)
    import python_calamine as calamine

# Extensions read as spreadsheets whatever the bytes say (a damaged one is told it is damaged).
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".ods")
# As many leading rows as the CSV reader searches for the header (LinkedIn's "Notes:" lines).
HEADER_SEARCH_ROWS = 10
# 100,000 connections by Google's ~90 columns is 9 million cells; past twice that is no export.
MAX_CELLS = 20_000_000
# What the parts of an .xlsx may unpack to: a sheet of MAX_CELLS short cells is about this much.
MAX_UNPACKED_BYTES = 1024**3

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files, and encrypted .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
# Every cell or row tag, in any namespace prefix, with its reference (<c r="B7">, <row r="7">)
# when it has one: r first, as every spreadsheet program writes it (fast), or anywhere in the tag.
_TAG = re.compile(
    rb'<(?:[\w.-]+:)?(c|row)(?:\s+r="([A-Za-z]{0,3})(\d{1,12})"'
    rb"|(?=[\s/>])(?:[^>]*?(?<=\s)r\s*=\s*[\"']([A-Za-z]{0,3})(\d{1,12}))?)"
)

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta


def _again(name: str, why: str) -> HandpickedError:
    return HandpickedError(
        f"{name}: {why}; open it in Excel or LibreOffice and save it again as .xlsx, "
        "or save the sheet as CSV and import that"
    )


def sheet_kind(name: str, data: bytes) -> str | None:
    """ "xlsx" or "ods" when `data` is a spreadsheet to read, None when it is some other file.

    The content decides, so an .xlsx renamed .csv is still read as one; the extension only
    makes a file that should be a spreadsheet, and is not one, an error rather than "not text".
    """
    suffix = PurePath(name).suffix.casefold()
    if data.startswith(_OLE):
        if suffix not in (*SHEET_SUFFIXES, ".xls"):
            return None
        if _ENCRYPTED in data:
            raise HandpickedError(
                f"{name}: the spreadsheet is protected by a password, so it cannot be read; "
                "open it, save a copy without the password (or as CSV), and import that"
            )
        raise _again(name, "this is an old Excel (.xls) file, which is not read here")
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    with archive.open("mimetype") as part:  # a few bytes, whatever it claims
                        if part.read(len(_ODS) + 2).strip() == _ODS:
                            return "ods"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            if suffix in SHEET_SUFFIXES:
                raise _again(name, "the file is damaged (cut short, or not a whole file)") from None
            return None
        if "xl/workbook.xml" in names:
            return "xlsx"
        if suffix in SHEET_SUFFIXES:
            raise _again(name, "this zip archive holds no spreadsheet")
        return None
    if suffix in SHEET_SUFFIXES:
        raise _again(name, f"this is not a {suffix} spreadsheet (it is not a zip archive)")
    return None


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _too_big(name: str, rows: int, columns: int) -> HandpickedError:
    return HandpickedError(
        f"{name}: a sheet spans {rows:,} rows by {columns:,} columns, far more than a contacts "
        "export; delete the stray cells far below or right of the table and save it again, "
        "or save the sheet as CSV and import that"
    )


def _check_unpacked(name: str, data: bytes, kind: str) -> None:
    """Refuse a spreadsheet whose parts unpack too far, or an .xlsx whose sheets would span too
    many cells.

    Every part of an .xlsx is looked at, not only the worksheets: the workbook's relations say
    which part is a sheet, and a hostile file can name any. (zipfile reads no part past the size
    it declares, and the declared sizes are capped, so this reading is bounded too.)
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
                raise _again(name, "the spreadsheet unpacks to more than 1 GB")
            for info in infos if kind == "xlsx" else ():
                _check_part(name, archive.read(info))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _again(name, "the file is damaged (a part of it cannot be unpacked)") from None


def _check_part(name: str, xml: bytes) -> None:
    tags = _TAG.findall(xml)  # (tag, letters, digits, letters, digits): one pair set, or none
    numbers = [*filter(None, map(itemgetter(2), tags)), *filter(None, map(itemgetter(4), tags))]
    if len(numbers) == len(tags):  # every cell and row says where it is, as programs write them
        rows = max(map(int, numbers), default=0)
        letters = {*map(itemgetter(1), tags), *map(itemgetter(3), tags)} - {b""}
        columns = max(map(_column_number, letters), default=0)
    else:
        rows, columns = _walk(tags)
    if rows * columns > MAX_CELLS:
        raise _too_big(name, rows, columns)


def _walk(tags: list[tuple[bytes, bytes, bytes, bytes, bytes]]) -> tuple[int, int]:
    """The extent as the reader lays it out when some tags have no reference: such a row
    follows the row before it, such a cell the cell before it in its row."""
    rows = columns = row = column = 0
    for tag, letters, digits, other_letters, other_digits in tags:
        if not digits:
            letters, digits = other_letters, other_digits
        if tag == b"row":
            row, column = (int(digits) if digits else row + 1), 0
            rows = max(rows, row)
            continue
        column = _column_number(letters) if letters else column + 1
        rows, columns = max(rows, int(digits) if digits else row), max(columns, column)
    return rows, columns


def cell_text(value: Cell) -> str:
    """A typed cell as the text a CSV export of the same sheet would hold.

    A whole number is written without ".0" (a phone, an ID, a year); a date as YYYY-MM-DD,
    which the date reader takes without any day/month doubt; a date and time at midnight is the
    date alone, as a "Connected On" date typed in Excel comes back.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _pick(name: str, book: calamine.CalamineWorkbook, sheet: str | None) -> calamine.CalamineSheet:
    """The named sheet, else the first visible worksheet (a hidden or chart sheet is not it)."""
    import python_calamine as calamine

    names = book.sheet_names
    if sheet is not None:
        if sheet not in names:
            raise HandpickedError(
                f'{name}: no sheet named "{sheet}"; its sheets are: {_names(book)}'
            )
        return book.get_sheet_by_name(sheet)
    for meta in book.sheets_metadata:
        if (
            meta.typ == calamine.SheetTypeEnum.WorkSheet
            and meta.visible == calamine.SheetVisibleEnum.Visible
        ):
            return book.get_sheet_by_name(meta.name)
    if not names:
        raise _again(name, "the spreadsheet has no sheet")
    return book.get_sheet_by_index(0)


def _header(
    name: str, rows: list[tuple[int, list[str]]], fmt: str, mapping: Mapping[str, str] | None
) -> tuple[int, Layout]:
    """The header's row number and Layout: the first row that maps a name, as in a CSV."""
    for number, cells in rows:
        line_format = detect_format(cells) if fmt == "auto" else fmt
        layout = map_columns(name, cells, line_format, mapping, strict=False)
        if layout.has_name:
            # Strict now: a mapped header absent from the real header row is the user's typo.
            return number, map_columns(name, cells, line_format, mapping, strict=True)
    first = next((cells for _, cells in rows if any(cells)), [])
    if mapping:
        map_columns(name, first, "csv", mapping, strict=True)
    raise no_name_error(name, first)


def read_sheet(
    data: bytes,
    name: str,
    fmt: str = "auto",
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
    cancelled: Callable[[], bool] = never,
) -> ParsedFile:
    """Parse a spreadsheet export's bytes; a row's line is the row number the sheet shows."""
    import python_calamine as calamine

    kind = sheet_kind(name, data)
    if kind is not None:
        _check_unpacked(name, data, kind)
    with _reading(name):
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        found = _pick(name, book, sheet)
        if found.height * found.width > MAX_CELLS:
            raise _too_big(name, found.height, found.width)
        if found.start is None or not found.height:
            raise HandpickedError(
                f'{name}: the sheet "{found.name}" is empty; choose the sheet that holds the '
                f"contacts (its sheets are: {_names(book)}), or export them again"
            )
        return _read_rows(name, found, fmt, mapping, cancelled)


@contextlib.contextmanager
def _reading(name: str) -> Iterator[None]:
    """The reader's failures as one line each; a panic in its Rust code (pyo3's PanicException,
    a BaseException) too, since a hostile file is the likeliest cause of one."""
    import python_calamine as calamine

    try:
        yield
    except calamine.PasswordError:
        raise HandpickedError(
            f"{name}: the spreadsheet is protected by a password, so it cannot be read; "
            "open it, save a copy without the password (or as CSV), and import that"
        ) from None
    except (calamine.CalamineError, ValueError, OverflowError) as err:
        why = " ".join(str(err).split())[:120] or "unknown reason"
        raise _again(name, f"the spreadsheet cannot be read ({why})") from None
    except BaseException as err:
        if type(err).__name__ != "PanicException":
            raise
        raise _again(name, "the spreadsheet cannot be read (its reader failed on it)") from None


def _names(book: calamine.CalamineWorkbook) -> str:
    return ", ".join(f'"{n}"' for n in book.sheet_names) or "none"


def _read_rows(
    name: str,
    found: calamine.CalamineSheet,
    fmt: str,
    mapping: Mapping[str, str] | None,
    cancelled: Callable[[], bool],
) -> ParsedFile:
    first_row = (found.start or (0, 0))[0] + 1
    rows = found.iter_rows()
    head: list[tuple[int, list[str]]] = []
    for offset, cells in enumerate(rows):
        head.append((first_row + offset, [cell_text(c) for c in cells]))
        if len(head) == HEADER_SEARCH_ROWS:
            break
    header_row, layout = _header(name, head, fmt, mapping)
    builder = RowBuilder(layout)
    add = builder.add_multiline  # cleans each value: control characters go, line breaks stay
    for number, texts in head:
        if number > header_row:
            add(texts, number)
    for number, cells in enumerate(rows, start=first_row + len(head)):
        if number % 10_000 == 0 and cancelled():
            raise HandpickedError(f"{name}: {CANCELLED}")
        add([cell_text(c) for c in cells], number)
    if not builder.rows and not builder.skipped:
        raise HandpickedError(
            f"{name}: the sheet has column names (row {header_row}) but no contact rows; "
            "export your contacts again, or check you picked the right file and sheet"
        )
    return ParsedFile(
        path=name, format=layout.format, rows=builder.rows, skipped=builder.skipped,
        warnings=builder.warnings,
    )  # fmt: skip
