"""Classification of contacts: job function and seniority from the title, sector from the
employer, language from both. Pure functions over shipped rules (data/*.toml) plus the
workspace's own rules.toml; no I/O besides reading those rule files, no SQLite, no UI.

An import of 100,000 rows meets far fewer distinct titles and companies, so `Classifier`
caches per distinct title and per (company, position): each is classified once.
"""

from __future__ import annotations

from pathlib import Path

from handpicked.core.contacts.classify.language import guess_language
from handpicked.core.contacts.classify.roles import Role, classify_role
from handpicked.core.contacts.classify.rules import RuleSet, load_rules
from handpicked.core.contacts.classify.sectors import (
    SectorGuess,
    canonical_sector,
    classify_sector,
    resolve_sector,
)
from handpicked.core.contacts.classify.taxonomy import (
    FUNCTION_FR,
    FUNCTIONS,
    SECTOR_FR,
    SECTORS,
    SENIORITIES,
    SENIORITY_FR,
    UNCLASSIFIED,
    canonical,
)
from handpicked.core.text import company_key

__all__ = [
    "FUNCTIONS",
    "FUNCTION_FR",
    "SECTORS",
    "SECTOR_FR",
    "SENIORITIES",
    "SENIORITY_FR",
    "UNCLASSIFIED",
    "Classifier",
    "Role",
    "SectorGuess",
    "canonical",
    "canonical_sector",
    "resolve_sector",
]

_CACHE_LIMIT = 500_000  # distinct entries kept before a cache starts over (memory bound)


class Classifier:
    """Classifies titles and companies with the shipped rules plus a workspace rules file.

    `user_rules` is the workspace's rules.toml (same format as the shipped files; its rules
    add to or replace the shipped ones). A missing file is fine; a malformed one raises
    HandpickedError naming the file and the line.
    """

    def __init__(self, user_rules: Path | None = None) -> None:
        self.rules: RuleSet = load_rules(user_rules)
        self._roles: dict[str, Role] = {}
        self._sectors: dict[str, SectorGuess] = {}
        self._title_sectors: dict[str, SectorGuess] = {}

    def role(self, position: str) -> Role:
        """Function and seniority of a position title (cached per distinct title)."""
        found = self._roles.get(position)
        if found is None:
            if len(self._roles) >= _CACHE_LIMIT:
                self._roles.clear()
            found = self._roles[position] = classify_role(position or "", self.rules)
        return found

    def sector(self, company: str, position: str = "") -> SectorGuess:
        """Sector guessed from the employer, else from a telling position word (cached).

        The company alone decides whenever it tells anything, so it is classified once per
        distinct company and the position only looked at (once per distinct title) when it
        does not: an import of 100,000 rows has ~5,000 companies but ~75,000 pairs.
        """
        key = company_key(company or "")
        found = self._sectors.get(key)
        if found is None:
            if len(self._sectors) >= _CACHE_LIMIT:
                self._sectors.clear()
            found = self._sectors[key] = classify_sector(company or "", "", self.rules)
        if found.source != "none" or not position:
            return found
        by_title = self._title_sectors.get(position)
        if by_title is None:
            if len(self._title_sectors) >= _CACHE_LIMIT:
                self._title_sectors.clear()
            by_title = self._title_sectors[position] = classify_sector("", position, self.rules)
        return by_title

    def language(self, position: str, company: str) -> str | None:
        """Language to write in: "fr", "en", or None when title and company do not tell."""
        return guess_language(position, company)
