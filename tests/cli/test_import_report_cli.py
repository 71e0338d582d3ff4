"""`handpicked import` reports every row of a file: none vanishes into another without a word."""

from __future__ import annotations

import sqlite3
import textwrap
from pathlib import Path

import pytest

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
SHARED = textwrap.dedent(f"""\
    {LINKEDIN_HEADER}
    Ana,Lima,https://www.linkedin.com/in/shared,,Acme,CEO,
    Luc,Roy,https://www.linkedin.com/in/luc,,Bell,Dev,
    Bob,Stone,https://www.linkedin.com/in/shared,,Acme,CTO,
    Luc,Roy,https://www.linkedin.com/in/luc,luc@bell.test,,,
""")
APART = "line 2 and line 4 share a profile URL but not the name; kept as two contacts"
MERGED = "line 3 and line 5 share a profile URL; merged into one contact"


def test_shared_profile_urls_are_warnings_in_human_output(cli, tmp_path: Path) -> None:
    """Verify the human report names both lines of each shared URL and what became of them."""
    path = tmp_path / "Connections.csv"
    path.write_text(SHARED, encoding="utf-8")
    result = cli("import", path)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].endswith("(linkedin): imported 3, updated 0, unchanged 0, skipped 0")
    assert lines[1:] == [
        f"  line 4: warning: {APART}",
        f"  line 5: warning: {MERGED}",
    ]  # the pair kept apart is named by the warning: a LinkedIn-only workspace is not searched
    names = sorted(f"{c['first_name']} {c['last_name']}" for c in cli("contacts", "--json").json())
    assert names == ["Ana Lima", "Bob Stone", "Luc Roy"]


def test_shared_profile_urls_are_warnings_in_json(cli, tmp_path: Path) -> None:
    """Verify `import --json` carries the same warnings, with their lines."""
    path = tmp_path / "Connections.csv"
    path.write_text(SHARED, encoding="utf-8")
    [report] = cli("import", path, "--dry-run", "--json").json()["files"]
    assert report["imported"] == 3
    assert report["warnings"] == [{"line": 4, "reason": APART}, {"line": 5, "reason": MERGED}]


@pytest.mark.parametrize("big", [False, True])  # merged row by row; stored whole, first import
def test_a_file_name_that_is_not_utf8_is_imported_and_named_readably(tmp_path, cli, big):
    """Verify a file whose name is Latin-1 bytes (a zip from an old Windows, unpacked on Linux)
    imports like any other, its name stored and shown with the odd byte written \\xe9."""
    import os

    from benchmarks.generate import write_linkedin

    folder = os.fsencode(tmp_path)
    try:
        named = Path(os.fsdecode(folder + b"/caf\xe9.csv"))
        write_linkedin(named, count=6000 if big else 3, seed=8)
    except (OSError, UnicodeError):
        pytest.skip("this file system takes only UTF-8 names")
    done = cli("import", named, "--json")
    assert done.code == 0, done.err
    [report] = done.json()["files"]
    assert report["imported"] == (6000 if big else 3)
    assert report["path"].endswith("caf\\xe9.csv")
    shown = cli("import", named, "--dry-run")
    assert shown.code == 0 and "caf\\xe9.csv" in shown.out
    with sqlite3.connect(tmp_path / "ws" / "handpicked.db") as raw:
        sources = {row[0] for row in raw.execute("SELECT source_path FROM contacts")}
        imports = [row[0] for row in raw.execute("SELECT path FROM imports")]
    assert sources == {report["path"]} and imports[0].endswith("caf\\xe9.csv")
