"""The headless face of handpicked: argparse subcommands over the same core calls as the TUI.

Conventions every command keeps (they are the user's contract): exit 0 on success, 1 with one
`error: ...` line on stderr for anything the user can fix, 2 for usage errors (argparse's own);
`--json` prints only JSON on stdout. A traceback is a bug, whatever the input.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence

from handpicked.commands import campaigns, contacts, email, importing, setup
from handpicked.commands.common import CommandError, workspace_dir, workspace_home
from handpicked.core.db import DB_NAME, database_problem
from handpicked.core.errors import HandpickedError
from handpicked.core.text import safe_text

COMMAND_MODULES = (setup, importing, contacts, campaigns, email)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handpicked",
        description="Pick the twenty people a piece of news concerns and write to each personally.",
    )
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        type=workspace_dir,
        help="workspace folder (default: $HANDPICKED_HOME, else your user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    _workspace_after_commands(parser)
    return parser


def _workspace_after_commands(parser: argparse.ArgumentParser) -> None:
    """Let every (sub)command take --workspace too: people add it at the end of a command line.

    SUPPRESS leaves the attribute unset when the flag is absent, so a value given before the
    command survives; one given after the command is parsed later and wins.
    """
    seen: set[int] = set()
    stack = [parser]
    while stack:
        for action in stack.pop()._actions:
            if not isinstance(action, argparse._SubParsersAction):
                continue
            for child in action.choices.values():
                if id(child) in seen:
                    continue
                seen.add(id(child))
                child.add_argument(
                    "--workspace",
                    metavar="DIR",
                    type=workspace_dir,
                    default=argparse.SUPPRESS,
                    help="workspace folder (also accepted before the command)",
                )
                stack.append(child)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            return setup.run_ui(args)
        return int(handler(args) or 0)
    except (HandpickedError, CommandError) as err:
        print(f"error: {safe_text(err)}", file=sys.stderr)  # it may quote a hostile file name
        return 1
    except sqlite3.Error as err:  # a lock, a full disk, a damaged file: each its own sentence
        problem = database_problem(workspace_home(args) / DB_NAME, err)
        print(f"error: {safe_text(problem)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
