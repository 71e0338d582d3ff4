"""Sectors decided per company: the user's fastest way to classify a whole network.

Thirty companies usually cover most of a network, so `sector unassigned` lists companies without a
sector by how many contacts they hold, and `sector set` assigns one to every present and future
contact of that company (names compared without case, accents or legal suffixes).
"""

from __future__ import annotations

from pydantic import BaseModel

from handpicked.core.contacts.classify import UNCLASSIFIED
from handpicked.core.contacts.classify.apply import reclassify
from handpicked.core.contacts.store.companies import (
    company_sector_counts,
    save_company_sector,
    unclassified_companies,
)
from handpicked.core.contacts.store.editing import canonical_sector_or_label
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError, Hint
from handpicked.core.text import clean, company_key


class CompanyCount(BaseModel):
    company: str
    contacts: int
    sector: str = UNCLASSIFIED


def set_company_sector(ws: Workspace, company: str, sector: str) -> tuple[str, int]:
    """Assign (or with an empty sector, unassign) a company's sector; returns (sector, contacts)."""
    key = company_key(clean(company))
    if not key:
        raise HandpickedError("give a company name", hint=Hint.COMPANY_NAME)
    chosen = canonical_sector_or_label(sector) if sector.strip() else None
    ids = save_company_sector(ws, key, clean(company), chosen)
    reclassify(ws, ids)
    return chosen or sector, len(ids)


def company_sectors(ws: Workspace) -> list[CompanyCount]:
    return [
        CompanyCount(company=company, sector=sector, contacts=n)
        for company, sector, n in company_sector_counts(ws)
    ]


def unassigned(ws: Workspace, limit: int | None = None) -> list[CompanyCount]:
    """Companies whose contacts have no sector, most contacts first."""
    return [
        CompanyCount(company=company, contacts=n)
        for company, n in unclassified_companies(ws, limit)
    ]
