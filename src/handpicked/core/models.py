"""What crosses module boundaries: contacts, import reports, audiences, templates, messages.

Pydantic models at the edges (the CLI's JSON, the TUI's screens, the templates' context) so every
shape is validated and documented once. Hot loops (parsing 100,000 rows) use `ParsedRow`, a plain
slotted dataclass, because building a validated model per row would dominate the import time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

from pydantic import BaseModel, Field

from handpicked.core.errors import HandpickedError

Format = Literal["linkedin", "google", "outlook", "vcard", "csv"]
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

# Fields an import column can be mapped to with `--map HEADER=FIELD`.
MAP_TARGETS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "full_name",
    "email",
    "company",
    "position",
    "profile_url",
    "connected_on",
    "sector",
    "tags",
    "notes",
)


@dataclass(slots=True)
class ParsedRow:
    """One usable row of an export, cleaned but not yet matched against the workspace."""

    line: int
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    company: str = ""
    position: str = ""
    profile_url: str = ""
    connected_on: dt.date | None = None
    sector: str = ""  # a sector/industry column's label, as written in the file
    tags: list[str] = field(default_factory=list)
    notes: str = ""


class RowIssue(BaseModel):
    """A skipped row or an unreadable value, with the 1-based line where it starts in the file."""

    line: int
    reason: str


class ParsedFile(BaseModel):
    """An export read into rows: what importers return, before anything is stored."""

    path: str
    format: Format
    rows: list[ParsedRow] = Field(default_factory=list)
    skipped: list[RowIssue] = Field(default_factory=list)
    warnings: list[RowIssue] = Field(default_factory=list)

    model_config = {"arbitrary_types_allowed": True}


class FileReport(BaseModel):
    """What one file's import did (the `import --json` contract, one entry per file)."""

    path: str
    format: str | None = None
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[RowIssue] = Field(default_factory=list)
    warnings: list[RowIssue] = Field(default_factory=list)
    changed_position: list[int] = Field(default_factory=list)
    not_in_export: int = 0
    # LinkedIn's archive only (None, and left out of the JSON, for a contacts export):
    unmatched: int | None = None  # messages or invitations whose person is no contact
    replies: int | None = None  # campaign messages found answered, now `replied`
    passed_over: str | None = None  # why an archive's file was not read (not CSV, not known)
    error: str | None = None  # set when the whole file failed; nothing of it was stored
    failure: HandpickedError | None = Field(None, exclude=True, repr=False)
    """The error itself, so each face can add its own hint to `error` (not in the JSON)."""

    model_config = {"arbitrary_types_allowed": True}


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
