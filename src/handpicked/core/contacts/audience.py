"""Who a campaign writes to: the filter's people, minus those who must not get another message.

Three rules keep a campaign personal. The do-not-contact list is absolute (a listed person named
explicitly is refused, not quietly dropped). Anyone reached in the last N days (a sent message,
a message still queued in another campaign, a coffee logged with `contact touched`) is left out,
so nobody gets two notes in one week; a person the user names with `--contact` is kept anyway,
with a warning on their message. And a campaign above `audience.max` people is refused unless the
user says it is meant: twenty messages are personal notes, two hundred are a broadcast. The rules
live here, in core, so the CLI and the TUI apply the very same ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pydantic import BaseModel

from handpicked.core import config
from handpicked.core.clock import today
from handpicked.core.contacts.filters import AudienceFilter, cutoff
from handpicked.core.contacts.store.reach import (
    campaign_id_by_name,
    filter_matches,
    in_name_order,
    last_contacts,
)
from handpicked.core.contacts.store.reading import get_contacts
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.models import Contact


class Audience(BaseModel):
    """The people a campaign writes to, and how many the rules left out (the user is told)."""

    contacts: list[Contact]
    matched: int
    left_out: dict[str, int]
    recent: dict[int, int]
    """contact id -> days since last contact, for named contacts kept despite the rule."""


def _criteria(f: AudienceFilter) -> bool:
    """True when the filter narrows anything (the recency rule and exclusions do not count)."""
    return f.model_copy(update={"not_contacted_days": None, "exclude": []}) != AudienceFilter()


def recent_days(
    ws: Workspace, ids: Sequence[int], days: int | None, *, campaign_id: int | None = None
) -> dict[int, int]:
    """contact id -> days since each of `ids` was last reached, for those reached within `days`."""
    if not days or not ids:
        return {}
    now = today()
    found = last_contacts(ws, ids, cutoff(days, now), campaign_id=campaign_id)
    return {cid: max(0, (now - dt.date.fromisoformat(day)).days) for cid, day in found.items()}


def rule_days(ws: Workspace, f: AudienceFilter | None) -> int | None:
    """The recency rule in force: the filter's, else the audience.not_contacted_days setting."""
    if f is not None:
        return f.not_contacted_days or None
    return config.load(ws).audience.not_contacted_days or None


def campaign_id(ws: Workspace, name: str | None) -> int | None:
    if not name:
        return None
    return campaign_id_by_name(ws, name)


def select_audience(
    ws: Workspace,
    f: AudienceFilter | None,
    contact_ids: Sequence[int] = (),
    *,
    campaign: str | None = None,
) -> Audience:
    """The filter's people (plus the named ones), in name order, after the exclusion rules.

    Named contacts alone (no filter criteria) make the audience exactly those people. With
    `campaign`, that campaign's own messages neither count as recent contact nor exclude anyone.
    """
    named = list(dict.fromkeys(int(i) for i in contact_ids))
    named_set = set(named)
    named_contacts = get_contacts(ws, named) if named else []
    refused = [c for c in named_contacts if c.do_not_contact]
    if refused:
        who = ", ".join(f"{c.full_name or '(no name)'} (id {c.id})" for c in refused)
        raise HandpickedError(
            f"{who} {'is' if len(refused) == 1 else 'are'} on the do-not-contact list: remove "
            f"--contact {refused[0].id}, or take them off the list with handpicked dnc remove "
            f"{refused[0].id}"
        )
    days = rule_days(ws, f)
    if f is None and not named:
        f = AudienceFilter(not_contacted_days=days)
    cid = campaign_id(ws, campaign)
    left_out = {"recently_contacted": 0, "do_not_contact": 0}
    chosen: list[int] = []
    if f is not None and (_criteria(f) or not named):
        rows = filter_matches(ws, f, today())
        chosen = [cid for cid, listed in rows if not listed]
        left_out["do_not_contact"] = len(rows) - len(chosen)
        if days:
            reached = last_contacts(ws, None, cutoff(days, today()), campaign_id=cid)
            kept = [i for i in chosen if i not in reached or i in named_set]
            left_out["recently_contacted"] = len(chosen) - len(kept)
            chosen = kept
        matched_ids = {r[0] for r in rows}
    else:
        matched_ids = set()
    recent = recent_days(ws, named, days, campaign_id=cid)
    ordered = chosen
    if set(named) - set(chosen):  # named people outside the filter: sort them in
        ordered = in_name_order(ws, set(chosen) | set(named))
    by_id = {c.id: c for c in named_contacts}
    rest = get_contacts(ws, [i for i in ordered if i not in by_id]) if ordered else []
    by_id.update((c.id, c) for c in rest)
    return Audience(
        contacts=[by_id[i] for i in ordered],
        matched=len(matched_ids | set(named)),
        left_out=left_out,
        recent=recent,
    )


class AudienceTooLarge(HandpickedError):
    """A campaign above audience.max people: a broadcast, refused until the user insists.

    `reason` says what is wrong without saying how to insist, since that differs: the CLI's
    message names `--allow-large`, the TUI asks a yes/no question instead.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            f"{reason}, or pass --allow-large -- a message to everyone is a broadcast, "
            "not a personal note"
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
