"""The whole network in memory, filtered as fast as a person types: the Contacts screen's index.

The contacts store answers a filter with SQL (`store.conditions.where`), right for a command
that runs once. A screen that re-filters 100,000 contacts on every keystroke and recounts four
facets each time cannot afford a query per keystroke, so the columns a filter looks at are read
once into Arrow arrays and every `AudienceFilter` is answered with vectorised masks
(pyarrow.compute) over them. The meaning is the same as `where()`'s (words of the search folded
and matched inside `search_text`; facets OR'd within a kind and AND'd across kinds; the recency
rule as `store.reach.last_contacts` sees it), and a test holds the two in step.

Two habits keep typing smooth: a query that extends the previous one ("dev" -> "deve") is matched
against the previous hits only, and facet counts are "disjunctive" (each facet counted with every
condition except its own), so a ticked sector never hides the other sectors one could add.

An index read from its snapshot carries the whole network's facet counts with it, so the app's
first frame (nothing filtered yet) counts nothing and needs no pyarrow.compute (30 ms to import:
it builds the docstrings of every compute function); that is imported on the first filter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

import pyarrow as pa

from handpicked.core.clock import today
from handpicked.core.contacts.browse_read import TYPES, read_network
from handpicked.core.contacts.classify import SENIORITIES, UNCLASSIFIED
from handpicked.core.contacts.filters import AudienceFilter, cutoff
from handpicked.core.contacts.snapshot import (
    Key,
    read_facets,
    read_snapshot,
    snapshot_key,
    write_snapshot,
)
from handpicked.core.contacts.store import columns as stored
from handpicked.core.contacts.store.companies import sector_labels
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.text import fold, words

FACETS: tuple[str, ...] = ("sector", "function", "seniority", "tag")

# The index as its snapshot file holds it: the columns, then each contact's tags.
_SNAPSHOT = pa.schema(
    [(name, TYPES.get(name, pa.string())) for name, _ in stored.COLUMNS]
    + [("last_contacted", pa.string()), ("reached", pa.string())]
    + [("tags", pa.list_(pa.string()))]
)


@dataclass(frozen=True)
class BrowseResult:
    """The contacts a filter selects, in display order, and the facet counts around them."""

    rows: pa.Array
    """Positions into `BrowseIndex.columns` (int64), in the order to show them."""
    facets: dict[str, dict[str, int]]
    """kind -> value -> count, for every value present in the network (zeros included)."""
    total: int
    """How many contacts the whole network holds."""

    def __len__(self) -> int:
        return len(self.rows)


class BrowseIndex:
    """The columns filters and the contacts table need, one Arrow array each, in name order."""

    def __init__(
        self,
        columns: dict[str, pa.Array],
        tags: dict[str, list[int]] | pa.Array,
        today: dt.date,
        stamp: tuple[int, int] = (0, 0),
        key: Key | None = None,
        network: dict[str, dict[str, int]] | None = None,
    ) -> None:
        """`tags`: tag -> positions, or each contact's tags as one list column; `network`: the
        whole network's facet counts in facet order, when known (a snapshot keeps them)."""
        self.columns = columns
        self.stamp = stamp
        """`data_stamp` of the workspace when it was read: a different one means reload."""
        self.key = key
        """The database files' key when it was read (None: not read from a workspace)."""
        self.from_snapshot = False
        self.size = len(columns["id"])
        self.today = today
        self._tags_column: pa.Array | None = None
        self._rows_by_tag: dict[str, list[int]] | None = None
        if isinstance(tags, dict):
            self._rows_by_tag = tags
        else:
            self._tags_column = tags
        self._all = pa.array(range(self.size), type=pa.int64())
        self._lock = threading.Lock()
        self._last_search: tuple[str, pa.Array] = ("", self._all)
        if network is None:
            network = {kind: self._network_counts(kind) for kind in FACETS}
        self._network = network
        self.facet_values = {kind: list(self._network[kind]) for kind in FACETS}

    @classmethod
    def load(cls, ws: Workspace) -> BrowseIndex:
        """The workspace's contacts: from the snapshot file when it is current (milliseconds),
        else read from SQLite (about 0.4 s for 100,000 on a small machine)."""
        stamp = data_stamp(ws)  # first: a commit from here on shows in it
        key = snapshot_key(ws, _SNAPSHOT.names)
        table = read_snapshot(ws, key, _SNAPSHOT)
        network = None if table is None else read_facets(table, FACETS)
        if table is not None and network is not None:
            columns = {name: _one_array(table.column(name)) for name in _SNAPSHOT.names[:-1]}
            tag_lists = _one_array(table.column("tags"))
            index = cls(columns, tag_lists, today(), stamp, key, network)
            index.from_snapshot = True
            return index
        columns, tags = read_network(ws)
        return cls(columns, tags, today(), stamp, key)

    def save_snapshot(self, ws: Workspace, *, wait: bool = True) -> bool:
        """Keep this index on disk for the next start, if it still is the database's state.

        Waits (with `wait`; else gives up) until a change made from now on would show in the key,
        then checks that nothing was committed since the index was read. Call it off the UI
        thread: it may sleep two seconds. True when the file was written.
        """
        key = self.key
        if key is None or self.from_snapshot:
            return False
        pause = key.settles_at() - time.time()
        if pause > 0:
            if not wait:
                return False
            time.sleep(pause)
        if not ws.is_open or data_stamp(ws) != self.stamp:  # closed: the app has quit
            return False
        if snapshot_key(ws, _SNAPSHOT.names).text != key.text:
            return False
        tags = self._tags()
        arrays = [self.columns[name] for name in _SNAPSHOT.names[:-1]] + [tags]
        write_snapshot(ws, key, pa.Table.from_arrays(arrays, schema=_SNAPSHOT), self._network)
        return True

    def __len__(self) -> int:
        return self.size

    def ids(self, rows: pa.Array) -> list[int]:
        ids: list[int] = self.columns["id"].take(rows).to_pylist()
        return ids

    # -- filtering ---------------------------------------------------------------------------

    def select(self, f: AudienceFilter | None = None) -> BrowseResult:
        """The filter's contacts by name, and disjunctive counts."""
        f = f or AudienceFilter()
        if f.is_empty():  # the first frame, a reset: the whole network, counted already
            counts = {kind: dict(self._network[kind]) for kind in FACETS}
            return BrowseResult(rows=self._all, facets=counts, total=self.size)
        hits = self._search(f.search)
        for mask in self._conditions(f):
            hits = hits.filter(mask.take(hits))
        facet_masks = {
            kind: mask.take(hits)
            for kind in FACETS
            if (mask := self._facet_mask(kind, getattr(f, kind))) is not None
        }
        rows = _filter_all(hits, list(facet_masks.values()))
        counts = {}
        for kind in FACETS:
            others = [mask for other, mask in facet_masks.items() if other != kind]
            counts[kind] = self._count(
                kind, rows if len(others) == len(facet_masks) else _filter_all(hits, others)
            )
        return BrowseResult(rows=rows, facets=counts, total=self.size)

    def _search(self, text: str) -> pa.Array:
        """Positions whose search_text holds every word; extends the previous hits when it can."""
        import pyarrow.compute as pc  # here: the first frame (nothing searched) goes without

        query = " ".join(words(text))
        if not query:
            return self._all
        with self._lock:
            previous, hits = self._last_search
        if not (previous and query.startswith(previous)):
            hits = self._all
        column = self.columns["search_text"]
        for word in query.split(" "):
            values = column if len(hits) == self.size else column.take(hits)
            hits = hits.filter(pc.match_substring(values, word))
        with self._lock:
            self._last_search = (query, hits)
        return hits

    def _conditions(self, f: AudienceFilter) -> Iterable[pa.Array]:
        """Full-length boolean masks for every non-facet condition of the filter."""
        import pyarrow.compute as pc

        col = self.columns
        if f.company.strip():
            yield pc.match_substring(col["company_key"], " ".join(words(f.company)))
        if f.has_email:
            yield col["has_email"]
        if f.changed_position:
            yield pc.not_equal(col["changed_at"], "")
            if f.since:
                yield pc.greater_equal(col["changed_at"], f.since.isoformat())
        if f.connected_after:
            yield pc.greater_equal(col["connected_on"], f.connected_after.isoformat())
        if f.connected_before:
            before = pc.less_equal(col["connected_on"], f.connected_before.isoformat())
            yield pc.and_(before, pc.not_equal(col["connected_on"], ""))
        if f.exclude:
            yield pc.invert(pc.is_in(col["id"], value_set=pa.array(f.exclude, pa.int64())))
        if f.not_contacted_days:
            since = cutoff(f.not_contacted_days, self.today)
            yield pc.less(col["reached"], since)

    def _facet_mask(self, kind: str, values: Sequence[str]) -> pa.Array | None:
        if not values:
            return None
        import pyarrow.compute as pc

        by_fold = {fold(name): name for name in self.facet_values[kind]}
        names = [by_fold[key] for key in map(fold, values) if key in by_fold]
        if kind != "tag":
            return pc.is_in(self.columns[kind], value_set=pa.array(names, pa.string()))
        rows = sorted({row for name in names for row in self._tag_rows[name]})
        return pc.is_in(self._all, value_set=pa.array(rows, pa.int64()))

    def _count(self, kind: str, rows: pa.Array) -> dict[str, int]:
        known = self.facet_values[kind]
        if rows is self._all:
            return dict(self._network[kind])
        import pyarrow.compute as pc

        counts = dict.fromkeys(known, 0)
        if not len(rows):
            return counts
        if kind == "tag":
            if not known:
                return counts
            values = pc.list_flatten(self._tags().take(rows))
        else:
            values = self.columns[kind].take(rows)
        for item in pc.value_counts(values).to_pylist():
            counts[item["values"]] = item["counts"]
        return counts

    def _tags(self) -> pa.Array:
        """Each contact's tags as one list column (built the first time a tag is counted)."""
        if self._tags_column is None:
            per_row: list[list[str]] = [[] for _ in range(self.size)]
            for tag, rows in self._tag_rows.items():
                for row in rows:
                    per_row[row].append(tag)
            self._tags_column = pa.array(per_row, type=pa.list_(pa.string()))
        return self._tags_column

    @property
    def _tag_rows(self) -> dict[str, list[int]]:
        """tag -> positions holding it (from the snapshot's list column the first time)."""
        if self._rows_by_tag is None:
            assert self._tags_column is not None
            self._rows_by_tag = _tag_positions(self._tags_column)
        return self._rows_by_tag

    def _network_counts(self, kind: str) -> dict[str, int]:
        """The whole network's counts of a facet's values, in a stable order: most frequent
        first (seniorities by rank), Unclassified last."""
        if kind == "tag":
            rows = self._tag_rows
            return {t: len(rows[t]) for t in sorted(rows, key=lambda t: (-len(rows[t]), t))}
        import pyarrow.compute as pc

        counts = {
            item["values"]: item["counts"]
            for item in pc.value_counts(self.columns[kind]).to_pylist()
        }
        if kind == "seniority":
            rank = {name: i for i, name in enumerate(SENIORITIES)}
            order = sorted(counts, key=lambda k: (k == UNCLASSIFIED, rank.get(k, len(rank)), k))
        else:
            order = sorted(counts, key=lambda k: (k == UNCLASSIFIED, -counts[k], k))
        return {value: counts[value] for value in order}


def _one_array(column: pa.ChunkedArray) -> pa.Array:
    """A table column as one array (no copy when it is one chunk, as snapshots write it)."""
    return column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()


def _tag_positions(tags: pa.Array) -> dict[str, list[int]]:
    """tag -> positions holding it (ascending), from the per-contact list column."""
    import pyarrow.compute as pc

    positions: dict[str, list[int]] = {}
    rows = pc.list_parent_indices(tags).to_pylist()
    for tag, row in zip(pc.list_flatten(tags).to_pylist(), rows, strict=True):
        positions.setdefault(tag, []).append(row)
    return dict(sorted(positions.items()))


def _filter_all(rows: pa.Array, masks: list[pa.Array]) -> pa.Array:
    """`rows` where every mask (aligned with `rows`) is true."""
    if not masks:
        return rows
    import pyarrow.compute as pc

    combined = masks[0]
    for mask in masks[1:]:
        combined = pc.and_(combined, mask)
    return rows.filter(combined)


def preload(ws: Workspace) -> Future[BrowseIndex]:
    """Start reading the index in a thread, and return where it will be.

    The app starts this as it starts: the index is read while Textual builds its first screen,
    so the first table is painted sooner. The thread reads through a connection of its own.
    """
    future: Future[BrowseIndex] = Future()

    def load() -> None:
        try:
            index = BrowseIndex.load(ws)
        except BaseException as err:  # handed to whoever takes the result
            future.set_exception(err)
            return
        future.set_result(index)
        _save_quietly(ws, index)

    threading.Thread(target=load, name="handpicked-preload", daemon=True).start()
    return future


def keep_snapshot(ws: Workspace, index: BrowseIndex) -> None:
    """Save a freshly read index for the next start, in a thread of its own (see save_snapshot)."""
    if index.key is not None and not index.from_snapshot:
        threading.Thread(
            target=_save_quietly, args=(ws, index), name="handpicked-snapshot", daemon=True
        ).start()


def _save_quietly(ws: Workspace, index: BrowseIndex) -> None:
    """A cache that cannot be written (full disk, closed workspace) is simply not kept."""
    with contextlib.suppress(HandpickedError, OSError, sqlite3.Error, pa.ArrowException):
        index.save_snapshot(ws)


def data_stamp(ws: Workspace) -> tuple[int, int]:
    """Where the database stands: it moves with every commit, from any thread or screen of the
    app or from another process (`handpicked` in another terminal). Cheap to ask on every
    screen switch, so a screen showing derived data reloads exactly when something changed.
    """
    return stored.data_stamp(ws)


def sector_choices(ws: Workspace) -> list[str]:
    """Sectors a user can give a company or a contact: the taxonomy, then their own labels."""
    from handpicked.core.contacts.classify import SECTORS

    own = sector_labels(ws)
    return [*SECTORS, *sorted(own - set(SECTORS) - {UNCLASSIFIED}, key=fold)]
