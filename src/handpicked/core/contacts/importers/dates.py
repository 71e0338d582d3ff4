"""Read the dates exports write ("14 Jun 2013", "7-Feb-22", "2022-02-07", "7 févr. 2022").

A wrong date is worse than none: "07/02/2022" is July 2nd to a US export and February 7th to a
Québec one, so an all-numeric date is read only when it cannot be misread (ISO order, or a day
above 12). Anything else is refused and the caller reports it, leaving the field empty.
"""

from __future__ import annotations

import datetime as dt
import re

from handpicked.core.text import fold

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv",
        "february feb fevrier fevr fev",
        "march mar mars",
        "april apr avril avr",
        "may mai",
        "june jun juin",
        "july jul juillet juil",
        "august aug aout",
        "september sep sept septembre",
        "october oct octobre",
        "november nov novembre",
        "december dec decembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_ISO = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?z?)?"
)
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})")
# "14 jun 2013", "7-feb-22", "1er mars 2020", "le 14 juin 2013"
_DAY_MONTH_YEAR = re.compile(r"(?:le )?(\d{1,2})(?:er)?[ \-/]+([a-z]+)\.?[ \-/,]+(\d{2}|\d{4})")
# "jun 14, 2013", "june 14 2013"
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})")


class DateError(ValueError):
    """A date that is present but cannot be trusted; the message says why, for the warning."""


def _show(raw: str) -> str:
    """The value as quoted in a warning, cut so a 10,000-character cell stays one short line."""
    raw = " ".join(raw.split())
    return raw if len(raw) <= 40 else raw[:39] + "…"


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _build(year: int, month: int, day: int, raw: str) -> dt.date:
    if not 1900 <= year <= 2100:
        raise DateError(f'cannot read the date "{_show(raw)}" (year {year})')
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f'"{_show(raw)}" is not a real date') from None


def parse_date(raw: str) -> dt.date | None:
    """The date written in `raw`, None when it is empty, DateError when it cannot be trusted."""
    text = fold(raw).strip(" .")
    if not text:
        return None
    if match := _ISO.fullmatch(text):
        return _build(int(match[1]), int(match[2]), int(match[3]), raw)
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        month = _MONTHS.get(match[2])
        if month is not None:
            return _build(_year(match[3]), month, int(match[1]), raw)
    if match := _MONTH_DAY_YEAR.fullmatch(text):
        month = _MONTHS.get(match[1])
        if month is not None:
            return _build(int(match[3]), month, int(match[2]), raw)
    if match := _NUMERIC.fullmatch(text):
        first, second, year = int(match[1]), int(match[2]), _year(match[3])
        if first > 12 or first == second:
            return _build(year, second, first, raw)
        if second > 12:
            return _build(year, first, second, raw)
        raise DateError(
            f'the date "{_show(raw)}" could be day/month or month/day; write it as YYYY-MM-DD'
        )
    raise DateError(f'cannot read the date "{_show(raw)}"')
