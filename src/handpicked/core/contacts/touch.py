"""Keep in touch: who is past the cadence the user chose, by how much, and why, in plain words.

A cadence is a contact's own, else the smallest of its tags' (the closest relationship wins),
else `keep_in_touch.cadence_days`, else none. The last interaction is the latest of a message
either way on LinkedIn, a contact logged by hand and a campaign message sent or answered, so the
list is fed by what happened, not by what the user remembered to type. Both faces show `why`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from handpicked.core import config
from handpicked.core.clock import MAX_DAYS, today
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.store import cadence as stored
from handpicked.core.contacts.store.reading import get_contact
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError
from handpicked.core.text import clean, fold


@dataclass(frozen=True, slots=True)
class KeepInTouch:
    """One person as the keep-in-touch view and `contacts --overdue` show them."""

    contact_id: int
    name: str
    connected_on: dt.date | None
    last_contacted: dt.date | None
    """The latest of a campaign message sent, a contact logged by hand, a LinkedIn message."""
    last_heard_from: dt.date | None
    """The latest LinkedIn message or invitation from them, or reply to a campaign message."""
    cadence: int | None
    cadence_from: str
    """Where the cadence comes from: "own", "tag NAME", "default", or "" (none)."""
    snoozed_until: dt.date | None
    silent_days: int | None
    """Days since the last interaction, else since connecting; None: neither is known."""
    overdue_days: int | None
    """Days past the cadence (negative: due in that many); None with no cadence or no date."""
    overdue: bool
    """Past the cadence and not snoozed: listed by `contacts --overdue`."""
    score: float
    """(silent days - cadence) / cadence; infinite for someone never in touch, with no date."""
    why: str
    years_connected: float | None

    def as_json(self) -> dict[str, object]:
        """The keep-in-touch facts a JSON row of a contact gains."""
        return {
            "overdue_days": self.overdue_days,
            "cadence": self.cadence,
            "cadence_from": self.cadence_from or None,
            "snoozed_until": self.snoozed_until.isoformat() if self.snoozed_until else None,
            "why": self.why,
        }


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None  # a hand-edited date: unknown rather than a crash


def _ago(days: int) -> str:
    if days <= 0:
        return "today"
    return "1 day ago" if days == 1 else f"{days} days ago"


def _plural(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def _assess(row: stored.CadenceRow, default: int | None, day: dt.date) -> KeepInTouch:
    connected = _day(row.connected_on)
    contacted, heard = _day(row.last_contacted), _day(row.last_heard_from)
    snoozed = _day(row.snoozed_until)
    if row.cadence_days and row.cadence_days > 0:  # a hand edit to 0 or less means none
        cadence, source, said = row.cadence_days, "own", "set for this contact"
    elif row.tag_days:
        cadence, source, said = row.tag_days, f"tag {row.tag}", f"tag {row.tag}"
    elif default:
        cadence, source, said = default, "default", "the default"
    else:
        cadence, source, said = None, "", ""
    last = max((d for d in (contacted, heard) if d), default=None)
    if last is not None:
        silent: int | None = (day - last).days
        verb = "last heard from" if heard == last else "last contacted"
        since = f"{verb} {_ago(silent or 0)}"
    elif connected is not None:
        silent = (day - connected).days
        since = f"never in touch, connected {_ago(silent)}"
    else:
        silent, since = None, "never in touch and no connection date"
    parts = [f"cadence {_plural(cadence)} ({said}), {since}" if cadence else f"no cadence, {since}"]
    overdue_days = None if cadence is None or silent is None else silent - cadence
    if cadence is None:
        score = -math.inf
    elif silent is None:
        score = math.inf
        parts.append(": treated as the most overdue")
    else:
        score = (silent - cadence) / cadence
        assert overdue_days is not None
        if overdue_days > 0:
            parts.append(f": {_plural(overdue_days)} overdue")
        elif overdue_days == 0:
            parts.append(": due today")
        else:
            parts.append(f": due in {_plural(-overdue_days)}")
    asleep = snoozed is not None and snoozed > day
    if asleep:
        parts.append(f"; snoozed until {snoozed.isoformat()}")  # type: ignore[union-attr]
    years = round((day - connected).days / 365.25, 1) if connected else None
    return KeepInTouch(
        contact_id=row.id,
        name=f"{row.first_name} {row.last_name}".strip(),
        connected_on=connected,
        last_contacted=contacted,
        last_heard_from=heard,
        cadence=cadence,
        cadence_from=source,
        snoozed_until=snoozed,
        silent_days=silent,
        overdue_days=overdue_days,
        overdue=cadence is not None and score > 0 and not asleep,
        score=score,
        why="".join(parts),
        years_connected=years,
    )


def _urgency(item: KeepInTouch) -> tuple[int, float, str, int]:
    """Overdue first (by score), then those with a cadence, then the longest silences; someone
    never in touch whose connection date is unknown (an address book's entry) comes last: there
    is nothing to measure, and a list opening on them would hide the people it is for."""
    if item.cadence is not None:
        group, key = (0 if item.overdue else 1), -item.score
    else:
        group, key = 2, (math.inf if item.silent_days is None else -item.silent_days)
    return group, key, fold(item.name), item.contact_id


def keep_in_touch(
    ws: Workspace, *, include_snoozed: bool = False, day: dt.date | None = None
) -> list[KeepInTouch]:
    """Everyone, the most overdue first; a snoozed person only with `include_snoozed`."""
    day = day or today()
    default = config.load(ws).keep_in_touch.cadence_days
    found = [_assess(row, default, day) for row in stored.rows(ws.conn)]
    if not include_snoozed:
        found = [k for k in found if not (k.snoozed_until and k.snoozed_until > day)]
    return sorted(found, key=_urgency)


def overdue(ws: Workspace, f: AudienceFilter | None = None) -> list[KeepInTouch]:
    """Those of the filter's people past their cadence and not snoozed, most overdue first."""
    day = today()
    default = config.load(ws).keep_in_touch.cadence_days
    ids = stored.filtered_ids(ws.conn, f, day) if f is not None else None
    found = [_assess(row, default, day) for row in stored.rows(ws.conn, ids)]
    return sorted((k for k in found if k.overdue), key=_urgency)


def cadence_set(ws: Workspace) -> bool:
    """True once any cadence exists (a contact's, a tag's or the default): without one, nobody
    can be overdue, and an empty list should say how to start rather than look like good news."""
    if config.load(ws).keep_in_touch.cadence_days:
        return True
    return stored.any_cadence(ws.conn)


def _days(days: int | None) -> int | None:
    """A cadence or snooze length as stored: None clears; out of range is refused."""
    if days is None or days == 0:
        return None
    if not 1 <= days <= MAX_DAYS:
        raise HandpickedError(f"{days} days is not a cadence: give 1 to {MAX_DAYS:,} days")
    return days


def set_cadence(ws: Workspace, contact_id: int, days: int | None) -> KeepInTouch:
    """Give one person a cadence of their own (None or 0: back to their tags' or the default)."""
    get_contact(ws, contact_id)
    with transaction(ws.conn) as conn:
        stored.set_contact_cadence(conn, contact_id, _days(days))
    return cadence_standing(ws, contact_id)


def tag_cadences(ws: Workspace) -> dict[str, int | None]:
    """Every tag, in order, with the cadence it gives its people (None: it gives none)."""
    cadences = stored.tag_cadences(ws.conn)
    return {name: cadences.get(name) for name in stored.stored_tags(ws.conn)}


def set_tag_cadence(ws: Workspace, tag: str, days: int | None) -> tuple[str, bool]:
    """Give everyone with `tag` a cadence (None or 0 removes it). Returns the tag as stored
    (the one written so, else one matching whatever its case) and False when there was nothing
    to remove."""
    name = clean(tag)
    if not name:
        raise HandpickedError("a tag cannot be empty")
    tags = stored.stored_tags(ws.conn)
    if name not in tags:  # tags are kept as typed: "Clients" and "clients" may both stand
        known = {fold(t): t for t in tags}
        if fold(name) not in known:
            raise HandpickedError(f"no contact has the tag {name!r}: tag someone first")
        name = known[fold(name)]
    with transaction(ws.conn) as conn:
        changed = stored.set_tag_cadence(conn, name, _days(days))
    return name, changed


def snooze(ws: Workspace, contact_id: int, days: int) -> dt.date:
    """Hide someone from the overdue list for `days` days; returns the day they come back."""
    if not 1 <= days <= MAX_DAYS:
        raise HandpickedError(f"cannot snooze for {days} days: give 1 to {MAX_DAYS:,} days")
    get_contact(ws, contact_id)
    until = today() + dt.timedelta(days=days)
    with transaction(ws.conn) as conn:
        stored.snooze(conn, contact_id, until)
    return until


def cadence_standing(ws: Workspace, contact_id: int) -> KeepInTouch:
    """One person's keep-in-touch standing (snoozed or not)."""
    default = config.load(ws).keep_in_touch.cadence_days
    rows = list(stored.rows(ws.conn, [contact_id]))
    if not rows:
        get_contact(ws, contact_id)  # raises, with the hint to find an id
    return _assess(rows[0], default, today())
