"""What every command shares: opening the workspace, printing text or JSON, parsing small values."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from pydantic import BaseModel

from handpicked.core.errors import HandpickedError
from handpicked.core.workspace import Workspace


class CommandError(HandpickedError):
    """A usage problem found after parsing (e.g. a missing editor); exit code 1."""


def workspace(args: argparse.Namespace) -> Workspace:
    """The workspace named by --workspace, else HANDPICKED_HOME, else the user data folder."""
    return Workspace(args.workspace) if getattr(args, "workspace", None) else Workspace()


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
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_default) + "\n")


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


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
    """A field shown on one line of a listing: newlines folded, long values cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
