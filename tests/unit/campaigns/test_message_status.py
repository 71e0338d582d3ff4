"""A message's status: one of the statuses a message can have, wherever a view of it is made."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from pydantic import ValidationError

from handpicked.core import campaigns
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace
from handpicked.core.models import STATUSES, Status

CONNECTIONS = """\
First Name,Last Name,URL,Email Address,Company,Position,Connected On
Alma,Zorn,https://linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021
"""


def test_message_view_status_is_a_message_status(tmp_path: Path) -> None:
    """Verify stored and drafted messages' views have a Status, and any other status is refused."""
    export = tmp_path / "Connections.csv"
    export.write_text(CONNECTIONS, encoding="utf-8")
    ws = Workspace(tmp_path / "ws")
    try:
        assert import_paths(ws, [export])[0].error is None
        campaigns.compose(ws, "c", template="reconnect", variables={}, f=AudienceFilter())
        (view,) = campaigns.preview(ws, "c").messages
        campaigns.mark(ws, "c", "replied", [view.contact_id])
        view = campaigns.message_for(ws, "c", view.contact_id)
        (drafted,) = campaigns.draft(ws, "reconnect", {}, contacts.list_contacts(ws))
    finally:
        ws.close()
    assert view.status == "replied"
    assert drafted.status == campaigns.MessageView(**drafted.model_dump()).status == "draft"
    assert get_args(Status) == ("draft", *STATUSES)
    assert campaigns.MessageView.model_fields["status"].annotation == Status
    with pytest.raises(ValidationError, match="status"):
        campaigns.MessageView(**{**view.model_dump(), "status": "delivered"})
