"""The Pulse: how the user's network life is going, in numbers both faces can trust.

Messages per month either way over two years (LinkedIn's archive and campaign messages), the
reply rate per template, sector and language (campaign messages: replied / sent), and two figures
that let the user judge their own balance: the share of the network reached this quarter, and
how many replies came for each message sent. One function computes them all; a screen only draws.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handpicked.core.clock import today
from handpicked.core.contacts.store import pulse as stored
from handpicked.core.db import Workspace

MONTHS = 24


@dataclass(frozen=True, slots=True)
class ReplyRate:
    label: str
    sent: int
    replied: int

    @property
    def rate(self) -> float:
        return self.replied / self.sent if self.sent else 0.0


@dataclass(frozen=True, slots=True)
class Pulse:
    months: list[str]
    """The last 24 months, oldest first, as YYYY-MM (the current one last)."""
    sent: list[int]
    """Messages written each month: on LinkedIn (the archive) and campaign messages sent."""
    received: list[int]
    """Messages received each month: on LinkedIn, and replies marked on campaign messages."""
    by_template: list[ReplyRate]
    by_sector: list[ReplyRate]
    by_language: list[ReplyRate]
    quarter: str
    """This quarter, as "2026 Q4"."""
    network: int
    reached: int
    """Contacts written to or met this quarter."""

    @property
    def total_sent(self) -> int:
        return sum(self.sent)

    @property
    def total_received(self) -> int:
        return sum(self.received)

    @property
    def reached_share(self) -> float | None:
        """Of the whole network, the share reached this quarter; None with no contact."""
        return self.reached / self.network if self.network else None

    @property
    def reply_ratio(self) -> float | None:
        """Messages received per message sent over the 24 months; None when none was sent."""
        return self.total_received / self.total_sent if self.total_sent else None

    @property
    def empty(self) -> bool:
        """Nothing to plot: no message either way in 24 months and no campaign message sent."""
        return not (self.total_sent or self.total_received or self.by_template)


def _months(day: dt.date) -> list[str]:
    year, month = day.year, day.month
    out = []
    for _ in range(MONTHS):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def network_pulse(ws: Workspace, day: dt.date | None = None) -> Pulse:
    """Every figure of the Pulse screen, as of `day` (today)."""
    day = day or today()
    conn = ws.conn
    months = _months(day)
    counts = stored.per_month(conn, f"{months[0]}-01")
    first_month = (day.month - 1) // 3 * 3 + 1
    quarter_start = dt.date(day.year, first_month, 1).isoformat()

    def rates(by: str) -> list[ReplyRate]:
        return [ReplyRate(*row) for row in stored.reply_rates(conn, by)]

    return Pulse(
        months=months,
        sent=[counts.get((m, "sent"), 0) for m in months],
        received=[counts.get((m, "received"), 0) for m in months],
        by_template=rates("template"),
        by_sector=rates("sector"),
        by_language=rates("language"),
        quarter=f"{day.year} Q{(day.month - 1) // 3 + 1}",
        network=stored.network_size(conn),
        reached=stored.reached_since(conn, quarter_start),
    )
