"""One parse of each Textual stylesheet per test process, however many apps the tests start.

Every Pilot test starts a fresh app, and each app parses all of its CSS again (Textual's own
cache of parsed rules lives in one `Stylesheet`, and a theme change builds a new one): about a
tenth of a second of CPU per app, a tenth of the whole suite's. Parsing is a pure function of
the CSS text, where it was read from, its flags and the theme variables substituted into it,
so the rules parsed for one app are the rules any later app would parse from the same input;
Textual itself hands the same rule objects to every `parse()` of one stylesheet.

This reaches into Textual's private `Stylesheet._parse_rules`, for the tests only: `share()`
applies it only while the method still has the signature written below, and
tests/unit/test_pins.py fails, naming this module, the day it no longer does (the suite would
then silently lose the time).
"""

from __future__ import annotations

import inspect
from typing import Any

from textual.css.stylesheet import Stylesheet

SIGNATURE = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]
_parsed: dict[tuple[Any, ...], Any] = {}


def applies() -> bool:
    """Whether Textual's parse method is still the one this module wraps."""
    original = getattr(Stylesheet._parse_rules, "__wrapped__", Stylesheet._parse_rules)
    return list(inspect.signature(original).parameters) == SIGNATURE


def share() -> bool:
    """Make every stylesheet of this process reuse the rules parsed from the same input.
    Returns whether it applies (see `applies`)."""
    if getattr(Stylesheet._parse_rules, "__wrapped__", None) is not None:
        return True
    if not applies():
        return False
    parse = Stylesheet._parse_rules

    def parse_once(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> Any:
        key = (css, read_from, is_default_rules, tie_breaker, scope,
               tuple(sorted(self._variables.items())))  # fmt: skip
        try:
            return _parsed[key]
        except KeyError:
            rules = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
            _parsed[key] = rules
            return rules

    parse_once.__wrapped__ = parse  # type: ignore[attr-defined]
    Stylesheet._parse_rules = parse_once  # type: ignore[method-assign]
    return True
