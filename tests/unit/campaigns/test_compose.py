"""Composing a campaign leaves the process as it found it."""

from __future__ import annotations

import gc
from pathlib import Path

from handpicked.core import campaigns
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def test_draft_leaves_frozen_objects_frozen(tmp_path: Path) -> None:
    """Verify drafting messages keeps what the Contacts screen froze out of the collector."""
    path = tmp_path / "Connections.csv"
    path.write_text(f"{HEADER}\nAlma,Zorn,,alma@example.com,Northwind,Engineer,12 Mar 2021\n")
    ws = Workspace(tmp_path / "ws")
    try:
        assert import_paths(ws, [path])[0].error is None
        people = contacts.list_contacts(ws)
        gc.freeze()
        try:
            frozen = gc.get_freeze_count()
            views = campaigns.draft(ws, "reconnect", {}, people)
            assert len(views) == 1 and frozen > 0 and gc.get_freeze_count() > 0
        finally:
            gc.unfreeze()
    finally:
        ws.close()
