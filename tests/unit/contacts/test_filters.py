"""The recency rule's date arithmetic at the calendar's edges (issue #10, item 7)."""

from __future__ import annotations

import datetime as dt

from handpicked.core.contacts.filters import cutoff


def test_cutoff_beyond_the_first_day_is_the_first_day():
    """Verify a rule reaching back past year 1 means "since ever", not an OverflowError."""
    today = dt.date(2026, 11, 25)
    assert cutoff(1_000_000, today) == "0001-01-01"
    assert cutoff(10**20, today) == "0001-01-01"
    assert cutoff(30, today) == "2026-10-26"
    assert cutoff(30, dt.date(1, 1, 5)) == "0001-01-01"
