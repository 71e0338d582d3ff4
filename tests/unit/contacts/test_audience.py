"""Audience selection: filters, do-not-contact, recent contact, named contacts, the guard."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from handpicked.core import config
from handpicked.core.campaigns import compose, mark
from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.audience import AudienceTooLarge, check_size, select_audience
from handpicked.core.contacts.browse import BrowseIndex
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError, Hint
from handpicked.core.models import Reach

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
PEOPLE = """\
    Alma,Zorn,https://linkedin.com/in/alma-zorn,alma@example.com,Northwind,Engineer,12 Mar 2021
    Bruno,Abel,https://linkedin.com/in/bruno-abel,,Northwind,Analyst,03 Jan 2024
    Chloe,Mercier,https://linkedin.com/in/chloe-mercier,,Northwind,Designer,20 Jun 2022
    Dario,Basso,https://linkedin.com/in/dario-basso,dario@example.com,Contoso,Engineer,01 Feb 2020
    Elke,Vogt,https://linkedin.com/in/elke-vogt,,Contoso,Manager,15 Sep 2025
"""


def write_connections(folder: Path, lines: str = PEOPLE) -> Path:
    path = folder / "Connections.csv"
    path.write_text(f"Notes:\n\n{HEADER}\n{textwrap.dedent(lines)}", encoding="utf-8")
    return path


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace(tmp_path / "ws")
    reports = import_paths(workspace, [write_connections(tmp_path)])
    assert reports[0].error is None, reports[0].error
    yield workspace
    workspace.close()


def ids_by_name(ws: Workspace) -> dict[str, int]:
    return {c.first_name: c.id for c in contacts.list_contacts(ws)}


def names(audience) -> list[str]:
    return [c.first_name for c in audience.contacts]


def test_filter_selects_in_name_order(ws: Workspace) -> None:
    """Verify a company filter selects its people, ordered by last name then first name."""
    audience = select_audience(ws, AudienceFilter(company="northwind"))
    assert names(audience) == ["Bruno", "Chloe", "Alma"]
    assert audience.matched == 3
    assert audience.left_out == {"messaged": 0, "queued": 0, "do_not_contact": 0}
    assert audience.left_out_people == []


def test_connected_dates_and_exclude(ws: Workspace) -> None:
    """Verify --connected-after/--connected-before bound the dates and --exclude drops an id."""
    ids = ids_by_name(ws)
    f = AudienceFilter(
        connected_after="2021-01-01", connected_before="2024-12-31", exclude=[ids["Chloe"]]
    )
    assert names(select_audience(ws, f)) == ["Bruno", "Alma"]


def test_do_not_contact_is_left_out_and_counted(ws: Workspace) -> None:
    """Verify a do-not-contact person never enters a filtered audience and is counted as such."""
    ids = ids_by_name(ws)
    contacts.set_do_not_contact(ws, [ids["Alma"]], True)
    audience = select_audience(ws, AudienceFilter(company="northwind"))
    assert "Alma" not in names(audience)
    assert audience.left_out["do_not_contact"] == 1


def test_named_do_not_contact_is_refused(ws: Workspace) -> None:
    """Verify naming a do-not-contact person explicitly is refused with their name and id."""
    ids = ids_by_name(ws)
    contacts.set_do_not_contact(ws, [ids["Elke"]], True)
    with pytest.raises(HandpickedError, match=r"Elke Vogt \(id \d+\) is on the do-not-contact"):
        select_audience(ws, None, [ids["Elke"]])


def test_named_alone_are_exactly_the_audience(ws: Workspace) -> None:
    """Verify named contacts without filter criteria make the audience exactly those people."""
    ids = ids_by_name(ws)
    audience = select_audience(
        ws, AudienceFilter(not_contacted_days=30), [ids["Elke"], ids["Alma"]]
    )
    assert names(audience) == ["Elke", "Alma"]


def test_named_are_added_to_the_filter(ws: Workspace) -> None:
    """Verify named contacts with a filter are added to the filtered people."""
    ids = ids_by_name(ws)
    audience = select_audience(ws, AudienceFilter(company="contoso"), [ids["Alma"]])
    assert sorted(names(audience)) == ["Alma", "Dario", "Elke"]


def test_recent_contact_rule_counts_sent_queued_and_touched(ws: Workspace, monkeypatch) -> None:
    """Verify sent (30 days), queued elsewhere and touched people are left out, and 0 disables."""
    ids = ids_by_name(ws)
    compose(ws, "sent-one", template="reconnect", variables={}, f=None, contact_ids=[ids["Alma"]])
    mark(ws, "sent-one", "sent", [ids["Alma"]])
    compose(ws, "queued-one", template="reconnect", variables={}, f=None,
            contact_ids=[ids["Bruno"]])  # fmt: skip
    contacts.touched(ws, ids["Chloe"])
    rule = AudienceFilter(not_contacted_days=30)
    audience = select_audience(ws, rule)
    assert sorted(names(audience)) == ["Dario", "Elke"]
    assert audience.left_out == {"messaged": 2, "queued": 1, "do_not_contact": 0}
    everyone = select_audience(ws, AudienceFilter(not_contacted_days=None))
    assert len(everyone.contacts) == 5
    # 60 days later the sent message and the touch are old news; the queued one is too.
    monkeypatch.setenv("HANDPICKED_TODAY", "2027-01-24")
    assert len(select_audience(ws, rule).contacts) == 5


def test_own_campaign_does_not_count_as_recent(ws: Workspace) -> None:
    """Verify people queued in the campaign being composed are not left out of it."""
    ids = ids_by_name(ws)
    compose(ws, "again", template="reconnect", variables={}, f=None, contact_ids=[ids["Dario"]])
    rule = AudienceFilter(company="contoso", not_contacted_days=30)
    assert names(select_audience(ws, rule, campaign="again")) == ["Dario", "Elke"]
    assert names(select_audience(ws, rule)) == ["Elke"]


def test_named_recent_contact_is_kept_with_days(ws: Workspace, monkeypatch) -> None:
    """Verify a named person reached recently stays in, with the days since the last contact."""
    ids = ids_by_name(ws)
    monkeypatch.setenv("HANDPICKED_TODAY", "2026-11-20")
    contacts.touched(ws, ids["Dario"])
    monkeypatch.setenv("HANDPICKED_TODAY", "2026-11-25")
    audience = select_audience(ws, AudienceFilter(not_contacted_days=30), [ids["Dario"]])
    assert names(audience) == ["Dario"]
    assert audience.recent == {ids["Dario"]: Reach(messaged_days=5)}


def test_size_guard(ws: Workspace) -> None:
    """Verify more than audience.max people is refused with the count, unless allow_large."""
    with pytest.raises(AudienceTooLarge) as err:
        check_size(ws, 30, 0, allow_large=False)
    message = str(err.value)
    assert message.startswith("30 people match")
    assert "seniority, tag or sector" in message and "broadcast" in message
    assert err.value.hint is Hint.ALLOW_LARGE and "--" not in message
    assert "--" not in err.value.reason  # what the TUI shows: no CLI flag in it
    assert message.startswith(err.value.reason)
    check_size(ws, 30, 0, allow_large=True)
    check_size(ws, 20, 5, allow_large=False)
    with pytest.raises(HandpickedError, match=r"26 people match.*6 already in the campaign"):
        check_size(ws, 20, 6, allow_large=False)
    config.set_value(ws, "audience.max", "40")
    check_size(ws, 30, 0, allow_large=False)


def interaction(ws: Workspace, contact_id: int, at: str, direction: str) -> None:
    """One LinkedIn message as the archive importer stores it."""
    with transaction(ws.conn) as conn:
        conn.execute(
            "INSERT INTO interactions(contact_id, at, direction) VALUES (?, ?, ?)",
            (contact_id, at, direction),
        )


def test_left_out_people_say_messaged_or_queued_and_where(ws: Workspace) -> None:
    """Verify each left-out person says what happened: messaged N days ago (a sent message, a
    touch, a LinkedIn message written), queued in campaign X, or do-not-contact."""
    ids = ids_by_name(ws)
    compose(ws, "spring", template="reconnect", variables={}, f=None, contact_ids=[ids["Bruno"]])
    interaction(ws, ids["Alma"], "2026-11-22T09:15:00Z", "sent")
    interaction(ws, ids["Dario"], "2026-11-24 18:00:00", "received")  # heard from: no rule
    contacts.touched(ws, ids["Chloe"])
    contacts.set_do_not_contact(ws, [ids["Elke"]], True)
    audience = select_audience(ws, AudienceFilter(not_contacted_days=30))
    assert names(audience) == ["Dario"]
    assert audience.left_out == {"messaged": 2, "queued": 1, "do_not_contact": 1}
    assert [(p.name, p.reason, p.why) for p in audience.left_out_people] == [
        ("Bruno Abel", "queued", "queued in campaign spring"),
        ("Chloe Mercier", "messaged", "messaged today"),
        ("Elke Vogt", "do_not_contact", "on the do-not-contact list"),
        ("Alma Zorn", "messaged", "messaged 3 days ago"),
    ]
    assert audience.left_out_people[0].queued_in == ["spring"]
    assert audience.left_out_people[3].messaged_days == 3


def test_a_linkedin_message_counts_in_sql_and_in_the_browse_index(ws: Workspace) -> None:
    """Verify a message written on LinkedIn 3 days ago leaves the person out of the contacts
    listing's recency filter and of the app's index alike; one 40 days old does not."""
    ids = ids_by_name(ws)
    interaction(ws, ids["Alma"], "2026-11-22T09:15:00Z", "sent")
    interaction(ws, ids["Bruno"], "2026-10-16T09:15:00Z", "sent")
    rule = AudienceFilter(not_contacted_days=30)
    listed = [c.first_name for c in contacts.list_contacts(ws, rule)]
    assert listed == ["Bruno", "Dario", "Chloe", "Elke"]
    index = BrowseIndex.load(ws)
    assert index.ids(index.select(rule).rows) == [c.id for c in contacts.list_contacts(ws, rule)]


def test_picked_people_go_through_the_same_rules(ws: Workspace) -> None:
    """Verify people picked by hand (the app's audience) are left out by the same rules as a
    filter's, the named ones are kept with their reach, and nobody picked is nobody."""
    ids = ids_by_name(ws)
    compose(ws, "spring", template="reconnect", variables={}, f=None, contact_ids=[ids["Bruno"]])
    contacts.touched(ws, ids["Chloe"])
    contacts.set_do_not_contact(ws, [ids["Elke"]], True)
    picked = [ids[n] for n in ("Alma", "Bruno", "Chloe", "Elke")]
    audience = select_audience(ws, None, picked=picked)
    assert names(audience) == ["Alma"]
    assert audience.matched == 4
    assert audience.left_out == {"messaged": 1, "queued": 1, "do_not_contact": 1}
    kept = select_audience(ws, None, [ids["Bruno"]], picked=picked)
    assert names(kept) == ["Bruno", "Alma"]
    assert kept.recent == {ids["Bruno"]: Reach(queued_in=["spring"])}
    assert [p.name for p in kept.left_out_people] == ["Chloe Mercier", "Elke Vogt"]
    assert select_audience(ws, None, picked=[]).contacts == []
    with pytest.raises(HandpickedError, match="Elke Vogt"):
        select_audience(ws, None, [ids["Elke"]], picked=picked)
