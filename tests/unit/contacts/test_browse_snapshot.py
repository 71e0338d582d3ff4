"""contacts.snapshot: the index kept on disk is used only while it is exactly the database's.

The file is a cache of `BrowseIndex.load`: every result it gives must be a fresh read's, any
change that shows on the Contacts screen must make it stale, and a file that is damaged or not
this workspace's must be ignored and rebuilt, never trusted.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pyarrow as pa
import pytest

from handpicked.core.campaigns import compose, mark
from handpicked.core.contacts.browse import BrowseIndex
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.contacts.snapshot import SETTLE
from handpicked.core.contacts.store import (
    forget,
    list_contacts,
    set_contact,
    set_do_not_contact,
    tag,
    touched,
)  # fmt: skip
from handpicked.core.db import Workspace
from tests.unit.contacts.test_browse import CSV, FILTERS


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    """The browse tests' network (tags, a touch, a do-not-contact, a queued message)."""
    source = tmp_path / "Connections.csv"
    source.write_text(CSV, encoding="utf-8")
    workspace = Workspace(tmp_path / "ws")
    assert import_paths(workspace, [source])[0].error is None
    ids = [c.id for c in list_contacts(workspace)]
    tag(workspace, "montreal", ids[:3])
    tag(workspace, "board", ids[2:4])
    touched(workspace, ids[0], dt.date(2026, 11, 20))
    set_do_not_contact(workspace, [ids[-1]], True)
    compose(workspace, "spring", template="reconnect", variables={}, f=None,
            contact_ids=ids[3:5])  # fmt: skip
    return workspace


def settle(ws: Workspace) -> None:
    """Date the database files back past the settling time, as if the last write were minutes
    old (the app waits that long itself; a test need not)."""
    old = time.time() - 10 * SETTLE
    for path in (ws.db_path, Path(f"{ws.db_path}-wal")):
        if path.exists():
            os.utime(path, (old, old))


def snapshot_of(ws: Workspace) -> BrowseIndex:
    """A fresh read, saved as the snapshot (asserted written)."""
    settle(ws)
    index = BrowseIndex.load(ws)
    assert not index.from_snapshot
    assert index.save_snapshot(ws, wait=False)
    return index


def answers(index: BrowseIndex) -> list[object]:
    """Everything the screen shows, for every filter of the browse tests."""
    shown: list[object] = [index.facet_values, len(index)]
    for f in FILTERS:
        result = index.select(f)
        shown.append((index.ids(result.rows), result.facets, result.total))
    return shown


def shown(index: BrowseIndex) -> tuple[dict[str, list[object]], dict[str, list[int]]]:
    """The index's columns and tags as plain values."""
    return {name: column.to_pylist() for name, column in index.columns.items()}, index._tag_rows


def test_snapshot_answers_every_filter_as_a_fresh_read(ws):
    """Verify an index read back from the snapshot has the fresh read's columns, tags and the
    same answer to every filter (rows in order, facet counts, keep-in-touch order)."""
    fresh = snapshot_of(ws)
    kept = BrowseIndex.load(ws)
    assert kept.from_snapshot
    assert shown(kept) == shown(fresh)
    assert answers(kept) == answers(fresh)


def _reimport(ws: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "More.csv"
    extra = "Nadia,Kaur,https://www.linkedin.com/in/z,,Globex,Developer,01 Feb 2025\n"
    source.write_text(CSV + extra, encoding="utf-8")
    assert import_paths(ws, [source])[0].error is None


CHANGES = {
    "import": _reimport,
    "edit": lambda ws, _: set_contact(ws, list_contacts(ws)[1].id, sector="Retail"),
    "tag": lambda ws, _: tag(ws, "new-tag", [list_contacts(ws)[1].id]),
    "untag": lambda ws, _: tag(ws, "montreal", [list_contacts(ws)[0].id], remove=True),
    "dnc": lambda ws, _: set_do_not_contact(ws, [list_contacts(ws)[1].id], True),
    "forget": lambda ws, _: forget(ws, list_contacts(ws)[1].id),
    "touch": lambda ws, _: touched(ws, list_contacts(ws)[2].id, dt.date(2026, 11, 24)),
    "message sent": lambda ws, _: mark(ws, "spring", "sent", [list_contacts(ws)[3].id]),
    "tag from another process": lambda ws, _: tag(
        Workspace(ws.home), "elsewhere", [list_contacts(ws)[0].id]
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_the_screen_shows_makes_the_snapshot_stale(ws, tmp_path, change):
    """Verify an import, an edit, a tag, a do-not-contact, a forget, a touch, a message marked
    sent and a write by another connection each make the next load read the database again,
    and that read is the database's new state."""
    before = snapshot_of(ws)
    CHANGES[change](ws, tmp_path)
    after = BrowseIndex.load(ws)
    assert not after.from_snapshot
    assert shown(after) != shown(before)
    expected = [c.id for c in list_contacts(ws)]
    assert after.ids(after.select().rows) == expected


def test_a_key_taken_right_after_a_write_is_not_saved_until_it_settles(ws):
    """Verify an index read within the settling time of a write is not saved at once (a second
    write in the same tick of the file clock would not show in the key)."""
    tag(ws, "fresh", [list_contacts(ws)[0].id])
    index = BrowseIndex.load(ws)
    assert not index.save_snapshot(ws, wait=False)
    assert not ws.browse_cache_path.exists()


def test_a_write_between_reading_and_saving_is_never_saved(ws):
    """Verify an index the database moved past while it waited to be saved is dropped."""
    settle(ws)
    index = BrowseIndex.load(ws)
    tag(ws, "meanwhile", [list_contacts(ws)[0].id])
    assert not index.save_snapshot(ws, wait=False)
    assert not ws.browse_cache_path.exists()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_snapshot_is_ignored_and_rebuilt(ws, damage):
    """Verify a snapshot file that is garbage, cut short or empty is read as "no snapshot", the
    index comes from the database, and saving replaces the file with a good one."""
    fresh = snapshot_of(ws)
    data = ws.browse_cache_path.read_bytes()
    spoilt = {"garbage": b"ARROW1\x00\x00" + os.urandom(4096), "truncated": data[: len(data) // 2],
              "empty": b""}[damage]  # fmt: skip
    ws.browse_cache_path.write_bytes(spoilt)
    index = BrowseIndex.load(ws)
    assert not index.from_snapshot
    assert answers(index) == answers(fresh)
    assert index.save_snapshot(ws, wait=False)
    assert BrowseIndex.load(ws).from_snapshot


def test_another_workspaces_snapshot_is_not_trusted(ws, tmp_path):
    """Verify a snapshot copied from another workspace (same layout, other people) is ignored."""
    other_home = tmp_path / "other"
    other_source = tmp_path / "Other.csv"
    other_source.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Olga,Stone,https://www.linkedin.com/in/o,,Initech,CFO,01 Jan 2020\n",
        encoding="utf-8",
    )
    other = Workspace(other_home)
    assert import_paths(other, [other_source])[0].error is None
    snapshot_of(other)
    settle(ws)
    shutil.copy(other.browse_cache_path, ws.browse_cache_path)
    index = BrowseIndex.load(ws)
    assert not index.from_snapshot
    assert index.ids(index.select().rows) == [c.id for c in list_contacts(ws)]


def test_a_snapshot_of_other_columns_is_not_trusted(ws):
    """Verify a file with this workspace's key but other columns (an older handpicked, a
    hand-made file) is ignored."""
    snapshot_of(ws)
    table = pa.ipc.open_file(pa.BufferReader(ws.browse_cache_path.read_bytes())).read_all()
    narrower = table.drop_columns(["sort_key"])
    with pa.ipc.new_file(str(ws.browse_cache_path), narrower.schema) as writer:
        writer.write_table(narrower)
    assert not BrowseIndex.load(ws).from_snapshot


def test_forget_deletes_the_snapshot(ws):
    """Verify forgetting someone leaves no copy of them in the snapshot file."""
    snapshot_of(ws)
    assert ws.browse_cache_path.exists()
    forget(ws, list_contacts(ws)[0].id)
    assert not ws.browse_cache_path.exists()
