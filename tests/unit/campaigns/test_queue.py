"""The queue: what a composed campaign holds, marks, hand edits, history, and a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from campaign_fixtures import by_contact, ids, user_template

from handpicked.core import campaigns
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError


def test_edit_unchanged_and_sent(ws: Workspace) -> None:
    """Verify an unchanged edit flags nothing, and a sent message cannot be edited."""
    alma = ids(ws)["Alma Zorn"]
    campaigns.compose(ws, "c", template="reconnect", variables={}, f=None, contact_ids=[alma])
    before = campaigns.preview(ws, "c").messages[0]
    after = campaigns.edit_message(ws, "c", alma, before.body + "\n\n")
    assert not after.edited
    campaigns.mark(ws, "c", "sent", [alma])
    with pytest.raises(HandpickedError, match="is sent"):
        campaigns.edit_message(ws, "c", alma, "new text")


def test_mark_statuses_and_reply_rate(ws: Workspace) -> None:
    """Verify mark stamps dates, keeps sent_at on reply, and the reply rate follows."""
    people = ids(ws)
    campaigns.compose(ws, "c", template="reconnect", variables={},
                      f=AudienceFilter(company="northwind"))  # fmt: skip
    alma, bruno = people["Alma Zorn"], people["Bruno Abel"]
    assert campaigns.mark(ws, "c", "sent", [alma, bruno]) == 2
    sent_at = by_contact(ws, "c")[alma].sent_at
    assert sent_at.startswith("2026-11-25")
    assert campaigns.mark(ws, "c", "replied", [alma]) == 1
    row = ws.conn.execute(
        "SELECT sent_at, replied_at FROM messages WHERE contact_id = ?", (alma,)
    ).fetchone()
    assert row["sent_at"] == sent_at and row["replied_at"].startswith("2026-11-25")
    (summary,) = campaigns.list_campaigns(ws)
    assert summary.counts == {"queued": 0, "sending": 0, "sent": 1, "failed": 0, "skipped": 0,
                              "replied": 1}  # fmt: skip
    assert summary.reply_rate == 0.5
    campaigns.mark(ws, "c", "queued", [bruno])
    assert by_contact(ws, "c")[bruno].sent_at is None
    campaigns.mark(ws, "c", "skipped", [bruno])
    assert campaigns.list_campaigns(ws)[0].reply_rate == 1.0
    with pytest.raises(HandpickedError, match="no campaign named 'nope'"):
        campaigns.mark(ws, "nope", "sent", [alma])
    with pytest.raises(HandpickedError, match=f"contact {people['Dario Basso']} is not in"):
        campaigns.mark(ws, "c", "sent", [people["Dario Basso"]])


def test_history_lists_every_message(ws: Workspace) -> None:
    """Verify history gives every campaign a contact was in, with status and first line."""
    alma = ids(ws)["Alma Zorn"]
    campaigns.compose(ws, "one", template="reconnect", variables={}, f=None, contact_ids=[alma])
    campaigns.mark(ws, "one", "sent", [alma])
    campaigns.compose(ws, "two", template="congratulate", variables={}, f=None, contact_ids=[alma])
    entries = campaigns.history(ws, alma)
    assert [(e["campaign"], e["status"]) for e in entries] == [("one", "sent"), ("two", "queued")]
    assert entries[0]["first_line"] == "Hi Alma,"
    assert entries[0]["sent_at"].startswith("2026-11-25")


def test_do_not_contact_after_compose_leaves_queue(ws: Workspace) -> None:
    """Verify a person put on the do-not-contact list after composing leaves the queue."""
    people = ids(ws)
    campaigns.compose(ws, "c", template="reconnect", variables={},
                      f=AudienceFilter(company="northwind"))  # fmt: skip
    contacts.set_do_not_contact(ws, [people["Bruno Abel"]], True)
    assert [m.name for m in campaigns.preview(ws, "c").messages] == ["Alma Zorn"]
    with pytest.raises(HandpickedError, match="do-not-contact"):
        campaigns.mark(ws, "c", "queued", [people["Bruno Abel"]])


def test_queue_survives_restart(ws: Workspace, tmp_path: Path) -> None:
    """Verify a composed, edited, marked queue reads the same after reopening the workspace."""
    people = ids(ws)
    campaigns.compose(ws, "c", template="reconnect", variables={},
                      f=AudienceFilter(company="northwind"))  # fmt: skip
    campaigns.edit_message(ws, "c", people["Alma Zorn"], "Alma, a coffee soon?")
    campaigns.mark(ws, "c", "sent", [people["Bruno Abel"]])
    campaigns.set_cursor(ws, "c", 1)
    before = campaigns.preview(ws, "c")
    ws.close()
    reopened = Workspace(tmp_path / "ws")
    try:
        assert campaigns.preview(reopened, "c") == before
        assert campaigns.get_cursor(reopened, "c") == 1
    finally:
        reopened.close()


def test_delete_campaign(ws: Workspace) -> None:
    """Verify deleting a campaign removes it and its messages."""
    campaigns.compose(ws, "c", template="reconnect", variables={}, f=None,
                      contact_ids=[ids(ws)["Alma Zorn"]])  # fmt: skip
    campaigns.delete_campaign(ws, "c")
    assert campaigns.list_campaigns(ws) == []
    assert ws.conn.execute("SELECT count(*) FROM messages").fetchone()[0] == 0


def test_edit_needs_no_template_file(ws: Workspace) -> None:
    """Verify a queued message can be edited after its template file is gone, braces and all."""
    user_template(ws, "gone", "Hi {{ greeting_name }}, about {{ company }}.\n")
    alma = ids(ws)["Alma Zorn"]
    campaigns.compose(ws, "g", template="gone", variables={}, f=None, contact_ids=[alma])
    (ws.templates_dir / "gone.en.j2").unlink()
    view = campaigns.edit_message(ws, "g", alma, "Hi Alma, {{ not a template }} {% here %}")
    assert view.edited and view.body == "Hi Alma, {{ not a template }} {% here %}"
    assert campaigns.preview(ws, "g").messages[0].body == view.body
