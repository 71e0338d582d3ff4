"""`handpicked import` reports every row of a file: none vanishes into another without a word."""

from __future__ import annotations

import textwrap
from pathlib import Path

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
