"""What every command shares: opening the workspace, printing text or JSON, parsing small values."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from handpicked.core.db import Workspace, default_home
from handpicked.core.errors import HandpickedError
from handpicked.core.models import MAX_COUNT, MAX_DAYS
from handpicked.core.text import escape_controls, safe_text


class CommandError(HandpickedError):
    """A usage problem found after parsing (e.g. a missing editor); exit code 1."""


def workspace(args: argparse.Namespace) -> Workspace:
    """The workspace named by --workspace, else HANDPICKED_HOME, else the user data folder."""
    return Workspace(workspace_home(args))


def workspace_home(args: argparse.Namespace) -> Path:
    """The folder `workspace(args)` opens, found without opening it (for error messages)."""
    named = getattr(args, "workspace", None)
    return Path(named).expanduser() if named else default_home()


def workspace_dir(value: str) -> str:
    """argparse type for --workspace: an empty name is refused, not read as "the default".

    `--workspace "$DIR"` with DIR unset would otherwise quietly use the user's real workspace.
    """
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "an empty folder name; give a folder, or leave --workspace out to use "
            "$HANDPICKED_HOME or your user data folder"
        )
    return value


def bounded(low: int, high: int) -> Callable[[str], int]:
    """argparse type for a whole number from `low` to `high` (a usage error, exit 2, otherwise).

    A count or a number of days that SQLite or the calendar cannot hold (a limit of 10**20, a
    million days back) would otherwise fail deep inside a query, with a traceback.
    """

    def whole_number(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise argparse.ArgumentTypeError(
                f"{value!r} is not a whole number from {low:,} to {high:,}"
            )
        return number

    return whole_number


count_arg = bounded(1, MAX_COUNT)
"""A --limit: how many rows at most."""
days_arg = bounded(0, MAX_DAYS)
"""A number of days back (0 turns the rule off)."""


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON only (a stable shape)")


def _default(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, set | tuple):
        return list(value)
    raise TypeError(f"not JSON: {type(value).__name__}")


def emit_json(data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_default)
    sys.stdout.write(escape_controls(text) + "\n")


def out(text: str = "") -> None:
    """Print lines for a person; whatever stored value a caller forgot, no escape gets through."""
    sys.stdout.write(safe_text(text, multiline=True) + "\n")


def date_arg(value: str) -> dt.date:
    """argparse type for YYYY-MM-DD dates (a usage error, exit 2, otherwise)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def key_value(value: str) -> tuple[str, str]:
    """argparse type for KEY=VALUE pairs."""
    key, sep, val = value.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"{value!r} is not KEY=VALUE")
    return key.strip(), val


def one_line(text: str, width: int = 60) -> str:
    """A field shown on one line of a listing: no controls, newlines folded, long values cut."""
    flat = safe_text(text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"
