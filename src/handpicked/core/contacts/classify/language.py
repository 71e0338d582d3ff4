"""French or English: which language to write to a contact in, guessed from their title.

A Québec network is mixed: a "Directrice des ventes" at Banque Nationale reads French, a "VP
Sales" at Shopify reads English, and a "Marketing Manager" at CGI could be either. The guess
counts words that belong to one language only (data/language.toml), title words counting double
since people choose their title's language but not their employer's name, and accented title
words counting as French. A tie, including no clue at all, is None: the caller then uses the
workspace's default language rather than a coin toss presented as knowledge.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from handpicked.core.text import fold, words

_TITLE_WEIGHT = 2
_COMPANY_WEIGHT = 1


@dataclass(frozen=True)
class _Markers:
    french: frozenset[str]
    english: frozenset[str]
    french_company: frozenset[str]
    english_company: frozenset[str]

    @cached_property
    def french_any(self) -> frozenset[str]:
        return self.french | self.french_company

    @cached_property
    def english_any(self) -> frozenset[str]:
        return self.english | self.english_company


@lru_cache(maxsize=1)
def _markers() -> _Markers:
    text = resources.files("handpicked.core.contacts.classify").joinpath("data", "language.toml")
    data = tomllib.loads(text.read_text("utf-8"))

    def fold_all(section: str, key: str) -> frozenset[str]:
        return frozenset(w for item in data[section][key] for w in words(item))

    return _Markers(
        fold_all("french", "title"),
        fold_all("english", "title"),
        fold_all("french", "company"),
        fold_all("english", "company"),
    )


def _accented(text: str) -> int:
    """How many words of a text carry an accent (a French sign in a Québec title)."""
    if text.isascii():
        return 0  # the common case: no word of it can carry an accent
    count = 0
    for word in text.split():
        if word.isascii():
            continue
        lowered = word.casefold()
        if any(ch.isalpha() and not ch.isascii() for ch in lowered) and fold(lowered) != lowered:
            count += 1
    return count


def _score(text: str, french: frozenset[str], english: frozenset[str]) -> tuple[int, int]:
    fr = en = 0
    for word in words(text):
        if word in french:
            fr += 1
        elif word in english:
            en += 1
    return fr, en


@lru_cache(maxsize=32768)
def title_score(position: str) -> tuple[int, int]:
    """(French, English) clues of a title, before weighting (cached per title)."""
    markers = _markers()
    fr, en = _score(position, markers.french, markers.english)
    return fr + _accented(position), en


@lru_cache(maxsize=32768)
def company_score(company: str) -> tuple[int, int]:
    """(French, English) clues of a company name, before weighting (cached per company)."""
    markers = _markers()
    return _score(company, markers.french_any, markers.english_any)


def guess_language(position: str, company: str) -> str | None:
    """ "fr" or "en" when the title (and, less, the company) lean one way; None when they don't.

    Title and company are scored apart (each cached): an import has far fewer distinct titles
    and companies than pairs of them.
    """
    return lean(title_score(position or ""), company_score(company or ""))


def lean(title: tuple[int, int], company: tuple[int, int]) -> str | None:
    """The language of a title's and a company's scores together (see `guess_language`)."""
    fr_title, en_title = title
    fr_company, en_company = company
    french = _TITLE_WEIGHT * fr_title + _COMPANY_WEIGHT * fr_company
    english = _TITLE_WEIGHT * en_title + _COMPANY_WEIGHT * en_company
    if french > english:
        return "fr"
    if english > french:
        return "en"
    return None
