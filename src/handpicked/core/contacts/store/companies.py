"""The sectors a user gave companies, and the companies still waiting for one."""

from __future__ import annotations

from handpicked.core.contacts.classify import UNCLASSIFIED
from handpicked.core.db import Workspace, transaction


def save_company_sector(ws: Workspace, key: str, company: str, sector: str | None) -> list[int]:
    """Give the company with this key a sector (None: take it back); returns its contacts' ids."""
    with transaction(ws.conn) as conn:
        if sector is not None:
            conn.execute(
                "INSERT INTO company_sectors(company_key, company, sector) VALUES (?, ?, ?)"
                " ON CONFLICT(company_key) DO UPDATE SET sector = excluded.sector,"
                " company = excluded.company",
                (key, company, sector),
            )
        else:
            conn.execute("DELETE FROM company_sectors WHERE company_key = ?", (key,))
    return [r[0] for r in ws.conn.execute("SELECT id FROM contacts WHERE company_key = ?", (key,))]


def company_sector_counts(ws: Workspace) -> list[tuple[str, str, int]]:
    """(company, its sector, how many contacts work there), most contacts first."""
    rows = ws.conn.execute(
        "SELECT cs.company, cs.sector, count(c.id) FROM company_sectors cs"
        " LEFT JOIN contacts c ON c.company_key = cs.company_key GROUP BY cs.company_key"
        " ORDER BY count(c.id) DESC, cs.company"
    ).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def unclassified_companies(ws: Workspace, limit: int | None = None) -> list[tuple[str, int]]:
    """(company, how many contacts) for companies whose contacts have no sector, most first."""
    sql = (
        "SELECT min(company), count(*) AS n FROM contacts WHERE sector = ? AND company_key != ''"
        " GROUP BY company_key ORDER BY n DESC, min(company)"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = ws.conn.execute(sql, (UNCLASSIFIED,)).fetchall()
    return [(r[0], r[1]) for r in rows]


def sector_labels(ws: Workspace) -> set[str]:
    """Every sector given to a company or held by a contact (the user's own labels among them)."""
    return {
        row[0]
        for row in ws.conn.execute(
            "SELECT sector FROM company_sectors UNION SELECT sector FROM contacts"
        )
    }
