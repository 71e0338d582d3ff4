"""The filter flags shared by `contacts`, `facets` and `compose` (one meaning everywhere)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from handpicked.commands.common import date_arg, days_arg
from handpicked.core import contacts

if TYPE_CHECKING:
    from handpicked.core.contacts import AudienceFilter


def add_filter_args(parser: argparse.ArgumentParser, *, audience: bool = False) -> None:
    group = parser.add_argument_group("filters (values of one flag are ORed, flags are ANDed)")
    group.add_argument(
        "--search",
        default="",
        metavar="TEXT",
        help="words in the name, company or position (accents and case ignored)",
    )
    group.add_argument("--company", default="", metavar="TEXT", help="company name contains TEXT")
    group.add_argument("--has-email", action="store_true", help="only contacts with an email")
    group.add_argument("--sector", action="append", default=[], metavar="S")
    group.add_argument("--function", action="append", default=[], metavar="F")
    group.add_argument("--seniority", action="append", default=[], metavar="L")
    group.add_argument("--tag", action="append", default=[], metavar="T")
    group.add_argument(
        "--changed-position",
        action="store_true",
        help="only people whose company or position changed (to congratulate)",
    )
    group.add_argument(
        "--since",
        type=date_arg,
        metavar="DATE",
        help="with --changed-position: changed on or after DATE",
    )
    if audience:
        group.add_argument("--connected-after", type=date_arg, metavar="DATE")
        group.add_argument("--connected-before", type=date_arg, metavar="DATE")
        group.add_argument("--exclude", action="append", type=int, default=[], metavar="ID")
    group.add_argument(
        "--not-contacted-days",
        type=days_arg,
        default=None,
        metavar="N",
        help=(
            "leave out anyone reached in the last N days (default: the audience.not_contacted_days"
            " setting; 0 turns it off)"
            if audience
            else "keep in touch: only people not reached for N days, longest silence first"
        ),
    )


def filter_from_args(
    args: argparse.Namespace, *, default_days: int | None = None
) -> AudienceFilter:
    days = args.not_contacted_days if args.not_contacted_days is not None else default_days
    return contacts.AudienceFilter(
        search=args.search,
        company=args.company,
        has_email=args.has_email,
        sector=args.sector,
        function=args.function,
        seniority=args.seniority,
        tag=args.tag,
        changed_position=args.changed_position,
        since=args.since,
        connected_after=getattr(args, "connected_after", None),
        connected_before=getattr(args, "connected_before", None),
        exclude=getattr(args, "exclude", []),
        not_contacted_days=days or None,
    )
