"""Facet counts read an index instead of sorting the whole table (most of `facets`' start)."""

from __future__ import annotations

from handpicked.core.contacts.store.reading import facets
from handpicked.core.db import Workspace


def test_facet_counts_group_along_an_index(tmp_path):
    """Verify the facets query groups by walking an index, with no temporary sort of every row."""
    ws = Workspace(tmp_path / "ws")
    statements: list[str] = []
    ws.conn.set_trace_callback(statements.append)
    facets(ws)
    ws.conn.set_trace_callback(None)
    grouped = [s for s in statements if "GROUP BY 1, 2, 3" in s]
    assert len(grouped) == 1
    plan = " | ".join(row[-1] for row in ws.conn.execute("EXPLAIN QUERY PLAN " + grouped[0]))
    assert "contacts_facets" in plan
    assert "TEMP B-TREE" not in plan
    ws.close()
