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
from dataclasses import dataclass

from handpicked.core import config
from handpicked.core.classify import UNCLASSIFIED, Classifier, resolve_sector
from handpicked.core.workspace import Workspace

_SELECT = (
    "SELECT id, company, position, company_key, sector_column, sector_manual, function_manual,"
    " seniority_manual, language_manual FROM contacts"
)


@dataclass
class ClassifyContext:
    classifier: Classifier
    company_sectors: dict[str, str]
    default_language: str

    @classmethod
    def load(cls, workspace: Workspace, conn: sqlite3.Connection | None = None) -> ClassifyContext:
        conn = conn or workspace.conn
        assignments = dict(conn.execute("SELECT company_key, sector FROM company_sectors"))
        rules = workspace.rules_path if workspace.rules_path.exists() else None
        language = config.load(workspace).me.language
        return cls(Classifier(rules), assignments, language)

    def apply(self, conn: sqlite3.Connection, ids: Iterable[int] | None = None) -> int:
        """Reclassify the given contacts (all when `ids` is None); returns how many."""
        if ids is None:
            cursor = conn.execute(_SELECT)
        else:
            id_list = list(ids)
            if not id_list:
                return 0
            cursor = conn.execute(
                _SELECT + " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(id_list),)
            )
        updates = [self._classify(row) for row in cursor.fetchall()]
        conn.executemany(
            "UPDATE contacts SET sector = ?, sector_source = ?, sector_reason = ?, function = ?,"
            " function_source = ?, seniority = ?, seniority_source = ?, role_reason = ?,"
            " language = ? WHERE id = ?",
            updates,
        )
        return len(updates)

    def _classify(self, row: sqlite3.Row) -> tuple:
        classifier = self.classifier
        guess = classifier.sector(row["company"], row["position"])
        sector, source = resolve_sector(
            manual=row["sector_manual"],
            company_assignment=self.company_sectors.get(row["company_key"]),
            column=row["sector_column"] or None,
            guess=guess,
        )
        reason = {
            "contact": "set by hand for this contact",
            "company": f"your sector for the company {row['company']!r}",
            "column": "the sector column of the imported file",
            "none": "nothing recognised in the company or the title",
        }.get(source, guess.reason)
        role = classifier.role(row["position"])
        function, function_source = role.function, role.function_source
        if row["function_manual"]:
            function, function_source = row["function_manual"], "contact"
        seniority, seniority_source = role.seniority, role.seniority_source
        if row["seniority_manual"]:
            seniority, seniority_source = row["seniority_manual"], "contact"
        language = row["language_manual"] or (
            classifier.language(row["position"], row["company"]) or self.default_language
        )
        return (
            sector or UNCLASSIFIED,
            source,
            reason,
            function,
            function_source,
            seniority,
            seniority_source,
            role.reason,
            language,
            row["id"],
        )


def reclassify(workspace: Workspace, ids: Iterable[int] | None = None) -> int:
    """Recompute stored classifications after a user correction or a rules change."""
    from handpicked.core.workspace import transaction

    context = ClassifyContext.load(workspace)
    with transaction(workspace.conn) as conn:
        return context.apply(conn, ids)
