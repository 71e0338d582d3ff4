"""Job function and seniority level from a position title.

A title is cut into parts where people join two roles ("CTO / co-founder", a second line, " – ",
" & "); each part gets its own level and function from phrase rules (data/roles.toml). The title
takes the highest level of its parts, and the function of the part that gave that level (else of
the first part that names a function), so "Directrice, RH / Fondatrice" is an Owner.

Within a part the longest phrase wins its words, which is how the traps are handled as data:
"HR Business Partner" is a Human Resources role whose "business partner" hides the "partner"
level, "Vice-présidente" is a VP because "vice présidente" hides "présidente". Levels in one part
take the highest, except that an intern or a volunteer phrase caps the part ("Marketing Manager
Intern" is Training), and so do assistant phrases ("Adjointe exécutive du président" is not CXO).
A part that names a function but no level is Entry; a title with no function is Unclassified.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handpicked.core.classify.rules import Match, Rule, RuleSet
from handpicked.core.classify.taxonomy import SENIORITIES, UNCLASSIFIED, rank

# Where a title holds two roles: new line, slash, pipe, bullet, en/em dash, " - ", "@".
_HARD_BREAK = re.compile(r"[\n/|;•·–—\\@]| - ")
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

    @property
    def seniority(self) -> str | None:
        if self.level is not None:
            return self.level[0]
        return _ENTRY if self.function is not None else None


def _quote(folded: list[str], where: list[int], match: Match) -> str:
    first, last = where[match.start], where[match.start + match.length - 1]
    return " ".join(folded[first : last + 1])


def _said(noun: str, quoted: str, value: str, rule: Rule) -> str:
    plural = "s" if " " in quoted else ""
    mine = f" ({rule.origin})" if rule.origin else ""
    return f'{noun} word{plural} "{quoted}" -> {value}{mine}'


def _applicable(rules: tuple[Rule, ...], context: set[str]) -> Rule | None:
    for rule in rules:
        if not rule.when_with or rule.when_with & context:
            return rule
    return None


def _parts_of(title: str, rules: RuleSet) -> list[_Part]:
    """Split, tokenise and match every part of a title."""
    pieces: list[tuple[list[str], list[str], list[int], list[int]]] = []
    context: set[str] = set()
    for chunk in _HARD_BREAK.split(title):
        folded: list[str] = []
        keys: list[str] = []
        where: list[int] = []
        bounds: list[int] = []  # index in keys where each soft segment starts
        for segment in _SOFT_BREAK.split(chunk):
            seg_folded, seg_keys, seg_where = rules.tokens(segment)
            cut = next((i for i, word in enumerate(seg_folded) if word in rules.cut), None)
            if cut is not None:
                seg_keys = [k for k, w in zip(seg_keys, seg_where, strict=True) if w < cut]
                seg_where = seg_where[: len(seg_keys)]
            bounds.append(len(keys))
            where.extend(len(folded) + w for w in seg_where)
            folded.extend(seg_folded)
            keys.extend(seg_keys)
            if cut is not None:
                break  # "Assistant to the CEO & Founder": the rest is someone else's title
        if keys:
            pieces.append((folded, keys, where, bounds))
            context.update(keys)

    parts: list[_Part] = []
    for folded, keys, where, bounds in pieces:
        segment_parts = [_Part() for _ in bounds]

        def part_at(start: int, bounds: list[int] = bounds, sp: list[_Part] = segment_parts):
            index = 0
            while index + 1 < len(bounds) and bounds[index + 1] <= start:
                index += 1
            return sp[index]

        best: dict[int, tuple[tuple[int, int, int], Rule, str]] = {}
        for match in rules.function.scan(keys):
            rule = _applicable(match.rules, context)
            if rule is None or not rule.value:
                continue
            part = part_at(match.start)
            score = (rule.weight, match.length, -match.start)
            if id(part) not in best or score > best[id(part)][0]:
                best[id(part)] = (score, rule, _quote(folded, where, match))
        for part in segment_parts:
            if id(part) in best:
                _, rule, quoted = best[id(part)]
                part.function = (rule, quoted)

        levels: dict[int, list[tuple[str, Rule, str]]] = {}
        caps: dict[int, int] = {}
        for match in rules.seniority.scan(keys):
            rule = _applicable(match.rules, context)
            if rule is None:
                continue
            part = part_at(match.start)
            if rule.cap is not None:
                caps[id(part)] = min(caps.get(id(part), 99), rank(rule.cap))
            if rule.value:
                levels.setdefault(id(part), []).append((rule.value, rule, _quote(folded, where, match)))
        for part in segment_parts:
            found = [
                item for item in levels.get(id(part), []) if rank(item[0]) <= caps.get(id(part), 99)
            ]
            if found:
                value, rule, quoted = max(found, key=lambda item: rank(item[0]))
                part.level = (value, _said("title", quoted, value, rule))
        parts.extend(segment_parts)
    return parts


def classify_role(title: str, rules: RuleSet) -> Role:
    """The function and seniority a title says, or Unclassified for both when it names no job."""
    parts = _parts_of(title, rules)
    with_function = [part for part in parts if part.function is not None]
    if not with_function:
        return UNCLASSIFIED_ROLE
    levelled = [part for part in parts if part.seniority is not None]
    top = max(rank(part.seniority or "") for part in levelled)
    at_top = [part for part in levelled if rank(part.seniority or "") == top]
    source = next((part for part in at_top if part.function is not None), with_function[0])
    rule, quoted = source.function  # type: ignore[misc]
    function_reason = _said("title", quoted, rule.value, rule)
    seniority = SENIORITIES[top]
    holder = next(part for part in at_top)
    if holder.level is not None:
        seniority_reason = holder.level[1]
    else:
        seniority_reason = f"no seniority word -> {_ENTRY}"
    reason = f"{seniority_reason}; {function_reason}"
    return Role(rule.value, seniority, "rule", "rule", reason)
