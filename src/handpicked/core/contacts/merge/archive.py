"""LinkedIn's data archive imported as delivered: the zip (or its folder), each file it holds.

Connections come first, so that invitations and messages find their people; invitations next,
since the OUTGOING ones name the owner. Every file is its own transaction and its own report,
and a file handpicked does not read is reported as passed over, never silently.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from handpicked.core.bulk import paused_gc
from handpicked.core.contacts.importers import parse_bytes
from handpicked.core.contacts.importers.archive import ArchiveTooBig, Member, members, single
from handpicked.core.contacts.importers.layouts import never
from handpicked.core.contacts.merge.history import (
    import_invitations,
    import_messages,
    keep_owner,
    owner_url,
)
from handpicked.core.contacts.merge.ingest import import_file
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.fileio import shown_path
from handpicked.core.reports import FileReport

# The archive's files handpicked reads, in the order they are imported.
KNOWN = {
    "connections.csv": "linkedin",
    "invitations.csv": "invitations",
    "messages.csv": "messages",
}
_ORDER = {kind: rank for rank, kind in enumerate(KNOWN.values())}


def import_archive(
    ws: Workspace,
    path: Path,
    *,
    dry_run: bool = False,
    cancelled: Callable[[], bool] = never,
) -> list[FileReport]:
    """Import every file of the archive it understands; one report per file it holds."""
    try:
        with members(path) as found:
            return _import_members(ws, path, found, dry_run, cancelled)
    except HandpickedError as err:  # an unreadable zip, or one too big to open
        return [FileReport(path=shown_path(path), error=str(err), failure=err)]


def _import_members(
    ws: Workspace,
    path: Path,
    found: list[Member],
    dry_run: bool,
    cancelled: Callable[[], bool],
) -> list[FileReport]:
    found.sort(key=lambda m: _ORDER.get(KNOWN.get(m.base.lower(), ""), len(_ORDER)))
    if not any(m.base.lower() in KNOWN for m in found):
        return [
            FileReport(
                path=shown_path(path),
                error=f"{path}: holds no Connections.csv, messages.csv or Invitations.csv;"
                " is it LinkedIn's data archive?",
            )
        ]
    reports: list[FileReport] = []
    owner = owner_url(ws)
    for member in found:
        kind = KNOWN.get(member.base.lower())
        if kind is None:
            csv = member.base.lower().endswith(".csv")
            why = "not a file handpicked reads" if csv else "not a CSV file"
            reports.append(FileReport(path=member.name, passed_over=why))
            continue
        try:
            report = _import_member(ws, member, kind, owner, dry_run, cancelled)
        except ArchiveTooBig as err:
            reports.append(FileReport(path=shown_path(path), error=str(err), failure=err))
            break  # every later file would say the same
        except HandpickedError as err:
            reports.append(FileReport(path=member.name, error=str(err), failure=err))
            continue
        if isinstance(report, tuple):
            report, found_owner = report
            if not owner and found_owner:
                owner = found_owner
                if not dry_run:
                    keep_owner(ws, owner)
        reports.append(report)
    return reports


def import_history(
    ws: Workspace,
    path: Path,
    kind: str,
    *,
    dry_run: bool = False,
    cancelled: Callable[[], bool] = never,
) -> FileReport:
    """A `messages.csv` or `Invitations.csv` imported on its own."""
    report = _import_member(ws, single(path), kind, owner_url(ws), dry_run, cancelled)
    if isinstance(report, tuple):
        report, found_owner = report
        if not dry_run:
            keep_owner(ws, found_owner)
    return report


def _import_member(
    ws: Workspace,
    member: Member,
    kind: str,
    owner: str,
    dry_run: bool,
    cancelled: Callable[[], bool],
) -> FileReport | tuple[FileReport, str]:
    if kind == "linkedin":
        with paused_gc():  # as for any contacts export (see `files.import_paths`)
            parsed = parse_bytes(member.read(), member.name, "linkedin")
            return import_file(ws, parsed, dry_run=dry_run, cancelled=cancelled)
    if kind == "invitations":
        with member.lines() as lines:
            return import_invitations(ws, lines, member.name, dry_run=dry_run, cancelled=cancelled)
    return import_messages(
        ws, member.lines, member.name, owner=owner, dry_run=dry_run, cancelled=cancelled
    )
