"""One person imported twice: `contacts duplicates` suggests, `contacts merge` merges on request.

Nothing is ever merged by itself: the list says why each pair may be one person, and the user
either merges it (shown first what will be kept, and asked) or says they are two people.
"""

from __future__ import annotations

import argparse
import sys

from handpicked.commands.common import CommandError, add_json, emit_json, one_line, out, workspace
from handpicked.core import contacts as core
from handpicked.core.text import safe_text


def register(contacts: argparse.ArgumentParser) -> None:
    """Add `merge` and `duplicates` under the `contacts` command."""
    sub = contacts.add_subparsers(dest="contacts_command", metavar="ACTION", required=False)
    d = sub.add_parser(
        "duplicates", help="people who may be imported twice (LinkedIn and Google...), and why"
    )
    d.add_argument(
        "--dismiss",
        nargs=2,
        type=int,
        metavar="ID",
        help="say these two contacts are different people: never suggested again",
    )
    add_json(d)
    d.set_defaults(handler=run_duplicates)
    m = sub.add_parser(
        "merge", help="merge the second contact into the first, keeping both histories"
    )
    m.add_argument("keep", type=int, metavar="ID", help="the contact to keep")
    m.add_argument("other", type=int, metavar="ID", help="the contact merged into it, then deleted")
    m.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_json(m)
    m.set_defaults(handler=run_merge)


def run_duplicates(args: argparse.Namespace) -> int:
    ws = workspace(args)
    if args.dismiss:
        first, second = args.dismiss
        new = core.dismiss_duplicate(ws, first, second)
        if args.json:
            emit_json({"dismissed": [first, second], "new": new})
        elif new:
            out(f"{first} and {second} are two people: they will not be suggested again")
        else:
            out(f"{first} and {second} were already recorded as two people")
        return 0
    found = core.duplicate_suggestions(ws)
    if args.json:
        emit_json([s.model_dump() | {"why": s.why} for s in found])
        return 0
    for s in found:
        keep, other = one_line(s.keep_name, 30), one_line(s.other_name, 30)
        out(f"{s.keep:>6}  {keep:<30}  and {s.other:>6}  {other}")
        out(f"        {one_line(s.why, 100)}")
    if found:
        out(
            f"{len(found)} possible duplicate{'s' if len(found) != 1 else ''}; merge one with:"
            " handpicked contacts merge KEEP OTHER, or say two people with:"
            " handpicked contacts duplicates --dismiss ID ID"
        )
    else:
        out("No possible duplicates.")
    return 0


def _say(text: str, *, aside: bool) -> None:
    """A line for the person; `aside` (under --json) on stderr, so stdout stays JSON only."""
    if aside:
        sys.stderr.write(safe_text(text, multiline=True) + "\n")
    else:
        out(text)


def run_merge(args: argparse.Namespace) -> int:
    ws = workspace(args)
    plan = core.merge_plan(ws, args.keep, args.other)  # an unknown id fails here, unasked
    if not args.yes:
        if not (sys.stdin and sys.stdin.isatty()):
            raise CommandError(
                f"no terminal to confirm merging contact {args.other} into {args.keep};"
                " add --yes to merge"
            )
        for line in plan.lines():
            _say(line, aside=args.json)
        stream = sys.stderr if args.json else sys.stdout
        stream.write(f"Merge contact {args.other} into {args.keep}? [y/N] ")
        stream.flush()
        try:
            answer = input()
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            _say("Nothing merged.", aside=args.json)
            return 0
    done = core.merge_contacts(ws, args.keep, args.other)
    if args.json:
        emit_json(done.model_dump() | {"lines": done.lines()})
        return 0
    if args.yes:  # not shown before: say what was done
        for line in done.lines():
            out(line)
    out(f"Merged contact {args.other} into {args.keep}.")
    return 0
