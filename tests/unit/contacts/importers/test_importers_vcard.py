"""vCard files: 3.0 and 4.0 multi-card, 2.1 quoted-printable, bad cards skipped with their line."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from handpicked.core.contacts.importers import NO_NAME, parse_file
from handpicked.core.errors import HandpickedError, Hint


def write(tmp_path: Path, text: str, name: str = "contacts.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


VCARD3 = textwrap.dedent("""\
    BEGIN:VCARD
    VERSION:3.0
    N:Tremblay;Marie;Anne;;
    FN:Marie Tremblay
    ORG:Acme Inc.;Marketing
    TITLE:Directrice du marketing
      numérique
    EMAIL;TYPE=INTERNET:marie@perso.test
    EMAIL;TYPE=INTERNET,pref:marie@acme.test
    URL:https://marie.test
    URL:https://www.linkedin.com/in/mtremblay
    CATEGORIES:Clients,Golf
    NOTE:Vue au salon\\, à rappeler\\nen mars
    END:VCARD
    BEGIN:VCARD
    VERSION:3.0
    FN:Jean-François Côté
    EMAIL:jf@test.test
    URL:https://jf.test
    END:VCARD
""")

VCARD4 = textwrap.dedent("""\
    BEGIN:VCARD
    VERSION:4.0
    FN:Hélène Côté
    N:Côté;Hélène;;;
    EMAIL;TYPE=work:h@work.test
    EMAIL;PREF=1:h@pref.test
    ORG:Société Générale
    TITLE:Développeuse
    CATEGORIES:Tech
    END:VCARD
    BEGIN:VCARD
    VERSION:4.0
    FN:Luc Roy
    X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/lroy
    END:VCARD
""")


def test_vcard_30_multi_card(tmp_path: Path) -> None:
    """Verify vCard 3.0: N, pref EMAIL, ORG's first part, folded TITLE, linkedin URL, tags."""
    parsed = parse_file(write(tmp_path, VCARD3))
    assert parsed.format == "vcard"
    marie, jean = parsed.rows
    assert (marie.line, jean.line) == (1, 15)
    assert (marie.first_name, marie.last_name) == ("Marie", "Tremblay")
    assert marie.company == "Acme Inc."
    assert marie.position == "Directrice du marketing numérique"
    assert marie.email == "marie@acme.test"
    assert marie.profile_url == "https://www.linkedin.com/in/mtremblay"
    assert marie.tags == ["Clients", "Golf"]
    assert marie.notes == "Vue au salon, à rappeler\nen mars"
    assert (jean.first_name, jean.last_name) == ("Jean-François", "Côté")  # FN only: split
    assert jean.profile_url == "https://jf.test"  # no linkedin URL: the first one


def test_vcard_40_multi_card(tmp_path: Path) -> None:
    """Verify vCard 4.0: PREF=1 email wins, accents kept, X-SOCIALPROFILE gives the profile."""
    helene, luc = parse_file(write(tmp_path, VCARD4)).rows
    assert (helene.first_name, helene.last_name) == ("Hélène", "Côté")
    assert helene.email == "h@pref.test"
    assert (helene.company, helene.position, helene.tags) == (
        "Société Générale", "Développeuse", ["Tech"],
    )  # fmt: skip
    assert luc.profile_url == "https://www.linkedin.com/in/lroy"


def test_vcard_21_quoted_printable(tmp_path: Path) -> None:
    """Verify a 2.1 card with QUOTED-PRINTABLE UTF-8 names and a soft line break is decoded."""
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:C=C3=B4t=C3=A9;H=C3=A9l=C3=A8ne;;;\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE:une note =\r\nsur deux lignes\r\n"
        "END:VCARD\r\n"
    )
    (row,) = parse_file(write(tmp_path, text)).rows
    assert (row.first_name, row.last_name) == ("Hélène", "Côté")
    assert row.notes == "une note sur deux lignes"


def test_malformed_card_is_skipped_and_the_others_kept(tmp_path: Path) -> None:
    """Verify a broken card, a nameless card and an unended card are skipped at their lines."""
    text = textwrap.dedent("""\
        BEGIN:VCARD
        VERSION:3.0
        FN:Marie Tremblay
        END:VCARD
        BEGIN:VCARD
        VERSION:3.0
        this line is not a property
        END:VCARD
        BEGIN:VCARD
        VERSION:3.0
        EMAIL:nobody@test.test
        END:VCARD
        BEGIN:VCARD
        VERSION:3.0
        FN:Luc Roy
        END:VCARD
        BEGIN:VCARD
        VERSION:3.0
        FN:Never Ends
    """)
    parsed = parse_file(write(tmp_path, text))
    assert [(r.line, r.first_name) for r in parsed.rows] == [(1, "Marie"), (13, "Luc")]
    assert [s.line for s in parsed.skipped] == [5, 9, 17]
    assert parsed.skipped[1].reason == NO_NAME
    assert "unreadable vCard" in parsed.skipped[0].reason
    assert "END:VCARD" in parsed.skipped[2].reason


def test_hostile_vcard_values_kept_literally(tmp_path: Path) -> None:
    """Verify markup and template syntax in a card are data, stored as written."""
    text = "BEGIN:VCARD\nVERSION:3.0\nN:[bold]x[/];{{ 7*7 }};;;\nORG:<script>\nEND:VCARD\n"
    (row,) = parse_file(write(tmp_path, text)).rows
    assert (row.first_name, row.last_name, row.company) == ("{{ 7*7 }}", "[bold]x[/]", "<script>")


def test_forced_vcard_without_cards_and_map_refused(tmp_path: Path) -> None:
    """Verify --format vcard on a CSV, and --map on a vCard, are refused in one line."""
    with pytest.raises(HandpickedError, match="no BEGIN:VCARD"):
        parse_file(write(tmp_path, "First Name\nA\n", "x.csv"), format="vcard")
    with pytest.raises(HandpickedError, match="a vCard file has none") as caught:
        parse_file(write(tmp_path, VCARD4), mapping={"FN": "full_name"})
    assert caught.value.hint is Hint.NO_MAPPING


def test_property_with_40_parameters_is_ignored_promptly(tmp_path: Path) -> None:
    """Verify a 40-parameter ORG (exponential for vobject) is ignored with a warning, promptly."""
    params = ";TYPE=x" * 40
    path = write(
        tmp_path,
        "BEGIN:VCARD\nVERSION:3.0\nFN:Marie Tremblay\n"
        f"ORG{params};:Acme\nEMAIL:marie@acme.test\nEND:VCARD\n",
    )
    command = [sys.executable, "-m", "handpicked", "--workspace", str(tmp_path / "ws")]
    result = subprocess.run(
        [*command, "import", str(path), "--json"], capture_output=True, text=True, timeout=20
    )
    assert result.returncode == 0, result.stderr
    [report] = json.loads(result.stdout)["files"]
    assert report["imported"] == 1
    assert report["warnings"] == [
        {"line": 4, "reason": "ORG has more than 16 parameters; property ignored"}
    ]
    listing = subprocess.run(
        [*command, "contacts", "--json"], capture_output=True, text=True, timeout=20
    )
    [marie] = json.loads(listing.stdout)
    assert (marie["company"], marie["email"]) == ("", "marie@acme.test")


def card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", "FN:Luc Roy", *lines, "END:VCARD", ""])


def test_properties_never_read_are_left_out_whatever_they_hold(tmp_path: Path) -> None:
    """Verify a broken phone line and a huge folded photo, never imported, spoil nothing."""
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "\r\n ".join(["QUJD" * 18] * 30_000)
    text = card('TEL;TYPE="cell:555', photo, "X-ODD;" + ";A=b" * 60 + ";:z", "TITLE:Chef")
    (row,) = parse_file(write(tmp_path, text)).rows
    assert (row.first_name, row.position) == ("Luc", "Chef")


def test_oversized_or_broken_read_property_is_ignored_with_a_warning(tmp_path: Path) -> None:
    """Verify a read property too long, too wide or unparsable is dropped with its line named."""
    long_note = "NOTE:" + "x" * 100_001
    wide = "ORG;" + ";".join(f"P{i}=v" for i in range(17)) + ":Acme"
    text = card("EMAIL;TYPE=INTERNET;:luc@x.test", long_note, wide, "TITLE:Chef")
    parsed = parse_file(write(tmp_path, text))
    (row,) = parsed.rows
    assert (row.email, row.notes, row.company, row.position) == ("", "", "", "Chef")
    assert [(w.line, w.reason) for w in parsed.warnings] == [
        (4, "EMAIL is not a valid vCard property line; property ignored"),
        (5, "NOTE is longer than 100,000 characters; property ignored"),
        (6, "ORG has more than 16 parameters; property ignored"),
    ]


def test_ignored_name_leaves_the_card_nameless_and_skipped(tmp_path: Path) -> None:
    """Verify a card whose only name line is ignored is skipped as nameless, not imported blank."""
    text = "BEGIN:VCARD\nVERSION:3.0\nFN" + ";X=1" * 20 + ":Luc Roy\nEND:VCARD\n"
    parsed = parse_file(write(tmp_path, text))
    assert parsed.rows == []
    assert [(s.line, s.reason) for s in parsed.skipped] == [(1, NO_NAME)]
    assert [w.line for w in parsed.warnings] == [3]


def test_card_with_too_many_properties_is_skipped(tmp_path: Path) -> None:
    """Verify a card of thousands of read properties is skipped at its line, the next one kept."""
    text = card(*["EMAIL:x@y.test"] * 1001) + card()
    parsed = parse_file(write(tmp_path, text))
    assert [r.line for r in parsed.rows] == [1006]
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (1, "card has more than 1,000 properties; card skipped")
    ]


def test_card_with_too_much_text_is_skipped(tmp_path: Path) -> None:
    """Verify a card whose read properties hold over a million characters is skipped."""
    notes = [f"NOTE:{'z' * 99_000}"] * 11
    text = card(*notes) + card()
    parsed = parse_file(write(tmp_path, text))
    assert [r.line for r in parsed.rows] == [16]
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (1, "card holds more than 1,000,000 characters of text; card skipped")
    ]


def test_two_line_title_and_company_are_joined_with_a_space(tmp_path: Path) -> None:
    """Verify a vCard TITLE or ORG holding a line break reads as one line."""
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:Marie Tremblay\nORG:Acme\\nCanada\nTITLE:Director\\nMarketing\nEND:VCARD\n"
    row = parse_file(write(tmp_path, text)).rows[0]
    assert (row.company, row.position) == ("Acme Canada", "Director Marketing")
