"""Keeping every contact's sector, function, seniority and language up to date in the workspace.

The classifier (`classify/`) only guesses from text. This module decides what is stored: a value
the user set by hand wins, then the user's sector for the company, then the import file's sector
column, then the guess; and it re-runs whenever an input changes (an import, `sector set`,
`contact set`, new workspace rules), so hand-made corrections survive every re-import.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from handpicked.core import configfile
from handpicked.core.contacts.classify import Classifier
from handpicked.core.contacts.classify.sectors import SectorGuess, resolve_sector
from handpicked.core.contacts.classify.taxonomy import UNCLASSIFIED
from handpicked.core.contacts.store.classification import (
    Classified,
    ClassifyInputs,
    classify_inputs,
    company_sector_map,
    save_classifications,
)
from handpicked.core.db import Workspace

_REASONS = {
    "contact": "set by hand for this contact",
    "column": "the sector column of the imported file",
    "none": "nothing recognised in the company or the title",
}


@dataclass
class ClassifyContext:
    classifier: Classifier
    company_sectors: dict[str, str]
    default_language: str

    @classmethod
    def load(cls, ws: Workspace, conn: sqlite3.Connection | None = None) -> ClassifyContext:
        conn = conn or ws.conn
        assignments = company_sector_map(conn)
        rules = ws.rules_path if ws.rules_path.exists() else None
        language = configfile.language(ws)  # the settings' models only for a bad value
        return cls(Classifier(rules), assignments, language)

    def apply(self, conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> int:
        """Reclassify the given contacts (all when `ids` is None); returns how many."""
        if ids is not None:
            ids = list(ids)
            if not ids:
                return 0
        updates = [self._classify(row) for row in classify_inputs(conn, ids)]
        save_classifications(conn, updates)
        return len(updates)

    def _classify(self, row: ClassifyInputs) -> Classified:
        return (
            *self.compute(
                row.company,
                row.position,
                row.company_key,
                row.sector_column,
                sector_manual=row.sector_manual,
                function_manual=row.function_manual,
                seniority_manual=row.seniority_manual,
                language_manual=row.language_manual,
            ),
            row.id,
        )

    def compute(
        self,
        company: str,
        position: str,
        company_key: str,
        sector_column: str,
        *,
        sector_manual: str | None = None,
        function_manual: str | None = None,
        seniority_manual: str | None = None,
        language_manual: str | None = None,
    ) -> tuple[str, str, str, str, str, str, str]:
        """(sector, source, function, source, seniority, source, language) to store."""
        sector, source, _ = self._sector(
            company, position, company_key, sector_column, sector_manual
        )
        role = self.classifier.role(position)
        function, function_source = role.function, role.function_source
        if function_manual:
            function, function_source = function_manual, "contact"
        seniority, seniority_source = role.seniority, role.seniority_source
        if seniority_manual:
            seniority, seniority_source = seniority_manual, "contact"
        language = language_manual or self._language(position, company)
        return sector, source, function, function_source, seniority, seniority_source, language

    def _sector(
        self,
        company: str,
        position: str,
        company_key: str,
        sector_column: str,
        manual: str | None,
    ) -> tuple[str, str, SectorGuess]:
        guess = self.classifier.sector(company, position)
        sector, source = resolve_sector(
            manual=manual,
            company_assignment=self.company_sectors.get(company_key),
            column=sector_column or None,
            guess=guess,
        )
        return sector or UNCLASSIFIED, source, guess

    def reasons(self, row: ClassifyInputs) -> dict[str, str]:
        """Why a stored contact has its sector and role, in words (the detail view's "why")."""
        _, source, guess = self._sector(
            row.company, row.position, row.company_key, row.sector_column, row.sector_manual
        )
        if source == "company":
            sector = f"your sector for the company {row.company!r}"
        else:
            sector = _REASONS.get(source, guess.reason)
        role = self.classifier.role(row.position).reason
        if row.function_manual or row.seniority_manual:
            role = f"set by hand for this contact (the title alone says: {role})"
        return {"sector": sector, "role": role}

    def _language(self, position: str, company: str) -> str:
        return self.classifier.language(position, company) or self.default_language


def reclassify(ws: Workspace, ids: Iterable[int] | None = None) -> int:
    """Recompute stored classifications after a user correction or a rules change."""
    from handpicked.core.db import transaction

    context = ClassifyContext.load(ws)
    with transaction(ws.conn) as conn:
        return context.apply(conn, ids)
