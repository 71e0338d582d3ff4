"""What every command shares: opening the workspace, printing text or JSON, parsing small values."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from handpicked.core.clock import MAX_COUNT, MAX_DAYS
from handpicked.core.db import Workspace, default_home
from handpicked.core.errors import HandpickedError, Hint, add_hint
from handpicked.core.text import escape_controls, safe_text


class CommandError(HandpickedError):
    """A usage problem found after parsing (e.g. a missing editor); exit code 1."""


CLI_HINTS: dict[Hint, str] = {
    Hint.FIND_CONTACT: "list ids with: handpicked contacts --search NAME",
    Hint.DO_NOT_CONTACT: (
        "remove --contact {id}, or take them off the list with handpicked dnc remove {id}"
    ),
    Hint.ALLOW_LARGE: "pass --allow-large if you really mean it",
    Hint.NAME_PEOPLE: (
        "loosen the filters (see the counts with handpicked facets) or name people with "
        "--contact ID"
    ),
    Hint.INCLUDE_RECENT: (
        "loosen the filters (pass --not-contacted-days 0 to include recent ones) or name people "
        "with --contact ID"
    ),
    Hint.NAME_TWO: "name the two with --contact ID --contact ID",
    Hint.CAMPAIGN_NAME: "e.g. handpicked compose spring-event --template reconnect ...",
    Hint.NEW_CAMPAIGN: "create one with handpicked compose {name} --template NAME",
    Hint.CAMPAIGN_MEMBERS: "see who is with handpicked preview {campaign}",
    Hint.MISSING_VALUES: "give each with --var NAME=VALUE, e.g. --var {key}=...",
    Hint.VALUE_FOR_ALL: "use --var {key}=... for every language",
    Hint.SUBJECT: "give one with --subject TEXT",
    Hint.SMTP_SETTING: "handpicked config set {key} {example}",
    Hint.PASSWORD: "store it again with: handpicked auth set",
    Hint.NAME_COLUMN: 'or map one with --map "{example}=first_name"',
    Hint.NO_MAPPING: "import this file without --map",
    Hint.COMPANY_NAME: 'e.g. handpicked sector set "Desjardins" "Financial Services"',
    Hint.EXCEL: "--excel applies to --format csv only",
    Hint.WORKSPACE: "choose another with --workspace DIR",
    Hint.RETRY_FAILED: "to try again: handpicked mark {campaign} queued {id}",
    Hint.CHECK_SENT: (
        "check your Sent folder, then run handpicked mark {campaign} sent {id} (or queued, to "
        "send it again)"
    ),
}
"""What to type, for each situation the core names: the core's messages hold no flags."""


def cli_message(err: HandpickedError) -> str:
    """The `error: ...` text of a core error: its plain sentence, then the flag that fixes it."""
    return cli_hint(str(err), err.hint, err.facts)


def cli_hint(message: str, hint: Hint | None, facts: Mapping[str, object]) -> str:
    """`message` and the CLI's sentence for `hint`; a campaign's name is quoted for the shell,
    since the sentence is a command to paste."""
    quoted = {k: shlex.quote(str(v)) if k in ("campaign", "name") else v for k, v in facts.items()}
    return add_hint(message, CLI_HINTS, hint, quoted)


_OPENED: list[Workspace] = []


def workspace(args: argparse.Namespace) -> Workspace:
    """The workspace named by --workspace, else HANDPICKED_HOME, else the user data folder."""
    ws = Workspace(workspace_home(args))
    _OPENED.append(ws)
    return ws


def close_workspaces() -> None:
    """Close what `workspace` opened: each checkpoints its log into the database file, so the
    file alone (what a user backs up) holds every change."""
    while _OPENED:
        _OPENED.pop().close()


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
    if hasattr(value, "model_dump"):  # a pydantic model, without importing pydantic to ask
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
