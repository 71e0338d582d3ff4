"""What a template knows about the person it writes to: the variables of `contact_context`.

Fields are given as the contact has them, only tidied for the middle of a sentence (a two-line
title must not break a paragraph), and they stay data: Jinja2 sees them as variables, so a
company called `{{ 7*7 }}` prints as itself. A campaign builds one context per person, so this is
on the path of every message of a 30,000-person compose and is written for speed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from handpicked.core.messages.templates.analysis import CONTACT_VARIABLES
from handpicked.core.messages.templates.sandbox import Lenient
from handpicked.core.models import Contact

__all__ = ["CONTACT_VARIABLES", "ContextMaker", "contact_context"]


def _line(value: str) -> str:
    """A field printed mid-sentence: a two-line title must not break the paragraph."""
    # Most values are one clean line already: checking is cheaper than splitting and joining.
    if value.isprintable() and "  " not in value and value[:1] != " " and value[-1:] != " ":
        return value
    return " ".join(value.split())


def _years_between(start: dt.date | None, today: dt.date) -> int | None:
    if start is None:
        return None
    return today.year - start.year - ((today.month, today.day) < (start.month, start.day))


def _previous_position(contact: Contact) -> str:
    if not contact.previous_positions:
        return ""
    indexed = enumerate(contact.previous_positions)
    _, latest = max(indexed, key=lambda pair: (pair[1].until or dt.date.min, pair[0]))
    return ", ".join(part for part in (_line(latest.position), _line(latest.company)) if part)


def _names(contact: Contact) -> tuple[str, str, str]:
    first, last = _line(contact.first_name), _line(contact.last_name)
    return first, last, f"{first} {last}" if first and last else first or last


def _unclassified(value: str) -> str:
    return "" if value == "Unclassified" else value


# How each variable is worked out, for a template that uses only a few of them: (contact, today).
def _greeting(c: Contact, _: dt.date) -> str:
    return _line(c.greeting_name) or _line(c.first_name) or _names(c)[2]


def _company(c: Contact, _: dt.date) -> str:
    return _line(c.company)


def _position(c: Contact, _: dt.date) -> str:
    return _line(c.position)


# fmt: off
_VARIABLES: dict[str, Callable[[Contact, dt.date], Any]] = {
    "greeting_name": _greeting,
    "first_name": lambda c, _: _line(c.first_name),
    "last_name": lambda c, _: _line(c.last_name),
    "full_name": lambda c, _: _names(c)[2],
    "company": _company,
    "position": _position,
    "previous_position": lambda c, _: _previous_position(c),
    "sector": lambda c, _: _unclassified(c.sector),
    "function": lambda c, _: _unclassified(c.function),
    "seniority": lambda c, _: _unclassified(c.seniority),
    "language": lambda c, _: c.language,
    "connected_on": lambda c, _: c.connected_on,
    "years_connected": lambda c, today: _years_between(c.connected_on, today),
    "tags": lambda c, _: list(c.tags),
    "note": lambda c, _: c.notes,
    "fields": lambda c, _: Lenient(c.fields),
}
# fmt: on


def _person(contact: Contact, today: dt.date) -> dict[str, Any]:
    first, last, full = _names(contact)
    return {
        "greeting_name": _line(contact.greeting_name) or first or full,
        "first_name": first,
        "last_name": last,
        "full_name": full,
        "company": _line(contact.company),
        "position": _line(contact.position),
        "previous_position": _previous_position(contact),
        "sector": _unclassified(contact.sector),
        "function": _unclassified(contact.function),
        "seniority": _unclassified(contact.seniority),
        "language": contact.language,
        "connected_on": contact.connected_on,
        "years_connected": _years_between(contact.connected_on, today),
        "tags": list(contact.tags),
        "note": contact.notes,
        "fields": Lenient(contact.fields),
    }


def contact_context(
    contact: Contact, *, today: dt.date, me: dict[str, str], other: Contact | None = None
) -> dict[str, Any]:
    """The variables a template sees for one contact; `other` is the second person of an intro."""
    context = _person(contact, today)
    context["me"] = Lenient({"name": "", "signature": "", **me})
    if other is not None:
        context["other"] = _person(other, today)
    return context


class ContextMaker:
    """`contact_context` for a whole campaign, with only the variables the template uses.

    A template reads its variables by name and cannot list the others, so it renders the very
    same text from the smaller dict, and the lint only looks up variables a template printed.
    """

    def __init__(self, used: Iterable[str], *, today: dt.date, me: dict[str, str]) -> None:
        self.today = today
        self.variables = tuple((name, _VARIABLES[name]) for name in used if name in _VARIABLES)
        self.me = Lenient({"name": "", "signature": "", **me})  # never changed by a template

    def __call__(self, contact: Contact, other: Contact | None = None) -> dict[str, Any]:
        today = self.today
        context = {name: variable(contact, today) for name, variable in self.variables}
        context["me"] = self.me
        if other is not None:
            context["other"] = _person(other, today)
        return context
