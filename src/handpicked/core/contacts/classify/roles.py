"""Job function and seniority level from a position title.

A title is cut into parts where people join two roles ("CTO / co-founder", a second line, "|",
" & "); each part gets its own level and function from phrase rules (data/roles.toml). The title
takes the highest level of its parts, and the function of the part that gave that level (else of
the first part that names a function), so "Directrice, RH / Fondatrice" is an Owner. Segments
joined by "&" share one level: "Intern, Data & Analytics" is Training, not Entry.

Within a part the longest phrase wins its words, which is how the traps are handled as data:
"HR Business Partner" is a Human Resources role whose "business partner" hides the "partner"
level, "Vice-présidente" is a VP because "vice présidente" hides "présidente". Levels in one part
take the highest, except that an intern or a volunteer phrase caps the part ("Marketing Manager
Intern" is Training), and so do assistant phrases ("Adjointe exécutive du président" is not CXO).
A part that names a function but no level is Entry. A title with no function has an Unclassified
function but keeps a level it states ("VP, Transformation Office" is a VP): the level is what an
audience is most often chosen by, and it is not less true for the function being unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from handpicked.core.contacts.classify.rules import Match, Rule, RuleSet
from handpicked.core.contacts.classify.taxonomy import SENIORITIES, UNCLASSIFIED

# Where a title holds two roles: new line, slash, pipe, bullet, "@". A dash does not: it
# qualifies one role ("Co-op Student – Software Development", "VP Sales - Eastern Canada").
_HARD_BREAK = re.compile(r"[\n/|;•·\\@]")
# Where two roles share words ("Learning & Development" is one phrase across the "&").
_SOFT_BREAK = re.compile(r"[&+]")
_ENTRY = "Entry"


@dataclass(frozen=True)
class Role:
    """What a title says about a person's job, and why (the reason is shown to the user)."""

    function: str
    seniority: str
    function_source: str  # "rule" | "none"
    seniority_source: str  # "rule" | "none"
    reason: str


UNCLASSIFIED_ROLE = Role(UNCLASSIFIED, UNCLASSIFIED, "none", "none", "no job function recognised")


@dataclass(slots=True)
class _Part:
    """One role inside a title, with what it says."""

    function: tuple[Rule, str] | None = None  # (rule, quoted words)
    level: tuple[str, str] | None = None  # (level, reason)
    implicit: bool = True  # a function without a level word counts as Entry

    @property
    def seniority(self) -> str | None:
        if self.level is not None:
            return self.level[0]
        return _ENTRY if self.function is not None and self.implicit else None


_RANK = {name: index for index, name in enumerate(SENIORITIES)}
_NO_CAP = len(SENIORITIES)
_RANK_OF = itemgetter(0)  # of a (rank, rule, match) found in a part


def _quote(folded: list[str], where: list[int], match: Match) -> str:
    first, last = where[match.start], where[match.start + match.length - 1]
    return " ".join(folded[first : last + 1])


def _said(noun: str, quoted: str, value: str, rule: Rule) -> str:
    plural = "s" if " " in quoted else ""
    mine = f" ({rule.origin})" if rule.origin else ""
    return f'{noun} word{plural} "{quoted}" -> {value}{mine}'


def _applicable(rules: tuple[Rule, ...], context: set[str]) -> Rule | None:
    for rule in rules:
        if not rule.when_with or not rule.when_with.isdisjoint(context):
            return rule
    return None


def _tokens(chunk: str, rules: RuleSet) -> tuple[list[str], list[str], list[int], list[int]]:
    """Folded words, match keys, key positions and soft-segment starts of one title part."""
    if "&" not in chunk and "+" not in chunk:  # most parts: one segment
        whole = rules.tokens(chunk)
        if rules.cut.isdisjoint(whole[0]):
            return (*whole, [0])
    segments = _SOFT_BREAK.split(chunk)
    folded: list[str] = []
    keys: list[str] = []
    where: list[int] = []
    bounds: list[int] = []
    for segment in segments:
        seg_folded, seg_keys, seg_where = rules.tokens(segment)
        bounds.append(len(keys))
        cut = (
            None
            if rules.cut.isdisjoint(seg_folded)
            else next(i for i, word in enumerate(seg_folded) if word in rules.cut)
        )
        if cut is not None:
            kept = sum(1 for w in seg_where if w < cut)
            seg_keys, seg_where = seg_keys[:kept], seg_where[:kept]
        offset = len(folded)
        where.extend(offset + w for w in seg_where)
        folded.extend(seg_folded)
        keys.extend(seg_keys)
        if cut is not None:
            break  # "Assistant to the CEO & Founder": the rest is someone else's title
    return folded, keys, where, bounds


def _function_of(matches: Iterable[Match], context: set[str]) -> tuple[Rule, Match] | None:
    """The function a segment names: the heaviest rule, then the longest phrase, then the first."""
    best: tuple[Rule, Match] | None = None
    top = (0, 0, 0)
    for match in matches:
        rule = _applicable(match.rules, context)
        if rule is None or not rule.value:
            continue
        score = (rule.weight, match.length, -match.start)
        if best is None or score > top:
            best, top = (rule, match), score
    return best


def _level_of(matches: Iterable[Match], context: set[str]) -> tuple[int, Rule, Match] | None:
    """The highest level a segment states, under the cap an intern, volunteer or assistant
    phrase puts on it: (its rank, the rule, the match)."""
    cap = _NO_CAP
    levels: list[tuple[int, Rule, Match]] = []
    for match in matches:
        rule = _applicable(match.rules, context)
        if rule is None:
            continue
        if rule.cap is not None:
            cap = min(cap, _RANK[rule.cap])
        if rule.value:
            levels.append((_RANK[rule.value], rule, match))
    found = [item for item in levels if item[0] <= cap]
    return max(found, key=_RANK_OF) if found else None


def _by_segment(matches: list[Match], bounds: list[int]) -> list[list[Match]]:
    """The matches of each "&" segment (a match belongs where it starts)."""
    if len(bounds) == 1:
        return [matches]
    segments: list[list[Match]] = [[] for _ in bounds]
    for match in matches:
        segments[bisect_right(bounds, match.start) - 1].append(match)
    return segments


def _parts_of(title: str, rules: RuleSet) -> list[_Part]:
    """Split, tokenise and match every part of a title."""
    chunks = _HARD_BREAK.split(title) if _HARD_BREAK.search(title) else (title,)
    pieces = [piece for chunk in chunks if (piece := _tokens(chunk, rules))[1]]
    context = {key for piece in pieces for key in piece[1]}
    parts: list[_Part] = []
    for folded, keys, where, bounds in pieces:
        functions = _by_segment(rules.function.scan(keys), bounds)
        levels = _by_segment(rules.seniority.scan(keys), bounds)
        for named, stated in zip(functions, levels, strict=True):
            part = _Part()
            if (function := _function_of(named, context)) is not None:
                part.function = (function[0], _quote(folded, where, function[1]))
            if (level := _level_of(stated, context)) is not None:
                rank, rule, match = level
                value = SENIORITIES[rank]
                part.level = (value, _said("title", _quote(folded, where, match), value, rule))
            parts.append(part)
        # "Intern, Data & Analytics": beside a stated level, an "&" segment's silence is no Entry.
        count = len(bounds)
        if count > 1 and any(part.level is not None for part in parts[-count:]):
            for part in parts[-count:]:
                part.implicit = False
    return parts


def _one_role(title: str, rules: RuleSet) -> Role | None:
    """The role of a title of one part and one segment (nine titles in ten), read without the
    parts `classify_role` weighs against each other; None for any other title.

    The same rules as `_parts_of` then `classify_role` on a single part (a test compares them
    on every title of a generated network), a quarter faster: a first import classifies each
    distinct title, some 10,000 of them.
    """
    if "&" in title or "+" in title or _HARD_BREAK.search(title):
        return None
    folded, keys, where = rules.tokens(title)
    if not rules.cut.isdisjoint(folded):
        return None
    if not keys:
        return UNCLASSIFIED_ROLE
    context = set(keys)
    function = _function_of(rules.function.scan(keys), context)
    level = _level_of(rules.seniority.scan(keys), context)
    if function is None:
        if level is None:
            return UNCLASSIFIED_ROLE
        rank, rule, match = level
        value = SENIORITIES[rank]
        why = _said("title", _quote(folded, where, match), value, rule)
        return Role(UNCLASSIFIED, value, "none", "rule", f"{why}; {UNCLASSIFIED_ROLE.reason}")
    rule, match = function
    if level is None:
        rank, why = _RANK[_ENTRY], f"no seniority word -> {_ENTRY}"
    else:
        rank, stated, where_stated = level
        why = _said("title", _quote(folded, where, where_stated), SENIORITIES[rank], stated)
    said = _said("title", _quote(folded, where, match), rule.value, rule)
    return Role(rule.value, SENIORITIES[rank], "rule", "rule", f"{why}; {said}")


def classify_role(title: str, rules: RuleSet) -> Role:
    """The function and seniority a title says, or Unclassified for both when it names no job."""
    return _one_role(title, rules) or _role_of(_parts_of(title, rules))


def _role_of(parts: list[_Part]) -> Role:
    """The title's role from its parts: the highest level, and the function of its part."""
    with_function = [part for part in parts if part.function is not None]
    if not with_function:
        stated = [part.level for part in parts if part.level is not None]
        if not stated:
            return UNCLASSIFIED_ROLE
        level, why = max(stated, key=lambda found: _RANK[found[0]])
        return Role(UNCLASSIFIED, level, "none", "rule", f"{why}; {UNCLASSIFIED_ROLE.reason}")
    ranks = [_RANK.get(part.seniority or "", -1) for part in parts]
    top = max(ranks)
    at_top = [part for part, rank in zip(parts, ranks, strict=True) if rank == top]
    source = next((part for part in at_top if part.function is not None), with_function[0])
    rule, quoted = source.function  # type: ignore[misc]
    holder = at_top[0]
    if holder.level is not None:
        seniority_reason = holder.level[1]
    else:
        seniority_reason = f"no seniority word -> {_ENTRY}"
    reason = f"{seniority_reason}; {_said('title', quoted, rule.value, rule)}"
    return Role(rule.value, SENIORITIES[top], "rule", "rule", reason)
