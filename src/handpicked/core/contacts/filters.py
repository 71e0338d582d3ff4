"""One filter for every way of cutting the network: `contacts`, `facets`, `compose` and the TUI.

The CLI flags, the audience of a campaign and the TUI's facet clicks all become an
`AudienceFilter`. The contacts store turns it into one parameter-bound SQL condition
(`store.conditions.where`) and `browse` into masks over the network held in memory, so a filter
means exactly the same thing on every face of the product.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class AudienceFilter(BaseModel):
    """Who a command or a screen is about; empty lists and None mean "no condition"."""

    search: str = ""
    company: str = ""
    has_email: bool = False
    sector: list[str] = Field(default_factory=list)
    function: list[str] = Field(default_factory=list)
    seniority: list[str] = Field(default_factory=list)
    tag: list[str] = Field(default_factory=list)
    changed_position: bool = False
    since: dt.date | None = None
    connected_after: dt.date | None = None
    connected_before: dt.date | None = None
    exclude: list[int] = Field(default_factory=list)
    not_contacted_days: int | None = None
    """Leave out anyone reached in this many days (None or 0: no such rule)."""

    def is_empty(self) -> bool:
        return self == AudienceFilter()


def cutoff(days: int, today: dt.date) -> str:
    """The first day `days` before `today` (YYYY-MM-DD); before the calendar's start, its start.

    A rule reaching back past year 1 means "since ever", not an OverflowError.
    """
    reachable = (today - dt.date.min).days
    return (today - dt.timedelta(days=min(days, reachable))).isoformat()
