"""Where contacts are stored: the only SQL of the contacts package besides the import's own.

`reading` lists and loads contacts, `editing` stores the user's corrections, `conditions` turns
an `AudienceFilter` into SQL, `reach` tells who was written to or met and when, `companies`
holds the sectors given to companies, `classification` what the classifier reads and writes,
and `columns` reads the whole network column by column for `browse`. The import's inserts and
updates live in `merge.store`.
"""

from handpicked.core.contacts.store.editing import (
    canonical_sector_or_label,
    forget,
    set_contact,
    set_do_not_contact,
    set_note,
    tag,
    touched,
)
from handpicked.core.contacts.store.reading import (
    do_not_contact,
    explain,
    facets,
    get_contact,
    get_contacts,
    is_empty,
    list_contacts,
    missing_ids,
    require_ids,
)

__all__ = [
    "canonical_sector_or_label",
    "do_not_contact",
    "explain",
    "facets",
    "forget",
    "get_contact",
    "get_contacts",
    "is_empty",
    "list_contacts",
    "missing_ids",
    "require_ids",
    "set_contact",
    "set_do_not_contact",
    "set_note",
    "tag",
    "touched",
]
