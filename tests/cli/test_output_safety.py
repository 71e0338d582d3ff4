"""Every CLI output keeps hostile stored values inert: no terminal escape, no bidi trick, one line.

The values are written straight into the SQLite database, as an older workspace or a hand edit
could hold them, so the import's own cleaning is no help: each printer must clean at its edge.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

# C0 controls except tab and newline, DEL, C1 (ESC, BEL, 0x9b CSI...), and the bidi controls.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

HOSTILE = {
    "first_name": "Ann\x1b]0;pwned\x07\nInjected: line",
    "last_name": "Lee\u202eRTL\x9b2J",
    "greeting_name": "Ann\x1b[5m\u2066",
    "company": "Acme\x1b[2J\u061c",
    "position": "Dev\x7f\u200f",
    "notes": "met\x1b[31m at\nthe fair",
    "fields": json.dumps({"nick": "x\u202ey\x1b[0m"}),
}


@pytest.fixture
def hostile(tmp_path: Path, cli, imported) -> int:
    """One contact whose stored fields carry escapes, bidi controls and a newline, in a campaign."""
    ids = imported("Ann,Lee,https://linkedin.com/in/ann-lee,ann@example.com,Acme,Dev,12 Mar 2021\n")
    contact = ids["Ann Lee"]
    assert cli("tag", "add", "fair", str(contact)).code == 0
    assert cli("compose", "spring", "--template", "reconnect", "--contact", str(contact)).code == 0
    db = sqlite3.connect(tmp_path / "ws" / "handpicked.db")
    with db:
        columns = ", ".join(f"{name} = ?" for name in HOSTILE)
        db.execute(f"UPDATE contacts SET {columns} WHERE id = ?", (*HOSTILE.values(), contact))
        db.execute("UPDATE tags SET tag = ? WHERE contact_id = ?", ("fa\x1b[1mir\u202e", contact))
        db.execute(
            "UPDATE messages SET body = ?, edited = 1 WHERE contact_id = ?",
            ('Hello\x1b]0;owned\x07 there\u202e\n =HYPERLINK("x")\x9b', contact),
        )
    db.close()
    return contact


def assert_inert(text: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in FORBIDDEN.findall(text)})
    assert not found, f"raw control characters reach the reader: {found}"


def test_contacts_listing_is_inert_and_one_line_each(cli, hostile: int) -> None:
    """Verify `contacts` prints a hostile contact on one clean line."""
    result = cli("contacts")
    assert result.code == 0, result.err
    assert_inert(result.out + result.err)
    lines = result.out.splitlines()
    assert len(lines) == 2 and lines[-1] == "1 contact"
    assert lines[0].split()[0] == str(hostile) and "Ann" in lines[0] and "Acme" in lines[0]


def test_contact_show_is_inert_and_the_name_stays_on_its_line(cli, hostile: int) -> None:
    """Verify `contact show` strips escapes and bidi controls, and a newline cannot add a line."""
    result = cli("contact", "show", str(hostile))
    assert result.code == 0, result.err
    assert_inert(result.out + result.err)
    lines = result.out.splitlines()
    assert lines[0].startswith("Ann]0;pwned Injected: line LeeRTL2J (id ")
    assert not any(line.startswith("Injected") for line in lines)
    assert all(line.startswith("  ") for line in lines[1:])
    assert any(line.split() == ["tags", "fa[1mir"] for line in lines)


def test_contacts_json_keeps_values_but_escapes_them(cli, hostile: int) -> None:
    """Verify --json prints the stored values exactly, with every control written as an escape."""
    result = cli("contacts", "--json")
    assert result.code == 0, result.err
    assert_inert(result.out)
    [contact] = result.json()
    assert contact["first_name"] == HOSTILE["first_name"]
    assert contact["last_name"] == HOSTILE["last_name"]


def test_preview_is_inert(cli, hostile: int) -> None:
    """Verify `preview` shows the hostile name and hand-edited body without their controls."""
    result = cli("preview", "spring")
    assert result.code == 0, result.err
    assert_inert(result.out + result.err)
    assert "Hello]0;owned there" in result.out
    assert not any(line.startswith("Injected") for line in result.out.splitlines())


@pytest.mark.parametrize("fmt", ["csv", "md", "html", "json"])
def test_exports_are_inert(cli, hostile: int, tmp_path: Path, fmt: str) -> None:
    """Verify every export format, to stdout and to a file, carries no raw control character."""
    shown = cli("export", "spring", "--format", fmt)
    assert shown.code == 0, shown.err
    assert_inert(shown.out)
    target = tmp_path / f"list.{fmt}"
    written = cli("export", "spring", "--format", fmt, "-o", target)
    assert written.code == 0, written.err
    assert_inert(target.read_text("utf-8"))
    assert target.read_bytes() == shown.raw


def test_import_summary_and_error_name_a_hostile_file_inertly(
    cli, tmp_path: Path, imported: Callable[[str], dict[str, int]]
) -> None:
    """Verify a file name carrying escapes prints cleaned, in the summary and in an error line."""
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    good = tmp_path / "good\x1b]0;x\x07\u202eevil.csv"
    good.write_text(header + "Bo,Ng,https://linkedin.com/in/bo,,Acme,Dev,12 Mar 2021\n", "utf-8")
    bad = tmp_path / "bad\x1b[2J\x9b\u2067name.csv"
    bad.write_bytes(b"\x00\x01\x02 not a contact file \xff\xfe")
    result = cli("import", good, bad)
    assert result.code == 1
    assert_inert(result.out + result.err)
    assert "good]0;xevil.csv" in result.out
    [error] = result.err.splitlines()
    assert error.startswith("error: ") and "bad[2Jname.csv" in error
    alone = cli("import", bad)
    assert alone.code == 1 and alone.out == ""
    assert_inert(alone.err)
    assert len(alone.err.splitlines()) == 1 and "bad[2Jname.csv" in alone.err
