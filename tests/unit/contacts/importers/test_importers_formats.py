"""Each export format read from a real file: LinkedIn, Google (both layouts), Outlook, French."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from handpicked.core.contacts.importers import parse_file
from handpicked.core.contacts.importers.layouts import detect_format

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
LINKEDIN_NOTE = (
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here: "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
)
LINKEDIN_ROWS = (
    "Marie,Tremblay,https://www.linkedin.com/in/mtremblay,,Acme Inc.,Directrice marketing,"
    "14 Jun 2013\n"
    'Jean,Côté,https://www.linkedin.com/in/jcote,jean@example.com,"Banque X, Québec",CFO,7-Feb-22\n'
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "preamble",
    [
        "",
        "Notes:\n",
        "Notes:\n" + LINKEDIN_NOTE,
        "Notes:\n" + LINKEDIN_NOTE + "\n",
    ],
    ids=["no-notes", "one-line", "two-lines", "three-lines"],
)
def test_linkedin_with_notes_and_bom(tmp_path: Path, preamble: str) -> None:
    """Verify a LinkedIn export is found below 0 to 3 notes lines, BOM or not, lines counted."""
    path = write(
        tmp_path, "Connections.csv", preamble + LINKEDIN_HEADER + LINKEDIN_ROWS, "utf-8-sig"
    )
    parsed = parse_file(path)
    header_line = preamble.count("\n") + 1
    assert parsed.format == "linkedin"
    assert [r.line for r in parsed.rows] == [header_line + 1, header_line + 2]
    marie, jean = parsed.rows
    assert (marie.first_name, marie.last_name, marie.email) == ("Marie", "Tremblay", "")
    assert marie.company == "Acme Inc."
    assert marie.position == "Directrice marketing"
    assert marie.profile_url == "https://www.linkedin.com/in/mtremblay"
    assert marie.connected_on == dt.date(2013, 6, 14)
    assert jean.company == "Banque X, Québec"
    assert jean.email == "jean@example.com"
    assert jean.connected_on == dt.date(2022, 2, 7)
    assert parsed.skipped == [] and parsed.warnings == []


def test_linkedin_older_export_maps_by_name_not_position(tmp_path: Path) -> None:
    """Verify an older LinkedIn export without Email Address, columns reordered, still maps."""
    text = textwrap.dedent("""\
        First Name,Last Name,Company,Position,Connected On,URL
        Marie,Tremblay,Acme,CEO,14 Jun 2013,https://www.linkedin.com/in/mt
    """)
    parsed = parse_file(write(tmp_path, "old.csv", text))
    (row,) = parsed.rows
    assert parsed.format == "linkedin"
    assert (row.company, row.position, row.email) == ("Acme", "CEO", "")
    assert row.profile_url == "https://www.linkedin.com/in/mt"


def test_google_current_layout(tmp_path: Path) -> None:
    """Verify Google's current CSV: labels become tags without system ones, linkedin site kept."""
    text = textwrap.dedent("""\
        First Name,Middle Name,Last Name,Organization Name,Organization Title,Organization Department,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Website 1 - Label,Website 1 - Value,Website 2 - Label,Website 2 - Value
        Marie,Anne,Tremblay,Acme,VP Ventes,Sales,1980-01-02,Rencontrée au salon,* myContacts ::: Clients ::: Golf ::: * starred,Work,marie@acme.test ::: m@perso.test,,,Blog,https://blog.test,Profile,https://www.linkedin.com/in/mtremblay
        Jean,,Côté,,,,,,* myContacts,,,Home,jean@perso.test,,,,
    """)
    parsed = parse_file(write(tmp_path, "contacts.csv", text))
    assert parsed.format == "google"
    marie, jean = parsed.rows
    assert (marie.first_name, marie.last_name) == ("Marie", "Tremblay")
    assert (marie.company, marie.position) == ("Acme", "VP Ventes")
    assert marie.tags == ["Clients", "Golf"]
    assert marie.email == "marie@acme.test"
    assert marie.profile_url == "https://www.linkedin.com/in/mtremblay"
    assert marie.notes == "Rencontrée au salon"
    assert jean.tags == []
    assert jean.email == "jean@perso.test"  # first non-empty E-mail n - Value
    assert jean.profile_url == ""


def test_google_legacy_layout(tmp_path: Path) -> None:
    """Verify Google's legacy CSV: Given/Family names, Organization 1, Group Membership."""
    text = textwrap.dedent("""\
        Name,Given Name,Additional Name,Family Name,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title,Website 1 - Type,Website 1 - Value
        Marie Tremblay,Marie,,Tremblay,* My Contacts ::: Friends,* Work,marie@acme.test,Acme,CEO,Profile,http://ca.linkedin.com/in/mt
        Jean Côté,,,,* My Contacts,,,,,,
    """)
    parsed = parse_file(write(tmp_path, "google.csv", text))
    assert parsed.format == "google"
    marie, jean = parsed.rows
    assert (marie.first_name, marie.last_name, marie.company, marie.position) == (
        "Marie", "Tremblay", "Acme", "CEO",
    )  # fmt: skip
    assert marie.tags == ["Friends"]
    assert marie.profile_url == "http://ca.linkedin.com/in/mt"
    assert (jean.first_name, jean.last_name) == ("Jean", "Côté")  # split from Name


def test_website_that_is_not_linkedin_is_not_a_profile(tmp_path: Path) -> None:
    """Verify a personal web site is not taken for a LinkedIn profile URL."""
    text = "First Name,Last Name,Website 1 - Value\nMarie,Tremblay,https://marie.test\n"
    (row,) = parse_file(write(tmp_path, "g.csv", text)).rows
    assert row.profile_url == ""


OUTLOOK_HEADER = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
    "Job Title", "Business Phone", "E-mail Address", "E-mail Display Name", "E-mail 2 Address",
    "Categories", "Notes", "Web Page",
]  # fmt: skip
OUTLOOK_ROW = [
    "Mme", "Hélène", "", "Côté", "", "Société Générale", "TI", "Développeuse", "514-555-0000",
    "", "Hélène Côté", "helene@sg.test", "Clients;Montréal", "Vue au 5 à 7", "https://www.linkedin.com/in/hc",
]  # fmt: skip


@pytest.mark.parametrize("separator", ["\t", ","])
def test_outlook_utf16_with_bom(tmp_path: Path, separator: str) -> None:
    """Verify a UTF-16 LE (BOM) Outlook export, tab- or comma-separated, is read."""
    text = separator.join(OUTLOOK_HEADER) + "\r\n" + separator.join(OUTLOOK_ROW) + "\r\n"
    path = tmp_path / "outlook.csv"
    path.write_text(text, encoding="utf-16")
    parsed = parse_file(path)
    assert parsed.format == "outlook"
    (row,) = parsed.rows
    assert (row.first_name, row.last_name) == ("Hélène", "Côté")
    assert (row.company, row.position) == ("Société Générale", "Développeuse")  # not "Mme"
    assert row.email == "helene@sg.test"  # E-mail Address empty: the 2nd address
    assert row.tags == ["Clients", "Montréal"]
    assert row.notes == "Vue au 5 à 7"
    assert row.profile_url == "https://www.linkedin.com/in/hc"


def test_french_cp1252_semicolon_file(tmp_path: Path) -> None:
    """Verify a French Excel cp1252 ;-file keeps its accents and maps French headers."""
    text = (
        "Prénom;Nom;Entreprise;Poste;Secteur d'activité;Courriel;Étiquettes;Remarques\n"
        "Hélène;Côté;Société Générale;Développeuse;Banque;h@sg.test;Golf, Clients;à rappeler\n"
    )
    path = write(tmp_path, "contacts.csv", text, "cp1252")
    parsed = parse_file(path)
    assert parsed.format == "csv"
    (row,) = parsed.rows
    assert (row.first_name, row.last_name) == ("Hélène", "Côté")
    assert (row.company, row.position) == ("Société Générale", "Développeuse")
    assert row.sector == "Banque"
    assert row.email == "h@sg.test"
    assert row.tags == ["Golf", "Clients"]
    assert row.notes == "à rappeler"


def test_generic_aliases_folded_and_tab_separated(tmp_path: Path) -> None:
    """Verify headers match case/accent/punctuation-folded, and a tab delimiter is sniffed."""
    text = (
        "PRENOM\tNOM DE FAMILLE\tSOCIÉTÉ\tTitre du poste\tE-MAIL\tProfil LinkedIn\tIndustry"
        "\tTags\tDate de connexion\tUnused\n"
        "Luc\tRoy\tAcme\tCEO\tl@a.test\thttps://linkedin.com/in/lr\tMining\ta ::: b\t"
        "2021-03-04\tx\n"
    )
    (row,) = parse_file(write(tmp_path, "t.tsv", text)).rows
    assert (row.first_name, row.last_name, row.company, row.position) == (
        "Luc", "Roy", "Acme", "CEO",
    )  # fmt: skip
    assert (row.email, row.profile_url, row.sector) == (
        "l@a.test", "https://linkedin.com/in/lr", "Mining",
    )  # fmt: skip
    assert row.tags == ["a", "b"]
    assert row.connected_on == dt.date(2021, 3, 4)


def test_nom_alone_is_a_full_name(tmp_path: Path) -> None:
    """Verify "Nom" without a first-name column is split: first word, rest, or "Last, First"."""
    text = textwrap.dedent("""\
        Nom;Entreprise
        Tremblay, Marie;Acme
        Jean de la Fontaine;Fables
        Cher;Music
    """)
    rows = parse_file(write(tmp_path, "n.csv", text)).rows
    assert [(r.first_name, r.last_name) for r in rows] == [
        ("Marie", "Tremblay"),
        ("Jean", "de la Fontaine"),
        ("Cher", ""),
    ]


def test_nom_complet_and_name_columns(tmp_path: Path) -> None:
    """Verify "Nom complet" is a full name and an empty first/last pair falls back to it."""
    text = "Prénom,Nom de famille,Nom complet\n,,Marie Tremblay\nLuc,,Luc Roy\n"
    rows = parse_file(write(tmp_path, "n.csv", text)).rows
    assert [(r.first_name, r.last_name) for r in rows] == [("Marie", "Tremblay"), ("Luc", "")]


def test_vcard_detected_by_content_whatever_the_extension(tmp_path: Path) -> None:
    """Verify a .csv file that holds vCards is read as vCard."""
    text = "\nBEGIN:VCARD\nVERSION:3.0\nFN:Marie Tremblay\nEND:VCARD\n"
    path = write(tmp_path, "contacts.csv", text)
    parsed = parse_file(path)
    assert parsed.format == "vcard" and parsed.rows[0].last_name == "Tremblay"


def test_detect_format_from_header() -> None:
    """Verify detect_format names each CSV flavour from its header alone."""
    headers = {
        "linkedin": LINKEDIN_HEADER.strip().split(","),
        "google": ["First Name", "Last Name", "E-mail 1 - Value"],
        "outlook": list(OUTLOOK_HEADER),
        "csv": ["Prénom", "Nom"],
    }
    for expected, header in headers.items():
        assert detect_format(header) == expected


def test_forced_format_is_used(tmp_path: Path) -> None:
    """Verify a forced format wins over detection (Outlook's Title ignored, not a position)."""
    text = "First Name,Last Name,Title\nMarie,Tremblay,Mrs.\n"
    path = write(tmp_path, "x.csv", text)
    assert parse_file(path).rows[0].position == "Mrs."
    forced = parse_file(path, format="outlook")
    assert forced.format == "outlook"
    assert forced.rows[0].position == ""
