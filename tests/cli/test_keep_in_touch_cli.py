"""Keep in touch from the command line: cadences, `contacts --overdue`, `contact snooze`."""

from __future__ import annotations

import pytest

from handpicked.core.db import Workspace

# Today is 2026-11-25 (tests/conftest.py).
ROWS = """\
    Anne,Ally,https://www.linkedin.com/in/anne,,Desjardins,Analyste,10 Jan 2020
    Bob,Brun,https://www.linkedin.com/in/bob,,Hydro,Directeur,10 Jan 2021
    Cleo,Chan,https://www.linkedin.com/in/cleo,,Acme,Developer,15 Nov 2026
"""


@pytest.fixture
def people(imported):
    return imported(ROWS)


def test_cadences_and_overdue_list(tmp_path, cli, people):
    """Verify `tag cadence` and `contact set --cadence` feed `contacts --overdue`, sorted by the
    overdue score with `overdue_days`, `cadence` and `why` in JSON and the why in text."""
    anne, bob, cleo = people["Anne Ally"], people["Bob Brun"], people["Cleo Chan"]
    assert cli("tag", "add", "clients", anne, bob, cleo).code == 0
    done = cli("tag", "cadence", "Clients", "365")
    assert done.code == 0 and "tag 'clients': keep in touch every 365 days" in done.out
    done = cli("contact", "set", bob, "--cadence", "30")
    assert done.code == 0 and "Bob Brun: keep in touch every 30 days" in done.out
    ws = Workspace(tmp_path / "ws")
    ws.conn.execute(
        "INSERT INTO interactions(contact_id, at, direction) VALUES (?, '2026-09-12T10:00:00Z',"
        " 'received')",
        (bob,),
    )
    ws.conn.commit()
    ws.close()
    rows = cli("contacts", "--overdue", "--json").json()
    assert [(r["id"], r["overdue_days"], r["cadence"]) for r in rows] == [
        (anne, 2511 - 365, 365),  # (2511 - 365) / 365 = 5.9
        (bob, 74 - 30, 30),  # (74 - 30) / 30 = 1.5
    ]
    assert (
        rows[1]["why"] == "cadence 30 days (set for this contact), last heard from 74 days ago:"
        " 44 days overdue"
    )
    text = cli("contacts", "--overdue").out
    assert "44 days overdue" in text and text.strip().endswith("2 overdue")
    assert cli("contacts", "--overdue", "--search", "hydro", "--json").json()[0]["id"] == bob
    cleared = cli("contact", "set", bob, "--cadence", "none", "--json").json()
    assert cleared["cadence"] == 365 and cleared["cadence_from"] == "tag clients"
    assert cli("tag", "cadence", "clients", "0").out.strip() == "tag 'clients': cadence removed"
    assert cli("contacts", "--overdue", "--json").json() == []


def test_overdue_without_any_cadence_says_how_to_start(cli, people):
    """Verify an empty overdue list says how to set a cadence when none exists yet, and a
    config default makes everyone's cadence."""
    said = cli("contacts", "--overdue").out
    assert "0 overdue" in said and "nobody has a cadence yet" in said
    assert "handpicked tag cadence TAG DAYS" in said
    assert cli("config", "set", "keep_in_touch.cadence_days", "365").code == 0
    rows = cli("contacts", "--overdue", "--json").json()
    assert [(r["id"], r["cadence_from"]) for r in rows] == [
        (people["Anne Ally"], "default"),
        (people["Bob Brun"], "default"),
    ]


def test_snooze_hides_from_overdue(cli, people):
    """Verify `contact snooze ID --days N` leaves the person off `contacts --overdue`."""
    anne = people["Anne Ally"]
    cli("contact", "set", anne, "--cadence", "30")
    assert [r["id"] for r in cli("contacts", "--overdue", "--json").json()] == [anne]
    done = cli("contact", "snooze", anne, "--days", "14")
    assert done.code == 0 and "until 2026-12-09" in done.out
    assert cli("contacts", "--overdue", "--json").json() == []


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("contact", "snooze", "{anne}", "--days", "0"), 2, "'0' is not a whole number from 1"),
        (("contact", "snooze", "{anne}", "--days", "x"), 2, "'x' is not a whole number"),
        (("contact", "snooze", "{anne}"), 2, "--days"),
        (("contact", "snooze", "999", "--days", "3"), 1, "error: no contact with id 999"),
        (("contact", "set", "{anne}", "--cadence", "-3"), 2, "'-3' is not a cadence"),
        (("contact", "set", "999", "--cadence", "3"), 1, "error: no contact with id 999"),
        (("tag", "cadence", "nope", "30"), 1, "error: no contact has the tag 'nope'"),
        (("tag", "cadence", "nope", "forty"), 2, "'forty' is not a cadence"),
    ],
)
def test_bad_input_is_one_line(cli, people, args, code, says):
    """Verify bad cadences, snoozes, ids and tags give one error line and the right exit code."""
    done = cli(*(a.format(anne=people["Anne Ally"]) for a in args))
    assert done.code == code
    assert says in done.err and "Traceback" not in done.err
    if code == 1:
        assert done.err.count("\n") == 1
