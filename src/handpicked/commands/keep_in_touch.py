"""Keep in touch from the command line: `contacts --overdue`, `contact set --cadence`,
`contact snooze`, `tag cadence`. The core decides who is overdue and says why; this prints it."""

from __future__ import annotations

import argparse

from handpicked.commands.common import bounded, emit_json, one_line, out, workspace
from handpicked.core import contacts as core
from handpicked.core.clock import MAX_DAYS
from handpicked.core.text import safe_text

snooze_days = bounded(1, MAX_DAYS)


def cadence_arg(value: str) -> int:
    """argparse type for a cadence: days from 1 to MAX_DAYS, or 0 / `none` to clear (0 then)."""
    if value.strip().lower() in {"none", "0"}:
        return 0
    try:
        return bounded(1, MAX_DAYS)(value)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a cadence: a whole number of days from 1 to {MAX_DAYS:,},"
            " or none (0) to clear it"
        ) from None


def add_cadence(contact_set: argparse.ArgumentParser) -> None:
    contact_set.add_argument(
        "--cadence",
        type=cadence_arg,
        metavar="DAYS",
        help="keep in touch every DAYS days (0 or none: back to the tags' or the default)",
    )


def register_snooze(contact: argparse._SubParsersAction) -> None:
    sn = contact.add_parser("snooze", help="leave someone off the overdue list for N days")
    sn.add_argument("id", type=int)
    sn.add_argument("--days", type=snooze_days, required=True, metavar="N")
    sn.set_defaults(handler=run_snooze)


def register_tag_cadence(tag: argparse._SubParsersAction) -> None:
    tc = tag.add_parser("cadence", help="keep in touch with TAG's people every DAYS days")
    tc.add_argument("tag")
    tc.add_argument("days", type=cadence_arg, metavar="DAYS", help="0 or none removes it")
    tc.set_defaults(handler=run_tag_cadence)


def add_overdue(contacts: argparse.ArgumentParser) -> None:
    contacts.add_argument(
        "--overdue",
        action="store_true",
        help="only people past their keep-in-touch cadence, the most overdue first, with why",
    )


def cadence_words(days: int | None) -> str:
    return f"every {days} day{'s' if days != 1 else ''}" if days else "no cadence"


def run_overdue(args: argparse.Namespace, f: core.AudienceFilter) -> int:
    ws = workspace(args)
    found = core.overdue(ws, f)[: args.limit]
    people = core.get_contacts(ws, [k.contact_id for k in found])
    if args.json:
        from handpicked.commands.contacts import contact_json

        emit_json([contact_json(c) | k.as_json() for c, k in zip(people, found, strict=True)])
        return 0
    for contact, standing in zip(people, found, strict=True):
        name = one_line(contact.full_name or "(no name)", 28)
        out(f"{contact.id:>6}  {name:<28}  {one_line(standing.why, 100)}")
    out(f"{len(found)} overdue")
    if not found and not core.cadence_set(ws):
        out(
            "nobody has a cadence yet: set one with handpicked contact set ID --cadence DAYS,"
            " handpicked tag cadence TAG DAYS, or for everyone with handpicked config set"
            " keep_in_touch.cadence_days DAYS"
        )
    return 0


def show_cadence(standing: core.KeepInTouch) -> None:
    """What `contact set --cadence` left: the cadence, and where the person stands now."""
    out(f"{safe_text(standing.name)}: keep in touch {cadence_words(standing.cadence)}")
    out(f"  {safe_text(standing.why)}")


def run_snooze(args: argparse.Namespace) -> int:
    until = core.snooze(workspace(args), args.id, args.days)
    out(f"contact {args.id} snoozed: off the overdue list until {until.isoformat()}")
    return 0


def run_tag_cadence(args: argparse.Namespace) -> int:
    name, changed = core.set_tag_cadence(workspace(args), args.tag, args.days or None)
    if args.days:
        out(f"tag {safe_text(name)!r}: keep in touch {cadence_words(args.days)}")
    elif changed:
        out(f"tag {safe_text(name)!r}: cadence removed")
    else:
        out(f"tag {safe_text(name)!r} had no cadence")
    return 0
