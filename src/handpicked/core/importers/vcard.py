"""Read .vcf files (vCard 2.1, 3.0, 4.0; phones and mail clients) into rows.

vobject does the hard parts (folded lines, escapes, QUOTED-PRINTABLE, CHARSET). The file is cut
into cards here first, by their BEGIN:VCARD/END:VCARD lines, so each card is parsed on its own:
one malformed card is reported at the line it begins on and the others are still imported,
where a single vobject stream would stop at the first bad card.
"""

from __future__ import annotations

import io
import re
from typing import Any

import vobject

from handpicked.core.errors import HandpickedError
from handpicked.core.importers.layouts import NO_NAME, linkedin_url
from handpicked.core.models import ParsedFile, ParsedRow, RowIssue
from handpicked.core.names import split_full_name
from handpicked.core.text import clean

UNENDED_CARD = "card has no END:VCARD line; card skipped"


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
        company = clean(parts[0]) if parts else ""
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
        position=next((v for v in (_text(i.value) for i in _values(card, "title")) if v), ""),
        profile_url=linkedin_url(urls) or (urls[0] if urls else ""),
        tags=tags,
        notes=notes,
    )


def read_vcard(text: str, name: str) -> ParsedFile:
    """Parse every card of a .vcf file's text; bad cards are skipped with their line."""
    parsed = ParsedFile(path=name, format="vcard")
    cards = _cards(text, parsed.skipped)
    if not cards and not parsed.skipped:
        raise HandpickedError(
            f"{name}: no BEGIN:VCARD card found in the file; export your contacts as vCard "
            "(.vcf) again, or import a CSV export instead"
        )
    for line, source in cards:
        try:
            card = vobject.readOne(source, allowQP=True)
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
    return parsed
