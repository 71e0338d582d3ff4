"""Sectors decided per company: the user's fastest way to classify a whole network.

Thirty companies usually cover most of a network, so `sector unassigned` lists companies without a
sector by how many contacts they hold, and `sector set` assigns one to every present and future
contact of that company (names compared without case, accents or legal suffixes).
"""

from __future__ import annotations

from pydantic import BaseModel

from handpicked.core.contacts.classify import UNCLASSIFIED
from handpicked.core.contacts.classify.apply import reclassify
from handpicked.core.contacts.store import canonical_sector_or_label
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError
from handpicked.core.text import clean, company_key


class CompanyCount(BaseModel):
    company: str
    contacts: int
    sector: str = UNCLASSIFIED


def set_company_sector(ws: Workspace, company: str, sector: str) -> tuple[str, int]:
    """Assign (or with an empty sector, unassign) a company's sector; returns (sector, contacts)."""
    key = company_key(clean(company))
    if not key:
        raise HandpickedError(
            'give a company name, e.g. handpicked sector set "Desjardins" "Financial Services"'
        )
    conn = ws.conn
    with transaction(conn):
        if sector.strip():
            sector = canonical_sector_or_label(sector)
            conn.execute(
                "INSERT INTO company_sectors(company_key, company, sector) VALUES (?, ?, ?)"
                " ON CONFLICT(company_key) DO UPDATE SET sector = excluded.sector,"
                " company = excluded.company",
                (key, clean(company), sector),
            )
        else:
            conn.execute("DELETE FROM company_sectors WHERE company_key = ?", (key,))
    ids = [r[0] for r in conn.execute("SELECT id FROM contacts WHERE company_key = ?", (key,))]
    reclassify(ws, ids)
    return sector, len(ids)


def company_sectors(ws: Workspace) -> list[CompanyCount]:
    rows = ws.conn.execute(
        "SELECT cs.company, cs.sector, count(c.id) FROM company_sectors cs"
        " LEFT JOIN contacts c ON c.company_key = cs.company_key GROUP BY cs.company_key"
        " ORDER BY count(c.id) DESC, cs.company"
    ).fetchall()
    return [CompanyCount(company=r[0], sector=r[1], contacts=r[2]) for r in rows]


def unassigned(ws: Workspace, limit: int | None = None) -> list[CompanyCount]:
    """Companies whose contacts have no sector, most contacts first."""
    sql = (
        "SELECT min(company), count(*) AS n FROM contacts WHERE sector = ? AND company_key != ''"
        " GROUP BY company_key ORDER BY n DESC, min(company)"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = ws.conn.execute(sql, (UNCLASSIFIED,)).fetchall()
    return [CompanyCount(company=r[0], contacts=r[1]) for r in rows]
