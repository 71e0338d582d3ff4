"""The Pulse's figures: messages per month either way, reply rates, reach and balance."""

from __future__ import annotations

import datetime as dt

from handpicked.core.contacts import ReplyRate, network_pulse, touched
from handpicked.core.db import Workspace

# Today is 2026-11-25 (tests/conftest.py): the window is 2024-12 to 2026-11, the quarter Q4.
ROWS = """\
    Anne,Ally,https://www.linkedin.com/in/anne,,Desjardins,Analyste,10 Jan 2020
    Bob,Brun,https://www.linkedin.com/in/bob,,Hydro,Directeur,10 Jan 2021
    Cleo,Chan,https://www.linkedin.com/in/cleo,,Acme,Developer,15 Oct 2026
    Dan,Dion,https://www.linkedin.com/in/dan,,Acme,Developer,
"""


def _message(conn, campaign, template, cid, language, sent_at, replied_at=None, status=None):
    conn.execute(
        "INSERT OR IGNORE INTO campaigns(name, template, channel, created)"
        " VALUES (?, ?, 'linkedin-message', '2026-01-01')",
        (campaign, template),
    )
    status = status or ("replied" if replied_at else "sent")
    conn.execute(
        "INSERT INTO messages(campaign_id, contact_id, language, body, status, status_at,"
        " queued_at, sent_at, replied_at) VALUES ((SELECT id FROM campaigns WHERE name = ?),"
        " ?, ?, 'hi', ?, '2026-01-01', '2026-01-01', ?, ?)",
        (campaign, cid, language, status, sent_at, replied_at),
    )


def test_pulse_figures_from_a_real_workspace(linkedin_ws):
    """Verify months, reply rates per template, sector and language, the share reached this
    quarter and the reply ratio, exactly, with a campaign message the archive also holds
    counted once."""
    ws = linkedin_ws(ROWS)
    conn = ws.conn
    p = {first: cid for cid, first in conn.execute("SELECT id, first_name FROM contacts")}
    conn.executemany(
        "UPDATE contacts SET sector = ? WHERE id = ?",
        [("Finance", p["Anne"]), ("Energy", p["Bob"]), ("Energy", p["Cleo"])],
    )
    conn.executemany(
        "INSERT INTO interactions(contact_id, at, direction, kind) VALUES (?, ?, ?, ?)",
        [
            (p["Anne"], "2026-11-01T14:00:00Z", "sent", "message"),
            (p["Anne"], "2026-11-02T08:00:00Z", "received", "message"),
            (p["Anne"], "2026-10-15T08:00:00Z", "sent", "message"),
            (p["Bob"], "2025-01-10T08:00:00Z", "received", "message"),
            (p["Bob"], "2024-11-30T08:00:00Z", "received", "message"),  # before the window
            (p["Cleo"], "2026-11-03", "sent", "invitation"),  # reaches, is no message
        ],
    )
    # Anne's campaign message is the archive's 2026-11-01 one, and its reply the 11-02 one.
    _message(conn, "spring", "reconnect", p["Anne"], "fr", "2026-11-01T09:00:00",
             "2026-11-02T10:00:00")  # fmt: skip
    _message(conn, "spring", "reconnect", p["Bob"], "en", "2026-09-03T09:00:00")
    _message(conn, "gala", "event-invitation", p["Cleo"], "en", "2026-08-01T09:00:00",
             "2026-08-05T09:00:00")  # fmt: skip
    _message(conn, "gala", "event-invitation", p["Dan"], "en", None, status="queued")
    conn.commit()
    touched(ws, p["Dan"], dt.date(2026, 10, 2))

    found = network_pulse(ws)

    assert found.months[0] == "2024-12" and found.months[-1] == "2026-11"
    assert len(found.months) == 24
    sent = {m: n for m, n in zip(found.months, found.sent, strict=True) if n}
    received = {m: n for m, n in zip(found.months, found.received, strict=True) if n}
    assert sent == {"2026-08": 1, "2026-09": 1, "2026-10": 1, "2026-11": 1}
    assert received == {"2025-01": 1, "2026-08": 1, "2026-11": 1}
    assert found.by_template == [
        ReplyRate("reconnect", 2, 1),
        ReplyRate("event-invitation", 1, 1),
    ]
    assert found.by_sector == [ReplyRate("Energy", 2, 1), ReplyRate("Finance", 1, 1)]
    assert found.by_language == [ReplyRate("en", 2, 1), ReplyRate("fr", 1, 1)]
    assert found.by_template[0].rate == 0.5
    assert (found.quarter, found.network, found.reached) == ("2026 Q4", 4, 3)
    assert found.reached_share == 0.75
    assert (found.total_sent, found.total_received, found.reply_ratio) == (4, 3, 0.75)
    assert not found.empty


def test_pulse_of_an_empty_workspace(tmp_path):
    """Verify a workspace with nothing sent or received is `empty`, with no ratio to divide."""
    found = network_pulse(Workspace(tmp_path / "ws"))
    assert found.empty and found.sent == [0] * 24
    assert found.reached_share is None and found.reply_ratio is None
