"""LinkedIn's `messages.csv` (from the data archive) read as a stream of messages, never whole.

The columns vary by year: 2024 has `CONVERSATION ID, CONVERSATION TITLE, FROM, SENDER PROFILE
URL, TO, RECIPIENT PROFILE URLS, DATE, SUBJECT, CONTENT, FOLDER, IS MESSAGE DRAFT, IS
CONVERSATION DRAFT`; 2026 adds `ATTACHMENTS` after FOLDER and drops the draft flags; 2022 has no
`RECIPIENT PROFILE URLS`. Columns are found by name, so any order and any of the three reads.

A message body is personal data: only its first line (80 characters at most) leaves this module.
Drafts, sponsored or InMail conversations and system lines are dropped here with their line;
`TO` is never split (names hold commas): recipients are known by their profile URLs only.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter

from handpicked.core.errors import HandpickedError
from handpicked.core.text import clean

HEADER_START = "CONVERSATION ID"
_REQUIRED = ("CONVERSATION ID", "FROM", "SENDER PROFILE URL", "DATE", "CONTENT")
FIRST_LINE_CHARS = 80
_SPONSORED_TITLE = "sponsored conversation"
_NOBODY = ("", "linkedin member")
_NO = frozenset(("", "No", "no", "NO", "false", "False"))
# First characters of "DRAFT", "LinkedIn Member" and "Sponsored Conversation" as they may be
# written: only a value starting so is stripped and lower-cased to be compared.
_D, _L, _S = frozenset("Dd \t"), frozenset("Ll \t"), frozenset("Ss \t")
_URL_SEPARATORS = re.compile(r"[,;]\s*")
# "2024-11-14 15:33:58 UTC": LinkedIn writes every date in UTC, to the second.
_DATE = re.compile(r"(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?: ?(?:UTC|Z))?")


# One message of the archive as a plain tuple (200,000 are read in an import, and a tuple is
# made without a call to Python code): (conversation id, sender's profile URL, recipients' profile
# URLs as written (`split_urls` parts them when needed), when (ISO 8601 UTC,
# "2024-11-14T15:33:58Z"), first line).
Message = tuple[str, str, str, str, str]


@dataclass(slots=True)
class Skipped:
    """A row that is no message from or to a person, with why (counted in the import report)."""

    line: int
    reason: str


def looks_like_messages(first_line: str) -> bool:
    return first_line.lstrip("\ufeff").strip().upper().startswith(HEADER_START)


def first_line(content: str) -> str:
    """The first non-blank line of a message, cut to 80 characters: all of a body that is kept.

    Cut before anything else is done with it: a body may be pages long, and 200,000 of them
    are read in an import.
    """
    text = content.lstrip()[: FIRST_LINE_CHARS * 2]
    if "\n" in text or "\r" in text:
        text = text.replace("\r", "\n").partition("\n")[0]
    text = text[:FIRST_LINE_CHARS]
    if not text.isprintable():
        text = clean(text)
    return text.rstrip()


def utc_stamp(value: str) -> str | None:
    """`DATE` as ISO 8601 UTC ("2024-11-14T15:33:58Z"), or None when it is no date."""
    if len(value) == 23 and value[10] == " " and value[19:] == " UTC" and value[:4].isdigit():
        return f"{value[:10]}T{value[11:19]}Z"  # LinkedIn's own form: no regex for 200,000 rows
    found = _DATE.fullmatch(value.strip())
    if found is None:
        return None
    return f"{found[1]}T{found[2]}Z"


def split_urls(value: str) -> list[str]:
    """Recipient URLs, whichever of "," or ";" the year's archive separates them with."""
    value = value.strip()
    if "," not in value and ";" not in value:
        return [value] if value else []  # one recipient, the most common: no regex
    return [url for url in _URL_SEPARATORS.split(value) if url.strip()]


def header_columns(
    reader: Iterator[list[str]], name: str, required: Iterable[str], file: str
) -> dict[str, int]:
    """An archive file's column positions by upper-case title (LinkedIn's own titles change
    case and order from one year to the next), or an error naming the first one missing."""
    try:
        header = next(reader)
    except StopIteration:
        raise HandpickedError(f"{name}: is empty; export the data archive again") from None
    except csv.Error as err:
        raise HandpickedError(f"{name}: line 1 is not CSV ({err})") from None
    columns = {clean(title).lstrip("\ufeff").upper(): i for i, title in enumerate(header)}
    missing = [title for title in required if title not in columns]
    if missing:
        raise HandpickedError(
            f"{name}: line 1 lacks the column {missing[0]!r}; this is not LinkedIn's {file}"
        )
    return columns


def read_messages(lines: Iterable[str], name: str) -> Iterator[Message | Skipped]:
    """The messages of a `messages.csv` (its lines, streamed), and the rows skipped with why.

    The common row (a short message, LinkedIn's own date, no flag set) is read without a single
    call to Python code: csv.reader's own reading is the floor the import is measured against
    (benchmarks/archive_bench.py), and every call per row shows against it.
    """
    reader = csv.reader(lines)
    columns = header_columns(reader, name, _REQUIRED, "messages.csv")
    required = itemgetter(*(columns[title] for title in _REQUIRED))
    title = columns.get("CONVERSATION TITLE")
    recipients = columns.get("RECIPIENT PROFILE URLS")
    draft = columns.get("IS MESSAGE DRAFT")
    folder = columns.get("FOLDER")
    attachments = columns.get("ATTACHMENTS")
    width = max(columns.values()) + 1  # the header's length: its last title always stands
    line = reader.line_num + 1

    def skipped(row: list[str], who: str, sender: str, body: str) -> str | None:
        """Why a row is no message between people, or None. Each test compares the common value
        first: strip() and lower() are only for the rare value that needs them."""
        flag = row[draft] if draft is not None else ""
        if flag not in _NO and flag.strip().lower() in ("yes", "true"):
            return "a draft"
        box = row[folder] if folder is not None else ""
        if box[:1] in _D and box.strip().upper() == "DRAFT":
            return "a draft"
        if not who or (who[0] in _L and who.strip().lower() in _NOBODY):
            return "sponsored or InMail"
        named = row[title] if title is not None else ""
        if named[:1] in _S and named.strip().lower() == _SPONSORED_TITLE:
            return "sponsored or InMail"
        if not sender.strip() or (
            (not body or body.isspace()) and not (attachments is not None and row[attachments])
        ):
            return "a system line"
        return None

    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if len(row) < width:
                if any(row):
                    yield Skipped(start, f"{len(row)} columns where the header has {width}")
                continue
            conversation, who, sender, when, body = required(row)
            # The common row, told apart without a call: no draft flag, a sender whose name
            # cannot be "LinkedIn Member", a title that cannot be "Sponsored Conversation", a
            # sender URL and a body. Any other row goes through `skipped`.
            if not (
                (draft is None or row[draft] in _NO)
                and (folder is None or row[folder][:1] not in _D)
                and who
                and who[:1] not in _L
                and (title is None or row[title][:1] not in _S)
                and "!" <= sender[:1] <= "~"
                and body
                and not body.isspace()
            ):
                why = skipped(row, who, sender, body)
                if why is not None:
                    yield Skipped(start, why)
                    continue
            if len(when) == 23 and when[19:] == " UTC" and when[10] == " " and when[:4].isdigit():
                at = f"{when[:10]}T{when[11:19]}Z"  # LinkedIn's own form, inline
            else:
                stamp = utc_stamp(when)
                if stamp is None:
                    yield Skipped(start, f"DATE {clean(when)[:40]!r} is not a date")
                    continue
                at = stamp
            to = row[recipients] if recipients is not None else ""
            if len(body) < FIRST_LINE_CHARS and body.isprintable() and body[:1] != " ":
                line_one = body.rstrip()  # one short line, the most common message
            else:
                line_one = first_line(body)
            yield conversation.strip(), sender.strip(), to, at, line_one
    except csv.Error as err:
        raise HandpickedError(f"{name}: line {line} is not CSV ({err})") from None
    except UnicodeDecodeError:
        raise HandpickedError(
            f"{name}: near line {line}, not UTF-8 text; export the data archive again"
        ) from None
