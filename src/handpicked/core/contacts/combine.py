"""Merging two contacts the user says are one person: nothing either of them holds is lost.

Not the import's `merge/` (which matches a file's rows to stored people): this is the user's
own decision, taken on a `duplicates` suggestion or by ids. The first contact is kept and its
values win; the other's fill its gaps, its whole history moves over (messages, touches,
positions, LinkedIn interactions, tags, notes), do-not-contact is the safe side of both, and
the other is deleted, all in one transaction. `merge_plan` says beforehand, in sentences both
faces show, what `merge_contacts` will do; that then does what its plan says, nothing else.
"""

from __future__ import annotations

import json
import sqlite3

from pydantic import BaseModel, Field

from handpicked.core.clock import now
from handpicked.core.contacts.merge.matching import search_text, sort_key
from handpicked.core.contacts.store.merging import (
    apply_merge,
    history_counts,
    merge_values,
    previous_positions,
    shared_campaigns,
    tags_of,
)
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError
from handpicked.core.names import greeting_name
from handpicked.core.text import company_key, email_key, fold, profile_key, safe_text

# Which of two messages of one campaign stays: the one furthest along (a reply or a sent
# message is history; a queued one is only an intention).
STATUS_RANK = {"replied": 5, "sent": 4, "sending": 3, "failed": 2, "queued": 1, "skipped": 0}

# Filled from the other contact when the kept one has none (the kept one's value wins).
_FILLED = ("first_name", "last_name", "email", "profile_url", "company", "position",
           "sector_column", "sector_manual", "function_manual", "seniority_manual",
           "language_manual", "cadence_days", "snoozed_until")  # fmt: skip
_DIFFERS = {"email": email_key, "profile_url": profile_key}
_LABELS = {"first_name": "first name", "last_name": "last name", "profile_url": "profile",
           "sector_column": "sector column", "sector_manual": "sector (set by hand)",
           "function_manual": "function (set by hand)",
           "seniority_manual": "seniority (set by hand)",
           "language_manual": "language (set by hand)", "cadence_days": "keep-in-touch days",
           "snoozed_until": "snoozed until", "connected_on": "connected on",
           "greeting_name": "greeting name"}  # fmt: skip


_ONE = {"messages": "message", "touches": "touch", "positions": "position",
        "interactions": "interaction"}  # fmt: skip


class Conflict(BaseModel):
    """A campaign both contacts were in: one message stays (`kept`), the other goes."""

    campaign: str
    kept: str
    dropped: str
    kept_from: int


class MergePlan(BaseModel):
    """What merging `other` into `keep` does; the `contacts merge --json` shape."""

    keep: int
    other: int
    keep_name: str
    other_name: str
    filled: dict[str, str] = Field(default_factory=dict)
    not_kept: dict[str, str] = Field(default_factory=dict)
    previous_position: str | None = None
    moved: dict[str, int] = Field(default_factory=dict)
    conflicts: list[Conflict] = Field(default_factory=list)
    tags_added: list[str] = Field(default_factory=list)
    notes_joined: bool = False
    do_not_contact: bool = False

    def lines(self) -> list[str]:
        """The plan in plain sentences (contact values made inert), as both faces show it."""
        other = f"id {self.other}"
        out = [
            f"Keep {safe_text(self.keep_name)} (id {self.keep}); merge in "
            f"{safe_text(self.other_name)} ({other}), then delete {other}."
        ]
        for field, value in self.filled.items():
            out.append(f"{_LABELS.get(field, field).capitalize()} from {other}: {safe_text(value)}")
        for field, value in self.not_kept.items():
            out.append(f"{_LABELS.get(field, field).capitalize()} of {other} not kept: "
                       f"{safe_text(value)}")  # fmt: skip
        if self.previous_position:
            out.append(f"Into the position history: {safe_text(self.previous_position)}")
        moved = [f"{n} {_ONE[kind] if n == 1 else kind}" for kind, n in self.moved.items() if n]
        if moved:
            out.append(f"Moved from {other}: {', '.join(moved)}.")
        for c in self.conflicts:
            out.append(
                f"Campaign {safe_text(c.campaign)!r} holds a message to each: the {c.kept} one "
                f"(to id {c.kept_from}) stays, the {c.dropped} one is dropped."
            )
        if self.tags_added:
            out.append(f"Tags added: {safe_text(', '.join(self.tags_added))}")
        if self.notes_joined:
            out.append("Notes: both kept, one after the other.")
        if self.do_not_contact:
            out.append(f"Do not contact: on, as {other} was.")
        return out


def _name(values: dict[str, object]) -> str:
    first, last = str(values["first_name"]), str(values["last_name"])
    return f"{first} {last}" if first and last else first or last or "(no name)"


def _load(
    conn: sqlite3.Connection, keep: int, other: int
) -> tuple[dict[str, object], dict[str, object]]:
    if keep == other:
        raise HandpickedError(f"contact {keep} was named twice: name two different contacts")
    found = []
    for contact_id in (keep, other):
        values = merge_values(conn, contact_id)
        if values is None:
            raise HandpickedError(f"no contact with id {contact_id}")
        found.append(values)
    return found[0], found[1]


Decision = tuple[MergePlan, dict[str, object], list[int], tuple[str, str] | None]


def _decide(conn: sqlite3.Connection, keep: int, other: int) -> Decision:
    """The plan, the kept contact's column changes, the messages to drop, a position to record."""
    mine, theirs = _load(conn, keep, other)
    plan = MergePlan(keep=keep, other=other, keep_name=_name(mine), other_name=_name(theirs))
    changes = _fill(mine, theirs, plan)
    previous = None
    company = str(changes.get("company", mine["company"]))
    if theirs["company"] and company_key(str(theirs["company"])) != company_key(company):
        previous = (str(theirs["company"]), str(theirs["position"]))
        known = {(company_key(c), fold(p)) for c, p in previous_positions(conn, keep)}
        if (company_key(previous[0]), fold(previous[1])) in known:
            previous = None
        else:
            role, where = previous[1], previous[0]
            plan.previous_position = f"{role} at {where}" if role else where
    if changes:
        changes["updated_at"] = now()
    drop = []
    for campaign, mine_id, mine_status, their_id, their_status in shared_campaigns(
        conn, keep, other
    ):
        theirs_win = STATUS_RANK.get(their_status, 0) > STATUS_RANK.get(mine_status, 0)
        drop.append(mine_id if theirs_win else their_id)
        plan.conflicts.append(Conflict(
            campaign=campaign,
            kept=their_status if theirs_win else mine_status,
            dropped=mine_status if theirs_win else their_status,
            kept_from=other if theirs_win else keep,
        ))  # fmt: skip
    counts = history_counts(conn, other, keep)
    counts["messages"] -= sum(c.kept_from == keep for c in plan.conflicts)
    plan.moved = counts
    have = set(tags_of(conn, keep))
    plan.tags_added = [t for t in tags_of(conn, other) if t not in have]
    return plan, changes, drop, previous


def _fill(mine: dict[str, object], theirs: dict[str, object], plan: MergePlan) -> dict[str, object]:
    """The kept contact's column changes: its gaps filled, notes and fields joined, the earliest
    connection, the latest job change, do-not-contact if either; `plan` says each."""
    changes: dict[str, object] = {}
    for field in _FILLED:
        value = theirs[field]
        if value in (None, ""):
            continue
        if mine[field] in (None, ""):
            changes[field] = value
            plan.filled[field] = str(value)
        elif field in _DIFFERS and _DIFFERS[field](str(value)) != _DIFFERS[field](str(mine[field])):
            plan.not_kept[field] = str(value)  # said, so the user knows what goes
    dates = [str(d) for d in (mine["connected_on"], theirs["connected_on"]) if d]
    if dates and min(dates) != mine["connected_on"]:  # the relationship is as old as its start
        changes["connected_on"] = plan.filled["connected_on"] = str(min(dates))
    changed = [str(d) for d in (mine["position_changed_at"], theirs["position_changed_at"]) if d]
    if changed and max(changed) != mine["position_changed_at"]:
        changes["position_changed_at"] = max(changed)
    if theirs["greeting_manual"] and not mine["greeting_manual"]:
        changes["greeting_name"], changes["greeting_manual"] = theirs["greeting_name"], 1
        plan.filled["greeting_name"] = str(theirs["greeting_name"])
    elif "first_name" in changes and not mine["greeting_manual"]:
        changes["greeting_name"] = greeting_name(str(changes["first_name"]))
    notes_mine, notes_theirs = str(mine["notes"]), str(theirs["notes"])
    if notes_theirs and fold(notes_theirs) not in fold(notes_mine):
        changes["notes"] = f"{notes_mine}\n\n{notes_theirs}" if notes_mine else notes_theirs
        plan.notes_joined = bool(notes_mine)
        if not notes_mine:
            plan.filled["notes"] = notes_theirs
    own, extra = (json.loads(str(v["fields"] or "{}")) for v in (mine, theirs))
    if added := {key: value for key, value in extra.items() if key not in own}:
        changes["fields"] = json.dumps(own | added, ensure_ascii=False)
        plan.filled.update({f"fields.{key}": str(value) for key, value in added.items()})
    if theirs["do_not_contact"] and not mine["do_not_contact"]:
        changes["do_not_contact"] = plan.do_not_contact = True
    if any(f in changes for f in ("first_name", "last_name", "company", "position")):
        names = {f: str(changes.get(f, mine[f])) for f in ("first_name", "last_name",
                                                           "company", "position")}  # fmt: skip
        changes["company_key"] = company_key(names["company"]) if names["company"] else ""
        changes["sort_key"] = sort_key(names["first_name"], names["last_name"])
        changes["search_text"] = search_text(*names.values())
    return changes


def merge_plan(ws: Workspace, keep: int, other: int) -> MergePlan:
    """What `merge_contacts(ws, keep, other)` would do, changing nothing."""
    return _decide(ws.conn, keep, other)[0]


def merge_contacts(ws: Workspace, keep: int, other: int) -> MergePlan:
    """Merge `other` into `keep` (one transaction) and return what was done.

    The plan is decided again inside the transaction: what is stored then is what is merged,
    even if something changed since the user read the preview.
    """
    from handpicked.core.contacts.classify.apply import ClassifyContext

    context = ClassifyContext.load(ws)
    with transaction(ws.conn) as conn:
        done, changes, drop, previous = _decide(conn, keep, other)
        apply_merge(conn, keep, other, changes, drop_messages=drop, previous=previous)
        context.apply(conn, [keep])  # a filled company or title classifies anew
    return done
