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


def _requirement(name: str) -> str:
    for requirement in tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]["dependencies"]:
        if requirement.split(";")[0].replace(" ", "").startswith((f"{name}>", f"{name}<")):
            return requirement
    raise AssertionError(f"{name} has no version range in pyproject.toml")


def test_fastdatatable_pin_matches_what_arrow_table_reaches_into():
    """Verify textual-fastdatatable is pinned exactly and installed at the pin, and still has the
    private pieces tui/widgets/arrow_table.py overrides or calls."""
    import inspect

    from textual_fastdatatable import ArrowBackend, DataTable

    pin = _pinned("textual-fastdatatable")
    assert version("textual-fastdatatable") == pin, (
        f"textual-fastdatatable {version('textual-fastdatatable')} is installed but pyproject "
        f"pins {pin}: re-check tui/widgets/arrow_table.py (_render_cell, _clear_caches, "
        "_get_styles_to_render_cell, _update_dimensions, _on_resize), then move the pin"
    )
    assert list(inspect.signature(DataTable._render_cell).parameters) == [
        "self", "row_index", "column_index", "base_style", "width", "cursor", "hover", "in_range",
    ]  # fmt: skip
    assert len(inspect.signature(DataTable._get_styles_to_render_cell).parameters) == 12
    for method in ("_clear_caches", "_update_dimensions", "_on_resize"):
        assert callable(getattr(DataTable, method)), method
    table = DataTable(backend=ArrowBackend.from_pydict({"a": [1]}))
    for attribute in (
        "_update_count", "_cell_render_cache", "_column_widths", "_ordered_columns",
        "_show_hover_cursor", "_pseudo_class_state",
    ):  # fmt: skip
        assert hasattr(table, attribute), attribute


def test_textual_floor_is_what_fastdatatable_needs():
    """Verify the textual floor in pyproject is no lower than textual-fastdatatable's own."""
    from importlib.metadata import requires

    from packaging.requirements import Requirement
    from packaging.version import Version

    def floor(requirement: str) -> Version:
        found = [
            Version(s.version) for s in Requirement(requirement).specifier if s.operator == ">="
        ]
        assert found, f"no floor in {requirement!r}"
        return found[0]

    ours = floor(_requirement("textual"))
    theirs = next(
        floor(r)
        for r in requires("textual-fastdatatable") or []
        if Requirement(r).name == "textual"
    )
    assert ours >= theirs, f"pyproject says textual>={ours}; textual-fastdatatable needs {theirs}"


def test_pydantic_is_capped_below_3_while_drafts_write_its_private_fields():
    """Verify pydantic is capped below 3: campaigns/compose.py's _drafted sets
    __pydantic_fields_set__, __pydantic_extra__ and __pydantic_private__ itself."""
    from packaging.requirements import Requirement

    spec = Requirement(_requirement("pydantic")).specifier
    assert not spec.contains("3.0"), "pyproject lets pydantic 3 in: re-check compose._drafted"
    assert spec.contains(version("pydantic"))
