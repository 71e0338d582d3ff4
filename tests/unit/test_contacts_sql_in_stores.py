"""core/contacts keeps its SQL in its store modules (issue #13); the other modules call them."""

from __future__ import annotations

import re
from pathlib import Path

import handpicked

CONTACTS = Path(handpicked.__file__).parent / "core" / "contacts"
SQL = re.compile(r"\.execute(many)?\(|\b(SELECT|UPDATE|INSERT INTO|DELETE FROM) ")


def _is_store(path: Path) -> bool:
    """A store module: a file named store.py, or any module inside a store/ package."""
    parts = path.relative_to(CONTACTS).parts
    return path.name == "store.py" or "store" in parts[:-1]


def test_contacts_sql_lives_in_stores() -> None:
    """Verify no module of core/contacts outside its store modules runs or spells out SQL."""
    wrong = []
    for path in sorted(CONTACTS.rglob("*.py")):
        if _is_store(path):
            continue
        text = path.read_text("utf-8")
        for found in SQL.finditer(text):
            line = text[: found.start()].count("\n") + 1
            wrong.append(f"{path.relative_to(CONTACTS)}:{line}: {found.group().strip()}")
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_sql() -> None:
    """Verify the pattern catches a statement and a call, so a green check means something."""
    assert SQL.search('conn.execute("SELECT id FROM contacts")')
    assert SQL.search("rows.executemany(sql, values)")
    assert not SQL.search("select the people to write to, then update the report")
