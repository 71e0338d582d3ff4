"""Keep in touch: cadences (own, tag, default), the last interaction either way, overdue, snooze."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from handpicked.core import config
from handpicked.core.contacts import (
    AudienceFilter,
    keep_in_touch,
    overdue,
    set_cadence,
    set_tag_cadence,
    snooze,
    tag,
    tag_cadences,
    touched,
)
from handpicked.core.errors import HandpickedError

# Today is 2026-11-25 (tests/conftest.py).
ROWS = """\
    Anne,Ally,https://www.linkedin.com/in/anne,,Desjardins,Analyste,10 Jan 2020
    Bob,Brun,https://www.linkedin.com/in/bob,,Hydro,Directeur,10 Jan 2021
    Cleo,Chan,https://www.linkedin.com/in/cleo,,Acme,Developer,15 Oct 2026
    Dan,Dion,https://www.linkedin.com/in/dan,,Acme,Developer,
"""


@pytest.fixture
def ws(linkedin_ws):
    ws = linkedin_ws(ROWS)
    return ws


def ids(ws) -> dict[str, int]:
    return {first: cid for cid, first in ws.conn.execute("SELECT id, first_name FROM contacts")}


def message(ws, cid: int, *, sent_at: str, replied_at: str | None = None) -> None:
    """A campaign message, stored as the campaign tables keep one once sent (or answered)."""
    conn = ws.conn
    conn.execute(
        "INSERT OR IGNORE INTO campaigns(name, template, channel, created)"
        " VALUES ('spring', 'reconnect', 'email', '2026-01-01')"
    )
    status = "replied" if replied_at else "sent"
    conn.execute(
        "INSERT INTO messages(campaign_id, contact_id, body, status, status_at, queued_at,"
        " sent_at, replied_at) VALUES ((SELECT id FROM campaigns WHERE name = 'spring'),"
        " ?, 'hi', ?, ?, ?, ?, ?)",
        (cid, status, sent_at, sent_at, sent_at, replied_at),
    )
    conn.commit()


def interaction(ws, cid: int, at: str, direction: str) -> None:
    ws.conn.execute(
        "INSERT INTO interactions(contact_id, at, direction) VALUES (?, ?, ?)",
        (cid, at, direction),
    )
    ws.conn.commit()


def by_id(ws):
    return {k.contact_id: k for k in keep_in_touch(ws)}


def test_cadence_is_own_else_smallest_tag_else_default(ws):
    """Verify a contact's cadence is its own, else its tags' smallest, else the config default."""
    p = ids(ws)
    tag(ws, "clients", [p["Anne"], p["Bob"]])
    tag(ws, "golf", [p["Anne"]])
    set_tag_cadence(ws, "clients", 30)
    set_tag_cadence(ws, "GOLF", 90)  # matched whatever its case
    set_cadence(ws, p["Bob"], 7)
    found = by_id(ws)
    assert (found[p["Anne"]].cadence, found[p["Anne"]].cadence_from) == (30, "tag clients")
    assert (found[p["Bob"]].cadence, found[p["Bob"]].cadence_from) == (7, "own")
    assert found[p["Cleo"]].cadence is None and found[p["Cleo"]].cadence_from == ""
    config.set_value(ws, "keep_in_touch.cadence_days", "60")
    found = by_id(ws)
    assert (found[p["Cleo"]].cadence, found[p["Cleo"]].cadence_from) == (60, "default")
    set_cadence(ws, p["Bob"], 0)  # 0 clears: back to the tag's
    assert by_id(ws)[p["Bob"]].cadence == 30
    assert set_tag_cadence(ws, "clients", None) == ("clients", True)
    assert by_id(ws)[p["Bob"]].cadence == 60
    # A cadence edited by hand into nonsense counts as none, not as a negative score.
    ws.conn.execute("UPDATE contacts SET cadence_days = -5 WHERE id = ?", (p["Bob"],))
    ws.conn.commit()
    assert (by_id(ws)[p["Bob"]].cadence, by_id(ws)[p["Bob"]].cadence_from) == (60, "default")


def test_last_interaction_is_the_latest_either_way(ws):
    """Verify LinkedIn messages both ways, touches and campaign messages all count, and `why`
    names the latest one in plain words."""
    p = ids(ws)
    tag(ws, "clients", list(p.values()))
    set_tag_cadence(ws, "clients", 30)
    interaction(ws, p["Anne"], "2026-09-12T10:00:00Z", "received")  # 74 days before today
    interaction(ws, p["Anne"], "2026-08-01T10:00:00Z", "sent")
    touched(ws, p["Bob"], dt.date(2026, 10, 6))  # 50 days
    message(ws, p["Bob"], sent_at="2026-09-01T09:00:00")
    message(ws, p["Cleo"], sent_at="2026-06-01T09:00:00", replied_at="2026-11-20T09:00:00")
    found = by_id(ws)
    anne, bob, cleo = found[p["Anne"]], found[p["Bob"]], found[p["Cleo"]]
    assert anne.why == "cadence 30 days (tag clients), last heard from 74 days ago: 44 days overdue"
    assert (anne.overdue_days, anne.overdue) == (44, True)
    assert anne.score == pytest.approx(44 / 30)
    assert str(anne.last_heard_from) == "2026-09-12" and str(anne.last_contacted) == "2026-08-01"
    assert bob.why == "cadence 30 days (tag clients), last contacted 50 days ago: 20 days overdue"
    assert cleo.why == "cadence 30 days (tag clients), last heard from 5 days ago: due in 25 days"
    assert not cleo.overdue and cleo.overdue_days == -25


def test_never_in_touch_uses_connection_date_else_most_overdue(ws):
    """Verify someone never written to counts from connecting, and without a connection date is
    the most overdue of all, said so in `why`; the list is ordered by the overdue score."""
    p = ids(ws)
    tag(ws, "clients", list(p.values()))
    set_tag_cadence(ws, "clients", 365)
    found = keep_in_touch(ws)
    assert [k.contact_id for k in found] == [p["Dan"], p["Anne"], p["Bob"], p["Cleo"]]
    dan, anne = found[0], found[1]
    assert dan.score == math.inf and dan.overdue and dan.overdue_days is None
    assert dan.why == (
        "cadence 365 days (tag clients), never in touch and no connection date:"
        " treated as the most overdue"
    )
    assert anne.why == (
        "cadence 365 days (tag clients), never in touch, connected 2511 days ago: 2146 days overdue"
    )
    assert anne.years_connected == 6.9
    assert [k.contact_id for k in overdue(ws)] == [p["Dan"], p["Anne"], p["Bob"]]


def test_snooze_hides_until_the_day(ws, monkeypatch):
    """Verify a snoozed person leaves the overdue list and the view, and comes back on the day."""
    p = ids(ws)
    set_cadence(ws, p["Anne"], 30)
    assert [k.contact_id for k in overdue(ws)] == [p["Anne"]]
    assert str(snooze(ws, p["Anne"], 7)) == "2026-12-02"
    assert overdue(ws) == []
    assert p["Anne"] not in by_id(ws)
    snoozed = {k.contact_id: k for k in keep_in_touch(ws, include_snoozed=True)}[p["Anne"]]
    assert snoozed.why.endswith("; snoozed until 2026-12-02")
    monkeypatch.setenv("HANDPICKED_TODAY", "2026-12-02")
    assert [k.contact_id for k in overdue(ws)] == [p["Anne"]]


def test_overdue_keeps_to_the_filter(ws):
    """Verify `overdue` with a filter lists only the filter's people."""
    p = ids(ws)
    for first in ("Anne", "Bob"):
        set_cadence(ws, p[first], 30)
    assert [k.contact_id for k in overdue(ws, AudienceFilter(search="hydro"))] == [p["Bob"]]


def test_bad_cadences_are_refused_and_nothing_changes(ws):
    """Verify an unknown tag, an unknown contact and an out-of-range cadence are refused."""
    p = ids(ws)
    with pytest.raises(HandpickedError, match="no contact has the tag 'nope'"):
        set_tag_cadence(ws, "nope", 30)
    with pytest.raises(HandpickedError, match="no contact with id 999"):
        set_cadence(ws, 999, 30)
    with pytest.raises(HandpickedError, match="give 1 to 36,500 days"):
        set_cadence(ws, p["Anne"], 40_000)
    with pytest.raises(HandpickedError, match="cannot snooze for 0 days"):
        snooze(ws, p["Anne"], 0)
    assert (
        ws.conn.execute("SELECT count(*) FROM contacts WHERE cadence_days IS NOT NULL").fetchone()[
            0
        ]
        == 0
    )


def test_without_cadence_the_longest_silence_comes_first_and_the_unknown_last(ws):
    """Verify that with no cadence the list opens on the longest silences (a LinkedIn message
    counts), and someone never in touch with no connection date comes last, not first."""
    p = ids(ws)
    interaction(ws, p["Cleo"], "2021-05-01T10:00:00Z", "received")
    found = keep_in_touch(ws)
    assert [k.contact_id for k in found] == [p["Anne"], p["Bob"], p["Cleo"], p["Dan"]]
    assert found[-1].why == "no cadence, never in touch and no connection date"


def test_a_tag_written_as_stored_gets_the_cadence_when_another_differs_in_case(ws):
    """Verify `Clients` and `clients`, two tags as typed, each take their own cadence when named
    as stored, and one named in another case still finds its tag; tag_cadences lists both."""
    who = ids(ws)
    tag(ws, "Clients", [who["Anne"]])
    tag(ws, "clients", [who["Bob"]])
    assert set_tag_cadence(ws, "Clients", 30) == ("Clients", True)
    assert set_tag_cadence(ws, "clients", 60) == ("clients", True)
    assert set_tag_cadence(ws, "CLIENTS", 90)[0] in {"Clients", "clients"}
    tag(ws, "Golf", [who["Cleo"]])
    assert set_tag_cadence(ws, "golf", 14) == ("Golf", True)
    cadences = tag_cadences(ws)
    assert cadences["Golf"] == 14 and "golf" not in cadences
    assert {cadences["Clients"], cadences["clients"]} in ({30, 90}, {60, 90})
