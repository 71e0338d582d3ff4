"""The exact pins on dependencies whose internals handpicked reaches into.

A pin is only worth its cost while it is true: each test says which private piece is used where,
so whoever moves a pin knows what to re-check first.
"""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def _pinned(name: str) -> str:
    for requirement in tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]["dependencies"]:
        if requirement.startswith(f"{name}=="):
            return requirement.partition("==")[2]
    raise AssertionError(f"{name} is not pinned exactly in pyproject.toml")


def test_jinja2_pin_matches_what_the_sandbox_reaches_into():
    """Verify jinja2 is pinned exactly and installed at the pin (messages.templates.sandbox uses
    jinja2.compiler.CodeGenerator.visit_Concat/visit_Getitem/visit_For and jinja2.utils._PassArg).
    """
    from jinja2.compiler import CodeGenerator
    from jinja2.utils import _PassArg

    pin = _pinned("jinja2")
    assert version("jinja2") == pin, (
        f"jinja2 {version('jinja2')} is installed but pyproject pins {pin}: re-check "
        "core/messages/templates/sandbox.py's CodeGenerator and _PassArg use, then move the pin"
    )
    for hook in ("visit_Concat", "visit_Getitem", "visit_For"):
        assert callable(getattr(CodeGenerator, hook))
    assert {"context", "eval_context", "environment"} <= {p.name for p in _PassArg}
