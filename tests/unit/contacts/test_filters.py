"""The recency rule's date arithmetic at the calendar's edges (issue #10, item 7)."""

from __future__ import annotations

import datetime as dt
import json

from handpicked.core.contacts.filters import AudienceFilter, cutoff


def test_cutoff_beyond_the_first_day_is_the_first_day():
    """Verify a rule reaching back past year 1 means "since ever", not an OverflowError."""
    today = dt.date(2026, 11, 25)
    assert cutoff(1_000_000, today) == "0001-01-01"
    assert cutoff(10**20, today) == "0001-01-01"
    assert cutoff(30, today) == "2026-10-26"
    assert cutoff(30, dt.date(1, 1, 5)) == "0001-01-01"


def test_stored_form_holds_only_the_conditions_and_reads_back():
    """Verify the JSON form leaves out the empty conditions, writes dates as text, and builds the
    same filter again; a copy with changes leaves the original as it was."""
    f = AudienceFilter(sector=("Education",), since=dt.date(2026, 1, 31), not_contacted_days=30)
    stored = json.loads(json.dumps(f.model_dump(mode="json", exclude_defaults=True)))
    assert stored == {"sector": ["Education"], "since": "2026-01-31", "not_contacted_days": 30}
    assert AudienceFilter(**stored) == f
    assert not f.is_empty() and AudienceFilter().is_empty()
    changed = f.model_copy(update={"search": "dev"})
    assert (changed.search, f.search) == ("dev", "")
    assert changed.model_dump()["since"] == dt.date(2026, 1, 31)
