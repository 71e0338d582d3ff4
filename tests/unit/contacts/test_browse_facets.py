"""The snapshot keeps the network's facet counts, so a start from it counts nothing.

They are a cache like the rest of the file: counts that are missing or damaged mean the file is
not used (the index is read from SQLite), never a wrong count on screen.
"""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from handpicked.core.contacts.browse import FACETS, BrowseIndex
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.db import Workspace
from tests.unit.contacts.test_browse_snapshot import answers, snapshot_of, ws  # noqa: F401


def _rewrite_facets(workspace: Workspace, facets: bytes | None) -> None:
    """The snapshot file as it is, with its facet counts replaced (None: removed)."""
    path = workspace.browse_cache_path
    with pa.memory_map(str(path), "r") as source:
        table = ipc.open_file(source).read_all()
    meta = dict(table.schema.metadata)
    meta.pop(b"handpicked-facets")
    if facets is not None:
        meta[b"handpicked-facets"] = facets
    table = table.replace_schema_metadata(meta)
    sink = pa.BufferOutputStream()
    with ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    path.write_bytes(sink.getvalue().to_pybytes())


def test_unfiltered_counts_from_the_snapshot_are_the_fresh_counts(ws):  # noqa: F811
    """Verify the whole network's facet counts kept in the snapshot are those a fresh read
    counts, in the same order, and that a filter counts the same afterwards."""
    fresh = snapshot_of(ws)
    kept = BrowseIndex.load(ws)
    assert kept.from_snapshot
    assert kept.select().facets == fresh.select().facets
    assert [list(kept.select().facets[k]) for k in FACETS] == [
        fresh.facet_values[k] for k in FACETS
    ]
    assert answers(kept) == answers(fresh)
    some = AudienceFilter(sector=[fresh.facet_values["sector"][0]])
    assert kept.select(some).facets == fresh.select(some).facets


@pytest.mark.parametrize("facets", [None, b"{not json", json.dumps({"sector": 3}).encode()])
def test_snapshot_with_missing_or_damaged_counts_is_not_used(ws, facets):  # noqa: F811
    """Verify a snapshot whose facet counts are missing or damaged is read from SQLite instead,
    with the same answers."""
    fresh = snapshot_of(ws)
    _rewrite_facets(ws, facets)
    again = BrowseIndex.load(ws)
    assert not again.from_snapshot
    assert answers(again) == answers(fresh)
