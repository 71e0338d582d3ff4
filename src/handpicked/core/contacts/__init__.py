"""Contacts: importing them, merging re-imports, classifying, browsing and choosing an audience.

`importers/` read each export format, `merge/` stores a file's rows as one transaction,
`classify/` gives each person a sector, a function and a seniority, `store` reads and edits
them, `browse` filters 100,000 of them per keystroke, and `audience` applies the rules of who may
be written to (recently contacted, do-not-contact, the size guard). Faces import this surface.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
        preload,
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

# Where each name lives: imported on first use, so `handpicked contacts --search` never pays for
# pyarrow (browse), the importers or the classifier's rules it does not touch.
_WHERE = {
    "Audience": "audience",
    "AudienceFilter": "filters",
    "AudienceTooLarge": "audience",
    "BrowseIndex": "browse",
    "BrowseResult": "browse",
    "CompanyCount": "companies",
    "FACETS": "browse",
    "FUNCTIONS": "classify",
    "SECTORS": "classify",
    "SENIORITIES": "classify",
    "UNCLASSIFIED": "classify",
    "check_size": "audience",
    "company_sectors": "companies",
    "data_stamp": "browse",
    "do_not_contact": "store",
    "explain": "store",
    "facets": "store",
    "forget": "store",
    "get_contact": "store",
    "get_contacts": "store",
    "import_paths": "merge",
    "is_empty": "store",
    "list_contacts": "store",
    "missing_ids": "store",
    "preload": "browse",
    "reclassify": "classify.apply",
    "sector_choices": "browse",
    "select_audience": "audience",
    "set_company_sector": "companies",
    "set_contact": "store",
    "set_do_not_contact": "store",
    "set_note": "store",
    "tag": "store",
    "touched": "store",
    "unassigned": "companies",
}


def __getattr__(name: str) -> Any:
    """The name's module, imported now: a face pays only for the parts of contacts it uses."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


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
    "preload",
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
