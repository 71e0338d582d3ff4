"""The shipped sample exports keep each source's real layout, and the generator stays seeded.

These checks read the files with plain csv/vobject, not with handpicked's importers, so a bug in an
importer cannot hide a broken sample (and the samples stay a fair test of the importers).
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest
import vobject

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:  # `benchmarks` lives at the repository root, outside src/
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import (  # noqa: E402
    FORMATS,
    GOOGLE_HEADER,
    LINKEDIN_HEADER,
    linkedin_rows,
    main,
    write,
    write_linkedin,
)

SAMPLES = ROOT / "sample_contacts"
NOTES_LINE = '"When exporting your connection data, you may notice that some of the email'
# Words that only a French title would carry (accents are checked separately).
FRENCH_WORDS = {
    "de", "des", "du", "la", "le", "en", "et", "au", "aux", "chef", "cheffe", "conseiller",
    "conseillere", "directeur", "directrice", "gestionnaire", "adjoint", "adjointe", "principal",
    "principale", "stagiaire", "associe", "associee", "fondateur", "fondatrice", "chargee",
    "technicienne", "agente", "superviseur", "superviseuse", "comptable", "avocate", "juriste",
}  # fmt: skip


def _linkedin_rows(text: str) -> list[list[str]]:
    """Data rows of a LinkedIn export, after checking its preamble and header."""
    lines = text.split("\n", 4)
    assert lines[0] == "Notes:"
    assert lines[1].startswith(NOTES_LINE)
    assert lines[2] == ""
    assert lines[3] == ",".join(LINKEDIN_HEADER)
    return list(csv.reader(io.StringIO(lines[4])))


def _looks_french(row: list[str]) -> bool:
    first, last, _, _, _, position, _ = row
    if re.search(r"[àâçéèêëîïôùûüœ]", f"{first} {last} {position}", re.IGNORECASE):
        return True
    folded = position.casefold()
    return bool(set(re.findall(r"[a-z]+", folded)) & FRENCH_WORDS)


@pytest.fixture(scope="module")
def connections() -> list[list[str]]:
    return _linkedin_rows((SAMPLES / "Connections.csv").read_text(encoding="utf-8"))


def test_linkedin_sample_layout(connections: list[list[str]]) -> None:
    """Verify Connections.csv has LinkedIn's 3 Notes lines, its header and >= 300 full rows."""
    assert len(connections) >= 300
    assert all(len(row) == len(LINKEDIN_HEADER) for row in connections)
    assert all(re.fullmatch(r"\d{2} [A-Z][a-z]{2} \d{4}", row[6]) for row in connections)


def test_linkedin_sample_is_half_french(connections: list[list[str]]) -> None:
    """Verify at least 40% of the sample's rows look French (accents or French title words)."""
    french = sum(_looks_french(row) for row in connections)
    assert french / len(connections) >= 0.4


def test_linkedin_sample_urls_are_unique_profiles(connections: list[list[str]]) -> None:
    """Verify every row has its own LinkedIn profile URL."""
    urls = [row[2] for row in connections]
    assert len(set(urls)) == len(urls)
    assert all(url.startswith("https://www.linkedin.com/in/") for url in urls)


def test_linkedin_sample_is_mostly_without_email(connections: list[list[str]]) -> None:
    """Verify emails are rare, as in a real export, and only on reserved domains."""
    emails = [row[3] for row in connections if row[3]]
    assert 0 < len(emails) <= 0.1 * len(connections)
    assert all(re.search(r"@([\w-]+\.example|example\.(com|org|net))$", e) for e in emails)


def test_linkedin_sample_keeps_real_world_quirks(connections: list[list[str]]) -> None:
    """Verify the sample holds the awkward rows importers must survive."""
    names = [f"{row[0]} {row[1]}" for row in connections]
    assert any(name.isupper() for name in names)
    assert any(", CPA" in name for name in names)
    assert any(re.search(r"[\U0001F300-\U0001FAFF]", name) for name in names)
    assert sum("\n" in row[5] for row in connections) >= 2
    assert any(" / " in row[5] for row in connections)
    assert any("," in row[4] for row in connections)
    companies = [row[4] for row in connections if row[4]]
    assert max(companies.count(c) for c in set(companies)) >= 5


def test_outlook_sample_is_utf16_with_bom() -> None:
    """Verify the Outlook sample starts with a UTF-16 LE BOM and carries Outlook's columns."""
    raw = (SAMPLES / "outlook_contacts.csv").read_bytes()
    assert raw.startswith(b"\xff\xfe")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-16"))))
    header = rows[0]
    assert header[:3] == ["First Name", "Middle Name", "Last Name"]
    assert {"E-mail Address", "Company", "Job Title", "Categories", "Web Page"} <= set(header)
    assert len(rows) - 1 >= 15
    assert all(len(row) == len(header) for row in rows)


def test_french_sample_is_cp1252_and_semicolon_separated() -> None:
    """Verify reseau_fr.csv decodes as cp1252 but not as UTF-8, with French `;` columns."""
    raw = (SAMPLES / "reseau_fr.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(raw.decode("cp1252")), delimiter=";"))
    assert rows[0][:4] == ["Prénom", "Nom", "Société", "Poste"]
    sectors = {row[rows[0].index("Secteur")] for row in rows[1:]}
    assert {"Services financiers", "Santé", "Éducation", "Économie sociale"} <= sectors
    assert len(rows) - 1 >= 15


def test_google_sample_header_and_labels() -> None:
    """Verify the Google sample has Google's header, labels and filled emails."""
    rows = list(csv.reader(io.StringIO((SAMPLES / "google_contacts.csv").read_text("utf-8"))))
    assert tuple(rows[0]) == GOOGLE_HEADER
    data = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert len(data) >= 20
    assert any(" ::: * myContacts" in row["Labels"] for row in data)
    assert sum(bool(row["E-mail 1 - Value"]) for row in data) >= 0.9 * len(data)


def test_vcard_sample_mixes_versions_and_folds() -> None:
    """Verify contacts.vcf holds both vCard 3.0 and 4.0 cards and at least one folded line."""
    raw = (SAMPLES / "contacts.vcf").read_bytes()
    assert b"\r\n " in raw
    cards = list(vobject.readComponents(raw.decode("utf-8")))
    assert len(cards) >= 12
    assert {card.version.value for card in cards} == {"3.0", "4.0"}
    assert any(len(card.note.value) > 75 for card in cards if hasattr(card, "note"))


def test_generator_is_deterministic(tmp_path: Path) -> None:
    """Verify the same seed writes the same bytes and another seed writes other bytes."""
    a, b, c = (tmp_path / name for name in ("a.csv", "b.csv", "c.csv"))
    write_linkedin(a, 300, seed=3)
    write_linkedin(b, 300, seed=3)
    write_linkedin(c, 300, seed=4)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_generator_rows_parse_after_the_preamble(tmp_path: Path) -> None:
    """Verify a generated export yields exactly N csv rows of 7 fields with unique URLs."""
    path = write_linkedin(tmp_path / "Connections.csv", 2000, seed=11)
    rows = _linkedin_rows(path.read_text(encoding="utf-8"))
    assert len(rows) == 2000
    assert all(len(row) == 7 for row in rows)
    assert len({row[2] for row in rows}) == 2000
    assert len({row[5] for row in rows}) > 500  # composed titles, not a short list repeated


def test_generator_bom_and_rows_function(tmp_path: Path) -> None:
    """Verify --bom starts the file with a UTF-8 BOM and linkedin_rows yields N rows."""
    path = write_linkedin(tmp_path / "bom.csv", 10, seed=1, bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfNotes:\n")
    assert len(list(linkedin_rows(50, seed=2))) == 50


@pytest.mark.parametrize("fmt", FORMATS)
def test_generator_writes_every_format(tmp_path: Path, fmt: str) -> None:
    """Verify each --format writes N contacts readable by plain csv/vobject."""
    path = tmp_path / f"out.{fmt}"
    assert main(["--rows", "40", "--seed", "9", "--format", fmt, "-o", str(path)]) == 0
    raw = path.read_bytes()
    if fmt == "linkedin":
        count = len(_linkedin_rows(raw.decode("utf-8")))
    elif fmt == "vcard":
        count = len(list(vobject.readComponents(raw.decode("utf-8"))))
    elif fmt == "outlook":
        count = len(list(csv.reader(io.StringIO(raw.decode("utf-16"))))) - 1
    elif fmt == "csv-fr":
        count = len(list(csv.reader(io.StringIO(raw.decode("cp1252")), delimiter=";"))) - 1
    else:
        count = len(list(csv.reader(io.StringIO(raw.decode("utf-8"))))) - 1
    assert count == 40


def test_generator_rejects_unknown_format(tmp_path: Path) -> None:
    """Verify write() names the valid formats when given an unknown one."""
    with pytest.raises(ValueError, match="linkedin"):
        write(tmp_path / "x", 5, fmt="excel")
