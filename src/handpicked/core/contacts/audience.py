"""Who a campaign writes to: the filter's people, minus those who must not get another message.

Three rules keep a campaign personal. The do-not-contact list is absolute (a listed person named
explicitly is refused, not quietly dropped). Anyone reached in the last N days (messaged: a sent
message, a coffee logged with `contact touched`, a LinkedIn message; or queued in another
campaign) is left out, so nobody gets two notes in one week; a person the user names (the CLI's
`--contact`, the app's "add back") is kept anyway, with a warning on their message. And a
campaign above `audience.max` people is refused unless the user says it is meant: twenty
messages are personal notes, two hundred are a broadcast. The rules live here, in one function
the CLI (a filter) and the app (the people picked by hand) both call, and each person left out
is listed with what happened, so both faces can say it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from handpicked.core import config
from handpicked.core.clock import today
from handpicked.core.contacts.filters import AudienceFilter, cutoff
from handpicked.core.contacts.store.reach import (
    campaign_id_by_name,
    filter_matches,
    in_name_order,
    names_by_id,
    picked_matches,
    reached,
)
from handpicked.core.contacts.store.reading import get_contacts
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError, Hint
from handpicked.core.models import Contact, Reach

Reason = Literal["messaged", "queued", "do_not_contact"]


class LeftOut(BaseModel):
    """One person the rules kept out of an audience, and why, in words both faces show."""

    id: int
    name: str
    reason: Reason
    why: str
    """`messaged 3 days ago`, `queued in campaign spring`, `on the do-not-contact list`."""
    messaged_days: int | None = None
    queued_in: list[str] = Field(default_factory=list)

    @property
    def can_add_back(self) -> bool:
        """Recent contact is a judgement the user may overrule; the do-not-contact list is not."""
        return self.reason != "do_not_contact"


class Audience(BaseModel):
    """The people a campaign writes to, and who the rules left out and why (the user is told)."""

    contacts: list[Contact]
    matched: int
    left_out: dict[str, int]
    """reason -> how many: messaged, queued (in another campaign), do_not_contact."""
    left_out_people: list[LeftOut] = Field(default_factory=list)
    """Each of them, in name order."""
    recent: dict[int, Reach]
    """contact id -> how they were reached, for named contacts kept despite the rule."""


def _reach(day: str | None, queued_in: list[str], now: dt.date) -> Reach:
    days = None if day is None else max(0, (now - dt.date.fromisoformat(day)).days)
    return Reach(messaged_days=days, queued_in=queued_in)


def _criteria(f: AudienceFilter) -> bool:
    """True when the filter narrows anything (the recency rule and exclusions do not count)."""
    return f.model_copy(update={"not_contacted_days": None, "exclude": []}) != AudienceFilter()


def recent_reach(
    ws: Workspace, ids: Sequence[int], days: int | None, *, campaign_id: int | None = None
) -> dict[int, Reach]:
    """contact id -> how each of `ids` was reached within `days`, for those who were."""
    if not days or not ids:
        return {}
    now = today()
    found = reached(ws, ids, cutoff(days, now), campaign_id=campaign_id)
    return {cid: _reach(day, queued, now) for cid, (day, queued) in found.items()}


def rule_days(ws: Workspace, f: AudienceFilter | None) -> int | None:
    """The recency rule in force: the filter's, else the audience.not_contacted_days setting."""
    if f is not None:
        return f.not_contacted_days or None
    return config.load(ws).audience.not_contacted_days or None


def campaign_id(ws: Workspace, name: str | None) -> int | None:
    """The campaign called `name`, if it exists: composing into it leaves its people in."""
    if not name:
        return None
    return campaign_id_by_name(ws, name)


def select_audience(
    ws: Workspace,
    f: AudienceFilter | None,
    contact_ids: Sequence[int] = (),
    *,
    picked: Sequence[int] | None = None,
    campaign: str | None = None,
) -> Audience:
    """The filter's people and the `picked` ones, plus the named ones, in name order, after the
    exclusion rules; each person left out is listed with the reason.

    `picked` (the app's audience, chosen by hand) goes through the rules as a filter's people do;
    `contact_ids` (the CLI's `--contact`, the app's "add back") are kept anyway, with their reach
    for the warning. Named contacts alone (no filter criteria, nobody picked) make the audience
    exactly those people; nothing at all means everyone, but `picked=[]` means nobody. With
    `campaign`, that campaign's own messages neither count as recent contact nor exclude anyone.
    """
    named = list(dict.fromkeys(int(i) for i in contact_ids))
    named_set = set(named)
    named_contacts = get_contacts(ws, named) if named else []
    refused = [c for c in named_contacts if c.do_not_contact]
    if refused:
        who = ", ".join(f"{c.full_name or '(no name)'} (id {c.id})" for c in refused)
        raise HandpickedError(
            f"{who} {'is' if len(refused) == 1 else 'are'} on the do-not-contact list",
            hint=Hint.DO_NOT_CONTACT,
            id=refused[0].id,
        )
    days = rule_days(ws, f)
    if f is None and not named and picked is None:
        f = AudienceFilter(not_contacted_days=days)
    now = today()
    rows = picked_matches(ws, picked) if picked else []
    if f is not None and (_criteria(f) or (not named and picked is None)):
        seen = {i for i, _ in rows}
        rows += [row for row in filter_matches(ws, f, now) if row[0] not in seen]
        if picked:  # both: back in name order
            rank = {cid: n for n, cid in enumerate(in_name_order(ws, [i for i, _ in rows]))}
            rows.sort(key=lambda row: rank[row[0]])
    found = {}
    if days:
        found = reached(ws, None, cutoff(days, now), campaign_id=campaign_id(ws, campaign))
    chosen: list[int] = []
    why: dict[int, tuple[Reason, Reach | None]] = {}
    for cid, listed in rows:
        if listed:
            why[cid] = ("do_not_contact", None)
        elif cid in found and cid not in named_set:
            reach = _reach(*found[cid], now)
            why[cid] = (reach.reason, reach)
        else:
            chosen.append(cid)
    recent = {cid: _reach(*found[cid], now) for cid in named if cid in found}
    ordered = chosen
    if named_set - set(chosen):  # named people outside the filter: sort them in
        ordered = in_name_order(ws, set(chosen) | named_set)
    by_id = {c.id: c for c in named_contacts}
    rest = get_contacts(ws, [i for i in ordered if i not in by_id]) if ordered else []
    by_id.update((c.id, c) for c in rest)
    return Audience(
        contacts=[by_id[i] for i in ordered],
        matched=len({i for i, _ in rows} | named_set),
        left_out={
            reason: sum(1 for r, _ in why.values() if r == reason)
            for reason in ("messaged", "queued", "do_not_contact")
        },
        left_out_people=_left_out_people(ws, why),
        recent=recent,
    )


def _left_out_people(ws: Workspace, why: dict[int, tuple[Reason, Reach | None]]) -> list[LeftOut]:
    """`why` (in name order) as the list both faces show."""
    names = names_by_id(ws, why)
    people = []
    for cid, (reason, reach) in why.items():
        if reach is None:
            people.append(LeftOut(id=cid, name=names[cid], reason=reason,
                                  why="on the do-not-contact list"))  # fmt: skip
        else:
            people.append(LeftOut(
                id=cid, name=names[cid], reason=reason, why=reach.describe(),
                messaged_days=reach.messaged_days, queued_in=reach.queued_in,
            ))  # fmt: skip
    return people


def left_out_summary(people: Sequence[LeftOut], days: int | None) -> str:
    """`3 messaged in the last 30 days, 2 queued in campaign spring, 1 on the do-not-contact
    list`: the reasons counted, for a sentence of either face ("" when nobody was left out)."""
    parts = []
    messaged = sum(1 for p in people if p.reason == "messaged")
    if messaged:
        parts.append(f"{messaged} messaged in the last {days} days")
    queued = [p for p in people if p.reason == "queued"]
    if queued:
        where = sorted({name for p in queued for name in p.queued_in})
        shown = ", ".join(where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3 else "")
        place = f"campaign {shown}" if len(where) == 1 else f"other campaigns ({shown})"
        parts.append(f"{len(queued)} queued in {place}")
    listed = sum(1 for p in people if p.reason == "do_not_contact")
    if listed:
        parts.append(f"{listed} on the do-not-contact list")
    return ", ".join(parts)


class AudienceTooLarge(HandpickedError):
    """A campaign above audience.max people: a broadcast, refused until the user insists.

    `reason` says what is wrong without saying how to insist, since that differs: the CLI's
    hint names a flag, the TUI asks a yes/no question instead.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            f"{reason}; a message to everyone is a broadcast, not a personal note",
            hint=Hint.ALLOW_LARGE,
        )


def check_size(ws: Workspace, audience_size: int, already_in: int, *, allow_large: bool) -> None:
    """Refuse a campaign above audience.max people unless the user insisted (`allow_large`)."""
    settings = config.load(ws).audience
    total = audience_size + already_in
    if allow_large or total <= settings.max:
        return
    extra = f" (with the {already_in} already in the campaign)" if already_in else ""
    raise AudienceTooLarge(
        f"{total} people match{extra}; a campaign is for about {settings.target} "
        f"(audience.max is {settings.max}): narrow it by seniority, tag or sector"
    )
