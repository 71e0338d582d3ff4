"""One filter for every way of cutting the network: `contacts`, `facets`, `compose` and the TUI.

The CLI flags, the audience of a campaign and the TUI's facet clicks all become an
`AudienceFilter`. The contacts store turns it into one parameter-bound SQL condition
(`store.conditions.where`) and `browse` into masks over the network held in memory, so a filter
means exactly the same thing on every face of the product.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class AudienceFilter:
    """Who a command or a screen is about; empty lists and None mean "no condition".

    A plain dataclass, not a pydantic model: `facets` and `contacts` build one on every start,
    and importing pydantic costs a third of that start. Its values come from argparse's types
    and the screens, already checked; `model_copy` and `model_dump` keep the pydantic spelling
    its callers use (a campaign stores `model_dump(mode="json", exclude_defaults=True)`).
    """

    search: str = ""
    company: str = ""
    has_email: bool = False
    sector: list[str] = field(default_factory=list)
    function: list[str] = field(default_factory=list)
    seniority: list[str] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)
    changed_position: bool = False
    since: dt.date | None = None
    connected_after: dt.date | None = None
    connected_before: dt.date | None = None
    exclude: list[int] = field(default_factory=list)
    not_contacted_days: int | None = None
    """Leave out anyone reached in this many days (None or 0: no such rule)."""

    def __post_init__(self) -> None:
        # A tuple of sectors is the same filter as a list of them (equality, JSON), and a stored
        # audience gives its dates as YYYY-MM-DD.
        for name in ("sector", "function", "seniority", "tag", "exclude"):
            setattr(self, name, list(getattr(self, name)))
        for name in ("since", "connected_after", "connected_before"):
            if isinstance(value := getattr(self, name), str):
                setattr(self, name, dt.date.fromisoformat(value))

    def is_empty(self) -> bool:
        return self == AudienceFilter()

    def model_copy(self, *, update: dict[str, Any] | None = None) -> AudienceFilter:
        return dataclasses.replace(self, **(update or {}))

    def model_dump(self, *, mode: str = "python", exclude_defaults: bool = False) -> dict[str, Any]:
        """The fields as a dict; mode "json" writes dates as YYYY-MM-DD."""
        empty = AudienceFilter()
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if exclude_defaults and value == getattr(empty, f.name):
                continue
            if mode == "json" and isinstance(value, dt.date):
                value = value.isoformat()
            out[f.name] = list(value) if isinstance(value, list) else value
        return out

    def model_dump_json(self, *, exclude_defaults: bool = False) -> str:
        data = self.model_dump(mode="json", exclude_defaults=exclude_defaults)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def cutoff(days: int, today: dt.date) -> str:
    """The first day `days` before `today` (YYYY-MM-DD); before the calendar's start, its start.

    A rule reaching back past year 1 means "since ever", not an OverflowError.
    """
    reachable = (today - dt.date.min).days
    return (today - dt.timedelta(days=min(days, reachable))).isoformat()
