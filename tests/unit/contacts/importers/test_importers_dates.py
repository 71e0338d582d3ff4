"""Dates as exports write them: English and French month names, ISO, unambiguous numbers only."""

from __future__ import annotations

import datetime as dt

import pytest

from handpicked.core.contacts.importers.dates import DateError, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 Jun 2013", dt.date(2013, 6, 14)),
        ("14 June 2013", dt.date(2013, 6, 14)),
        ("7-Feb-22", dt.date(2022, 2, 7)),
        ("07-Feb-2022", dt.date(2022, 2, 7)),
        ("2022-02-07", dt.date(2022, 2, 7)),
        ("2022/02/07", dt.date(2022, 2, 7)),
        ("2022-02-07T10:11:12Z", dt.date(2022, 2, 7)),
        ("14 juin 2013", dt.date(2013, 6, 14)),
        ("7 févr. 2022", dt.date(2022, 2, 7)),
        ("1er mars 2020", dt.date(2020, 3, 1)),
        ("3 AOÛT 2019", dt.date(2019, 8, 3)),
        ("Jun 14, 2013", dt.date(2013, 6, 14)),
        ("13/02/2022", dt.date(2022, 2, 13)),
        ("02/13/2022", dt.date(2022, 2, 13)),
        ("05/05/2020", dt.date(2020, 5, 5)),
        ("  14 Jun 2013  ", dt.date(2013, 6, 14)),
    ],
)
def test_readable_dates(text: str, expected: dt.date) -> None:
    """Verify each date form exports use is read to the right day."""
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31 Feb 2020", "not a real date"),
        ("2020-13-01", "not a real date"),
        ("07/02/2022", "day/month or month/day"),
        ("hier", "cannot read"),
        ("14 Foo 2013", "cannot read"),
        ("14 Jun 3013", "year 3013"),
    ],
)
def test_unreadable_dates_raise_with_reason(text: str, why: str) -> None:
    """Verify impossible, ambiguous and unknown dates are refused with the reason to show."""
    with pytest.raises(DateError, match=why):
        parse_date(text)


def test_empty_date_is_none() -> None:
    """Verify an empty cell is no date, not an error."""
    assert parse_date("") is None
    assert parse_date("   ") is None


def test_long_garbage_is_shortened_in_the_reason() -> None:
    """Verify a 10,000-character cell is quoted short in the warning."""
    with pytest.raises(DateError) as caught:
        parse_date("x" * 10_000)
    assert len(str(caught.value)) < 80
