"""`handpicked import`: read exports into the workspace, one transaction per file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from handpicked.commands.common import add_json, cli_message, emit_json, key_value, out, workspace
from handpicked.core import contacts
from handpicked.core.errors import HandpickedError
from handpicked.core.text import safe_text

if TYPE_CHECKING:  # the models module loads pydantic, which an import never needs
    from handpicked.core.models import FileReport


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="import contact exports (LinkedIn, Google, Outlook, vCard, CSV)"
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument(
        "--format",
        default="auto",
        choices=["auto", "linkedin", "google", "outlook", "vcard", "csv", "messages"],
        help="auto reads LinkedIn's data archive (zip or folder) and its messages.csv too",
    )
    p.add_argument(
        "--map",
        action="append",
        type=key_value,
        default=[],
        metavar="HEADER=FIELD",
        help='map a column by hand, e.g. --map "Mon entête=company"',
    )
    p.add_argument(
        "--sheet", metavar="NAME", help="in .xlsx/.ods files, the sheet to read (default: first)"
    )
    p.add_argument("--dry-run", action="store_true", help="report what would happen, write nothing")
    add_json(p)
    p.set_defaults(handler=run)


def summary(report: FileReport, *, dry_run: bool = False) -> list[str]:
    """The human summary of one file's import (shared with the TUI's import notice).

    A file name is as hostile as a field (escapes and bidi controls are legal in names), and
    reasons may quote the file's values, so both are shown through `safe_text`.
    """
    name = safe_text(report.path)
    if report.error:
        return [f"{name}: failed, nothing imported"]
    if report.passed_over:
        return [f"{name}: passed over ({report.passed_over})"]
    if report.unmatched is not None:  # LinkedIn's messages or invitations
        verb = "would store" if dry_run else "stored"
        lines = [
            f"{name} ({report.format}): {verb} {report.imported}, already stored"
            f" {report.unchanged}, skipped {len(report.skipped)}, not a contact {report.unmatched}"
        ]
        if report.replies:
            lines.append(f"  {report.replies} campaign messages replied to (now marked replied)")
        for issue in report.skipped[:5]:
            lines.append(f"  line {issue.line}: skipped: {safe_text(issue.reason)}")
        if len(report.skipped) > 5:
            lines.append(f"  ... and {len(report.skipped) - 5} more (see --json)")
        return lines
    verb = "would import" if dry_run else "imported"
    lines = [
        f"{name} ({report.format}): {verb} {report.imported}, updated {report.updated},"
        f" unchanged {report.unchanged}, skipped {len(report.skipped)}"
    ]
    if report.changed_position:
        lines.append(
            f"  {len(report.changed_position)} changed position (see: handpicked contacts"
            " --changed-position)"
        )
    if report.not_in_export:
        lines.append(
            f"  {report.not_in_export} earlier {report.format} contacts not in this export (kept)"
        )
    for issue in report.skipped[:20]:
        lines.append(f"  line {issue.line}: skipped: {safe_text(issue.reason)}")
    for issue in report.warnings[:20]:
        lines.append(f"  line {issue.line}: warning: {safe_text(issue.reason)}")
    hidden = max(0, len(report.skipped) - 20) + max(0, len(report.warnings) - 20)
    if hidden:
        lines.append(f"  ... and {hidden} more (see --json)")
    return lines


def run(args: argparse.Namespace) -> int:
    ws = workspace(args)
    mapping = dict(args.map)
    reports = contacts.import_paths(
        ws, args.files, fmt=args.format, mapping=mapping, dry_run=args.dry_run, sheet=args.sheet
    )
    failed = [r for r in reports if r.error]
    if len(failed) == len(reports):  # nothing imported: stdout stays empty, the error says why
        for report in failed[:-1]:
            print(f"error: {safe_text(error_text(report))}", file=sys.stderr)
        raise HandpickedError(error_text(failed[-1]))
    # Nothing ever merges two contacts behind the user's back: the report points them out.
    duplicates = None if args.dry_run else contacts.duplicates_after_import(ws, reports)
    if args.json:
        data: dict = {"files": [r.as_json() for r in reports]}
        if duplicates is not None:
            data["possible_duplicates"] = duplicates
        emit_json(data)
    else:
        for report in reports:
            for line in summary(report, dry_run=args.dry_run):
                out(line)
        if duplicates:
            plural = "" if duplicates == 1 else "s"
            out(f"{duplicates:,} possible duplicate{plural}: see `handpicked contacts duplicates`")
    for report in failed:
        print(f"error: {safe_text(error_text(report))}", file=sys.stderr)
    return 1 if failed else 0


def error_text(report: FileReport) -> str:
    """Why a file failed, with the CLI's hint (the `--map` to try, say)."""
    if report.failure is not None:
        return cli_message(report.failure)
    return report.error or "import failed"
