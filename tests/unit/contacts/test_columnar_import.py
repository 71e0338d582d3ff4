"""The columnar import path and the row-by-row one make the same workspace from the same files."""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import asdict
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import write_linkedin
from handpicked.core.contacts.companies import set_company_sector
from handpicked.core.contacts.importers import parse_bytes, parse_file, read_export
from handpicked.core.contacts.importers.columnar import read_columnar
from handpicked.core.contacts.merge.fresh import _Columns
from handpicked.core.contacts.merge.ingest import import_file
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError

SAMPLES = Path(__file__).resolve().parents[3] / "sample_contacts"
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
NOTES = 'Notes:\n"When exporting your connection data, you may notice, that some are missing."\n\n'
# Values people and spreadsheets put in an export, and a few an attacker would.
HOSTILE = [
    ["Hélène", "Côté", "https://www.linkedin.com/in/helene-cote", "", "Desjardins", "Conseillère", "14 Jun 2013"],
    ["=cmd|' /C calc'!A0", "Formula", "https://www.linkedin.com/in/formula", "f@example.org", '=HYPERLINK("http://x")', "+1-2", "7-Feb-22"],
    ["[bold red]Rich[/]", "[link=http://x]y[/link]", "", "rich@example.org", "Acme [i]", "Dir", ""],
    ['Say "hi"', "Quote,Comma", "https://ca.linkedin.com/in/quote/", "", 'Big "Co", Inc.', "VP\nSales", "1 Jan 2020"],
    ["", "", "", "", "", "", ""],
    ["", "", "https://www.linkedin.com/in/nobody", "", "Ghost", "", ""],
    ["Marie", "Tremblay", "https://www.linkedin.com/in/marie", "", "Acme", "Dir", "not a date"],
    ["Marie", "Tremblay", "HTTPS://WWW.linkedin.com/in/marie/", "marie@x.org", "ACME inc.", "", ""],
    ["Jean", "Roy", "", "shared@x.org", "A", "B", ""],
    ["Jeanne", "Roy", "", "Shared@X.org", "A", "B", ""],
    ["  Pad  ", " Ded ", " https://www.linkedin.com/in/pad ", "", "  X  ", " Y ", " 2 Feb 2021 "],
    ["Émile", "Nelligan", "http://linkedin.com/in/émile?trk=x", "", "Société", "Poète", ""],
    ["Multi", "Line", "https://www.linkedin.com/in/multi", "", "Line\r\nCo", "Two\n\nLines", "3 Mar 2022"],
    ["Tab\tName", "Sep\u2028Line", "https://www.linkedin.com/in/tab", "", "Ünïcödé 株式会社", "🚀 Founder", "2022-02-07"],
    ["Marie", "Tremblay", "https://www.linkedin.com/in/marie-2", "", "Acme", "Dir", "8 Mar 2021"],
]  # fmt: skip


def linkedin(path: Path, rows: list[list[str]], *, bom: bool = False, crlf: bool = False) -> Path:
    """A Connections.csv of these rows, an empty line after the third."""
    end = "\r\n" if crlf else "\n"
    out = io.StringIO()
    out.write(NOTES.replace("\n", end))
    writer = csv.writer(out, lineterminator=end)
    writer.writerows([HEADER, *rows[:3]])
    out.write(end)
    writer.writerows(rows[3:])
    path.write_bytes(("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8"))
    return path


def tables(ws: Workspace) -> dict[str, list[dict[str, object]]]:
    """Everything an import writes, timestamps aside."""
    conn = ws.conn
    found = {}
    for table, order in (("contacts", "id"), ("tags", "contact_id, tag"), ("positions", "id")):
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY {order}")
        cursor.row_factory = sqlite3.Row
        found[table] = [
            {k: v for k, v in dict(row).items() if k not in ("imported_at", "updated_at")}
            for row in cursor
        ]
    return found


def import_both(
    tmp_path: Path, *files: Path, fmt: str = "auto", sectors: dict[str, str] | None = None
) -> tuple[list, dict, list, dict]:
    """Import `files` in turn into two workspaces (given these company sectors first), as
    `import` does (column by column when it can) and row by row: each side's reports and
    tables."""
    sides = []
    for side, read in (("columnar", read_export), ("rows", parse_file)):
        with Workspace(tmp_path / f"ws-{side}") as ws:
            for company, sector in (sectors or {}).items():
                set_company_sector(ws, company, sector)
            reports = [asdict(import_file(ws, read(path, fmt))) for path in files]
            sides += [reports, tables(ws)]
    return tuple(sides)  # type: ignore[return-value]


def assert_same(
    tmp_path: Path, *files: Path, fmt: str = "auto", sectors: dict[str, str] | None = None
) -> list:
    columnar_reports, columnar, row_reports, rows = import_both(
        tmp_path, *files, fmt=fmt, sectors=sectors
    )
    assert columnar_reports == row_reports
    assert columnar == rows
    return columnar_reports


def test_hostile_linkedin_file_stores_the_same_contacts_both_ways(tmp_path):
    """Verify quotes, line breaks, formulas, markup, accents, empty and nameless rows, bad dates
    and duplicates give the same contacts, warnings and lines through both paths."""
    path = linkedin(tmp_path / "Connections.csv", HOSTILE)
    assert read_columnar(path.read_bytes(), str(path)) is not None  # the columnar path ran
    [report] = assert_same(tmp_path, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    date_line = next(i for i, text in enumerate(lines, 1) if "not a date" in text)
    assert any(w["line"] == date_line for w in report["warnings"])
    assert report["skipped"] == [{"line": date_line - 1, "reason": "no name"}]
    assert any("share a profile URL; merged" in w["reason"] for w in report["warnings"])


def test_company_sectors_set_before_a_first_import_apply_alike(tmp_path):
    """Verify sectors the user gave companies before any contact was imported win alike."""
    path = write_linkedin(tmp_path / "Connections.csv", count=400, seed=5)
    companies = read_columnar(path.read_bytes(), str(path))
    assert companies is not None
    sectors = {companies.company[0]: "Education", companies.company[1]: "Aerospace"}
    assert_same(tmp_path, path, sectors=sectors)


@pytest.mark.parametrize("bom,crlf", [(True, False), (False, True)])
def test_bom_and_windows_line_ends_read_alike(tmp_path, bom, crlf):
    """Verify a BOM and CRLF line ends (with a line break inside a value) change nothing."""
    path = linkedin(tmp_path / "Connections.csv", HOSTILE, bom=bom, crlf=crlf)
    assert read_columnar(path.read_bytes(), str(path)) is not None
    assert_same(tmp_path, path)


def test_sample_files_store_the_same_contacts_both_ways(tmp_path):
    """Verify every shipped sample (LinkedIn, Google, Outlook, French cp1252, vCard), imported
    one after the other into one workspace, ends the same both ways."""
    files = [SAMPLES / name for name in ("Connections.csv", "google_contacts.csv",
             "outlook_contacts.csv", "reseau_fr.csv", "contacts.vcf")]  # fmt: skip
    data = files[0].read_bytes()
    assert read_columnar(data, str(files[0])) is not None
    assert read_columnar((SAMPLES / "reseau_fr.csv").read_bytes(), "reseau_fr.csv") is None
    assert_same(tmp_path, *files)


def test_a_generated_network_takes_the_new_contacts_path_and_matches(tmp_path):
    """Verify a generated network (namesakes, shared addresses, two-line titles) is stored by
    the column-by-column first import and equals the row-by-row merge."""
    path = write_linkedin(tmp_path / "Connections.csv", count=3000, seed=11)
    parsed = read_columnar(path.read_bytes(), str(path))
    assert parsed is not None and _Columns(parsed).all_new()
    assert_same(tmp_path, path)


def test_spellings_cleaned_into_one_value_store_alike_and_as_encoded(tmp_path):
    """Verify names, companies and titles read as two cells but cleaned into one value (spaces
    around them) are stored alike both ways, by the distinct values the reader passes on."""
    rows = [
        ["Marie", "Roy", f"https://www.linkedin.com/in/m{i}", "", company, title, "1 Jan 2020"]
        for i, (company, title) in enumerate(
            [("Acme", "Directrice RH"), (" Acme ", " Directrice RH"), ("Acme  ", "CTO")]
        )
    ] + [[" Marie ", "Roy ", "https://www.linkedin.com/in/m9", "", "Globex", "CTO ", ""]]
    path = tmp_path / "Connections.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([HEADER, *rows])
    parsed = read_columnar(path.read_bytes(), str(path))
    assert parsed is not None
    values, _ = parsed.distinct["company"]
    assert values.count("Acme") == 3  # three cells, one value: each still classified alike
    columns = _Columns(parsed)
    assert columns.all_new() and columns.company.values == values
    assert_same(tmp_path, path)


def _as_encoded(parsed) -> dict[str, list[str]]:
    return {
        name: [values[i] for i in indices.to_pylist()]
        for name, (values, indices) in parsed.distinct.items()
    }


def test_distinct_values_passed_on_follow_dropped_rows_and_leave_split_names_out(tmp_path):
    """Verify the distinct values the reader passes on point at the right rows when nameless
    rows were dropped, and that names split from a full name are not passed on."""
    path = linkedin(tmp_path / "Connections.csv", HOSTILE)  # an empty line, a nameless row
    parsed = read_columnar(path.read_bytes(), str(path))
    assert parsed is not None and len(parsed) == len(HOSTILE) - 2
    assert _as_encoded(parsed) == {
        name: getattr(parsed, name) for name in ("first_name", "last_name", "company", "position")
    }
    full = tmp_path / "full.csv"
    full.write_text("Name,Company,Title\nAda Lovelace,Acme,CTO\n,,\nGrace Hopper,Navy,Admiral\n")
    named = read_columnar(full.read_bytes(), str(full), mapping={"Name": "full_name"})
    assert named is not None and named.first_name == ["Ada", "Grace"]
    assert _as_encoded(named) == {"company": ["Acme", "Navy"], "position": ["CTO", "Admiral"]}


@pytest.mark.parametrize("first", [False, True])
def test_a_file_name_with_quotes_is_stored_as_it_is(tmp_path, first):
    """Verify a file named with quotes, a semicolon and SQL in it is stored, as its contacts'
    source, exactly as named, whether it is the first import (stored whole) or merged into
    contacts already there (the import's constants are SQL literals quoted by SQLite)."""
    folder = tmp_path / "O'Brien's \"list\"; DROP TABLE contacts;--"
    folder.mkdir()
    path = write_linkedin(folder / "l'export 'é'.csv", count=60, seed=6)
    with Workspace(tmp_path / "ws") as ws:
        if not first:
            import_file(ws, read_export(write_linkedin(tmp_path / "other.csv", count=1, seed=9)))
        report = import_file(ws, read_export(path))
        assert report.imported == 60
        sources = ws.conn.execute(
            "SELECT source_path, count(*) FROM contacts GROUP BY 1 ORDER BY 2 DESC"
        )
        assert tuple(next(sources)) == (str(path), report.imported)


def test_reimport_over_a_columnar_first_import_skips_unchanged_and_reports_moves(tmp_path):
    """Verify a re-import after a column-by-column first import passes over unchanged rows and
    reports the same updates, moves and absences as the row path."""
    first = linkedin(tmp_path / "first.csv", HOSTILE)
    changed = [list(row) for row in HOSTILE[1:]] + [["New", "Person", "", "", "Co", "T", ""]]
    changed[0][4], changed[0][5] = "Other Corp", "Chief"  # the formula person moved
    again = linkedin(tmp_path / "again.csv", changed)
    reports = assert_same(tmp_path, first, first, again)
    assert reports[1]["updated"] == 0 and reports[1]["imported"] == 0
    assert reports[1]["unchanged"] == reports[0]["imported"]
    assert reports[2]["changed_position"] and reports[2]["not_in_export"] == 1


def test_french_semicolon_files_read_alike_in_utf8_and_fall_back_in_cp1252(tmp_path):
    """Verify a French ";" sheet is read column by column in UTF-8, row by row in cp1252, and
    both give the same workspace as the row path."""
    text = (
        "Prénom;Nom;Société;Poste;Courriel;Secteur;Étiquettes\n"
        'Hélène;Côté;Hydro-Québec;Ingénieure;h@x.ca;Énergie;"clients; amis"\n'
        "Élise;Brûlé;Société Générale;Directrice;;Banque;\n"
    )
    utf8 = tmp_path / "fr-utf8.csv"
    utf8.write_bytes(text.encode("utf-8"))
    latin = tmp_path / "fr-cp1252.csv"
    latin.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    assert read_columnar(utf8.read_bytes(), str(utf8)) is not None
    assert read_columnar(latin.read_bytes(), str(latin)) is None
    assert_same(tmp_path / "a", utf8)
    assert_same(tmp_path / "b", latin)


@pytest.mark.parametrize(
    "body",
    [
        'Ann,Lee,u,,Acme,"Dir\nMkt,A,B,C,D,E\nBob,Roy,v,,Co,T,\n',  # a quote that never closes
        "Ann,Lee,u,,Acme,Dir,,extra\nBob,Roy,v,,Co,T,\n",  # a row wider than the header
        "Ann,Lee,u,,Acme\x1b[31m,Dir,\nBob,Roy,v,,Co,T,\n",  # a terminal escape
        'Ann,Lee,u,,Acme,Dir,\nBob,Roy,v,,Co,"T',  # the last value's quote never closes
    ],
)
def test_files_only_the_row_reader_reads_right_fall_back_to_it(tmp_path, body):
    """Verify broken quoting, ragged rows and control characters leave the columnar reader
    (None) and import exactly as the row path does."""
    path = tmp_path / "Connections.csv"
    path.write_text(NOTES + ",".join(HEADER) + "\n" + body, encoding="utf-8")
    assert read_columnar(path.read_bytes(), str(path)) is None
    assert_same(tmp_path, path)


def test_full_name_and_tag_columns_read_alike(tmp_path):
    """Verify a one-column name and a tag list are split the same way on both paths."""
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,E-mail,Company,Tags\n"
        '"Tremblay, Marie",m@x.org,Acme,"vip; friend"\n'
        "Jean de la Fontaine,,Fables,poets\n"
        ",,,orphan tag\n"
        "Solo,,,\n",
        encoding="utf-8",
    )
    assert read_columnar(path.read_bytes(), str(path)) is not None
    assert_same(tmp_path, path)


def test_a_file_whose_rows_all_lack_a_name_reports_them_alike(tmp_path):
    """Verify a file whose every row is skipped (no name) stores nobody and says so alike."""
    path = linkedin(tmp_path / "Connections.csv", [["", "", "u", "", "Acme", "Dir", ""]] * 4)
    assert read_columnar(path.read_bytes(), str(path)) is not None
    [report] = assert_same(tmp_path, path)
    assert report["imported"] == 0 and len(report["skipped"]) == 4


def test_mapped_columns_read_alike(tmp_path):
    """Verify a file read through the user's column mapping stores the same contacts both ways."""
    path = tmp_path / "sheet.csv"
    path.write_text("Qui,Où,Titre\nMarie Tremblay,Acme,Dir\nLuc Roy,Co,VP\n", encoding="utf-8")
    mapping = {"Qui": "full_name", "Où": "company"}
    columnar = read_columnar(path.read_bytes(), str(path), "csv", mapping)
    assert columnar is not None
    rows = parse_file(path, "csv", mapping)
    assert (columnar.rows, columnar.format) == (rows.rows, rows.format)
    with Workspace(tmp_path / "a") as a, Workspace(tmp_path / "b") as b:
        import_file(a, read_export(path, "csv", mapping))
        import_file(b, rows)
        assert tables(a) == tables(b)


def test_titles_tell_the_sector_alike_where_the_company_tells_none(tmp_path):
    """Verify the first import reads a title for a sector only where the company tells none, as
    the row path does: a known employer wins over the same title, an unknown one does not."""
    rows = [
        ["Anne", "Roy", "https://www.linkedin.com/in/anne-roy", "", "Zorblax", "Infirmière", ""],
        ["Bea", "Roy", "https://www.linkedin.com/in/bea-roy", "", "Desjardins", "Infirmière", ""],
        ["Carl", "Roy", "https://www.linkedin.com/in/carl-roy", "", "", "Infirmier", ""],
        ["Dan", "Roy", "https://www.linkedin.com/in/dan-roy", "", "Zorblax", "Analyste", ""],
        ["Eve", "Roy", "https://www.linkedin.com/in/eve-roy", "", "Desjardins", "Analyste", ""],
    ]
    path = linkedin(tmp_path / "Connections.csv", rows)
    parsed = read_columnar(path.read_bytes(), str(path))
    assert parsed is not None and _Columns(parsed).all_new()  # the first-import path ran
    assert_same(tmp_path, path)
    with Workspace(tmp_path / "ws-columnar") as ws:
        query = "SELECT first_name, sector, sector_source FROM contacts ORDER BY first_name"
        stored = [tuple(row) for row in ws.conn.execute(query)]
    assert stored == [
        ("Anne", "Hospitals and Health Care", "rule"),
        ("Bea", "Financial Services", "dictionary"),
        ("Carl", "Hospitals and Health Care", "rule"),
        ("Dan", "Unclassified", "none"),
        ("Eve", "Financial Services", "dictionary"),
    ]


def test_one_profile_written_two_ways_is_one_person_on_both_paths(tmp_path):
    """Verify a profile URL percent-encoded in one row and accented in another counts as one
    profile for the first import's check, and both paths merge the two rows alike."""
    rows = [
        ["Linnéa", "Roy", "https://www.linkedin.com/in/linn%C3%A9a-roy", "", "Acme", "Dir", ""],
        ["Other", "Person", "https://www.linkedin.com/in/other", "", "Co", "VP", ""],
        ["Linnéa", "Roy", "https://ca.linkedin.com/in/linnéa-roy/", "l@x.org", "Acme", "Dir", ""],
    ]
    path = linkedin(tmp_path / "Connections.csv", rows)
    parsed = read_columnar(path.read_bytes(), str(path))
    assert parsed is not None and not _Columns(parsed).all_new()
    [report] = assert_same(tmp_path, path)
    assert report["imported"] == 2
    assert any("share a profile URL; merged" in w["reason"] for w in report["warnings"])


_CELL = st.text(alphabet='ab é"\n\r,;\t ', max_size=6) | st.sampled_from(["14 Jun 2013", "bad"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELL, min_size=5, max_size=5), max_size=6), st.booleans())
def test_any_csv_the_columnar_reader_accepts_it_reads_as_the_row_reader(cells, quote_all):
    """Verify that whenever the columnar reader reads a file, it gives the rows, skipped rows
    and warnings (with their lines) that the row reader gives."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL if quote_all else 0)
    writer.writerow(["First Name", "Last Name", "Company", "Connected On", "Notes"])
    for row in cells:
        out.write(",".join(row) + "\n" if not quote_all else "")
        if quote_all:
            writer.writerow(row)
    data = out.getvalue().encode("utf-8")
    columnar = read_columnar(data, "x.csv")
    if columnar is None:
        return
    try:
        rows = parse_bytes(data, "x.csv")
    except HandpickedError:
        pytest.fail("the columnar reader read a file the row reader refuses")
    assert (columnar.rows, columnar.skipped, columnar.warnings) == (
        rows.rows,
        rows.skipped,
        rows.warnings,
    )
    assert columnar.format == rows.format
