"""Reading a plain CSV export column by column (pyarrow), for a big first import's sake.

Why it exists: the file a user imports first is LinkedIn's export of their whole network, up to
100,000 rows. Read row by row (`csvfile`: csv.reader, then every cell stripped and a row object
built) it takes half the floor of a whole import; pyarrow splits it in C in a few hundredths of
a second, and the values that repeat (titles, companies, dates, first names) are then cleaned
once per distinct value. `merge.fresh` goes on column by column for the same reason.

The rows are exactly those `csvfile` reads, line numbers included (a row's line is where the one
before it ends: empty lines are kept as rows of empty cells, and the line breaks inside quoted
values are counted). That is only provable for a plain file, so `read_columnar` answers None,
and the file is read row by row, for anything else: bytes that are not UTF-8 (cp1252, UTF-16:
`encoding` decides those, and such files are small hand-made sheets), control characters or
U+FFFD anywhere (`csvfile` removes the former, `encoding` may call the file binary), no header
in the first lines (`csvfile` says why), a field read from several columns (Google's and
Outlook's numbered e-mails: small files), a row with more or fewer cells than the header, an
unclosed quote (`csvfile` skips the rows it swallows), a value longer than
csv.field_size_limit().
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import contains
from typing import TypeVar

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from handpicked.core.contacts.importers.csvfile import (
    HEADER_SEARCH_LINES,
    MAX_VALUE_LINES,
    csv_lines,
    find_header,
    quote_never_closes,
)
from handpicked.core.contacts.importers.dates import DateError, parse_date
from handpicked.core.contacts.importers.layouts import (
    NAME_TARGETS,
    NO_NAME,
    WEBSITE,
    linkedin_url,
    split_tags,
)
from handpicked.core.contacts.importers.vcard import looks_like_vcard
from handpicked.core.errors import HandpickedError
from handpicked.core.names import split_full_name
from handpicked.core.reports import ParsedRow, RowIssue
from handpicked.core.text import clean, control_class, one_line

_LINE_END = re.compile(rb"\r\n|\r|\n")
# What `encoding` and `csvfile` would act on: control characters (tab and line breaks are CSV's
# own) and the replacement character. RE2 reads the class as Python does (see control_class).
_NOT_PLAIN = "[" + control_class(keep="\t\n\r") + "\ufffd]"
T = TypeVar("T")
_SAMPLE = 65536  # bytes in which a NUL means UTF-16 or binary: `encoding`'s business


@dataclass(eq=False)
class ColumnarFile:
    """The rows `read_csv` gives for a plain file, held as one list per field (index = row)."""

    path: str
    format: str
    lines: list[int]
    first_name: list[str]
    last_name: list[str]
    email: list[str]
    company: list[str]
    position: list[str]
    profile_url: list[str]
    connected_on: list[dt.date | None]
    sector: list[str]
    tags: list[list[str]]
    notes: list[str]
    skipped: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    distinct: dict[str, tuple[list[str], pa.Array]] = field(default_factory=dict)
    """Where the reader had it, a field's values as (values, each row's index into them): a
    fresh import works per distinct name, company and title, and need not encode them again."""

    def __len__(self) -> int:
        return len(self.lines)

    def row(self, index: int) -> ParsedRow:
        """Row `index` as the row-by-row reader makes it (its own copy of the tag list)."""
        return ParsedRow(
            self.lines[index], self.first_name[index], self.last_name[index], self.email[index],
            self.company[index], self.position[index], self.profile_url[index],
            self.connected_on[index], self.sector[index], list(self.tags[index]),
            self.notes[index],
        )  # fmt: skip

    @property
    def rows(self) -> list[ParsedRow]:
        return [self.row(index) for index in range(len(self))]


def read_columnar(
    data: bytes, name: str, fmt: str = "auto", mapping: Mapping[str, str] | None = None
) -> ColumnarFile | None:
    """The file's rows read by pyarrow, or None when only `csvfile` reads it right (see above)."""
    cells = plain_cells(data, name, fmt, mapping)
    return None if cells is None else cells.rows()


def plain_cells(
    data: bytes, name: str, fmt: str = "auto", mapping: Mapping[str, str] | None = None
) -> PlainCells | None:
    """The cells of a plain CSV export, parsed; the caller can then let go of its bytes (a big
    export's bytes and its rows need not be in memory at once)."""
    # Offsets into `data` rather than slices: each slice of a 15 MB export is a copy of it.
    begin = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    if fmt == "vcard" or data.find(b"\x00", 0, _SAMPLE) >= 0 or data.isspace() or not data:
        return None
    whole = pa.StringArray.from_buffers(
        1, pa.array([0, len(data)], pa.int32()).buffers()[1], pa.py_buffer(data)
    )
    try:
        if pc.any(pc.match_substring_regex(whole, _NOT_PLAIN)).as_py():
            return None
    except pa.ArrowInvalid:  # not UTF-8
        return None
    head = _head(data, begin, HEADER_SEARCH_LINES)
    if head is None or (fmt == "auto" and looks_like_vcard(head)):
        return None
    lines = csv_lines(head)
    try:
        header_index, delimiter, layout = find_header(name, lines, fmt, mapping)
    except HandpickedError:
        return None
    if any(len(indexes) > 1 for indexes in layout.columns.values()):
        return None
    start = begin + len("".join(lines[: header_index + 1]).encode("utf-8"))
    found = _table(data, start, delimiter, len(layout.headers))
    pa.default_memory_pool().release_unused()  # the parser's buffers, some 2x the cells
    if found is None:
        return None
    table, starts, multiline = found
    columns = {target: indexes[0] for target, indexes in layout.columns.items()}
    return PlainCells(
        name=name,
        format=layout.format,
        columns=table.columns,
        targets=columns,
        multiline=multiline,
        lines=[line + header_index + 1 for line in starts],
        date_header=layout.headers[columns["connected_on"]] if "connected_on" in columns else "",
    )


def _head(data: bytes, begin: int, count: int) -> str | None:
    """The first `count` lines of the file, decoded (None when they are not UTF-8)."""
    end = len(data)
    for number, match in enumerate(_LINE_END.finditer(data, begin), start=1):
        if number == count:
            end = match.end()
            break
    try:
        return data[begin:end].decode("utf-8")
    except UnicodeDecodeError:
        return None


def _table(
    data: bytes, start: int, delimiter: str, width: int
) -> tuple[pa.Table, list[int], set[int]] | None:
    """The cells from offset `start` on, one string column per header column, the line (counted
    from 1 at `start`) each row starts on, and the columns with a value over several lines;
    None unless csv.reader reads them alike.

    Empty lines are kept as rows (of empty cells, which have no name and go unsaid, as in
    `csvfile`), so the rows tile the lines: a row starts where the one before it ends.
    """
    end = len(data)
    while end > start and data[end - 1] in b"\r\n":
        end -= 1  # trailing empty lines hold no row
    if end == start:
        return None
    names = [str(index) for index in range(width)]
    try:
        table = pcsv.read_csv(
            pa.py_buffer(memoryview(data)[start:end]),
            # One thread: parsed in blocks on every core, a 300,000-row export peaks 50 MB
            # higher (over the 300 MB it must stay under), for some 25 ms saved.
            read_options=pcsv.ReadOptions(column_names=names, use_threads=False),
            parse_options=pcsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False
            ),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # a row of another width, or not UTF-8
    limit = csv.field_size_limit()
    for column in table.columns:
        if (pc.max(pc.binary_length(column)).as_py() or 0) > limit:
            return None
    breaks = data.count(b"\n", start, end)
    if data.find(b"\r", start, end) >= 0:
        breaks += data.count(b"\r", start, end) - data.count(b"\r\n", start, end)
    spans, multiline = [0] * table.num_rows, set()
    if breaks + 1 != table.num_rows:
        multiline = {i for i, column in enumerate(table.columns) if _has_break(column)}
        found = _spans(table, multiline, delimiter, max(width, 3) - 1)
        if found is None or table.num_rows + sum(found) != breaks + 1:
            return None
        spans = found
    last = _last_lines(data, start, end, spans[-1] + 1).decode("utf-8")
    if quote_never_closes(last, delimiter):
        return None  # an unclosed quote took the file's end into the last value
    if multiline:
        lines = list(accumulate(map((1).__add__, spans[:-1]), initial=1))
    else:
        lines = list(range(1, table.num_rows + 1))
    return table, lines, multiline


def _spans(table: pa.Table, multiline: set[int], delimiter: str, crowded: int) -> list[int] | None:
    """The line breaks inside each row's values, or None when a value spanning lines holds a
    row's worth of delimiters or lines: an unclosed quote swallowing the rows after it, which
    `csvfile` skips and reads past."""
    spans = pa.array([0] * table.num_rows, pa.int32())
    for index in multiline:
        column = table.column(index)
        breaks = pc.count_substring_regex(column, "\r\n|\r|\n")
        cells = pc.count_substring(column, delimiter)
        if pc.any(pc.and_(pc.greater(breaks, 0), pc.greater_equal(cells, crowded))).as_py():
            return None
        spans = pc.add(spans, breaks)
    if pc.max(spans).as_py() >= MAX_VALUE_LINES:
        return None
    return list(spans.to_pylist())


def _has_break(column: pa.ChunkedArray) -> bool:
    """Whether a value of the column holds a line break (its cells' text searched at once)."""
    for chunk in column.chunks:
        text = chunk.buffers()[2]
        if text is not None and (b"\n" in (data := text.to_pybytes()) or b"\r" in data):
            return True
    return False


def _last_lines(data: bytes, start: int, end: int, count: int) -> bytes:
    """The last `count` lines of data[start:end] (which ends without a line break)."""
    cut = end
    for _ in range(count):
        cut = max(data.rfind(b"\n", start, cut), data.rfind(b"\r", start, cut))
        if cut < 0:
            return data[start:end]
        if data[cut - 1 : cut + 1] == b"\r\n" and cut > start:
            cut -= 1
    return data[cut + (2 if data[cut : cut + 2] == b"\r\n" else 1) : end]


_READ = ("email", "company", "position", "profile_url", "connected_on", "sector", "tags", "notes",
         WEBSITE)  # fmt: skip
_UNIQUE = ("email", "profile_url", "notes", WEBSITE)  # one a person: read as they are
_DISTINCT = ("first_name", "last_name", "company", "position")  # see ColumnarFile.distinct


@dataclass
class PlainCells:
    """A plain CSV's cells, one pyarrow column per header column, before they become rows."""

    name: str
    format: str
    columns: list[pa.ChunkedArray | None]  # each let go of once read
    targets: dict[str, int]  # field -> its column
    multiline: set[int]  # the columns with a value over several lines
    lines: list[int]  # the line each row starts on
    date_header: str
    encoded: dict[str, tuple[list[str], pa.Array]] = field(default_factory=dict)

    def rows(self) -> ColumnarFile | None:
        """The rows: cells cleaned (per distinct value where values repeat), then the name,
        date and tag rules of `layouts.RowBuilder`, applied to the few rows they concern."""
        rows = _Rows(self.lines, {})
        for target in NAME_TARGETS:
            rows.fields[target] = self._field(target)
        named = rows.name_or_drop(self.columns)
        for target in _READ:
            if target not in rows.fields:
                rows.fields[target] = rows.kept(self._field(target))
        self.columns = []
        pa.default_memory_pool().release_unused()
        fields = rows.fields
        emails = fields["email"]
        if any(map(contains, emails, repeat(":::"))):  # Google's "a@x ::: b@y"
            fields["email"] = [m.split(":::", 1)[0].strip() if ":::" in m else m for m in emails]
        if WEBSITE in self.targets:
            fields["profile_url"] = [
                linkedin_url([site]) if site and not url else url
                for url, site in zip(fields["profile_url"], fields[WEBSITE], strict=True)
            ]
        rows.read_dates(self.date_header)
        lists: dict[str, list[str]] = {"": []}  # one empty list for every row without tags
        if "tags" in self.targets:
            lists.update((text, split_tags(text)) for text in set(fields["tags"]) if text)
            rows.tags = list(map(lists.__getitem__, fields["tags"]))
        else:
            rows.tags = [lists[""]] * len(rows.lines)
        if not rows.lines and not rows.skipped:
            return None  # `csvfile` says the file has no rows
        found = rows.result(self.name, self.format)
        found.distinct = rows.encoded(self.encoded, named)
        return found

    def _field(self, target: str) -> list[str]:
        """A field's cleaned value on each row; its column is let go of."""
        if target not in self.targets:
            return [""] * len(self.lines)
        index = self.targets[target]
        column = self.columns[index]
        assert column is not None  # each field has its own column (else: read row by row)
        self.columns[index] = None
        cleaned = _cleaned if index in self.multiline else str.strip
        if target in _UNIQUE:
            return list(map(cleaned, column.to_pylist()))
        encoded = column.combine_chunks().dictionary_encode()
        del column
        values = list(map(cleaned, encoded.dictionary.to_pylist()))
        if target in ("company", "position") and index in self.multiline:
            values = [one_line(value) if "\n" in value else value for value in values]
        if target in _DISTINCT:
            self.encoded[target] = (values, encoded.indices)
        return list(map(values.__getitem__, ints(encoded.indices)))


@dataclass
class _Rows:
    lines: list[int]
    fields: dict[str, list[str]]
    skipped: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    dates: list[dt.date | None] = field(default_factory=list)
    tags: list[list[str]] = field(default_factory=list)
    keep: list[int] | None = None  # the rows with a name, when some have none

    def name_or_drop(self, columns: list[pa.ChunkedArray | None]) -> bool:
        """Split the full name of a row without first and last name; drop a row with no name
        (said when it holds anything: an empty row goes unsaid, as csvfile does). Whether any
        row was named from its full name."""
        first, last, full = (self.fields[target] for target in NAME_TARGETS)
        unnamed = []
        if "" in first:  # most exports: every row has a first name
            pairs = enumerate(zip(first, last, strict=True))
            unnamed = [i for i, (given, family) in pairs if not (given or family)]
        dropped = set()
        for index in unnamed:
            if full[index]:
                first[index], last[index] = split_full_name(full[index])
                continue
            dropped.add(index)
            # The name columns are read (and let go of) already, and hold nothing here.
            cells = (column[index].as_py() for column in columns if column is not None)
            if any(cell.strip() for cell in cells):
                self.skipped.append(RowIssue(line=self.lines[index], reason=NO_NAME))
        if dropped:
            self.keep = [i for i in range(len(self.lines)) if i not in dropped]
            self.lines = self.kept(self.lines)
            self.fields = {target: self.kept(values) for target, values in self.fields.items()}
        return len(dropped) < len(unnamed)

    def encoded(
        self, read: dict[str, tuple[list[str], pa.Array]], named: bool
    ) -> dict[str, tuple[list[str], pa.Array]]:
        """The fields' distinct values as read, for the rows kept (a name split from a full
        name is not among them: those two fields are left out)."""
        if named:
            read = {k: v for k, v in read.items() if k not in ("first_name", "last_name")}
        if self.keep is None:
            return read
        kept = pa.array(self.keep, pa.int32())
        return {field: (values, indices.take(kept)) for field, (values, indices) in read.items()}

    def kept(self, values: list[T]) -> list[T]:
        return values if self.keep is None else [values[i] for i in self.keep]

    def read_dates(self, header: str) -> None:
        """Each row's date; a text that is no date is said on each row that has it."""
        texts = self.fields["connected_on"]
        read: dict[str, dt.date | None] = {"": None}
        reasons: dict[str, str] = {}
        for text in set(texts) - read.keys():
            try:
                read[text] = parse_date(text)
            except DateError as err:
                read[text], reasons[text] = None, f"{header}: {err}; left empty"
        if reasons:
            for line, text in zip(self.lines, texts, strict=True):
                if text in reasons:
                    self.warnings.append(RowIssue(line=line, reason=reasons[text]))
        self.dates = list(map(read.__getitem__, texts))

    def result(self, path: str, fmt: str) -> ColumnarFile:
        f = self.fields
        return ColumnarFile(
            path=path, format=fmt, lines=self.lines, first_name=f["first_name"],
            last_name=f["last_name"], email=f["email"], company=f["company"],
            position=f["position"], profile_url=f["profile_url"], connected_on=self.dates,
            sector=f["sector"], tags=self.tags, notes=f["notes"],
            skipped=sorted(self.skipped, key=lambda issue: issue.line), warnings=self.warnings,
        )  # fmt: skip


def _cleaned(value: str) -> str:
    """A cell as `csvfile` gives it: stripped, its line breaks made \\n if it spans lines."""
    return clean(value) if "\n" in value or "\r" in value else value.strip()


def ints(numbers: pa.Array) -> memoryview:
    """An int32 array's values, read as Python ints one at a time (no list of int objects)."""
    data = memoryview(numbers.buffers()[1]).cast("i")
    return data[numbers.offset : numbers.offset + len(numbers)]
