"""core.browse: the in-memory index answers every filter exactly as the store's where() does."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from handpicked.core.contacts.browse import BrowseIndex, sector_choices
from handpicked.core.contacts.classify import SECTORS, UNCLASSIFIED
from handpicked.core.contacts.companies import set_company_sector
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.contacts.store import (
    list_contacts,
    set_contact,
    set_do_not_contact,
    tag,
    touched,
)  # fmt: skip
from handpicked.core.db import Workspace

CSV = textwrap.dedent(
    """\
    First Name,Last Name,URL,Email Address,Company,Position,Connected On
    Camille,Tremblay,https://www.linkedin.com/in/a,camille@example.com,Desjardins,Développeuse principale,12 Jan 2020
    Jordan,lee,https://www.linkedin.com/in/b,,Shopify Inc.,Senior Software Engineer,03 Mar 2021
    Maxime,Roy,https://www.linkedin.com/in/c,,Banque Nationale,Directrice marketing,15 Jun 2019
    Alex,Gagnon,https://www.linkedin.com/in/d,alex@example.com,Acme Inc.,Développeur web,05 May 2018
    Sam,Nguyen,https://www.linkedin.com/in/e,,Acme,Comptable,05 May 2017
    Zoé,Émond,https://www.linkedin.com/in/f,,Shopify,Product Manager,01 Feb 2024
    alex,Gagnon,https://www.linkedin.com/in/g,,Globex,CEO,01 Feb 2016
    """
)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    source = tmp_path / "Connections.csv"
    source.write_text(CSV, encoding="utf-8")
    workspace = Workspace(tmp_path / "ws")
    assert import_paths(workspace, [source])[0].error is None
    ids = [c.id for c in list_contacts(workspace)]
    tag(workspace, "montreal", ids[:3])
    tag(workspace, "board", ids[2:4])
    touched(workspace, ids[0], dt.date(2026, 11, 20))
    set_do_not_contact(workspace, [ids[-1]], True)
    workspace.conn.execute(
        "UPDATE contacts SET position_changed_at = '2026-10-01' WHERE id IN (?, ?)",
        (ids[1], ids[4]),
    )
    set_company_sector(workspace, "Acme", SECTORS[0])
    return workspace


FILTERS = [
    AudienceFilter(),
    AudienceFilter(search="developp"),
    AudienceFilter(search="DÉVELOPPEUSE"),
    AudienceFilter(search="gagnon alex"),
    AudienceFilter(search="shop eng"),
    AudienceFilter(search="nobody-here"),
    AudienceFilter(company="acme"),
    AudienceFilter(has_email=True),
    AudienceFilter(tag=["montreal"]),
    AudienceFilter(tag=["montreal", "board"]),
    AudienceFilter(sector=[SECTORS[0]]),
    AudienceFilter(sector=[SECTORS[0], UNCLASSIFIED]),
    AudienceFilter(changed_position=True),
    AudienceFilter(changed_position=True, since=dt.date(2026, 11, 1)),
    AudienceFilter(connected_after=dt.date(2019, 1, 1)),
    AudienceFilter(connected_before=dt.date(2019, 1, 1)),
    AudienceFilter(not_contacted_days=30),
    AudienceFilter(search="a", tag=["montreal"], not_contacted_days=30),
]


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.model_dump_json(exclude_defaults=True))
def test_same_people_same_order_as_sql(ws, f):
    """Verify select() returns exactly list_contacts' ids, in the same (name) order."""
    index = BrowseIndex.load(ws)
    assert index.ids(index.select(f).rows) == [c.id for c in list_contacts(ws, f)]


def test_contacted_column_is_the_stores_last_contacted(ws):
    """Verify the table's Contacted day is contacts --json's last_contacted, LinkedIn included."""
    first, second = [c.id for c in list_contacts(ws) if c.last_contacted is None][:2]
    touched(ws, first, dt.date(2026, 3, 1))
    with ws.conn:
        ws.conn.execute(
            "INSERT INTO interactions (contact_id, at, direction) VALUES (?, ?, 'sent'),"
            " (?, '2026-04-02T09:00:00Z', 'received')",
            (second, "2026-03-15T10:00:00Z", first),
        )
    index = BrowseIndex.load(ws)
    shown = dict(
        zip(
            index.columns["id"].to_pylist(),
            index.columns["last_contacted"].to_pylist(),
            strict=True,
        )
    )
    stored = {
        c.id: c.last_contacted.isoformat() if c.last_contacted else "" for c in list_contacts(ws)
    }
    assert shown == stored
    assert (shown[first], shown[second]) == ("2026-03-01", "2026-03-15")


def test_exclude_and_function_facets(ws):
    """Verify excluded ids and function/seniority facets filter like SQL."""
    index = BrowseIndex.load(ws)
    first = list_contacts(ws)[0]
    f = AudienceFilter(exclude=[first.id], function=[first.function])
    assert index.ids(index.select(f).rows) == [c.id for c in list_contacts(ws, f)]
    f = AudienceFilter(seniority=[first.seniority])
    assert index.ids(index.select(f).rows) == [c.id for c in list_contacts(ws, f)]


def test_facet_counts_are_disjunctive(ws):
    """Verify each facet is counted without its own condition but with all the others."""
    index = BrowseIndex.load(ws)
    ticked = AudienceFilter(sector=[SECTORS[0]], tag=["montreal"])
    counts = index.select(ticked).facets
    without_sector = AudienceFilter(tag=["montreal"])
    expected = {}
    for c in list_contacts(ws, without_sector):
        expected[c.sector] = expected.get(c.sector, 0) + 1
    assert {k: v for k, v in counts["sector"].items() if v} == expected
    tags_without_tag = {}
    for c in list_contacts(ws, AudienceFilter(sector=[SECTORS[0]])):
        for t in c.tags:
            tags_without_tag[t] = tags_without_tag.get(t, 0) + 1
    assert {k: v for k, v in counts["tag"].items() if v} == tags_without_tag
    seen = len(list_contacts(ws, ticked))
    assert sum(counts["function"].values()) == seen


def test_facet_values_keep_their_place(ws):
    """Verify every value present in the network is listed, zero counts included, in one order."""
    index = BrowseIndex.load(ws)
    narrow = index.select(AudienceFilter(search="nobody-here"))
    assert list(narrow.facets["sector"]) == index.facet_values["sector"]
    assert set(narrow.facets["sector"].values()) == {0}
    assert index.facet_values["sector"][-1] == UNCLASSIFIED
    assert index.facet_values["tag"] == ["montreal", "board"]


def test_growing_query_narrows_previous_hits(ws):
    """Verify a query extending the previous one gives the same answer as a fresh index."""
    index = BrowseIndex.load(ws)
    for query in ("d", "de", "dev", "deve", "developpeu", "developpeuse"):
        narrowed = index.ids(index.select(AudienceFilter(search=query)).rows)
        fresh = BrowseIndex.load(ws)
        assert narrowed == fresh.ids(fresh.select(AudienceFilter(search=query)).rows)
    shorter = index.ids(index.select(AudienceFilter(search="dev")).rows)
    assert shorter == [c.id for c in list_contacts(ws, AudienceFilter(search="dev"))]


def test_hand_corrections_show_after_reload(ws):
    """Verify a corrected sector is what a reloaded index filters on."""
    contact = list_contacts(ws)[0]
    set_contact(ws, contact.id, sector=SECTORS[1])
    index = BrowseIndex.load(ws)
    assert contact.id in index.ids(index.select(AudienceFilter(sector=[SECTORS[1]])).rows)


def test_empty_workspace(tmp_path):
    """Verify an empty workspace gives an empty index and empty facets, not an error."""
    index = BrowseIndex.load(Workspace(tmp_path / "empty"))
    result = index.select(AudienceFilter(search="x"))
    assert len(index) == 0 and len(result) == 0
    assert result.facets == {"sector": {}, "function": {}, "seniority": {}, "tag": {}}


def test_sector_choices_offer_taxonomy_then_own_labels(ws):
    """Verify the picker's sectors are the 20 of the taxonomy, then the user's own labels."""
    set_company_sector(ws, "Globex", "Bakeries")
    choices = sector_choices(ws)
    assert choices[: len(SECTORS)] == list(SECTORS)
    assert choices[len(SECTORS) :] == ["Bakeries"]


def test_separator_inside_a_stored_value_still_loads_every_column_in_step(ws):
    """Verify a stored value holding the unit separators the index joins columns with (an older
    or hand-edited workspace) loads with every contact's values on its own row."""
    first = list_contacts(ws)[0]
    ws.conn.execute(
        "UPDATE contacts SET company = ?, position = ? WHERE id = ?",
        ("Evil\x1eCorp\x1f", "a\x1eb", first.id),
    )
    index = BrowseIndex.load(ws)
    expected = {c.id: (c.company, c.position) for c in list_contacts(ws)}
    ids = index.columns["id"].to_pylist()
    companies, positions = index.columns["company"], index.columns["position"]
    shown = zip(companies.to_pylist(), positions.to_pylist(), strict=True)
    assert dict(zip(ids, shown, strict=True)) == expected
    assert expected[first.id] == ("Evil\x1eCorp\x1f", "a\x1eb")
