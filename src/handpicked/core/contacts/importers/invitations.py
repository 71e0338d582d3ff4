"""LinkedIn's `Invitations.csv` (from the data archive): who invited whom, and when.

`From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl`. `Sent At` looks like
"4/6/26, 2:12 PM": month/day/two-digit year in the owner's local time with no time zone, so only
the day is kept. OUTGOING invitations are the surest word on the owner's own profile URL.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from handpicked.core.contacts.importers.messages import Skipped, first_line, header_columns
from handpicked.core.errors import HandpickedError
from handpicked.core.text import clean

_REQUIRED = ("FROM", "TO", "SENT AT", "DIRECTION", "INVITERPROFILEURL", "INVITEEPROFILEURL")
_SENT_AT = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")


@dataclass(slots=True)
class Invitation:
    line: int
    outgoing: bool
    inviter_url: str
    invitee_url: str
    day: str  # YYYY-MM-DD, the owner's local day
    first_line: str


def looks_like_invitations(first_line: str) -> bool:
    titles = [t.strip().upper() for t in first_line.lstrip("\ufeff").split(",")]
    return titles[:3] == ["FROM", "TO", "SENT AT"]


def sent_day(value: str) -> str | None:
    """The day of a `Sent At` ("4/6/26, 2:12 PM" is "2026-04-06"), or None when it is no date."""
    found = _SENT_AT.match(value)
    if found is None:
        return None
    month, day, year = (int(part) for part in found.groups())
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def read_invitations(lines: Iterable[str], name: str) -> Iterator[Invitation | Skipped]:
    reader = csv.reader(lines)
    columns = header_columns(reader, name, _REQUIRED, "Invitations.csv")
    sent, direction = columns["SENT AT"], columns["DIRECTION"]
    inviter, invitee = columns["INVITERPROFILEURL"], columns["INVITEEPROFILEURL"]
    note = columns.get("MESSAGE")
    width = max(columns.values()) + 1
    line = reader.line_num + 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if len(row) < width:
                if any(row):
                    yield Skipped(start, f"{len(row)} columns where the header has {width}")
                continue
            day = sent_day(row[sent])
            if day is None:
                yield Skipped(start, f"Sent At {clean(row[sent])[:40]!r} is not a date")
                continue
            way = row[direction].strip().upper()
            if way not in ("OUTGOING", "INCOMING"):
                yield Skipped(start, f"Direction {clean(row[direction])[:20]!r} is unknown")
                continue
            yield Invitation(
                start,
                way == "OUTGOING",
                row[inviter].strip(),
                row[invitee].strip(),
                day,
                first_line(row[note]) if note is not None else "",
            )
    except csv.Error as err:
        raise HandpickedError(f"{name}: line {line} is not CSV ({err})") from None
    except UnicodeDecodeError:
        raise HandpickedError(
            f"{name}: near line {line}, not UTF-8 text; export the data archive again"
        ) from None
