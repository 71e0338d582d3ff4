"""Contacts: importing them, merging re-imports, classifying, browsing and choosing an audience.

`importers/` read each export format, `merge/` stores a file's rows as one transaction,
`classify/` gives each person a sector, a function and a seniority, `store` reads and edits
them, `browse` filters 100,000 of them per keystroke, and `audience` applies the rules of who may
be written to (recently contacted, do-not-contact, the size guard). Faces import this surface.
"""

from handpicked.core.contacts.audience import (
    Audience,
    AudienceTooLarge,
    check_size,
    select_audience,
)
from handpicked.core.contacts.browse import (
    FACETS,
    BrowseIndex,
    BrowseResult,
    data_stamp,
    sector_choices,
)
from handpicked.core.contacts.classify import (
    FUNCTIONS,
    SECTORS,
    SENIORITIES,
    UNCLASSIFIED,
)
from handpicked.core.contacts.classify.apply import reclassify
from handpicked.core.contacts.companies import (
    CompanyCount,
    company_sectors,
    set_company_sector,
    unassigned,
)
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.merge import import_paths
from handpicked.core.contacts.store import (
    do_not_contact,
    explain,
    facets,
    forget,
    get_contact,
    get_contacts,
    is_empty,
    list_contacts,
    missing_ids,
    set_contact,
    set_do_not_contact,
    set_note,
    tag,
    touched,
)

__all__ = [
    "FACETS",
    "FUNCTIONS",
    "SECTORS",
    "SENIORITIES",
    "UNCLASSIFIED",
    "Audience",
    "AudienceFilter",
    "AudienceTooLarge",
    "BrowseIndex",
    "BrowseResult",
    "CompanyCount",
    "check_size",
    "company_sectors",
    "data_stamp",
    "do_not_contact",
    "explain",
    "facets",
    "forget",
    "get_contact",
    "get_contacts",
    "import_paths",
    "is_empty",
    "list_contacts",
    "missing_ids",
    "reclassify",
    "sector_choices",
    "select_audience",
    "set_company_sector",
    "set_contact",
    "set_do_not_contact",
    "set_note",
    "tag",
    "touched",
    "unassigned",
]
