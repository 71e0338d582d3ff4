"""The house's layout holds: faces reach the core only through its package surfaces.

`core/` is base modules (errors, models, text, ...) and workflow packages (db, contacts,
messages, campaigns) whose `__init__` is the one surface the TUI and the CLI may import. A face
that imports a module behind a surface ties itself to where code happens to live, and the next
move breaks it; this test names the line instead.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import handpicked

SRC = Path(handpicked.__file__).parent
CORE = SRC / "core"
FACES = [SRC / "cli.py", *sorted((SRC / "commands").rglob("*.py")), *(SRC / "tui").rglob("*.py")]
BASE = {
    "errors", "models", "reports", "text", "names", "fileio", "resources", "config",
    "configfile", "clock", "bulk",
}  # fmt: skip
WORKFLOWS = {"db", "contacts", "messages", "campaigns"}
# A statement written out or run is SQL; a face holding the connection is too (core passes the
# connection of an open transaction on to a store, which is fine).
SQL = re.compile(r"\.execute(many)?\(|\b(SELECT|UPDATE|INSERT INTO|DELETE FROM) ")
FACE_SQL = re.compile(rf"\.conn\b|{SQL.pattern}")


def _is_package(module: str) -> bool:
    parts = module.split(".")[2:]  # handpicked.core.<parts>
    return (CORE.joinpath(*parts) / "__init__.py").is_file()


def _allowed(module: str, names: list[str]) -> str | None:
    """Why `from module import names` breaks the layout, or None."""
    parts = module.split(".")
    if parts[:2] != ["handpicked", "core"]:
        return None
    if len(parts) == 2:
        wrong = [n for n in names if n not in BASE | WORKFLOWS]
        return f"imports {wrong} from handpicked.core" if wrong else None
    if len(parts) == 3 and parts[2] in BASE:
        return None
    if not _is_package(module):
        return f"imports {module}, a module behind a package surface"
    behind = [n for n in names if (CORE.joinpath(*parts[2:], f"{n}.py")).is_file()]
    return f"imports module(s) {behind} from {module}" if behind else None


def test_faces_import_only_package_surfaces():
    """Verify the TUI and the CLI import core only through base modules and package __init__s."""
    wrong = []
    for path in FACES:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                why = _allowed(node.module, [a.name for a in node.names])
            elif isinstance(node, ast.Import):
                why = next(filter(None, (_allowed(a.name, []) for a in node.names)), None)
            else:
                continue
            if why:
                wrong.append(f"{path.relative_to(SRC)}:{node.lineno}: {why}")
    assert not wrong, "\n".join(wrong)


def test_core_is_base_modules_and_workflow_packages():
    """Verify core/ holds only the base modules and the four workflow packages, each with a
    docstring saying what it is for."""
    modules = {p.stem for p in CORE.glob("*.py")} - {"__init__"}
    packages = {p.name for p in CORE.iterdir() if (p / "__init__.py").is_file()}
    assert modules == BASE, modules ^ BASE
    assert packages == WORKFLOWS, packages ^ WORKFLOWS
    for init in CORE.rglob("__init__.py"):
        if init.parent == CORE:
            continue
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8")))
        assert doc and "TODO" not in doc, f"{init.relative_to(SRC)} says nothing of its package"


def _is_store(path: Path) -> bool:
    """Where SQL may be written: db/, a module named store.py, or one inside a store/ package."""
    parts = path.relative_to(CORE).parts
    return parts[0] == "db" or path.name == "store.py" or "store" in parts[:-1]


def _sql_in(paths: list[Path], pattern: re.Pattern[str]) -> list[str]:
    wrong = []
    for path in paths:
        text = path.read_text("utf-8")
        for found in pattern.finditer(text):
            line = text[: found.start()].count("\n") + 1
            wrong.append(f"{path.relative_to(SRC)}:{line}: {found.group().strip()}")
    return wrong


def test_sql_lives_in_db_and_stores():
    """Verify no face, and no core module outside db/ and the stores, runs or spells out SQL:
    a rule read from the database belongs to core, statements sit with their tables."""
    core = [p for p in sorted(CORE.rglob("*.py")) if not _is_store(p)]
    wrong = _sql_in(FACES, FACE_SQL) + _sql_in(core, SQL)
    assert not wrong, "\n".join(wrong)


def test_the_sql_check_sees_sql():
    """Verify the pattern catches a statement, a call and a held connection, and not prose."""
    assert SQL.search('conn.execute("SELECT id FROM contacts")')
    assert SQL.search("rows.executemany(sql, values)")
    assert FACE_SQL.search("self.app.workspace.conn")
    assert not FACE_SQL.search("select the people to write to, then update the report")
    assert not FACE_SQL.search("contact.connected_on")
