"""Contacts: importing them, merging re-imports, classifying, browsing and choosing an audience.

`importers/` read each export format, `merge/` stores a file's rows as one transaction,
`classify/` gives each person a sector, a function and a seniority, `store` reads and edits
them, `browse` filters 100,000 of them per keystroke, and `audience` applies the rules of who may
be written to (recently contacted, do-not-contact, the size guard). `duplicates` suggests who may
be imported twice, and `combine` merges two contacts when the user says so. `touch` tells who
is past their keep-in-touch cadence and why, `pulse` the figures of the Pulse screen. Faces
import this surface.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from handpicked.core.contacts.audience import (
        Audience,
        AudienceTooLarge,
        LeftOut,
        campaign_id,
        check_size,
        left_out_summary,
        select_audience,
    )
    from handpicked.core.contacts.browse import (
        FACETS,
        BrowseIndex,
        BrowseResult,
        data_stamp,
        keep_snapshot,
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
    from handpicked.core.contacts.combine import MergePlan, merge_contacts, merge_plan
    from handpicked.core.contacts.companies import (
        CompanyCount,
        company_sectors,
        set_company_sector,
        unassigned,
    )
    from handpicked.core.contacts.duplicates import (
        Suggestion,
        count_duplicates,
        dismiss_duplicate,
        duplicate_suggestions,
    )
    from handpicked.core.contacts.filters import AudienceFilter
    from handpicked.core.contacts.merge import import_paths
    from handpicked.core.contacts.merge.files import duplicates_after_import
    from handpicked.core.contacts.pulse import Pulse, ReplyRate, network_pulse
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
    from handpicked.core.contacts.store.reading import ContactLine, contact_lines
    from handpicked.core.contacts.touch import (
        KeepInTouch,
        cadence_set,
        cadence_standing,
        keep_in_touch,
        overdue,
        set_cadence,
        set_tag_cadence,
        snooze,
        tag_cadences,
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
    "ContactLine": "store.reading",
    "LeftOut": "audience",
    "FACETS": "browse",
    "FUNCTIONS": "classify",
    "KeepInTouch": "touch",
    "cadence_set": "touch",
    "cadence_standing": "touch",
    "keep_in_touch": "touch",
    "overdue": "touch",
    "set_cadence": "touch",
    "set_tag_cadence": "touch",
    "tag_cadences": "touch",
    "snooze": "touch",
    "MergePlan": "combine",
    "Pulse": "pulse",
    "network_pulse": "pulse",
    "ReplyRate": "pulse",
    "SECTORS": "classify",
    "SENIORITIES": "classify",
    "Suggestion": "duplicates",
    "UNCLASSIFIED": "classify",
    "campaign_id": "audience",
    "check_size": "audience",
    "company_sectors": "companies",
    "contact_lines": "store.reading",
    "count_duplicates": "duplicates",
    "duplicates_after_import": "merge.files",
    "data_stamp": "browse",
    "dismiss_duplicate": "duplicates",
    "do_not_contact": "store",
    "duplicate_suggestions": "duplicates",
    "explain": "store",
    "facets": "store",
    "forget": "store",
    "get_contact": "store",
    "get_contacts": "store",
    "import_paths": "merge",
    "is_empty": "store",
    "keep_snapshot": "browse",
    "left_out_summary": "audience",
    "list_contacts": "store",
    "merge_contacts": "combine",
    "merge_plan": "combine",
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
    "ContactLine",
    "KeepInTouch",
    "LeftOut",
    "MergePlan",
    "Pulse",
    "ReplyRate",
    "Suggestion",
    "cadence_set",
    "cadence_standing",
    "campaign_id",
    "check_size",
    "company_sectors",
    "contact_lines",
    "count_duplicates",
    "data_stamp",
    "dismiss_duplicate",
    "do_not_contact",
    "duplicate_suggestions",
    "duplicates_after_import",
    "explain",
    "facets",
    "forget",
    "get_contact",
    "get_contacts",
    "import_paths",
    "is_empty",
    "keep_in_touch",
    "keep_snapshot",
    "left_out_summary",
    "list_contacts",
    "merge_contacts",
    "merge_plan",
    "missing_ids",
    "network_pulse",
    "overdue",
    "preload",
    "reclassify",
    "sector_choices",
    "select_audience",
    "set_cadence",
    "set_company_sector",
    "set_contact",
    "set_do_not_contact",
    "set_note",
    "set_tag_cadence",
    "snooze",
    "tag",
    "tag_cadences",
    "touched",
    "unassigned",
]
