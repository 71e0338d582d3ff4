"""Spreadsheets made at test time: .xlsx through openpyxl, .ods written by hand (zip + XML).

A cell is a Python value (str, int, float, date, datetime, bool, None), or a `Formula`: its code
and the value the spreadsheet program last computed, which a real file stores beside it (openpyxl
stores no computed value, so it is put in afterwards, as Excel would have).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import openpyxl


@dataclass(frozen=True)
class Formula:
    code: str  # without the leading "="
    value: str | None  # None: never computed (a file saved by a program that does not compute)


Row = Sequence[object]


def write_xlsx(path: Path, sheets: dict[str, Sequence[Row]]) -> Path:
    """An .xlsx with these sheets, in order; formulas keep their computed value when given."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    cached: dict[str, str] = {}
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([f"={c.code}" if isinstance(c, Formula) else c for c in row])
        for r, row in enumerate(rows, start=1):
            for c, cell in enumerate(row, start=1):
                if isinstance(cell, Formula) and cell.value is not None:
                    cached[sheet.cell(r, c).coordinate] = cell.value
    book.save(path)
    if cached:
        _store_computed(path, cached)
    return path


def _store_computed(path: Path, values: dict[str, str]) -> None:
    """Put each formula's computed value into sheet1, as a string result (t="str")."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == "xl/worksheets/sheet1.xml":
                for ref, value in values.items():
                    data = re.sub(
                        rf'<c r="{ref}"([^>]*)><f>(.*?)</f><v\s*/>'.encode(),
                        lambda m, r=ref, v=value: (
                            b'<c r="'
                            + r.encode()
                            + b'"'
                            + m[1]
                            + b' t="str"><f>'
                            + m[2]
                            + b"</f><v>"
                            + escape(v).encode()
                            + b"</v>"
                        ),
                        data,
                    )
            target.writestr(info.filename, data)


_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def _ods_cell(cell: object) -> str:
    if cell is None or cell == "":
        return "<table:table-cell/>"
    if isinstance(cell, Formula):
        shown = cell.value or ""
        return (
            f"<table:table-cell table:formula={quoteattr('of:=' + cell.code)} "
            f'office:value-type="string" office:string-value={quoteattr(shown)}>'
            f"<text:p>{escape(shown)}</text:p></table:table-cell>"
        )
    if isinstance(cell, bool):
        value = "true" if cell else "false"
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{value}"/>'
    if isinstance(cell, int | float):
        return f'<table:table-cell office:value-type="float" office:value="{cell!r}"/>'
    if isinstance(cell, dt.date):  # a datetime too
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{cell.isoformat()}">'
            f"<text:p>{cell.isoformat()}</text:p></table:table-cell>"
        )
    lines = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(cell).split("\n"))
    return f'<table:table-cell office:value-type="string">{lines}</table:table-cell>'


def write_ods(path: Path, sheets: dict[str, Sequence[Row]]) -> Path:
    """A minimal OpenDocument spreadsheet: mimetype first and stored, content.xml, manifest."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join(
            "<table:table-row>" + "".join(_ods_cell(c) for c in row) + "</table:table-row>"
            for row in rows
        )
        + "</table:table>"
        for name, rows in sheets.items()
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {_NS} office:version="1.2"><office:body>'
        f"<office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
            compress_type=zipfile.ZIP_STORED,
        )
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", _MANIFEST)
    return path


def write_sheet(path: Path, sheets: dict[str, Sequence[Row]]) -> Path:
    """.xlsx or .ods, from the path's extension."""
    return (write_ods if path.suffix == ".ods" else write_xlsx)(path, sheets)
