"""Storing an export's rows: each file in one transaction, re-imports matched to who is stored.

`ingest` turns rows into stored contacts (new, updated, unchanged, warned about); `matching`
holds the keys (profile URL, email, name and company) under which a row finds its person;
`files` runs the import of a list of files, one report each; `store` holds the import's SQL;
`fresh` stores a big first import column by column (the same contacts, much sooner).
"""

from handpicked.core.contacts.merge.files import import_paths

__all__ = ["import_paths"]
