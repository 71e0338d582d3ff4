"""Rule files (shipped TOML and the workspace's rules.toml) compiled into phrase indexes.

Every rule is a phrase of words mapped to a name. Texts and phrases go through the same
`tokens()` (folded words, small words ignored, plural "s" dropped), and phrases are looked up
as token n-grams in dicts: classifying a title costs a few dict lookups per word, never a loop
of regular expressions, which is what lets an import classify ~20,000 distinct titles in well
under a second. The format is documented at the top of data/roles.toml.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from handpicked.core.contacts.classify.taxonomy import canonical, name_key
from handpicked.core.errors import HandpickedError
from handpicked.core.text import company_key, words

SHIPPED_FILES = ("roles.toml", "sectors.toml", "employers.toml")
USER_TABLES = ("function", "seniority", "sector", "employer")
_KEYS = {
    "function": {"phrases", "name", "weight"},
    "seniority": {"phrases", "name", "max", "when_with"},
    "sector": {"phrases", "name", "weight", "field"},
    "employer": {"sector", "names", "exact"},
    "label": {"sector", "names"},
}
_TAXONOMY = {"function": "function", "seniority": "seniority", "sector": "sector"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One phrase's meaning. `value` "" means "these words say nothing" and hides shorter
    phrases inside them ("business partner" hides the "partner" level)."""

    value: str
    phrase: str
    weight: int = 2
    cap: str | None = None
    when_with: frozenset[str] = frozenset()
    origin: str = ""  # "" for shipped rules, else the user's file name (shown in reasons)


Tokens = tuple[list[str], list[str], list[int]]
"""A text's folded words, match keys, and the position in the words of each key."""


class Match(NamedTuple):
    """A phrase found in a text's keys (a tuple: a title makes a few, 10,000 titles many)."""

    start: int
    length: int
    rules: tuple[Rule, ...]


class PhraseIndex:
    """Phrases (token tuples) -> rules, scanned leftmost-longest over a text's tokens."""

    __slots__ = ("_anchored", "_longest", "_rules")

    def __init__(self) -> None:
        self._rules: dict[tuple[str, ...], tuple[Rule, ...]] = {}
        self._anchored: dict[tuple[str, ...], tuple[Rule, ...]] = {}
        self._longest: dict[str, int] = {}

    def copy(self) -> PhraseIndex:
        clone = PhraseIndex()
        clone._rules = dict(self._rules)
        clone._anchored = dict(self._anchored)
        clone._longest = dict(self._longest)
        return clone

    def add(self, key: tuple[str, ...], rule: Rule, *, anchored: bool, replace: bool) -> None:
        table = self._anchored if anchored else self._rules
        previous = () if replace else table.get(key, ())
        # Conditional rules ("when_with") are tried before the plain one of the same phrase.
        table[key] = tuple(sorted((*previous, rule), key=lambda r: not r.when_with))
        if len(key) > self._longest.get(key[0], 0):
            self._longest[key[0]] = len(key)

    def at_start(self, keys: Sequence[str]) -> Match | None:
        """The longest "^" (start-of-name) phrase a text begins with, if any."""
        for length in range(min(len(keys), 8), 0, -1):
            hit = self._anchored.get(tuple(keys[:length]))
            if hit is not None:
                return Match(0, length, hit)
        return None

    def discard(self, key: tuple[str, ...]) -> None:
        self._rules.pop(key, None)

    def items(self) -> list[tuple[tuple[str, ...], tuple[Rule, ...]]]:
        """Every phrase and its rules (start-of-name phrases included)."""
        return [*self._rules.items(), *self._anchored.items()]

    def __len__(self) -> int:
        return len(self._rules) + len(self._anchored)

    def scan(self, keys: Sequence[str]) -> list[Match]:
        found: list[Match] = []
        rules, anchored, longest, n, i = self._rules, self._anchored, self._longest, len(keys), 0
        while i < n:
            most = longest.get(keys[i])
            if not most:
                i += 1
                continue
            for length in range(min(most, n - i), 0, -1):
                key = tuple(keys[i : i + length])
                # A "^" phrase wins at the start; a phrase's rules are never an empty tuple.
                hit = (i == 0 and anchored.get(key)) or rules.get(key)
                if hit:
                    found.append(Match(i, length, hit))
                    i += length
                    break
            else:
                i += 1
        return found


@dataclass(frozen=True, slots=True)
class Employer:
    sector: str
    name: str
    origin: str = ""


@dataclass
class RuleSet:
    """Everything the classifiers read, compiled once per Classifier."""

    ignore: frozenset[str] = frozenset()
    cut: frozenset[str] = frozenset()
    function: PhraseIndex = field(default_factory=PhraseIndex)
    seniority: PhraseIndex = field(default_factory=PhraseIndex)
    company: PhraseIndex = field(default_factory=PhraseIndex)
    position: PhraseIndex = field(default_factory=PhraseIndex)
    employers: dict[str, Employer] = field(default_factory=dict)
    employer_words: PhraseIndex = field(default_factory=PhraseIndex)
    labels: dict[str, str] = field(default_factory=dict)

    def tokens(self, text: str) -> Tokens:
        """(folded words, match keys, position in words of each key)."""
        folded = words(text)
        keys: list[str] = []
        where: list[int] = []
        ignore = self.ignore
        for i, word in enumerate(folded):
            if word in ignore:
                continue
            if len(word) > 3 and word[-1] == "s" and word[-2] != "s":
                word = word[:-1]
            keys.append(word)
            where.append(i)
        return folded, keys, where

    def copy(self) -> RuleSet:
        return RuleSet(
            self.ignore, self.cut, self.function.copy(), self.seniority.copy(),
            self.company.copy(), self.position.copy(), dict(self.employers),
            self.employer_words.copy(), dict(self.labels),
        )  # fmt: skip


class _Source:
    """One file being read: its text (to point at lines) and where its rules come from."""

    def __init__(self, path: Path | str, text: str, origin: str) -> None:
        self.path, self.text, self.origin = str(path), text, origin
        self.touched: set[tuple[str, tuple[str, ...], bool]] = set()

    def line_of(self, kind: str, index: int) -> int:
        """Line of the index-th [[kind]] table, so an error points where the user must look."""
        headers = [
            self.text.count("\n", 0, m.start()) + 1
            for m in re.finditer(rf"^[ \t]*\[\[[ \t]*{kind}[ \t]*\]\]", self.text, re.MULTILINE)
        ]
        return headers[index] if index < len(headers) else 1

    def fail(self, kind: str, index: int, problem: str) -> HandpickedError:
        return HandpickedError(
            f"{self.path}:{self.line_of(kind, index)}: {problem} (fix this [[{kind}]] rule or "
            "delete it; the format is described at the top of the shipped roles.toml)"
        )


def _parse(source: _Source) -> dict[str, Any]:
    try:
        return tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as err:
        message = str(err)
        found = re.search(r"\(at line (\d+), column \d+\)", message)
        line = found.group(1) if found else "1"
        reason = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise HandpickedError(
            f"{source.path}:{line}: not valid TOML ({reason}); fix that line or delete the file"
        ) from None


def _strings(value: object) -> list[str] | None:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _name(source: _Source, kind: str, index: int, taxonomy: str, value: object) -> str:
    if value == "" and taxonomy != "employer":
        return ""
    what = _TAXONOMY.get(taxonomy, "sector")
    found = canonical(what, value) if isinstance(value, str) else None
    if found is None:
        example = {"function": "Engineering", "seniority": "Director"}.get(what, "Retail")
        raise source.fail(
            kind, index, f"{value!r} is not a {what} name (use a taxonomy name such as {example!r})"
        )
    return found


def _add_phrases(
    rules: RuleSet, source: _Source, kind: str, index: int, entry: dict[str, Any]
) -> None:
    phrases = _strings(entry.get("phrases"))
    if not phrases:
        raise source.fail(kind, index, '"phrases" must be a non-empty list of texts')
    taxonomy = (
        "function" if kind == "function" else "seniority" if kind == "seniority" else "sector"
    )
    value = _name(source, kind, index, taxonomy, entry.get("name"))
    weight = entry.get("weight", 2)
    if not isinstance(weight, int) or not 0 <= weight <= 9:
        raise source.fail(kind, index, '"weight" must be a whole number from 0 to 9')
    cap = entry.get("max")
    if cap is not None:
        cap = _name(source, kind, index, "seniority", cap) or None
    when = entry.get("when_with", [])
    if _strings(when) is None:
        raise source.fail(kind, index, '"when_with" must be a list of words')
    where = entry.get("field", "company")
    if where not in ("company", "position"):
        raise source.fail(kind, index, '"field" must be "company" or "position"')
    context = frozenset(key for word in when for key in rules.tokens(word)[1])
    if kind in ("function", "seniority"):
        target = rules.function if kind == "function" else rules.seniority
    else:
        target = rules.company if where == "company" else rules.position
    for phrase in phrases:
        anchored = phrase.startswith("^")
        key = tuple(rules.tokens(phrase.lstrip("^"))[1])
        if not key:
            raise source.fail(kind, index, f"phrase {phrase!r} has no words to match")
        slot = (f"{kind}:{where}", key, anchored)
        replace = bool(source.origin) and slot not in source.touched
        source.touched.add(slot)
        rule = Rule(value, phrase.lstrip("^"), weight, cap, context, source.origin)
        target.add(key, rule, anchored=anchored, replace=replace)


def _add_names(
    rules: RuleSet, source: _Source, kind: str, index: int, entry: dict[str, Any]
) -> None:
    sector = _name(source, kind, index, "employer", entry.get("sector"))
    names, exact = entry.get("names", []), entry.get("exact", [])
    if _strings(names) is None or _strings(exact) is None or not (names or exact):
        raise source.fail(kind, index, '"names" (and "exact") must be lists of names')
    if kind == "label":
        for label in names:
            rules.labels[name_key(label)] = sector
        return
    exact_keys = {company_key(name) for name in exact}
    for name in [*names, *exact]:
        key = company_key(name)
        if not key:
            raise source.fail(kind, index, f"employer name {name!r} has no words")
        rules.employers[key] = Employer(sector, name, source.origin)
        if key in exact_keys:  # only the whole name: a short or common word
            rules.employer_words.discard(tuple(key.split()))
        else:
            rule = Rule(sector, name, origin=source.origin)
            rules.employer_words.add(tuple(key.split()), rule, anchored=False, replace=True)


def _load(
    rules: RuleSet, source: _Source, allowed: Sequence[str], document: dict[str, Any] | None = None
) -> None:
    if document is None:
        document = _parse(source)
    for kind, entries in document.items():
        if kind == "text" and "text" in allowed:
            continue
        if kind not in allowed:
            raise HandpickedError(
                f"{source.path}:1: unknown section {kind!r}; a rules file holds "
                + ", ".join(f"[[{k}]]" for k in allowed if k != "text")
                + " tables"
            )
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise source.fail(kind, 0, f"{kind} rules must be written as [[{kind}]] tables")
        for index, entry in enumerate(entries):
            unknown = set(entry) - _KEYS[kind]
            if unknown:
                raise source.fail(kind, index, f"unknown key {sorted(unknown)[0]!r}")
            if kind in ("employer", "label"):
                _add_names(rules, source, kind, index, entry)
            else:
                _add_phrases(rules, source, kind, index, entry)


def _data(name: str) -> str:
    return (
        resources.files("handpicked.core.contacts.classify")
        .joinpath("data", name)
        .read_text("utf-8")
    )


@lru_cache(maxsize=1)
def shipped_rules() -> RuleSet:
    """The rules shipped inside the package, compiled once per process."""
    rules = RuleSet()
    sources = [_Source(name, _data(name), "") for name in SHIPPED_FILES]
    documents = [_parse(source) for source in sources]  # roles.toml read once, "text" too
    head = documents[0].get("text", {})
    rules.ignore = frozenset(w for text in head.get("ignore", []) for w in words(text))
    rules.cut = frozenset(w for text in head.get("cut", []) for w in words(text))
    for source, document in zip(sources, documents, strict=True):
        _load(rules, source, ("text", *_KEYS), document)
    return rules


def load_rules(user_rules: Path | None = None) -> RuleSet:
    """Shipped rules, plus the workspace's rules.toml when there is one (it wins)."""
    base = shipped_rules()
    if user_rules is None:
        return base
    path = Path(user_rules)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return base
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise HandpickedError(f"{path}: cannot read the rules file ({reason})") from None
    rules = base.copy()
    _load(rules, _Source(path, text, path.name), USER_TABLES)
    return rules
