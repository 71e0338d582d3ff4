"""The Contacts screen's index kept on disk, so the app paints 100,000 contacts without SQL.

Reading the network from SQLite takes most of a second at 100,000 contacts; a memory-mapped
Arrow file of the same columns takes milliseconds. The file is a cache and is never trusted
blindly: it carries the key of the database it was built from, and a file whose key, format or
columns differ from what is expected (an older handpicked, a damaged or foreign file, a copied
workspace) is ignored, and rebuilt.

The key says whether the database changed, from the files alone (no schema, no trigger):
  - in WAL mode every commit appends frames to the `-wal` file (its size grows), or restarts it
    with new random salts (its 32-byte header changes); the WAL's size and header cover it;
  - the database file itself changes only when a checkpoint copies those frames in; its inode,
    size and modification time cover that, provided the time cannot repeat: a file written less
    than `SETTLE` seconds ago could be written again within the same tick of a coarse clock, so
    a key is saved only once its file time is that old, and only if the connection saw no commit
    since the index was read (`BrowseIndex.save_snapshot`).
A checkpoint alone changes the key too: the next start rebuilds the file once. That costs time,
never correctness.

The file also keeps the whole network's facet counts (in the facets' display order), so a start
from it shows the unfiltered network without counting anything.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.ipc as ipc

from handpicked.core.db import Workspace
from handpicked.core.fileio import write_atomic

FORMAT = "handpicked-contacts-index-2"
"""Bumped when the file's meaning changes (order, columns): older files are then rebuilt."""
SETTLE = 2.0
"""Seconds a file time must lie in the past before it can be trusted (FAT counts in twos)."""
_META = b"handpicked"
_FACETS = b"handpicked-facets"
_WAL_HEADER = 32


@dataclass(frozen=True)
class Key:
    """Where the database files stood when an index was read."""

    text: str
    """What the snapshot file records, and must match to be used."""
    changed: float
    """When the database file was last written (seconds since the epoch)."""

    def settles_at(self) -> float:
        """From when on a change would show in the key (see the module's docstring)."""
        return self.changed + SETTLE


def snapshot_key(ws: Workspace, columns: list[str]) -> Key:
    """The database's key now; `columns` (the index's names, in order) are part of it."""
    db = os.stat(ws.db_path)
    wal: list[object] | None = None
    try:
        with open(f"{ws.db_path}-wal", "rb") as handle:
            header = handle.read(_WAL_HEADER)
            size = os.fstat(handle.fileno()).st_size
        if size:  # an empty WAL holds nothing: the same as none
            wal = [size, header.hex()]
    except FileNotFoundError:
        pass
    text = json.dumps(
        {
            "format": FORMAT,
            "columns": columns,
            "db": [db.st_dev, db.st_ino, db.st_size, db.st_mtime_ns],
            "wal": wal,
        },
        separators=(",", ":"),
    )
    return Key(text=text, changed=db.st_mtime_ns / 1e9)


def read_snapshot(ws: Workspace, key: Key, schema: pa.Schema) -> pa.Table | None:
    """The snapshot's table, memory-mapped, if it was built under `key` with `schema`; else None.

    Anything unexpected (no file, a damaged one, another key, other columns) means "rebuild".
    """
    try:
        with pa.memory_map(str(ws.browse_cache_path), "r") as source:
            table = ipc.open_file(source).read_all()
    except (OSError, pa.ArrowException):
        return None
    meta = table.schema.metadata or {}
    if meta.get(_META) != key.text.encode() or not table.schema.equals(schema):
        return None
    return table


def read_facets(table: pa.Table, kinds: tuple[str, ...]) -> dict[str, dict[str, int]] | None:
    """The facet counts a snapshot keeps (kind -> value -> count, in order); None when they are
    missing or not what `write_snapshot` writes (the file is then rebuilt)."""
    try:
        pairs = json.loads((table.schema.metadata or {})[_FACETS])
        facets = {kind: {str(value): int(count) for value, count in pairs[kind]} for kind in kinds}
    except (KeyError, TypeError, ValueError):
        return None
    return facets


def write_snapshot(
    ws: Workspace, key: Key, table: pa.Table, facets: dict[str, dict[str, int]]
) -> None:
    """Replace the snapshot atomically (a reader never maps a half-written file)."""
    counts = json.dumps({kind: list(values.items()) for kind, values in facets.items()})
    table = table.replace_schema_metadata({_META: key.text.encode(), _FACETS: counts.encode()})
    sink = pa.BufferOutputStream()
    with ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    write_atomic(ws.browse_cache_path, sink.getvalue().to_pybytes())
