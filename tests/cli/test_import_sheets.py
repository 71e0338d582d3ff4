"""`handpicked import` of .xlsx and .ods files made at test time: the same contacts as their CSV.

Each sheet holds the cells a person gets by opening the CSV in Excel or LibreOffice and saving
it there: dates as date cells, numbers as numbers, formulas with their computed value.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sheetfiles import Formula, write_sheet, write_xlsx

FORMATS = ["xlsx", "ods"]
# Fields that say where and when a contact came in, not what it is.
PROVENANCE = {"source_path", "imported_at", "updated_at"}
NOTE = (
    "When exporting your connection data, you may notice that some of the email addresses are "
    "missing. You will only see email addresses for connections who have allowed it."
)
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                   "Connected On"]  # fmt: skip
LINKEDIN_ROWS = [
    ["Hélène", "Côté", "https://www.linkedin.com/in/helene-cote", "helene@hydro.test",
     "Hydro-Québec", "Directrice principale, TI", dt.date(2013, 6, 14)],
    ["Luc", "Roy", "https://www.linkedin.com/in/luc-roy", "", "Desjardins, Groupe",
     "VP Finance", dt.date(2022, 2, 7)],
    ["Zoé", "Martin", "", "zoe@example.net", "Banque Nationale", "Senior Data\nEngineer",
     dt.date(2019, 11, 30)],
]  # fmt: skip
LINKEDIN_CSV = f'''Notes:
"{NOTE}"

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Hélène,Côté,https://www.linkedin.com/in/helene-cote,helene@hydro.test,Hydro-Québec,"Directrice principale, TI",14 Jun 2013
Luc,Roy,https://www.linkedin.com/in/luc-roy,,"Desjardins, Groupe",VP Finance,07 Feb 2022
Zoé,Martin,,zoe@example.net,Banque Nationale,"Senior Data
Engineer",30 Nov 2019
'''
OUTLOOK_HEADER = ["Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Société", "Service",
                  "Titre", "Rue (bureau)", "Téléphone (bureau)", "Adresse de messagerie",
                  "Catégories", "Notes"]  # fmt: skip
OUTLOOK_ROWS = [
    ["Mme", "Hélène", "", "Côté", "", "Hydro-Québec", "TI", "Directrice principale, TI",
     "75 boul. René-Lévesque", 5145551234, "helene@hydro.test", "Clients;Montréal", 3.0],
    ["M.", "Jean-François", "", "Tremblay", "", "Cascades", "Ventes", "Directeur des ventes",
     "", 4505550000, "jf@cascades.test", "Clients", 1.5],
]  # fmt: skip
OUTLOOK_CSV = """\
Titre;Prénom;Deuxième prénom;Nom;Suffixe;Société;Service;Titre;Rue (bureau);Téléphone (bureau);Adresse de messagerie;Catégories;Notes
Mme;Hélène;;Côté;;Hydro-Québec;TI;Directrice principale, TI;75 boul. René-Lévesque;5145551234;helene@hydro.test;"Clients;Montréal";3
M.;Jean-François;;Tremblay;;Cascades;Ventes;Directeur des ventes;;4505550000;jf@cascades.test;Clients;1.5
"""


def contacts(cli, home: Path) -> list[dict]:
    """The workspace's contacts as `contacts --json` gives them, provenance left out."""
    result = cli("--workspace", home, "contacts", "--json")
    assert result.code == 0, result.err
    return [{k: v for k, v in c.items() if k not in PROVENANCE} for c in result.json()]


def import_into(cli, home: Path, *args: str | Path):
    return cli("--workspace", home, "import", *args)


def same_as_csv(cli, tmp_path: Path, csv_text: str, sheet: Path) -> list[dict]:
    """Import the CSV and the sheet into two workspaces; both must hold the same contacts."""
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(csv_text, encoding="utf-8")
    from_csv = import_into(cli, tmp_path / "a", csv_path)
    from_sheet = import_into(cli, tmp_path / "b", sheet)
    assert from_csv.code == 0, from_csv.err
    assert from_sheet.code == 0, from_sheet.err
    assert from_sheet.out.replace(sheet.name, "export.csv") == from_csv.out.replace(
        csv_path.name, "export.csv"
    )
    expected = contacts(cli, tmp_path / "a")
    assert contacts(cli, tmp_path / "b") == expected
    return expected


@pytest.mark.parametrize("kind", FORMATS)
def test_linkedin_sheet_imports_like_its_csv(cli, tmp_path: Path, kind: str) -> None:
    """Verify a LinkedIn Connections sheet (notes rows, date cells) imports as its CSV does."""
    sheet = write_sheet(
        tmp_path / f"Connections.{kind}",
        {"Connections": [["Notes:"], [NOTE], [], LINKEDIN_HEADER, *LINKEDIN_ROWS]},
    )
    people = {p["full_name"]: p for p in same_as_csv(cli, tmp_path, LINKEDIN_CSV, sheet)}
    assert {name: (p["connected_on"], p["source_format"]) for name, p in people.items()} == {
        "Hélène Côté": ("2013-06-14", "linkedin"),
        "Luc Roy": ("2022-02-07", "linkedin"),
        "Zoé Martin": ("2019-11-30", "linkedin"),
    }
    assert people["Zoé Martin"]["position"] == "Senior Data Engineer"
    assert people["Luc Roy"]["company"] == "Desjardins, Groupe"
    assert (people["Luc Roy"]["seniority"], people["Luc Roy"]["function"]) == ("VP", "Finance")


@pytest.mark.parametrize("kind", FORMATS)
def test_french_outlook_sheet_imports_like_its_csv(cli, tmp_path: Path, kind: str) -> None:
    """Verify a French Outlook sheet (numeric cells, two "Titre") imports as its ";" CSV does."""
    sheet = write_sheet(tmp_path / f"contacts.{kind}", {"Feuil1": [OUTLOOK_HEADER, *OUTLOOK_ROWS]})
    people = same_as_csv(cli, tmp_path, OUTLOOK_CSV, sheet)
    assert [(p["full_name"], p["position"], p["notes"], p["tags"]) for p in people] == [
        ("Hélène Côté", "Directrice principale, TI", "3", ["Clients", "Montréal"]),
        ("Jean-François Tremblay", "Directeur des ventes", "1.5", ["Clients"]),
    ]
    assert {p["source_format"] for p in people} == {"outlook"}


@pytest.mark.parametrize("kind", FORMATS)
def test_formula_cell_gives_its_value(cli, tmp_path: Path, kind: str) -> None:
    """Verify a formula cell imports as its computed value, never as the formula itself."""
    sheet = write_sheet(
        tmp_path / f"formulas.{kind}",
        {"Contacts": [
            ["First Name", "Last Name", "Company", "Position"],
            ["Ana", "Lima", Formula('UPPER("acme")', "ACME"), "CEO"],
            ["Bob", "Stone", Formula('"Bell"&" Canada"', None), "CTO"],
        ]},
    )  # fmt: skip
    result = import_into(cli, tmp_path / "ws", sheet)
    assert result.code == 0, result.err
    people = contacts(cli, tmp_path / "ws")
    assert [(p["full_name"], p["company"]) for p in people] == [
        ("Ana Lima", "ACME"),
        ("Bob Stone", ""),  # never computed: no value, and still not the formula
    ]


@pytest.mark.parametrize("kind", FORMATS)
def test_sheet_option_picks_the_sheet(cli, tmp_path: Path, kind: str) -> None:
    """Verify the first sheet is read, `--sheet NAME` reads another, a wrong name lists them."""
    header = ["Prénom", "Nom", "Courriel"]
    sheet = write_sheet(
        tmp_path / f"clients.{kind}",
        {
            "Clients 2024": [header, ["Ana", "Lima", "ana@x.test"]],
            "Clients 2025": [header, ["Bob", "Stone", "bob@x.test"]],
        },
    )
    assert import_into(cli, tmp_path / "a", sheet).code == 0
    assert [p["full_name"] for p in contacts(cli, tmp_path / "a")] == ["Ana Lima"]
    assert import_into(cli, tmp_path / "b", sheet, "--sheet", "Clients 2025").code == 0
    assert [p["full_name"] for p in contacts(cli, tmp_path / "b")] == ["Bob Stone"]
    wrong = import_into(cli, tmp_path / "c", sheet, "--sheet", "Clients")
    assert wrong.code == 1
    assert wrong.err == (
        f'error: {sheet}: no sheet named "Clients"; its sheets are: "Clients 2024", '
        '"Clients 2025"\n'
    )


def test_sheet_option_on_a_csv_is_refused(cli, tmp_path: Path) -> None:
    """Verify `--sheet` given with a CSV file fails in one line naming the file."""
    path = tmp_path / "c.csv"
    path.write_text("First Name,Last Name\nAna,Lima\n", encoding="utf-8")
    result = import_into(cli, tmp_path / "ws", path, "--sheet", "Feuil1")
    assert result.code == 1
    assert result.err.startswith(f"error: {path}: ") and "no sheet" in result.err
    assert result.err.count("\n") == 1


def _locked(path: Path) -> Path:
    """What Excel writes for a password-protected workbook: an OLE compound file holding an
    encrypted package (its directory names the streams in UTF-16)."""
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "EncryptionInfo".encode("utf-16-le").ljust(128, b"\0")
    directory += "EncryptedPackage".encode("utf-16-le").ljust(128, b"\0")
    path.write_bytes(head + directory + bytes(2048))
    return path


def _cut(path: Path) -> Path:
    write_xlsx(path, {"Contacts": [["First Name", "Last Name"], ["Ana", "Lima"]] * 50})
    path.write_bytes(path.read_bytes()[:1500])
    return path


def _empty(path: Path) -> Path:
    return write_sheet(path, {"Feuil1": []})


BAD_FILES = {
    "not-a-zip.xlsx": (lambda p: p.write_bytes(b"First Name;Last Name\nAna;Lima\n") and p,
                       "this is not a .xlsx spreadsheet (it is not a zip archive)"),
    "cut.xlsx": (_cut, "the file is damaged"),
    "locked.xlsx": (_locked, "the spreadsheet is protected by a password"),
    "empty.xlsx": (_empty, 'the sheet "Feuil1" is empty'),
    "empty.ods": (_empty, 'the sheet "Feuil1" is empty'),
}  # fmt: skip


@pytest.mark.parametrize("name", BAD_FILES)
def test_broken_sheet_is_refused_and_nothing_stored(cli, tmp_path: Path, name: str) -> None:
    """Verify a broken or protected spreadsheet fails in one error line, storing nothing."""
    first = tmp_path / "first.csv"
    first.write_text("First Name,Last Name\nAna,Lima\n", encoding="utf-8")
    assert import_into(cli, tmp_path / "ws", first).code == 0
    before = contacts(cli, tmp_path / "ws")
    make, said = BAD_FILES[name]
    path = make(tmp_path / name)
    result = import_into(cli, tmp_path / "ws", path)
    assert result.code == 1
    assert result.err.startswith(f"error: {path}: ") and said in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "; " in result.err.partition(said)[2]  # then what to do
    assert result.out == ""
    assert contacts(cli, tmp_path / "ws") == before


def test_far_away_cell_is_refused_not_a_crash(tmp_path: Path) -> None:
    """Verify a 5 KB .xlsx with a cell at XFD1048576 is refused in one line, the process alive.

    The reader would lay the sheet out as 17 billion cells and abort on the allocation, so this
    runs in its own process: the test sees the exit code either way.
    """
    path = tmp_path / "stray.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["First Name", "Last Name"])
    book.active.append(["Ana", "Lima"])
    book.active["XFD1048576"] = "x"
    book.save(path)
    done = subprocess.run(
        [sys.executable, "-m", "handpicked", "--workspace", str(tmp_path / "ws"), "import",
         str(path)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env=dict(os.environ, PYTHONUTF8="1"),
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-2000:]
    assert done.stderr.startswith(f"error: {path}: a sheet spans 1,048,576 rows by 16,384 columns")
    assert done.stderr.count("\n") == 1
