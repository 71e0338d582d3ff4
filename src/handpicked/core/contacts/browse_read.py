"""The Contacts screen's index read from SQLite: the slow way, taken when its snapshot is stale.

About 0.4 s for 100,000 contacts on a small machine (the snapshot file takes milliseconds), so
it runs in a thread or a worker. pyarrow.compute is imported when a read starts: a start from the
snapshot goes without it.
"""

from __future__ import annotations

import pyarrow as pa

from handpicked.core.contacts.store import columns as stored
from handpicked.core.contacts.store.reach import last_contacts, last_sent_or_touched
from handpicked.core.db import Workspace

# The Arrow type of each of the store's columns (`store.columns.COLUMNS`); they come in table
# order and are put in name order in Arrow (see `_name_order`).
TYPES: dict[str, pa.DataType] = {
    "id": pa.int64(),
    "has_email": pa.bool_(),
    "do_not_contact": pa.bool_(),
}


def read_network(ws: Workspace) -> tuple[dict[str, pa.Array], dict[str, list[int]]]:
    """The index's columns in name order (the store's, then when each contact was last
    contacted and reached), and tag -> positions holding it (ascending)."""
    import pyarrow.compute as pc

    columns = _read_joined(ws) or _read_json(ws)
    ids = columns["id"].to_pylist()
    last = last_sent_or_touched(ws)
    reached = last_contacts(ws, None, "")
    columns["last_contacted"] = pa.array([last.get(i, "") for i in ids], pa.string())
    columns["reached"] = pa.array([reached.get(i, "") for i in ids], pa.string())
    tags: dict[str, list[int]] = {}
    tag_rows = stored.tag_pairs(ws)
    if tag_rows:
        position = {cid: pos for pos, cid in enumerate(ids)}
        for cid, tag in tag_rows:
            tags.setdefault(tag, []).append(position[cid])
    order = _name_order(columns)
    columns = {name: column.take(order) for name, column in columns.items()}
    if tags:
        rank = pc.sort_indices(order).to_pylist()  # old position -> new position
        tags = {tag: sorted(rank[row] for row in rows) for tag, rows in tags.items()}
    return columns, tags


def _read_joined(ws: Workspace) -> dict[str, pa.Array] | None:
    """The columns, each read as one joined string; None when a value holds the separator."""
    import pyarrow.compute as pc

    count, joined = stored.joined_columns(ws)
    columns = {}
    for (name, _), text in zip(stored.COLUMNS, joined, strict=True):
        kind = TYPES.get(name, pa.string())
        values = pa.array([], pa.string())
        if count:
            values = pc.split_pattern(pa.array([text], pa.string()), stored.SEPARATOR)[0].values
        if len(values) != count:
            return None
        columns[name] = values if kind == pa.string() else values.cast(kind)
    return columns


def _read_json(ws: Workspace) -> dict[str, pa.Array]:
    """The columns, each read as a JSON array (any value, slower)."""
    columns = {}
    for (name, _), values in zip(stored.COLUMNS, stored.json_columns(ws), strict=True):
        kind = TYPES.get(name, pa.string())
        if kind == pa.bool_():
            columns[name] = pa.array(values, type=pa.int8()).cast(kind)
        else:
            columns[name] = pa.array(values, type=kind)
    return columns


def _name_order(columns: dict[str, pa.Array]) -> pa.Array:
    """Positions in `list_contacts` order: the folded name (`sort_key`), then id."""
    import pyarrow.compute as pc

    keys = pa.table({"name": columns["sort_key"], "id": columns["id"]})
    return pc.sort_indices(keys, sort_keys=[("name", "ascending"), ("id", "ascending")])
