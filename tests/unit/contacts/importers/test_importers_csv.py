"""CSV reading: line numbers, unclosed quotes, bad rows and values, --map, whole-file refusals."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from handpicked.core.contacts.importers import NO_NAME, UNCLOSED_QUOTE, parse_file
from handpicked.core.errors import HandpickedError, Hint

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def write(tmp_path: Path, text: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def names(parsed) -> list[tuple[int, str]]:
    return [(row.line, row.first_name) for row in parsed.rows]


def test_unclosed_quote_reported_where_it_opens_and_reading_resumes(tmp_path: Path) -> None:
    """Verify an unclosed quote skips only its own line; the rows after it are imported."""
    text = HEADER + textwrap.dedent("""\
        Marie,Tremblay,u1,,Acme,Dev,14 Jun 2013
        Jean,"Côté,u2,,Acme,Dev,7-Feb-22
        Luc,Roy,u3,,"Acme, Inc",Dev,1 Feb 2020
        Anne,Gagnon,u4,,Beta,"CEO",2020-01-01
    """)
    parsed = parse_file(write(tmp_path, text))
    assert names(parsed) == [(2, "Marie"), (4, "Luc"), (5, "Anne")]
    assert [(s.line, s.reason) for s in parsed.skipped] == [(3, UNCLOSED_QUOTE)]
    assert parsed.rows[1].company == "Acme, Inc"


def test_unclosed_quote_running_to_end_of_file(tmp_path: Path) -> None:
    """Verify a quote still open at the end of the file is reported, with or without newline."""
    for ending in ("", "\n"):
        text = HEADER + "Marie,Tremblay,u1,,Acme,Dev,14 Jun 2013\n" + 'Luc,"Roy,u,,A,B,x' + ending
        parsed = parse_file(write(tmp_path, text))
        assert names(parsed) == [(2, "Marie")]
        assert [(s.line, s.reason) for s in parsed.skipped] == [(3, UNCLOSED_QUOTE)]


def test_several_unclosed_quotes(tmp_path: Path) -> None:
    """Verify each unclosed quote is reported on its own line and every good row survives."""
    text = HEADER + textwrap.dedent("""\
        A,"x,u,,c,p,
        Marie,Tremblay,u1,,Acme,Dev,
        B,"y,u,,c,p,
        Luc,Roy,u3,,Acme,Dev,
    """)
    parsed = parse_file(write(tmp_path, text))
    assert names(parsed) == [(3, "Marie"), (5, "Luc")]
    assert [s.line for s in parsed.skipped] == [2, 4]


def test_adjacent_unclosed_quotes_in_any_column(tmp_path: Path) -> None:
    """Verify two broken lines in a row are both skipped, whichever column each quote opens in."""
    text = HEADER + textwrap.dedent("""\
        Marie,Tremblay,u1,,Acme,"Dev,14 Jun 2013
        Jean,"Côté,u2,,Acme,Dev,7-Feb-22
        Luc,Roy,u3,,Acme,Dev,1 Feb 2020
    """)
    parsed = parse_file(write(tmp_path, text))
    assert names(parsed) == [(4, "Luc")]
    assert [s.line for s in parsed.skipped] == [2, 3]


def test_multiline_value_in_first_column_is_kept(tmp_path: Path) -> None:
    """Verify a legitimate two-line value is kept even when the rest of its row follows it."""
    text = 'First Name,Last Name,Company,Position\n"Marie\nAnne",Tremblay,Acme,CEO\nLuc,Roy,B,C\n'
    parsed = parse_file(write(tmp_path, text))
    assert names(parsed) == [(2, "Marie\nAnne"), (4, "Luc")]
    assert parsed.rows[0].company == "Acme"


def test_multiline_quoted_title_is_kept(tmp_path: Path) -> None:
    """Verify a title on two lines inside quotes is one value, its lines joined with a space,
    and line numbers stay right."""
    text = HEADER + (
        'Marie,Tremblay,u1,,Acme,"Directrice\r\nMarketing",14 Jun 2013\r\n'
        "Luc,Roy,u3,,Acme,Dev,1 Feb 2020\r\n"
    )
    parsed = parse_file(write(tmp_path, text))
    assert names(parsed) == [(2, "Marie"), (4, "Luc")]
    assert parsed.rows[0].position == "Directrice Marketing"
    assert parsed.skipped == []


def test_two_line_titles_and_companies_are_joined_with_a_space(tmp_path: Path) -> None:
    """Verify titles and companies on two lines read as one line in every CSV layout."""
    files = {
        "linkedin.csv": HEADER + 'Marie,Tremblay,u1,,"Acme\nCanada","Director\n  Marketing",\n',
        "google.csv": "First Name,Last Name,Organization Name,Organization Title\n"
        'Marie,Tremblay,"Acme\r\nCanada","Director\rMarketing"\n',
        "own.csv": 'Nom;Prénom;Entreprise;Titre\nTremblay;Marie;"Acme\nCanada";"Director\nMarketing"\n',
    }
    for name, text in files.items():
        row = parse_file(write(tmp_path, text, name)).rows[0]
        assert (row.company, row.position) == ("Acme Canada", "Director Marketing"), name


def test_mixed_line_endings_count_physical_lines(tmp_path: Path) -> None:
    """Verify \\n, \\r\\n and lone \\r each end a line for the line numbers."""
    text = "First Name,Last Name\r\nA,B\rC,D\nE,F\r\n\r\nG,H"
    parsed = parse_file(write(tmp_path, text))
    assert names(parsed) == [(2, "A"), (3, "C"), (4, "E"), (6, "G")]


def test_row_without_name_is_skipped_with_its_line(tmp_path: Path) -> None:
    """Verify rows with no name (even with an email) are skipped; blank lines are not rows."""
    text = HEADER + "\n,,,only@mail.test,Acme,,\n,,,,,,\nMarie,,,,,,\n"
    parsed = parse_file(write(tmp_path, text))
    assert names(parsed) == [(5, "Marie")]
    assert [(s.line, s.reason) for s in parsed.skipped] == [(3, NO_NAME)]


def test_impossible_date_is_a_warning_and_the_row_stays(tmp_path: Path) -> None:
    """Verify "31 Feb 2020" leaves connected_on empty, warns with its line, keeps the row."""
    text = HEADER + "Marie,Tremblay,u1,,Acme,Dev,31 Feb 2020\nLuc,Roy,u,,A,B,31 Feb 2020\n"
    parsed = parse_file(write(tmp_path, text))
    assert [(r.first_name, r.connected_on, r.company) for r in parsed.rows] == [
        ("Marie", None, "Acme"),
        ("Luc", None, "A"),
    ]
    assert [w.line for w in parsed.warnings] == [2, 3]  # a cached bad date still warns per row
    assert "31 Feb 2020" in parsed.warnings[0].reason
    assert "Connected On" in parsed.warnings[0].reason


def test_ambiguous_numeric_date_is_refused(tmp_path: Path) -> None:
    """Verify 07/02/2022 is not guessed, while 13/02/2022 and ISO dates are read."""
    text = HEADER + "A,B,,,,,07/02/2022\nC,D,,,,,13/02/2022\nE,F,,,,,2022-02-07\n"
    parsed = parse_file(write(tmp_path, text))
    assert [r.connected_on for r in parsed.rows] == [
        None, dt.date(2022, 2, 13), dt.date(2022, 2, 7),
    ]  # fmt: skip
    assert [w.line for w in parsed.warnings] == [2]
    assert "YYYY-MM-DD" in parsed.warnings[0].reason


@pytest.mark.parametrize(
    "value",
    ["[bold]x[/]", '=HYPERLINK("http://evil.test","x")', "{{ 7*7 }}", "<script>alert(1)</script>",
     "${jndi:x}", "+cmd|' /C calc'!A0"],
)  # fmt: skip
def test_hostile_values_are_kept_literally(tmp_path: Path, value: str) -> None:
    """Verify markup, formulas, templates and HTML in a field are stored as written."""
    quoted = '"' + value.replace('"', '""') + '"'
    text = f"First Name,Last Name,Company,Notes\n{quoted},{quoted},{quoted},{quoted}\n"
    (row,) = parse_file(write(tmp_path, text)).rows
    assert row.first_name == row.last_name == row.company == row.notes == value


def test_control_characters_and_spaces_are_removed(tmp_path: Path) -> None:
    """Verify terminal escapes and surrounding spaces go, inner spaces stay."""
    text = "First Name,Last Name,Company\n  Marie\x1b[31m ,\tTremblay\x07, Acme  Inc \n"
    (row,) = parse_file(write(tmp_path, text)).rows
    assert (row.first_name, row.last_name, row.company) == ("Marie[31m", "Tremblay", "Acme  Inc")


def test_extra_and_missing_cells(tmp_path: Path) -> None:
    """Verify cells past the header are ignored and missing trailing cells read as empty."""
    text = "Prénom;Nom;Entreprise\nHélène;Côté;X;extra;more\nLuc;Roy\n"
    rows = parse_file(write(tmp_path, text)).rows
    assert [(r.first_name, r.company, r.email) for r in rows] == [
        ("Hélène", "X", ""),
        ("Luc", "", ""),
    ]


def test_header_found_below_a_title_line(tmp_path: Path) -> None:
    """Verify a spreadsheet title and blank line above the header are passed over."""
    text = "Liste des contacts, 2024\n\nPrénom,Nom\nMarie,Tremblay\n"
    assert names(parse_file(write(tmp_path, text))) == [(4, "Marie")]


def test_map_names_any_header(tmp_path: Path) -> None:
    """Verify --map maps an unknown header, matches it folded, and wins over aliases."""
    text = "Prénom;Nom;Mon entête;Entreprise;Bidule\nMarie;Tremblay;Acme;Ancienne;vip; golf\n"
    mapping = {"Mon entête": "company", "BIDULE": "tags"}
    (row,) = parse_file(write(tmp_path, text), mapping=mapping).rows
    assert row.company == "Acme"
    assert row.tags == ["vip"]


def test_map_provides_the_name_column(tmp_path: Path) -> None:
    """Verify a file with no recognisable name column imports once --map names one."""
    text = "Qui,Où\nMarie Tremblay,Acme\n"
    (row,) = parse_file(write(tmp_path, text), mapping={"Qui": "full_name", "Où": "company"}).rows
    assert (row.first_name, row.last_name, row.company) == ("Marie", "Tremblay", "Acme")


def test_map_errors_name_targets_and_headers(tmp_path: Path) -> None:
    """Verify an unknown --map target lists valid fields; a missing header lists the file's."""
    path = write(tmp_path, "Prénom,Nom,Foo\nA,B,C\n")
    with pytest.raises(HandpickedError, match=r"unknown field \"boss\".*first_name.*notes"):
        parse_file(path, mapping={"Foo": "boss"})
    with pytest.raises(HandpickedError, match=r'no column "Bar".*Prénom, Nom, Foo'):
        parse_file(path, mapping={"Bar": "company"})


def test_no_name_column_is_refused_with_advice(tmp_path: Path) -> None:
    """Verify a file without a name column is refused in one line with a --map example."""
    with pytest.raises(HandpickedError) as caught:
        parse_file(write(tmp_path, "Foo,Bar\n1,2\n"))
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'people.csv'}: no column looks like a name")
    assert "(found: Foo, Bar)" in message
    assert (caught.value.hint, caught.value.facts) == (Hint.NAME_COLUMN, {"example": "Foo"})
    assert "\n" not in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"\n\r\n\n   \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "binary"),
        (b"First Name,Last Name\n", "no contact rows"),
        (b"First Name,Last Name\n\n,,\n", "no contact rows"),
        (b"Foo\n1\n", "no column looks like a name"),
        (b"First Name\nMarie\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12", "binary"),
    ],
)
def test_unreadable_files_are_refused(tmp_path: Path, content: bytes, expected: str) -> None:
    """Verify empty, binary, header-only and nameless files raise one clear HandpickedError."""
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    with pytest.raises(HandpickedError, match=expected) as caught:
        parse_file(path)
    assert str(caught.value).startswith(str(path))


def test_missing_file_directory_and_bad_format(tmp_path: Path) -> None:
    """Verify a missing path, a folder and an unknown --format are refused, naming the path."""
    with pytest.raises(HandpickedError, match="no such file"):
        parse_file(tmp_path / "nope.csv")
    with pytest.raises(HandpickedError, match="folder"):
        parse_file(tmp_path)
    with pytest.raises(HandpickedError, match="unknown format"):
        parse_file(write(tmp_path, "First Name\nA\n"), format="excel")


def test_huge_line_is_skipped_not_fatal(tmp_path: Path) -> None:
    """Verify a line beyond the CSV cell limit is skipped and the next row still read."""
    text = "First Name,Last Name\n" + "x" * 200_000 + ",y\nMarie,Tremblay\n"
    parsed = parse_file(write(tmp_path, text))
    assert names(parsed) == [(3, "Marie")]
    assert [s.line for s in parsed.skipped] == [2]


def test_duplicate_rows_are_not_merged(tmp_path: Path) -> None:
    """Verify the parser keeps duplicate rows (merging is the workspace's job)."""
    text = "First Name,Last Name\nMarie,Tremblay\nMarie,Tremblay\n"
    assert len(parse_file(write(tmp_path, text)).rows) == 2
