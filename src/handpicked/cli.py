"""The headless face of handpicked: argparse subcommands over the same core calls as the TUI.

Conventions every command keeps (they are the user's contract): exit 0 on success, 1 with one
`error: ...` line on stderr for anything the user can fix, 2 for usage errors (argparse's own);
`--json` prints only JSON on stdout. A traceback is a bug, whatever the input.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sqlite3
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import Any, NoReturn

from handpicked.commands.common import (
    CommandError,
    cli_message,
    close_workspaces,
    workspace_dir,
    workspace_home,
)
from handpicked.core.db import DB_NAME, database_problem
from handpicked.core.errors import HandpickedError
from handpicked.core.text import safe_text

COMMAND_MODULES = ("setup", "importing", "contacts", "campaigns", "email")
"""The modules under handpicked.commands, in the order `handpicked --help` lists their commands."""

COMMANDS: dict[str, str] = {
    **dict.fromkeys(("config", "demo", "ui"), "setup"),
    "import": "importing",
    **dict.fromkeys(
        ("contacts", "facets", "contact", "tag", "sector", "reclassify", "dnc"), "contacts"
    ),
    **dict.fromkeys(
        ("templates", "compose", "preview", "edit", "mark", "campaigns", "campaign", "history"),
        "campaigns",
    ),
    "export": "campaigns",
    **dict.fromkeys(("auth", "send"), "email"),
}
"""Which module registers each command: a command line builds only its own module's parser.

Importing every command module (campaigns, e-mail, import, and what each loads) costs as much as
starting Textual, more than `facets` itself; a command missing here still works, parsed with all.
"""


def _command(argv: Sequence[str]) -> str | None:
    """The command named in `argv` (the first word that is not an option or its value); None
    when the whole list of commands is wanted (`handpicked -h facets` lists them all).

    No command at all opens the app ("ui"): its start must not pay for every command's parser.
    """
    words = iter(argv)
    for word in words:
        if not word.startswith("-"):
            return word
        long = len(word) > 2  # argparse takes a prefix: --work DIR, --he
        if word == "-h" or (long and "--help".startswith(word)):
            return None
        if long and "--workspace".startswith(word):
            next(words, None)
    return "ui"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with `command` known, one holding only its module's commands."""
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
    parser.add_argument("--version", action=_Version, help="the installed version, and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = [COMMANDS[command]] if command in COMMANDS else COMMAND_MODULES
    for name in modules:
        import_module(f"handpicked.commands.{name}").register(sub)
    _workspace_after_commands(parser)
    return parser


class _Version(argparse.Action):
    """`--version`: read from the installed package only when asked (no command pays for it)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, nargs=0, help=kwargs.get("help"))

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        from importlib.metadata import version

        print(f"handpicked {version('handpicked')}")
        parser.exit()


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
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(_command(argv)).parse_args(argv)
    handler = getattr(args, "handler", None)
    try:
        if handler is None:
            from handpicked.commands.setup import run_ui

            return run_ui(args)
        return int(handler(args) or 0)
    except (HandpickedError, CommandError) as err:
        print(f"error: {safe_text(cli_message(err))}", file=sys.stderr)  # it may quote a file name
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
    argv = sys.argv[1:]
    code = main(argv)
    if _command(argv) in ("ui", "demo"):
        sys.exit(code)  # the app's way out: Textual has put the terminal back already
    _exit_now(code)


def _exit_now(code: int) -> NoReturn:
    """End a command without CPython's teardown of every module and object, 30 to 60 ms of a
    command (pyarrow's modules, an import's rows) for memory the OS takes back at once; mypy
    ends the same way. What that teardown did which matters is done first: the workspaces are
    closed, their log checkpointed into the database file, and the output is flushed."""
    with contextlib.suppress(sqlite3.Error):  # committed already: the next open checkpoints
        close_workspaces()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader gone (`| head`), or closed
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
