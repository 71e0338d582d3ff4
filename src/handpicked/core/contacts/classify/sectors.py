"""Sector (LinkedIn industry group) of a contact, from its employer, position or file column.

A guess goes, from the surest to the weakest: the employer dictionary (data/employers.toml,
matched on `company_key()` so "Desjardins Inc." is "DESJARDINS"; a listed name inside a longer
one counts too, "Caisse Desjardins de Lévis"), then keywords in the company name ("Hôpital",
"Banque", "Ville de ..."), then, only when the company says nothing, a few position words that
leave no doubt ("Infirmière" works in health care). Each guess carries its reason.

What the user said always beats a guess: `resolve_sector()` applies the precedence contact >
company > file column > guess, and `canonical_sector()` maps a column's label ("Services
financiers", LinkedIn's "Banking") onto the taxonomy, or keeps the user's own label.
"""

from __future__ import annotations

from dataclasses import dataclass

from handpicked.core.contacts.classify.rules import Match, Rule, RuleSet, Tokens, shipped_rules
from handpicked.core.contacts.classify.taxonomy import SECTORS, UNCLASSIFIED, canonical, name_key
from handpicked.core.text import company_key, words


@dataclass(frozen=True)
class SectorGuess:
    """A sector found by the classifier (never the user's word: that is resolve_sector's job)."""

    sector: str
    source: str  # "dictionary" | "rule" | "none"
    reason: str


NO_GUESS = SectorGuess(UNCLASSIFIED, "none", "no known employer or sector word")

# Labels that mean "nothing here" in a sector column: the guess is used instead.
_EMPTY_LABELS = frozenset(
    name_key(label)
    for label in (
        "n/a", "na", "none", "null", "unknown", "inconnu", "inconnue", "aucun", "aucune", "other",
        "autre", "autres", "-", "unclassified", "non classé", "non classe", "?", "tbd", "à venir",
    )
)  # fmt: skip


def _mine(rule: Rule | None = None, origin: str = "") -> str:
    where = rule.origin if rule is not None else origin
    return f" ({where})" if where else ""


def _best(matches: list[Match]) -> tuple[Match, Rule] | None:
    best: tuple[tuple[int, int, int], Match, Rule] | None = None
    for match in matches:
        rule = match.rules[0]
        if not rule.value:
            continue
        score = (rule.weight, match.length, -match.start)
        if best is None or score > best[0]:
            best = (score, match, rule)
    return (best[1], best[2]) if best else None


def _quoted(tokens: Tokens, match: Match) -> str:
    folded, _, where = tokens
    first, last = where[match.start], where[match.start + match.length - 1]
    return " ".join(folded[first : last + 1])


def _from_dictionary(key: str, rules: RuleSet, *, contained: bool) -> SectorGuess | None:
    """The employer dictionary's sector: the whole name, or (`contained`) a listed name inside."""
    employer = rules.employers.get(key)
    if employer is not None:
        reason = f'employer dictionary: "{employer.name}" -> {employer.sector}'
        return SectorGuess(employer.sector, "dictionary", reason + _mine(origin=employer.origin))
    if not contained:
        return None
    matches = rules.employer_words.scan(key.split())
    if not matches:
        return None
    longest = max(matches, key=lambda m: (m.length, -m.start))
    rule = longest.rules[0]
    reason = f'employer dictionary: "{rule.phrase}" -> {rule.value}{_mine(rule)}'
    return SectorGuess(rule.value, "dictionary", reason)


def _from_words(tokens: Tokens, hit: tuple[Match, Rule] | None, noun: str) -> SectorGuess | None:
    if hit is None:
        return None
    match, rule = hit
    quoted = _quoted(tokens, match)
    plural = "s" if " " in quoted else ""
    reason = f'{noun} word{plural} "{quoted}" -> {rule.value}{_mine(rule)}'
    if noun == "position":
        reason += " (the company name gave no sign of a sector)"
    return SectorGuess(rule.value, "rule", reason)


def classify_sector(company: str, position: str, rules: RuleSet) -> SectorGuess:
    """The sector the classifier can tell from a company name and a position title.

    Order: the whole name in the dictionary; a leading weight-3 "^" phrase saying what kind of
    body it is ("Fondation ...", "Ville de ..."); a dictionary name inside it; company words;
    then position words.
    """
    key = company_key(company)
    if key:
        found = _from_dictionary(key, rules, contained=False)
        if found is not None:
            return found
        tokens = rules.tokens(company)
        keys = tokens[1]
        start = rules.company.at_start(keys)
        if start is not None and start.rules[0].value and start.rules[0].weight >= 3:
            return _from_words(tokens, (start, start.rules[0]), "company") or NO_GUESS
        found = _from_dictionary(key, rules, contained=True)
        if found is None:
            found = _from_words(tokens, _best(rules.company.scan(keys)), "company")
        if found is not None:
            return found
    if position:
        tokens = rules.tokens(position)
        found = _from_words(tokens, _best(rules.position.scan(tokens[1])), "position")
        if found is not None:
            return found
    return NO_GUESS


def canonical_sector(label: str) -> str | None:
    """The taxonomy sector a label names, in English or French, or one of LinkedIn's finer
    industries ("Banking" -> "Financial Services"); None when it names none of them."""
    if not label or not words(label):
        return None
    found = canonical("sector", label)
    if found is not None:
        return found
    return shipped_rules().labels.get(name_key(label))


def _given(value: str | None, *, column: bool = False) -> str | None:
    """A user-given value, or None when it is empty (or, for a file column, says "unknown")."""
    text = (value or "").strip()
    if not text or (column and name_key(text) in _EMPTY_LABELS):
        return None
    return text


def resolve_sector(
    *,
    manual: str | None,
    company_assignment: str | None,
    column: str | None,
    guess: SectorGuess,
) -> tuple[str, str]:
    """(sector, source) by precedence: the contact's own sector ("contact"), its company's
    ("company"), the file's sector column ("column": mapped onto the taxonomy when it names one
    of its sectors, else kept verbatim), then the classifier's guess, else Unclassified/"none"."""
    if (value := _given(manual)) is not None:
        return value, "contact"
    if (value := _given(company_assignment)) is not None:
        return value, "company"
    if (value := _given(column, column=True)) is not None:
        return canonical_sector(value) or value, "column"
    if guess.source in ("dictionary", "rule") and guess.sector in SECTORS:
        return guess.sector, guess.source
    return UNCLASSIFIED, "none"
