"""Import several files: each parsed and stored on its own, one failure never stops the others."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from handpicked.core.bulk import paused_gc
from handpicked.core.contacts.importers import CANCELLED, never, read_export
from handpicked.core.contacts.importers.archive import is_archive
from handpicked.core.contacts.merge.archive import history_format, import_archive, import_history
from handpicked.core.contacts.merge.ingest import import_file
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.models import FileReport


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
            if history == "archive":
                reports.extend(import_archive(ws, Path(path), dry_run=dry_run, cancelled=cancelled))
                continue
            if history is not None:
                reports.append(
                    import_history(ws, Path(path), history, dry_run=dry_run, cancelled=cancelled)
                )
                continue
            with paused_gc():
                parsed = read_export(Path(path), fmt, mapping or None, cancelled, sheet)
                reports.append(import_file(ws, parsed, dry_run=dry_run, cancelled=cancelled))
        except HandpickedError as err:
            reports.append(FileReport(path=str(path), error=str(err), failure=err))
    return reports


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
