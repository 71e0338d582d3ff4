"""Keeping every contact's sector, function, seniority and language up to date in the workspace.

The classifier (`classify/`) only guesses from text. This module decides what is stored: a value
the user set by hand wins, then the user's sector for the company, then the import file's sector
column, then the guess; and it re-runs whenever an input changes (an import, `sector set`,
`contact set`, new workspace rules), so hand-made corrections survive every re-import.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

from handpicked.core import config
from handpicked.core.contacts.classify import UNCLASSIFIED, Classifier, resolve_sector
from handpicked.core.contacts.classify.language import company_score, lean, title_score
from handpicked.core.db import Workspace

_REASONS = {
    "contact": "set by hand for this contact",
    "column": "the sector column of the imported file",
    "none": "nothing recognised in the company or the title",
}
CLASSIFY_SELECT = (  # what deciding a classification reads
    "SELECT id, company, position, company_key, sector_column, sector_manual, function_manual,"
    " seniority_manual, language_manual FROM contacts"
)


@dataclass
class ClassifyContext:
    classifier: Classifier
    company_sectors: dict[str, str]
    default_language: str
    _by_company: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    _by_title: dict[str, tuple[str, str]] = field(default_factory=dict)
    # position -> (function, source, seniority, source, language clues of the title)
    _roles: dict[str, tuple[str, str, str, str, tuple[int, int]]] = field(default_factory=dict)
    _company_clues: dict[str, tuple[int, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, ws: Workspace, conn: sqlite3.Connection | None = None) -> ClassifyContext:
        conn = conn or ws.conn
        assignments = dict(conn.execute("SELECT company_key, sector FROM company_sectors"))
        rules = ws.rules_path if ws.rules_path.exists() else None
        language = config.load(ws).me.language
        return cls(Classifier(rules), assignments, language)

    def apply(self, conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> int:
        """Reclassify the given contacts (all when `ids` is None); returns how many."""
        if ids is None:
            cursor = conn.execute(CLASSIFY_SELECT)
        else:
            id_list = list(ids)
            if not id_list:
                return 0
            cursor = conn.execute(
                f"{CLASSIFY_SELECT} WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(id_list),),
            )
        updates = [self._classify(row) for row in cursor.fetchall()]
        conn.executemany(
            "UPDATE contacts SET sector = ?, sector_source = ?, function = ?, function_source = ?,"
            " seniority = ?, seniority_source = ?, language = ? WHERE id = ?",
            updates,
        )
        return len(updates)

    def _classify(self, row: sqlite3.Row) -> tuple:
        return (
            *self.compute(
                row["company"],
                row["position"],
                row["company_key"],
                row["sector_column"],
                sector_manual=row["sector_manual"],
                function_manual=row["function_manual"],
                seniority_manual=row["seniority_manual"],
                language_manual=row["language_manual"],
            ),
            row["id"],
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
    ) -> tuple[str, str, str]:
        guess = self.classifier.sector(company, position)
        sector, source = resolve_sector(
            manual=manual,
            company_assignment=self.company_sectors.get(company_key),
            column=sector_column or None,
            guess=guess,
        )
        if source == "company":
            reason = f"your sector for the company {company!r}"
        else:
            reason = _REASONS.get(source, guess.reason)
        return sector or UNCLASSIFIED, source, reason

    def reasons(self, row: sqlite3.Row) -> dict[str, str]:
        """Why a stored contact has its sector and role, in words (the detail view's "why")."""
        _, _, sector = self._sector(
            row["company"],
            row["position"],
            row["company_key"],
            row["sector_column"],
            row["sector_manual"],
        )
        role = self.classifier.role(row["position"]).reason
        if row["function_manual"] or row["seniority_manual"]:
            role = f"set by hand for this contact (the title alone says: {role})"
        return {"sector": sector, "role": role}

    def _language(self, position: str, company: str) -> str:
        return self.classifier.language(position, company) or self.default_language

    def compute_new(
        self, company: str, position: str, company_key: str, sector_column: str
    ) -> tuple[str, str, str, str, str, str, str]:
        """`compute` for a contact nobody corrected yet: the import's hot path, one per new row.

        Same answer as `compute`, from caches keyed the way the answer depends on its inputs:
        the sector on the company (and the file's sector column) unless the company tells
        nothing, then on the title; the role and the title's language clues on the title; the
        company's language clues on the company. 100,000 rows have ~5,000 companies and ~10,000
        titles.
        """
        key = (company_key, sector_column)
        sector = self._by_company.get(key)
        if sector is None:
            sector = self._sector(company, "", company_key, sector_column, None)[:2]
            self._by_company[key] = sector
        if sector[1] == "none" and position:
            by_title = self._by_title.get(position)
            if by_title is None:
                by_title = self._sector("", position, "", "", None)[:2]
                self._by_title[position] = by_title
            sector = by_title
        role = self._roles.get(position)
        if role is None:
            found = self.classifier.role(position)
            role = self._roles[position] = (
                found.function,
                found.function_source,
                found.seniority,
                found.seniority_source,
                title_score(position or ""),
            )
        clues = self._company_clues.get(company)
        if clues is None:
            clues = self._company_clues[company] = company_score(company or "")
        return (
            sector[0],
            sector[1],
            role[0],
            role[1],
            role[2],
            role[3],
            lean(role[4], clues) or self.default_language,
        )


def reclassify(ws: Workspace, ids: Iterable[int] | None = None) -> int:
    """Recompute stored classifications after a user correction or a rules change."""
    from handpicked.core.db import transaction

    context = ClassifyContext.load(ws)
    with transaction(ws.conn) as conn:
        return context.apply(conn, ids)
