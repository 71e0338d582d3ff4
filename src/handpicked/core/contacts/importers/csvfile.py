"""Read a CSV export into rows that know the physical line they start on.

Two paths. The common one runs `csv.reader` once over the whole text (C speed, 100,000 rows in a
blink) and takes line numbers from `reader.line_num`. Python's reader has one bad habit: an
unclosed quote swallows every following line into one value, silently. So each record that spans
several lines, and the last record, is checked; a record whose quote never closes, or whose
"value" holds whole rows, is reported at the line where it starts, and a fresh reader resumes on
the next line. Legitimate quoted multi-line values (a title on two lines) pass the check and keep
their line breaks.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping

from handpicked.core.contacts.importers.layouts import (
    Layout,
    RowBuilder,
    detect_format,
    map_columns,
    no_name_error,
)
from handpicked.core.errors import HandpickedError
from handpicked.core.reports import ParsedFile, RowIssue
from handpicked.core.text import control_class

DELIMITERS = (",", ";", "\t")
HEADER_SEARCH_LINES = 10
# A quoted value longer than this many lines is a quote that never closed, whatever it holds.
MAX_VALUE_LINES = 500
UNCLOSED_QUOTE = 'unclosed quote: the " opened on this line never closes; row skipped'
# Control characters are removed from the whole text at once (clean() would remove them field by
# field, 700,000 calls for a big export); tab and line breaks stay, the CSV reader needs them.
_CONTROL = re.compile("[" + control_class(keep="\t\n\r") + "]")


def _fields(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:  # a cell over csv's size limit: such a line is no header anyway
        return line.split(delimiter)


def find_header(
    name: str, lines: list[str], fmt: str, mapping: Mapping[str, str] | None
) -> tuple[int, str, Layout]:
    """The header's 0-based line index, delimiter and Layout: the first line that maps a name.

    LinkedIn puts up to three "Notes:" lines (quoted text full of commas) above its header, and
    hand-made sheets a title, so the header is searched for, never assumed to be line 1.
    """
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        best: tuple[int, int, str, Layout] | None = None
        for delimiter in DELIMITERS:
            headers = _fields(line, delimiter)
            line_format = detect_format(headers) if fmt == "auto" else fmt
            layout = map_columns(name, headers, line_format, mapping, strict=False)
            if layout.has_name:
                score = (layout.mapped, len(headers))
                if best is None or score > best[:2]:
                    best = (*score, delimiter, layout)
        if best is not None:
            delimiter = best[2]
            # Strict now: a --map header absent from the real header line is the user's typo.
            layout = map_columns(name, best[3].headers, best[3].format, mapping, strict=True)
            return index, delimiter, layout
    first = next((line for line in lines if line.strip()), "")
    headers = max((_fields(first, d) for d in DELIMITERS), key=len)
    if mapping:
        map_columns(name, headers, "csv", mapping, strict=True)
    raise no_name_error(name, headers)


def _lines_of(text: str) -> list[str]:
    """Physical lines with their endings; \\n, \\r\\n and a lone \\r end a line, nothing else.

    str.splitlines is the fast way, but it also breaks on U+2028/U+2029 (and on control
    characters, already removed), which editors do not count as lines: those files take the
    slower io path so line numbers match what the user sees.
    """
    if "\u2028" in text or "\u2029" in text:
        return io.StringIO(text, newline="").readlines()
    return text.splitlines(keepends=True)


def quote_never_closes(raw: str, delimiter: str) -> bool:
    """Whether a record's text ends inside a quoted value.

    A line holding a lone quote is appended: after a closed record it starts a second record,
    inside an open quote it closes the quote and no second record appears.
    """
    if '"' not in raw:
        return False
    if not raw.endswith(("\n", "\r")):
        raw += "\n"
    try:
        count = sum(
            1 for _ in csv.reader(io.StringIO(raw + '"\n', newline=""), delimiter=delimiter)
        )
    except csv.Error:
        return True
    return count < 2


class CsvReader:
    """One CSV file's lines read from below its header to its end into a RowBuilder."""

    def __init__(self, lines: list[str], header_index: int, delimiter: str, layout: Layout):
        self.lines = lines
        self.delimiter = delimiter
        self.width = len(layout.headers)
        self.builder = RowBuilder(layout)
        self.header_index = header_index

    def _broken(self, row: list[str], start: int, end: int) -> bool:
        """Whether the record on 1-based lines start..end is an unclosed quote's swallow.

        A real multi-line value is a title or a note: a few words per line. A swallow holds the
        rest of its own row and the rows after it, so the value carries a row's worth of
        delimiters, or the record ends with more cells than the header (the next row's quote
        closed it mid-row), or the quote never closes at all.
        """
        if end - start >= MAX_VALUE_LINES:
            return True
        delimiter, need = self.delimiter, max(self.width, 3) - 1
        if any(v.count(delimiter) >= need and ("\n" in v or "\r" in v) for v in row):
            return True
        if len(row) > self.width and any(v.strip() for v in row[self.width :]):
            return True
        return quote_never_closes("".join(self.lines[start - 1 : end]), delimiter)

    def _forget(self, line: int) -> None:
        for added in (self.builder.rows, self.builder.skipped, self.builder.warnings):
            while added and added[-1].line == line:
                added.pop()

    def _run(self, offset: int) -> int | None:
        """Read records from line offset+1 to the end, or up to a broken record whose 1-based
        start line is returned (None when the end was reached)."""
        lines = self.lines
        # After a broken record, start again without walking the lines before it (islice would:
        # quadratic on a file full of broken quotes).
        source: Iterable[str] = map(lines.__getitem__, range(offset, len(lines)))
        if offset == self.header_index + 1:
            source = lines[offset:]  # the common, first pass: a list is the fastest source
        reader = csv.reader(source, delimiter=self.delimiter)
        add, add_multiline = self.builder.add, self.builder.add_multiline
        prev = 0  # reader.line_num after the previous record: the record starts on prev + 1
        last = 0  # the last single-line row, which may be a quote open until the end of file
        try:
            for row in reader:
                end = reader.line_num
                if end - prev == 1:
                    if row:
                        add(row, offset + end)
                        last = end
                else:
                    start = offset + prev + 1
                    if self._broken(row, start, offset + end):
                        return start
                    add_multiline(row, start)
                prev = end
        except csv.Error:
            return offset + prev + 1
        if (
            last
            and last == prev
            and quote_never_closes(self.lines[offset + last - 1], self.delimiter)
        ):
            self._forget(offset + last)
            return offset + last
        return None

    def read(self) -> None:
        """Read every row, skipping each broken record and resuming on the line after its start."""
        start = self._run(self.header_index + 1)
        while start is not None:
            raw = self.lines[start - 1]
            reason = UNCLOSED_QUOTE
            if len(raw) > csv.field_size_limit():
                reason = f"line longer than {csv.field_size_limit():,} characters; row skipped"
            self.builder.skipped.append(RowIssue(line=start, reason=reason))
            start = self._run(start)


def csv_lines(text: str) -> list[str]:
    """The physical lines of a CSV export, control characters removed.

    The caller drops the text once it has these: one emoji makes Python store the whole text at
    4 bytes a character, each line is stored at its own width.
    """
    return _lines_of(_CONTROL.sub("", text))


def read_csv(
    lines: list[str], name: str, fmt: str = "auto", mapping: Mapping[str, str] | None = None
) -> ParsedFile:
    """Parse a CSV export's lines; `fmt` is "auto" or the forced linkedin/google/outlook/csv."""
    header_index, delimiter, layout = find_header(name, lines[:HEADER_SEARCH_LINES], fmt, mapping)
    reader = CsvReader(lines, header_index, delimiter, layout)
    reader.read()
    builder = reader.builder
    if not builder.rows and not builder.skipped:
        raise HandpickedError(
            f"{name}: the file has column names (line {header_index + 1}) but no contact rows; "
            "export your contacts again, or check you picked the right file"
        )
    skipped = sorted(builder.skipped, key=lambda issue: issue.line)
    return ParsedFile(
        path=name, format=layout.format, rows=builder.rows, skipped=skipped,
        warnings=builder.warnings,
    )  # fmt: skip
