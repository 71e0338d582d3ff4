"""Import into the workspace: matching, updates, changed positions, one transaction per file."""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from pathlib import Path

import pytest

from handpicked.core.contacts import store as contacts
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.merge.files import import_paths
from handpicked.core.db import Workspace

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
NOTES = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'


def linkedin(tmp_path, body: str, name: str = "Connections.csv"):
    path = tmp_path / name
    path.write_text(NOTES + HEADER + textwrap.dedent(body).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def ws(tmp_path):
    workspace = Workspace(tmp_path / "ws")
    yield workspace
    workspace.close()


def all_contacts(ws):
    return {c.full_name: c for c in contacts.list_contacts(ws)}


def test_first_import_counts_and_fields(ws, tmp_path):
    """Verify a LinkedIn export imports every row with its fields and a derived greeting name."""
    path = linkedin(
        tmp_path,
        """
        Hélène,Côté,https://www.linkedin.com/in/helene-cote,,Desjardins,Conseillère principale,14 Jun 2013
        JEAN-FRANÇOIS,Bélanger,https://www.linkedin.com/in/jf-belanger,jf@example.org,CGI,Développeur,7-Feb-22
    """,
    )
    [report] = import_paths(ws, [path])
    assert (report.format, report.imported, report.updated, report.unchanged) == (
        "linkedin",
        2,
        0,
        0,
    )
    people = all_contacts(ws)
    helene = people["Hélène Côté"]
    assert helene.company == "Desjardins"
    assert helene.connected_on.isoformat() == "2013-06-14"
    jf = people["JEAN-FRANÇOIS Bélanger"]
    assert jf.greeting_name == "Jean-François"
    assert jf.email == "jf@example.org"
    assert jf.connected_on.isoformat() == "2022-02-07"


def test_reimport_same_file_is_unchanged(ws, tmp_path):
    """Verify re-importing the same export updates nothing and duplicates nobody."""
    path = linkedin(
        tmp_path,
        """
        Marc,Roy,https://www.linkedin.com/in/marc-roy,,Bell,Analyste,1 Jan 2020
    """,
    )
    import_paths(ws, [path])
    [again] = import_paths(ws, [path])
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 1)
    assert len(contacts.list_contacts(ws)) == 1


def test_changed_position_reported_and_history_kept(ws, tmp_path):
    """Verify a new company is an update, reported as changed position, the old one kept."""
    linkedin(
        tmp_path,
        """
        Marc,Roy,https://www.linkedin.com/in/marc-roy,,Bell,Analyste,1 Jan 2020
        Zoé,Gagné,https://www.linkedin.com/in/zoe-gagne,,SAQ,Caissière,1 Jan 2020
    """,
        "old.csv",
    )
    linkedin(
        tmp_path,
        """
        Marc,Roy,https://www.linkedin.com/in/marc-roy/,,Vidéotron,Directeur TI,1 Jan 2020
        Zoé,Gagné,https://linkedin.com/in/ZOE-GAGNE,,SAQ,Caissière,1 Jan 2020
    """,
        "new.csv",
    )
    import_paths(ws, [tmp_path / "old.csv"])
    [report] = import_paths(ws, [tmp_path / "new.csv"])
    assert (report.imported, report.updated, report.unchanged) == (0, 1, 1)
    marc = all_contacts(ws)["Marc Roy"]
    assert report.changed_position == [marc.id]
    assert marc.company == "Vidéotron" and marc.position == "Directeur TI"
    assert [(p.company, p.position) for p in marc.previous_positions] == [("Bell", "Analyste")]
    moved = contacts.list_contacts(ws, AudienceFilter(changed_position=True))
    assert [c.id for c in moved] == [marc.id]


def test_empty_value_never_erases(ws, tmp_path):
    """Verify an empty cell in a newer export keeps the stored value."""
    linkedin(
        tmp_path,
        "Ana,Lima,https://www.linkedin.com/in/ana,ana@x.org,Shopify,PM,1 Jan 2021\n",
        "a.csv",
    )
    linkedin(tmp_path, "Ana,Lima,https://www.linkedin.com/in/ana,,,PM,\n", "b.csv")
    import_paths(ws, [tmp_path / "a.csv"])
    [report] = import_paths(ws, [tmp_path / "b.csv"])
    assert report.unchanged == 1
    ana = all_contacts(ws)["Ana Lima"]
    assert (ana.email, ana.company) == ("ana@x.org", "Shopify")
    assert ana.connected_on is not None


def test_namesakes_with_different_urls_stay_two(ws, tmp_path):
    """Verify two Marie Tremblay at Desjardins with different profiles are two people."""
    path = linkedin(
        tmp_path,
        """
        Marie,Tremblay,https://www.linkedin.com/in/marie-t-1,,Desjardins,Analyste,1 Jan 2020
        Marie,Tremblay,https://www.linkedin.com/in/marie-t-2,,Desjardins,Comptable,1 Jan 2021
    """,
    )
    [report] = import_paths(ws, [path])
    assert report.imported == 2
    assert len(contacts.list_contacts(ws)) == 2


def test_name_match_across_formats(ws, tmp_path):
    """Verify a spreadsheet row without URL matches the LinkedIn contact by name and company."""
    linkedin(
        tmp_path,
        "Hélène,Côté,https://www.linkedin.com/in/hc,,Desjardins inc.,Analyste,1 Jan 2020\n",
    )
    sheet = tmp_path / "reseau.csv"
    sheet.write_text(
        "Prénom;Nom;Société;Courriel\nhelene;COTE;DESJARDINS;hc@example.org\n", encoding="cp1252"
    )
    import_paths(ws, [tmp_path / "Connections.csv"])
    [report] = import_paths(ws, [sheet])
    assert (report.format, report.imported, report.updated) == ("csv", 0, 1)
    [helene] = contacts.list_contacts(ws)
    assert helene.email == "hc@example.org"
    assert (helene.first_name, helene.company) == ("Hélène", "Desjardins inc.")


def test_duplicates_inside_one_file_merge(ws, tmp_path):
    """Verify the same person twice in one file becomes one contact with both values."""
    path = linkedin(
        tmp_path,
        """
        Luc,Hébert,https://www.linkedin.com/in/luc,,,,1 Jan 2020
        Luc,Hébert,https://www.linkedin.com/in/luc,luc@x.org,Metro,Gérant,
    """,
    )
    [report] = import_paths(ws, [path])
    assert report.imported == 1
    [luc] = contacts.list_contacts(ws)
    assert (luc.email, luc.company, luc.position) == ("luc@x.org", "Metro", "Gérant")


def test_not_in_export_counted_never_deleted(ws, tmp_path):
    """Verify contacts missing from a newer full export are counted and kept."""
    linkedin(
        tmp_path,
        "A,One,https://www.linkedin.com/in/a1,,X,Dev,\nB,Two,https://www.linkedin.com/in/b2,,X,Dev,\n",
        "a.csv",
    )
    linkedin(tmp_path, "A,One,https://www.linkedin.com/in/a1,,X,Dev,\n", "b.csv")
    import_paths(ws, [tmp_path / "a.csv"])
    [report] = import_paths(ws, [tmp_path / "b.csv"])
    assert report.not_in_export == 1
    assert len(contacts.list_contacts(ws)) == 2


def test_dry_run_writes_nothing(ws, tmp_path):
    """Verify --dry-run reports the counts and leaves the workspace as it was."""
    path = linkedin(tmp_path, "A,One,https://www.linkedin.com/in/a1,,X,Dev,\n")
    [report] = import_paths(ws, [path], dry_run=True)
    assert report.imported == 1
    assert contacts.list_contacts(ws) == []
    assert ws.conn.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_bad_file_among_good_ones(ws, tmp_path):
    """Verify a file that fails as a whole stores nothing while the others still import."""
    good = linkedin(tmp_path, "A,One,https://www.linkedin.com/in/a1,,X,Dev,\n")
    bad = tmp_path / "empty.csv"
    bad.write_bytes(b"")
    reports = import_paths(ws, [bad, good])
    assert reports[0].error and "empty.csv" in reports[0].error
    assert reports[1].imported == 1
    assert len(contacts.list_contacts(ws)) == 1


def test_skipped_rows_and_warnings_reported(ws, tmp_path):
    """Verify a nameless row is skipped and an impossible date warned about, with their lines."""
    path = linkedin(
        tmp_path,
        """
        ,,https://www.linkedin.com/in/nobody,,X,Dev,1 Jan 2020
        Eve,Roy,https://www.linkedin.com/in/eve,,X,Dev,31 Feb 2020
    """,
    )
    [report] = import_paths(ws, [path])
    assert report.imported == 1
    assert [(s.line, s.reason) for s in report.skipped] == [(5, "no name")]
    assert [w.line for w in report.warnings] == [6]
    [eve] = contacts.list_contacts(ws)
    assert eve.connected_on is None


def test_hostile_values_stored_literally(ws, tmp_path):
    """Verify markup, formulas, template code and HTML are stored exactly as given."""
    path = linkedin(
        tmp_path,
        """
        [bold]x[/],=HYPERLINK(1),https://www.linkedin.com/in/h,,{{ 7*7 }},<script>alert(1)</script>,
    """,
    )
    import_paths(ws, [path])
    [hostile] = contacts.list_contacts(ws)
    assert hostile.first_name == "[bold]x[/]"
    assert hostile.last_name == "=HYPERLINK(1)"
    assert hostile.company == "{{ 7*7 }}"
    assert hostile.position == "<script>alert(1)</script>"


def test_hand_set_values_survive_reimport(ws, tmp_path):
    """Verify a hand-set function, sector and greeting survive a re-import of a newer export."""
    linkedin(tmp_path, "Paul,Roy,https://www.linkedin.com/in/p,,Bell,Analyste,\n", "a.csv")
    linkedin(
        tmp_path, "Paul,Roy,https://www.linkedin.com/in/p,,Bell,Analyste principal,\n", "b.csv"
    )
    import_paths(ws, [tmp_path / "a.csv"])
    [paul] = contacts.list_contacts(ws)
    contacts.set_contact(ws, paul.id, function="Finance", sector="Retail", greeting_name="Polo")
    import_paths(ws, [tmp_path / "b.csv"])
    again = contacts.get_contact(ws, paul.id)
    assert (again.function, again.function_source) == ("Finance", "contact")
    assert (again.sector, again.sector_source) == ("Retail", "contact")
    assert again.greeting_name == "Polo"
    assert again.position == "Analyste principal"


def test_tags_from_labels(ws, tmp_path):
    """Verify Google labels become tags, merged across imports."""
    path = tmp_path / "google.csv"
    path.write_text(
        "First Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value,Labels\n"
        "Ana,Lima,Shopify,PM,ana@x.org,Clients ::: * myContacts ::: Golf\n",
        encoding="utf-8",
    )
    [report] = import_paths(ws, [path])
    assert report.format == "google"
    [ana] = contacts.list_contacts(ws)
    assert ana.tags == ["Clients", "Golf"]


def test_shared_email_different_profiles_stay_two(ws, tmp_path):
    """Verify two profiles sharing one address (info@...) are not merged into one person."""
    path = linkedin(
        tmp_path,
        """
        Ana,Lima,https://www.linkedin.com/in/ana,info@acme.example,Acme,CEO,
        Bob,Stone,https://www.linkedin.com/in/bob,info@acme.example,Acme,CTO,
    """,
    )
    [report] = import_paths(ws, [path])
    assert report.imported == 2
    [again] = import_paths(ws, [path])
    assert (again.updated, again.unchanged) == (0, 2)


def test_names_sort_without_regard_to_accents(ws, tmp_path):
    """Verify Émond sorts before Fortin and after Dubé, as a French reader expects."""
    path = linkedin(
        tmp_path,
        """
        Luc,Fortin,https://www.linkedin.com/in/lf,,X,Dev,
        Ève,Émond,https://www.linkedin.com/in/ee,,X,Dev,
        Marc,Dubé,https://www.linkedin.com/in/md,,X,Dev,
        Anne,émond,https://www.linkedin.com/in/ae,,X,Dev,
    """,
    )
    import_paths(ws, [path])
    names = [c.full_name for c in contacts.list_contacts(ws)]
    assert names == ["Marc Dubé", "Anne émond", "Ève Émond", "Luc Fortin"]


def test_new_rows_classified_like_corrections(ws, tmp_path):
    """Verify the import's cached classification equals a full reclassification, row by row."""
    from handpicked.core.contacts.classify.apply import reclassify

    path = tmp_path / "Connections.csv"
    path.write_text(
        (Path(__file__).resolve().parents[3] / "sample_contacts" / "Connections.csv").read_text(
            encoding="utf-8-sig"
        ),
        encoding="utf-8",
    )
    import_paths(ws, [path])
    columns = "id, sector, sector_source, function, function_source, seniority, seniority_source, language"
    before = ws.conn.execute(f"SELECT {columns} FROM contacts ORDER BY id").fetchall()
    reclassify(ws)
    after = ws.conn.execute(f"SELECT {columns} FROM contacts ORDER BY id").fetchall()
    assert len(before) >= 300
    assert [tuple(r) for r in before] == [tuple(r) for r in after]


def test_bulk_import_keeps_indexes(ws, tmp_path):
    """Verify a big first import (indexes rebuilt after the rows) leaves every index in place."""
    body = "".join(
        f"P{i},Nom{i},https://www.linkedin.com/in/p{i},,Firme {i % 50},Analyste,\n"
        for i in range(6000)
    )
    path = tmp_path / "big.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    expected = {
        r[0]
        for r in ws.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts'"
        )
    }
    [report] = import_paths(ws, [path])
    assert report.imported == 6000
    after = {
        r[0]
        for r in ws.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'contacts'"
        )
    }
    assert after == expected and "contacts_sort" in after
    assert ws.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_duplicate_filling_company_sets_its_key(ws, tmp_path):
    """Verify a company filled in by an in-file duplicate is the one filters and sectors use."""
    path = linkedin(
        tmp_path,
        """
        Luc,Hébert,https://www.linkedin.com/in/luc,,,,
        Luc,Hébert,https://www.linkedin.com/in/luc,luc@x.org,Desjardins,Analyste,
        Luc,Hébert,,luc@x.org,,,
    """,
    )
    [report] = import_paths(ws, [path])
    assert report.imported == 1
    [luc] = contacts.list_contacts(ws, AudienceFilter(company="desjardins"))
    assert (luc.company, luc.sector) == ("Desjardins", "Financial Services")


def test_same_person_twice_by_profile_url_is_merged_and_said(ws, tmp_path):
    """Verify two rows of one person sharing a profile URL merge, and the report names both lines."""
    path = linkedin(
        tmp_path,
        """
        Luc,Hébert,https://www.linkedin.com/in/luc,,,,
        Ana,Lima,https://www.linkedin.com/in/ana,,Acme,CEO,
        LUC,Hebert,https://www.linkedin.com/in/luc/,luc@x.org,Metro,Gérant,
    """,
    )
    [report] = import_paths(ws, [path])
    assert report.imported == 2
    assert [(w.line, w.reason) for w in report.warnings] == [
        (7, "line 5 and line 7 share a profile URL; merged into one contact")
    ]


def test_different_people_sharing_a_profile_url_stay_two(ws, tmp_path):
    """Verify two names under one profile URL are kept as two contacts, with a warning."""
    path = linkedin(
        tmp_path,
        """
        Ana,Lima,https://www.linkedin.com/in/shared,,Acme,CEO,
        Bob,Stone,https://www.linkedin.com/in/shared,,Acme,CTO,
        Bob,Stone,https://www.linkedin.com/in/shared,bob@acme.test,,,
    """,
    )
    [report] = import_paths(ws, [path])
    assert report.imported == 2
    assert [(w.line, w.reason) for w in report.warnings] == [
        (6, "line 5 and line 6 share a profile URL but not the name; kept as two contacts"),
        (7, "line 6 and line 7 share a profile URL; merged into one contact"),
    ]
    people = all_contacts(ws)
    assert (people["Ana Lima"].position, people["Ana Lima"].email) == ("CEO", "")
    assert (people["Bob Stone"].position, people["Bob Stone"].email) == ("CTO", "bob@acme.test")
    [again] = import_paths(ws, [path])
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    assert set(all_contacts(ws)) == {"Ana Lima", "Bob Stone"}


def test_same_person_twice_by_email_or_name_is_said(ws, tmp_path):
    """Verify rows merged by a shared email, or by name and company alone, are reported too."""
    path = linkedin(
        tmp_path,
        """
        Eve,Roy,,eve@x.org,Bell,,
        Eve,Roy,,EVE@x.org,,Analyste,
        Paul,Roy,,,Bell,Dev,
        Paul,Roy,,,Bell,,1 Jan 2020
    """,
    )
    [report] = import_paths(ws, [path])
    assert report.imported == 2
    assert [(w.line, w.reason) for w in report.warnings] == [
        (6, "line 5 and line 6 share an email address; merged into one contact"),
        (8, "line 7 and line 8 have the same name and company; merged into one contact"),
    ]


def test_different_people_sharing_an_email_stay_two(ws, tmp_path):
    """Verify two names under one email address (info@...) stay two contacts, with a warning."""
    path = linkedin(
        tmp_path,
        """
        Ana,Lima,,info@acme.test,Acme,CEO,
        Bob,Stone,,info@acme.test,Acme,CTO,
    """,
    )
    [report] = import_paths(ws, [path])
    assert report.imported == 2
    assert [(w.line, w.reason) for w in report.warnings] == [
        (6, "line 5 and line 6 share an email address but not the name; kept as two contacts")
    ]
    [again] = import_paths(ws, [path])
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    assert {c.full_name: c.position for c in contacts.list_contacts(ws)} == {
        "Ana Lima": "CEO",
        "Bob Stone": "CTO",
    }


def test_shared_profile_url_against_a_stored_contact_renames_nobody(ws, tmp_path):
    """Verify a file giving a stored contact's URL to her and to another name renames nobody."""
    linkedin(tmp_path, "Ana,Lima,https://www.linkedin.com/in/shared,,Acme,CEO,\n", "a.csv")
    linkedin(
        tmp_path,
        """
        Ana,Lima,https://www.linkedin.com/in/shared,,Acme,CEO,
        Bob,Stone,https://www.linkedin.com/in/shared,,Acme,CTO,
        Ana,Lima,https://www.linkedin.com/in/shared,ana@acme.test,,,
    """,
        "b.csv",
    )
    import_paths(ws, [tmp_path / "a.csv"])
    [report] = import_paths(ws, [tmp_path / "b.csv"])
    assert (report.imported, report.updated, report.unchanged) == (1, 1, 0)
    assert [(w.line, w.reason) for w in report.warnings] == [
        (6, "line 5 and line 6 share a profile URL but not the name; kept as two contacts"),
        (7, "line 5 and line 7 share a profile URL; merged into one contact"),
    ]
    people = all_contacts(ws)
    assert (people["Ana Lima"].id, people["Ana Lima"].email) == (1, "ana@acme.test")
    assert people["Bob Stone"].position == "CTO"


def test_import_leaves_frozen_objects_frozen(ws, tmp_path):
    """Verify an import leaves gc.freeze() as the caller set it (the Contacts screen freezes)."""
    import gc

    path = linkedin(tmp_path, "Ana,Roy,https://www.linkedin.com/in/ana-roy,,CGI,Analyst,1 Jan 2020")
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        [report] = import_paths(ws, [path])
        assert report.imported == 1 and frozen > 0 and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def fingerprints(ws):
    return dict(ws.conn.execute("SELECT first_name, row_fingerprint FROM contacts"))


def test_reimport_after_a_hand_edit_takes_the_file_value_again(ws, tmp_path):
    """Verify a note edited by hand is replaced by the file's note when the same file comes again."""
    path = tmp_path / "sheet.csv"
    path.write_text("First Name,Last Name,Company,Notes\nAna,Roy,CGI,met at the fair\n")
    import_paths(ws, [path])
    [ana] = contacts.list_contacts(ws)
    contacts.set_note(ws, ana.id, "mine")
    [report] = import_paths(ws, [path])
    assert (report.updated, report.unchanged) == (1, 0)
    assert contacts.get_contact(ws, ana.id).notes == "met at the fair"
    [report] = import_paths(ws, [path])
    assert (report.updated, report.unchanged) == (0, 1)


def test_reimport_of_a_file_with_duplicates_says_them_again(ws, tmp_path):
    """Verify a re-imported file reports its merged rows and counts exactly as the first time."""
    path = linkedin(
        tmp_path,
        """
        Luc,Hébert,https://www.linkedin.com/in/luc,,,,
        Ana,Lima,https://www.linkedin.com/in/ana,,Acme,CEO,
        LUC,Hebert,https://www.linkedin.com/in/luc/,luc@x.org,Metro,Gérant,
        Ana,Lima,https://www.linkedin.com/in/ana,,Acme,CEO,
    """,
    )
    [first] = import_paths(ws, [path])
    assert fingerprints(ws) == {"Luc": None, "Ana": None}  # each made of two rows
    for _ in range(2):  # the second time, each contact has a fingerprint
        [again] = import_paths(ws, [path])
        assert (first.imported, again.imported, again.updated, again.unchanged) == (2, 0, 0, 2)
        assert [w.reason for w in again.warnings] == [w.reason for w in first.warnings]
        assert [w.line for w in again.warnings] == [7, 8]
        assert None not in fingerprints(ws).values()


def test_workspace_of_the_previous_schema_reimports_and_gains_fingerprints(tmp_path, monkeypatch):
    """Verify a workspace made before fingerprints re-imports as before, then stores them."""
    from handpicked.core.db import schema

    with monkeypatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        old = Workspace(tmp_path / "ws")
        old.conn.execute(
            "INSERT INTO contacts(first_name, last_name, profile_url, company, position,"
            " source_format, imported_at, updated_at, last_import_id)"
            " VALUES ('Ana', 'Roy', 'https://www.linkedin.com/in/ana-roy', 'CGI', 'Analyst',"
            " 'linkedin', 'x', 'x', 1)"
        )
        old.close()
    path = linkedin(tmp_path, "Ana,Roy,https://www.linkedin.com/in/ana-roy,,CGI,Analyst,\n")
    ws = Workspace(tmp_path / "ws")
    try:
        assert fingerprints(ws) == {"Ana": None}
        [report] = import_paths(ws, [path])
        assert (report.imported, report.updated, report.unchanged) == (0, 0, 1)
        assert report.not_in_export == 0 and fingerprints(ws)["Ana"] is not None
        linkedin(tmp_path, "Ana,Roy,https://www.linkedin.com/in/ana-roy,,CGI,Manager,\n")
        [report] = import_paths(ws, [path])
        assert (report.updated, report.changed_position) == (1, [1])
    finally:
        ws.close()


def _export_and_its_next_version(tmp_path):
    """A generated LinkedIn export, and a later one: moves, departures, arrivals, duplicates."""
    from benchmarks.generate import write_linkedin

    first = write_linkedin(tmp_path / "first.csv", count=600, seed=7)
    arrivals = write_linkedin(tmp_path / "arrivals.csv", count=80, seed=8)
    lines = first.read_text("utf-8").splitlines(keepends=True)
    head, rows = lines[:5], lines[5:]
    later = []
    for number, line in enumerate(rows):
        if number % 15 == 0:
            continue  # left the network
        if number % 10 == 0:
            cells = line.rstrip("\n").split(",")
            cells[-2] = "Chief Executive Officer"  # a row with quotes keeps its text: fine too
            line = ",".join(cells) + "\n"
        later.append(line)
        if number % 40 == 1:
            later.append(line)  # exported twice
    later += arrivals.read_text("utf-8").splitlines(keepends=True)[5:]
    second = tmp_path / "second.csv"
    second.write_text("".join(head + later), encoding="utf-8")
    return first, second


def _state(ws):
    people = [
        c.model_dump(exclude={"imported_at", "updated_at"}) for c in contacts.list_contacts(ws)
    ]
    history = ws.conn.execute("SELECT contact_id, company, position FROM positions").fetchall()
    return people, sorted(map(tuple, history))


def _outcome(report):
    outcome = asdict(report)
    del outcome["path"]
    return outcome


def test_fingerprints_change_nothing_but_the_time_a_reimport_takes(tmp_path):
    """Verify re-imports store and report exactly the same with fingerprints as without them."""
    first, second = _export_and_its_next_version(tmp_path)
    results = []
    for forget in (False, True):
        ws = Workspace(tmp_path / f"ws-{forget}")
        try:
            reports = [_outcome(import_paths(ws, [first])[0])]
            contacts.set_note(ws, 3, "met at the fair")
            for path in (second, second, first):
                if forget:
                    ws.conn.execute("UPDATE contacts SET row_fingerprint = NULL")
                reports.append(_outcome(import_paths(ws, [path])[0]))
            results.append((reports, _state(ws)))
        finally:
            ws.close()
    with_marks, without = results
    assert with_marks == without
    reports = with_marks[0]
    assert reports[1]["updated"] > 0 and reports[1]["imported"] == 80
    assert reports[1]["warnings"] and reports[2]["updated"] == 0 and reports[3]["updated"] > 0


def test_a_fingerprint_two_contacts_share_matches_as_usual(ws, tmp_path):
    """Verify a fingerprint held by two contacts is ignored: each row still finds its own person."""
    path = linkedin(
        tmp_path,
        """
        Ana,Roy,https://www.linkedin.com/in/ana-roy,,CGI,Analyst,
        Bo,Lam,https://www.linkedin.com/in/bo-lam,,CGI,Analyst,
    """,
    )
    import_paths(ws, [path])
    ws.conn.execute(
        "UPDATE contacts SET row_fingerprint ="
        " (SELECT row_fingerprint FROM contacts WHERE first_name = 'Ana') WHERE first_name = 'Bo'"
    )
    [report] = import_paths(ws, [path])
    assert (report.updated, report.unchanged, report.warnings) == (0, 2, [])
    marks = fingerprints(ws)
    assert None not in marks.values() and marks["Ana"] != marks["Bo"]


def test_an_address_two_profiles_of_one_file_share_stays_the_first_ones(ws, tmp_path):
    """Verify a row with only an address two earlier profiles of the file share meets the first."""
    path = linkedin(
        tmp_path,
        """
        Ana,Roy,https://www.linkedin.com/in/ana-roy,info@x.org,CGI,Analyst,
        Bo,Lam,https://www.linkedin.com/in/bo-lam,info@x.org,CGI,Analyst,
        Bo,Lam,,info@x.org,CGI,Analyst,
    """,
    )
    [report] = import_paths(ws, [path])
    assert report.imported == 3
    assert [(w.line, w.reason) for w in report.warnings] == [
        (7, "line 5 and line 7 share an email address but not the name; kept as two contacts")
    ]
