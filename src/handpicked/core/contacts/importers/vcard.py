"""Read .vcf files (vCard 2.1, 3.0, 4.0; phones and mail clients) into rows.

vobject does the hard parts (folded lines, escapes, QUOTED-PRINTABLE, CHARSET). The file is cut
into cards here first, by their BEGIN:VCARD/END:VCARD lines, so each card is parsed on its own:
one malformed card is reported at the line it begins on and the others are still imported,
where a single vobject stream would stop at the first bad card.

vobject is not safe on hostile lines: its line regex backtracks exponentially when a line with
many parameters fails to match (40 parameters never end, holding the GIL, so not even a thread
can be stopped), and it re-reads a logical line whole for each folded line it adds (a big folded
PHOTO is quadratic). So each card is first split into logical lines by vobject's own rules
(`_logical_lines`), and vobject only ever sees the properties handpicked reads, each checked
against the bounds below by a regex that cannot backtrack (`_check`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

from handpicked.core.contacts.importers.layouts import (
    CANCELLED,
    NO_NAME,
    linkedin_url,
    never,
)
from handpicked.core.errors import HandpickedError
from handpicked.core.names import split_full_name
from handpicked.core.reports import ParsedFile, ParsedRow, RowIssue
from handpicked.core.text import clean, one_line

UNENDED_CARD = "card has no END:VCARD line; card skipped"

# The properties handpicked reads (and the card's frame); vobject is given no other line, so a
# photo, a key or a broken phone line costs nothing and spoils nothing.
_READ = frozenset({
    "BEGIN", "END", "VERSION", "N", "FN", "ORG", "TITLE", "EMAIL", "URL", "X-SOCIALPROFILE",
    "CATEGORIES", "NOTE",
})  # fmt: skip
# Bounds for a read property, far above what any phone or mail client writes (a handful of
# parameters, a name or an address, a note of a few paragraphs). A property past one is dropped
# with a warning naming its line: the person is still imported, and the user learns what was
# left out, where refusing the whole file would lose everyone for one odd line.
MAX_PARAMETERS = 16
MAX_HEAD = 1000  # characters before the value
MAX_LENGTH = 100_000  # characters, folded lines joined
MAX_LINES = 1000  # physical lines of one property
# A card's read properties, in number and in characters: vobject parses a card in one call
# that cannot be cancelled, and these keep that call to a fraction of a second.
MAX_PROPERTIES = 1000
MAX_CARD_LENGTH = 1_000_000
TOO_MANY = f"card has more than {MAX_PROPERTIES:,} properties; card skipped"
TOO_LONG = f"card holds more than {MAX_CARD_LENGTH:,} characters of text; card skipped"

_NAME = re.compile(r"(?:[A-Za-z0-9_-]++\.)?+([A-Za-z0-9_-]++)[;:]")
# Up to the first ':' outside double quotes, possessively (linear whatever the line).
_HEAD = re.compile(r'(?:[^":]++|"[^"]*+")*+:')
# vobject's line grammar (base.patterns['line'] up to the value) with possessive quantifiers:
# the same lines match, and a line that does not is refused in linear time.
_VALUE = r'(?:"[^"]*+"|[^";:,]*+)'
_LINE = re.compile(
    r"(?:[A-Za-z0-9_-]++\.)?+[A-Za-z0-9_-]++(?:;(?=[;:]))?+"
    rf"(?:;[A-Za-z0-9_-]++(?:(?:={_VALUE})?+(?:,{_VALUE})*+)*+)*+:"
)
_QUOTED = re.compile(r'"[^"]*+"')
_QP = "quoted-printable"


def looks_like_vcard(text: str) -> bool:
    """A vCard file starts with BEGIN:VCARD, whatever its extension says."""
    for line in text[:4096].splitlines():
        if line.strip():
            return line.strip().upper().startswith("BEGIN:VCARD")
    return False


def _cards(text: str, skipped: list[RowIssue]) -> list[tuple[int, str]]:
    cards: list[tuple[int, str]] = []
    start = 0
    current: list[str] = []
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        marker = line.rstrip().upper()  # folded lines start with a space: never markers
        if marker == "BEGIN:VCARD":
            if current:
                skipped.append(RowIssue(line=start, reason=UNENDED_CARD))
            start, current = number, [line]
        elif current:
            current.append(line)
            if marker == "END:VCARD":
                cards.append((start, "".join(current)))
                current = []
    if current:
        skipped.append(RowIssue(line=start, reason=UNENDED_CARD))
    return cards


def _logical_lines(card: str) -> list[tuple[str, int, int]]:
    """The card's logical lines as vobject's getLogicalLines (allowQP) makes them, with each
    one's first and last physical line (0-based in the card).

    Ported rule for rule, so the checks see exactly the lines vobject will: lines end at \\n
    only; a blank line ends a logical line; a line starting with a space or tab continues the
    previous one; and a line ending in "=" continues, newline kept, when "quoted-printable"
    occurs in its logical line. vobject looks for that word in the whole line again at each
    physical line; here it is looked for once per piece, with the tail of the pieces before it.
    """
    lines: list[tuple[str, int, int]] = []
    parts: list[str] = []
    first = last = 0
    qp = has_qp = False
    tail = ""
    for number, raw in enumerate(io.StringIO(card)):
        line = raw.rstrip("\r\n")
        if not line.rstrip():
            if parts:
                lines.append(("".join(parts), first, last))
            parts, qp, has_qp, tail = [], False, False, ""
            continue
        if qp:
            piece, qp = "\n" + line, False
        elif line[0] in " \t":
            piece = line[1:]
            if not parts:  # after a blank line: vobject starts a line without its first space
                first = number
        else:
            if parts:
                lines.append(("".join(parts), first, last))
            parts, first, has_qp, tail = [], number, False, ""
            piece = line
        parts.append(piece)
        last = number
        if not has_qp:
            lowered = tail + piece.lower()
            has_qp, tail = _QP in lowered, lowered[-len(_QP) :]
        qp = has_qp and line.endswith("=")
    if parts:
        lines.append(("".join(parts), first, last))
    return lines


def _check(name: str, line: str, first: int, last: int) -> str | None:
    """Why a read property may not reach vobject (the bound it passes), or None."""
    name = name[:40]
    if last - first >= MAX_LINES:
        return f"{name} spans more than {MAX_LINES:,} lines; property ignored"
    if len(line) > MAX_LENGTH:
        return f"{name} is longer than {MAX_LENGTH:,} characters; property ignored"
    invalid = f"{name} is not a valid vCard property line; property ignored"
    found = _HEAD.match(line)
    if found is None:
        return invalid
    head = found.group()
    if len(head) > MAX_HEAD:
        return f"{name} has more than {MAX_HEAD:,} characters before its value; property ignored"
    if (_QUOTED.sub("", head) if '"' in head else head).count(";") > MAX_PARAMETERS:
        return f"{name} has more than {MAX_PARAMETERS} parameters; property ignored"
    return None if _LINE.fullmatch(head) else invalid


class _Skip(Exception):
    """A card that cannot be handed to vobject at all; the message is the reason shown."""


def _screened(card: str, line: int, warnings: list[RowIssue]) -> str:
    """The card with only the read properties that pass the bounds, or _Skip.

    `line` is the card's first line in the file, for the warnings.
    """
    physical = io.StringIO(card).readlines()
    keep = [True] * len(physical)
    kept = length = 0
    for text, first, last in _logical_lines(card):
        found = _NAME.match(text)
        if found is None:
            raise _Skip(f"unreadable vCard (line {line + first} is not a vCard property)")
        name = found[1].upper().replace("_", "-")
        if name in _READ:
            kept += 1
            if kept > MAX_PROPERTIES:
                raise _Skip(TOO_MANY)
            problem = _check(name, text, first, last)
            if problem is None:
                length += len(text)
                if length > MAX_CARD_LENGTH:
                    raise _Skip(TOO_LONG)
                continue
            warnings.append(RowIssue(line=line + first, reason=problem))
        keep[first : last + 1] = [False] * (last + 1 - first)
    if all(keep):
        return card
    return "".join(text for text, wanted in zip(physical, keep, strict=True) if wanted)


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return clean(" ".join(clean(v) for v in value if clean(v)))
    return clean(value)


def _values(card: Any, key: str) -> list[Any]:
    return list(card.contents.get(key, []))


def _preferred(items: list[Any]) -> str:
    """The PREF (4.0) or TYPE=pref (3.0) item's value, else the first non-empty one."""
    for item in items:
        types = [str(t).casefold() for t in item.params.get("TYPE", [])]
        if "pref" in types or item.params.get("PREF"):
            value = _text(item.value)
            if value:
                return value
    return next((v for v in (_text(item.value) for item in items) if v), "")


def _row(card: Any, line: int) -> ParsedRow | None:
    first = last = ""
    names = _values(card, "n")
    if names:
        name = names[0].value
        first = _text(getattr(name, "given", ""))
        last = _text(getattr(name, "family", ""))
    if not (first or last):
        full = next((v for v in (_text(i.value) for i in _values(card, "fn")) if v), "")
        first, last = split_full_name(full)
    if not (first or last):
        return None
    company = ""
    for org in _values(card, "org"):
        parts = org.value if isinstance(org.value, list | tuple) else [org.value]
        company = one_line(clean(parts[0])) if parts else ""
        if company:
            break
    urls = [_text(i.value) for i in _values(card, "url") + _values(card, "x-socialprofile")]
    urls = [u for u in urls if u]
    tags: list[str] = []
    for item in _values(card, "categories"):
        values = item.value if isinstance(item.value, list | tuple) else str(item.value).split(",")
        for value in values:
            tag = clean(value)
            if tag and tag not in tags:
                tags.append(tag)
    notes = "\n".join(v for v in (_text(i.value) for i in _values(card, "note")) if v)
    return ParsedRow(
        line=line,
        first_name=first,
        last_name=last,
        email=_preferred(_values(card, "email")),
        company=company,
        position=one_line(
            next((v for v in (_text(i.value) for i in _values(card, "title")) if v), "")
        ),
        profile_url=linkedin_url(urls) or (urls[0] if urls else ""),
        tags=tags,
        notes=notes,
    )


def read_vcard(text: str, name: str, cancelled: Callable[[], bool] = never) -> ParsedFile:
    """Parse every card of a .vcf file's text; bad cards are skipped with their line.

    `cancelled` is asked before each card: a user who gave up on an import is not kept waiting.
    """
    import vobject  # 10 ms to load, which a CSV import need not pay

    parsed = ParsedFile(path=name, format="vcard")
    cards = _cards(text, parsed.skipped)
    if not cards and not parsed.skipped:
        raise HandpickedError(
            f"{name}: no BEGIN:VCARD card found in the file; export your contacts as vCard "
            "(.vcf) again, or import a CSV export instead"
        )
    for line, source in cards:
        if cancelled():
            raise HandpickedError(f"{name}: {CANCELLED}")
        try:
            screened = _screened(source, line, parsed.warnings)
        except _Skip as skip:
            parsed.skipped.append(RowIssue(line=line, reason=str(skip)))
            continue
        try:
            card = vobject.readOne(screened, allowQP=True)
            row = _row(card, line)
        except Exception as err:  # vobject raises many types on hostile input
            detail = re.sub(r"^At line \d+:\s*", "", " ".join(str(err).split()))
            detail = detail[:80] or type(err).__name__
            parsed.skipped.append(RowIssue(line=line, reason=f"unreadable vCard ({detail})"))
            continue
        if row is None:
            parsed.skipped.append(RowIssue(line=line, reason=NO_NAME))
        else:
            parsed.rows.append(row)
    parsed.skipped.sort(key=lambda issue: issue.line)
    parsed.warnings.sort(key=lambda issue: issue.line)
    return parsed
