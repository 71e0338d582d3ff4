"""Import several files: each parsed and stored on its own, one failure never stops the others.

The code for LinkedIn's archive and its history files (messages, invitations) is loaded only
when such a file is met: a contacts CSV, the common case, does not pay for it. So is the
duplicate rule's (with its pydantic models): only when an import may have made a new pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from handpicked.core.bulk import paused_gc
from handpicked.core.contacts.importers import CANCELLED, never, read_export
from handpicked.core.contacts.importers.archive import history_format, is_archive
from handpicked.core.contacts.merge.ingest import import_file
from handpicked.core.contacts.merge.store import import_formats
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.fileio import shown_path
from handpicked.core.reports import FileReport


def import_paths(
    ws: Workspace,
    paths: Sequence[Path],
    *,
    fmt: str = "auto",
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    cancelled: Callable[[], bool] = never,
    sheet: str | None = None,
) -> list[FileReport]:
    """Import each file in its own transaction; a failed file carries its error, stores nothing.

    `cancelled` (the TUI's worker, when the user pressed Esc or quit) is asked while a file is
    read and before its transaction commits: a cancelled import stores nothing. `sheet` names
    the sheet to read in spreadsheet files (the first one otherwise).
    """
    reports = []
    for path in paths:
        try:
            if cancelled():
                raise HandpickedError(f"{path}: {CANCELLED}")
            history = _history_kind(Path(path), fmt)
            if history is not None:
                reports.extend(_import_history(ws, Path(path), history, dry_run, cancelled))
                continue
            with paused_gc():
                parsed = read_export(Path(path), fmt, mapping or None, cancelled, sheet)
                reports.append(import_file(ws, parsed, dry_run=dry_run, cancelled=cancelled))
                # Let go of the rows while the collector is paused: back on with them held, its
                # first pass would walk every object the import made (0.1 s for 100,000 rows).
                del parsed
        except HandpickedError as err:
            reports.append(FileReport(path=shown_path(path), error=str(err), failure=err))
    return reports


def duplicates_after_import(ws: Workspace, reports: Iterable[FileReport]) -> int | None:
    """The suggestions an import's report points out, or None when looking cannot find new ones.

    An import that added or changed nobody brings no new pair (a re-import of the same export
    stays as quick as it is). A workspace of LinkedIn records only holds no namesake pair
    (an export lists each profile once, see `duplicates._pairs`), and its rows sharing an email
    or a profile were named by the import's own warnings: counting there would cost a fresh
    import of 100,000 connections most of a second and a third more memory, for nothing new.
    """
    if not any(r.imported or r.updated for r in reports if r.error is None):
        return None
    # Every contact came from a recorded import: when those were all LinkedIn's, so are they,
    # known without reading 100,000 contacts (some 30 ms); else the contacts tell.
    if import_formats(ws.conn) <= {"linkedin"}:
        return None
    from handpicked.core.contacts.store.merging import source_formats

    if source_formats(ws.conn) <= {"linkedin"}:
        return None
    from handpicked.core.contacts.duplicates import count_duplicates

    return count_duplicates(ws)


def _import_history(
    ws: Workspace, path: Path, kind: str, dry_run: bool, cancelled: Callable[[], bool]
) -> list[FileReport]:
    """LinkedIn's archive, or one of its history files, imported (their code loaded now)."""
    from handpicked.core.contacts.merge.archive import import_archive, import_history

    if kind == "archive":
        return import_archive(ws, path, dry_run=dry_run, cancelled=cancelled)
    return [import_history(ws, path, kind, dry_run=dry_run, cancelled=cancelled)]


def _history_kind(path: Path, fmt: str) -> str | None:
    """Which of LinkedIn's archive files this is ("archive", "messages", "invitations"), forced
    by `fmt` or seen in the file; None for a contacts export, read as before."""
    if fmt in ("messages", "invitations"):
        return fmt
    if fmt != "auto":
        return None
    if is_archive(path):
        return "archive"
    return history_format(path)
