"""Core errors speak plain words: the flag (CLI) or the key (app) is each face's own addition."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import handpicked.core
from handpicked.core.errors import HandpickedError, Hint, with_hint
from handpicked.core.resources import shipped

CORE = Path(handpicked.core.__file__).parent
# A flag (`--contact`) or a command line (`handpicked config set ...`): CLI syntax.
CLI_SYNTAX = re.compile(
    r"--[a-z]|\bhandpicked (?:auth|campaign|compose|config|contacts|demo|dnc|edit|export|facets|"
    r"import|mark|preview|sector|send|tag)\b"
)
# Report lines (not errors) that name a command on purpose, left for another day.
REPORT_TEXT = {
    ("campaigns/email/dispatch.py", "handpicked mark "),
    ("campaigns/email/dispatch.py", "over --limit "),
    ("campaigns/email/secrets.py", "; store one with: handpicked auth set"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes: they talk to developers, never to users."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
        else:
            continue
        for index, stmt in enumerate(body):
            # the first statement, and attribute docstrings (a string right after an assignment)
            after_assign = index and isinstance(body[index - 1], ast.AnnAssign | ast.Assign)
            if (index == 0 or after_assign) and isinstance(stmt, ast.Expr):
                found.add(id(stmt.value))
    return found


def _user_strings() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
            ):
                out.append((path.relative_to(CORE).as_posix(), node.lineno, node.value))
    return out


def test_no_core_message_holds_cli_syntax():
    """Verify no string the core can show a user holds a CLI flag or a handpicked command line."""
    strings = _user_strings()
    assert len(strings) > 500  # the scan really read the core
    bad = [
        f"{where}:{line}: {text!r}"
        for where, line, text in strings
        if CLI_SYNTAX.search(text) and (where, text) not in REPORT_TEXT
    ]
    assert bad == []


def test_shipped_template_descriptions_hold_no_flag():
    """Verify the shipped templates' descriptions (shown in the app's list) name no CLI flag."""
    descriptions = [
        line
        for path in sorted(shipped("templates").glob("*.j2"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("description")
    ]
    assert len(descriptions) >= 10
    assert [d for d in descriptions if CLI_SYNTAX.search(d)] == []


def test_with_hint_adds_the_face_sentence_with_its_facts():
    """Verify with_hint appends a face's sentence filled with the error's facts, else leaves it."""
    err = HandpickedError("no contact with id 7", hint=Hint.FIND_CONTACT, id=7)
    assert with_hint(str(err), {Hint.FIND_CONTACT: "look for {id}"}, err) == (
        "no contact with id 7; look for 7"
    )
    assert with_hint(str(err), {}, err) == "no contact with id 7"
    assert with_hint(str(err), {Hint.FIND_CONTACT: "{missing}"}, err) == "no contact with id 7"
    assert str(err) == "no contact with id 7"


@pytest.mark.parametrize("face", ["cli", "app"])
def test_every_hint_is_worded_by_each_face(face):
    """Verify both faces word every hint the core can raise (a new one cannot go unsaid)."""
    if face == "cli":
        from handpicked.commands.common import CLI_HINTS as hints
    else:
        from handpicked.tui.hints import APP_HINTS as hints
    assert set(hints) == set(Hint)
    assert not [text for text in hints.values() if face == "app" and CLI_SYNTAX.search(text)]
