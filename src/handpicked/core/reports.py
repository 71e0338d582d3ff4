"""What an import reads and reports: parsed rows, skipped lines, one report per file.

These are plain slotted dataclasses, not pydantic models as in `models`: every import builds
them, and `handpicked import` of 100,000 rows must not pay for loading pydantic and building
models (about a tenth of a second of its start-up) to hold a few counts and lists. They are
built only by the importers, never from outside input, so there is nothing to validate.
`models` re-exports them for the faces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from handpicked.core.errors import HandpickedError

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


@dataclass(slots=True)
class RowIssue:
    """A skipped row or an unreadable value, with the 1-based line where it starts in the file."""

    line: int
    reason: str


@dataclass(slots=True)
class ParsedFile:
    """An export read into rows: what importers return, before anything is stored."""

    path: str
    format: str  # linkedin, google, outlook, vcard or csv (`importers` refuses any other)
    rows: list[ParsedRow] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)


# The keys of LinkedIn's archive only, left out of a contacts export's JSON while None.
_ARCHIVE_ONLY = ("unmatched", "replies", "passed_over")


@dataclass(slots=True)
class FileReport:
    """What one file's import did (the `import --json` contract, one entry per file)."""

    path: str
    format: str | None = None
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    changed_position: list[int] = field(default_factory=list)
    not_in_export: int = 0
    # LinkedIn's archive only (None, and left out of the JSON, for a contacts export):
    unmatched: int | None = None  # messages or invitations whose person is no contact
    replies: int | None = None  # campaign messages found answered, now `replied`
    passed_over: str | None = None  # why an archive's file was not read (not CSV, not known)
    error: str | None = None  # set when the whole file failed; nothing of it was stored
    failure: HandpickedError | None = field(default=None, repr=False)
    """The error itself, so each face can add its own hint to `error` (not in the JSON)."""

    def as_json(self) -> dict[str, Any]:
        """The report as `import --json` prints it: `error` comes last, only when the file
        failed, and `failure` is never in it (the face words it)."""
        data: dict[str, Any] = {
            "path": self.path,
            "format": self.format,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": [{"line": i.line, "reason": i.reason} for i in self.skipped],
            "warnings": [{"line": i.line, "reason": i.reason} for i in self.warnings],
            "changed_position": list(self.changed_position),
            "not_in_export": self.not_in_export,
        }
        for key in _ARCHIVE_ONLY:
            if (value := getattr(self, key)) is not None:
                data[key] = value
        if self.error:
            data["error"] = self.error
        return data
