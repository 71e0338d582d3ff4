"""Today's date for every rule (the 30-day rule, keep in touch, stored events).

One function so that HANDPICKED_TODAY can fix the date for tests and demos, and a date that
would break date arithmetic (year 1) is refused where it is read.
"""

from __future__ import annotations

import datetime as dt
import os

from handpicked.core.errors import HandpickedError

EARLIEST_TODAY = dt.date(1900, 1, 1)
"""The earliest HANDPICKED_TODAY: rules look a century back at most, and year 1 has no past."""

# Bounds on the numbers a user gives (settings, a --limit, days back): here rather than with the
# models, so that a command checks its --limit without loading pydantic (half its start-up).
MAX_COUNT = 1_000_000
"""The most people, rows or characters any setting or --limit may name: more is a typo."""
MAX_DAYS = 36_500
"""The longest look back in days (a century): beyond it dates fall off the calendar."""


def today() -> dt.date:
    """Today's date, or HANDPICKED_TODAY (YYYY-MM-DD) so tests never depend on the calendar."""
    fixed = os.environ.get("HANDPICKED_TODAY", "").strip()
    if not fixed:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(fixed)
    except ValueError:
        raise HandpickedError(
            f"HANDPICKED_TODAY={fixed!r} is not a date: use YYYY-MM-DD or unset it"
        ) from None
    if day < EARLIEST_TODAY:
        raise HandpickedError(
            f"HANDPICKED_TODAY={fixed!r} is too early: use a date from "
            f"{EARLIEST_TODAY.isoformat()} on, or unset it"
        )
    return day


def now() -> str:
    """A timestamp for stored events: HANDPICKED_TODAY's date (at the real time of day) if set."""
    moment = dt.datetime.now().replace(microsecond=0)
    return dt.datetime.combine(today(), moment.time()).isoformat()
