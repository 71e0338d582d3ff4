"""What crosses module boundaries: contacts, import reports, audiences, templates, messages.

Pydantic models at the edges (the CLI's JSON, the TUI's screens, the templates' context) so every
shape is validated and documented once. What an import reads and reports (`ParsedRow`,
`ParsedFile`, `RowIssue`, `FileReport`) are plain dataclasses in `reports`, re-exported here for
the faces: an import of 100,000 rows must not pay for pydantic, nor build a model per row.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, Field

# Re-exported for the faces (`as` marks them so for mypy).
from handpicked.core.reports import MAP_TARGETS as MAP_TARGETS
from handpicked.core.reports import FileReport as FileReport
from handpicked.core.reports import ParsedFile as ParsedFile
from handpicked.core.reports import ParsedRow as ParsedRow
from handpicked.core.reports import RowIssue as RowIssue

SectorSource = Literal["contact", "company", "column", "dictionary", "rule", "none"]
RoleSource = Literal["contact", "rule", "none"]
# Where a message stands (MessageView.status): "draft" is an unsaved one, the compose preview's,
# never stored; the others are the queue's, which the history counts (STATUSES).
Status = Literal["draft", "queued", "sending", "sent", "failed", "skipped", "replied"]
STATUSES: tuple[str, ...] = tuple(status for status in get_args(Status) if status != "draft")
Channel = Literal["linkedin-message", "connection-note", "inmail", "email"]
CHANNELS: tuple[str, ...] = ("linkedin-message", "connection-note", "inmail", "email")
# What a user may record by hand (`mark`), and the send-list formats (`export`): here, not in
# campaigns/, so the CLI's parser can offer them without loading the campaign code.
MARKABLE: tuple[str, ...] = ("sent", "replied", "skipped", "queued")
EXPORT_FORMATS: tuple[str, ...] = ("csv", "json", "md", "html")


class PreviousPosition(BaseModel):
    company: str
    position: str
    until: dt.date | None = None


class InteractionCounts(BaseModel):
    """Messages and invitations either way, from LinkedIn's archive."""

    sent: int = 0
    received: int = 0


class Contact(BaseModel):
    """A person in the workspace, with everything a filter, a template or a screen may need."""

    id: int
    first_name: str = ""
    last_name: str = ""
    greeting_name: str = ""
    email: str = ""
    profile_url: str = ""
    company: str = ""
    position: str = ""
    previous_positions: list[PreviousPosition] = Field(default_factory=list)
    connected_on: dt.date | None = None
    sector: str = "Unclassified"
    sector_source: SectorSource = "none"
    function: str = "Unclassified"
    function_source: RoleSource = "none"
    seniority: str = "Unclassified"
    seniority_source: RoleSource = "none"
    language: str = "en"
    tags: list[str] = Field(default_factory=list)
    notes: str = ""
    fields: dict[str, str] = Field(default_factory=dict)
    source_path: str = ""
    source_format: str = ""
    imported_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    last_contacted: dt.date | None = None
    last_heard_from: dt.date | None = None  # their latest message in LinkedIn's archive
    interactions: InteractionCounts = Field(default_factory=lambda: InteractionCounts())
    do_not_contact: bool = False

    @property
    def full_name(self) -> str:
        first, last = self.first_name, self.last_name
        return f"{first} {last}" if first and last else first or last


class Reach(BaseModel):
    """Why someone counts as recently reached, said as what happened: both faces show it.

    Messaged is contact that took place (a campaign message marked sent or replied, a contact
    logged by hand, a message written on LinkedIn); queued is only a message waiting in another
    campaign, which must never read as "contacted".
    """

    messaged_days: int | None = None
    """Days since the latest of them within the rule's window (0: today); None: none."""
    queued_in: list[str] = Field(default_factory=list)
    """The other campaigns where a message to them is still queued (or being sent)."""

    @property
    def reason(self) -> Literal["messaged", "queued"]:
        return "messaged" if self.messaged_days is not None else "queued"

    def describe(self) -> str:
        """`messaged 3 days ago`, `queued in campaign spring`, or both."""
        parts = []
        days = self.messaged_days
        if days is not None:
            parts.append("messaged today" if days <= 0 else f"messaged {_days(days)} ago")
        if self.queued_in:
            plural = "s" if len(self.queued_in) > 1 else ""
            parts.append(f"queued in campaign{plural} {', '.join(self.queued_in)}")
        return "; ".join(parts)


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"
