"""Import several files: each parsed and stored on its own, one failure never stops the others."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from handpicked.core.bulk import paused_gc
from handpicked.core.contacts.importers import CANCELLED, never, parse_file
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
) -> list[FileReport]:
    """Import each file in its own transaction; a failed file carries its error, stores nothing.

    `cancelled` (the TUI's worker, when the user pressed Esc or quit) is asked while a file is
    read and before its transaction commits: a cancelled import stores nothing.
    """
    reports = []
    for path in paths:
        try:
            if cancelled():
                raise HandpickedError(f"{path}: {CANCELLED}")
            with paused_gc():
                parsed = parse_file(Path(path), fmt, mapping or None, cancelled)
                reports.append(import_file(ws, parsed, dry_run=dry_run, cancelled=cancelled))
        except HandpickedError as err:
            reports.append(FileReport(path=str(path), error=str(err)))
    return reports
