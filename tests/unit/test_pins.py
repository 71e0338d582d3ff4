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


def test_the_tests_still_share_textual_css_parses():
    """Verify tests/css_parses.py still wraps Textual's private Stylesheet._parse_rules (its
    signature unchanged): else every Pilot test parses all its CSS again, a tenth of the suite."""
    import css_parses

    assert css_parses.applies(), (
        f"textual {version('textual')} changed Stylesheet._parse_rules: update or drop "
        "tests/css_parses.py (the suite still passes without it, only slower)"
    )


def test_shared_css_parses_differ_by_theme_variables():
    """Verify two stylesheets share parsed rules only when the CSS and its variables are the
    same: a theme's colours never leak into an app with another theme."""
    import css_parses
    from textual.css.stylesheet import Stylesheet

    assert css_parses.share()
    css = "Static { color: $accent; }"

    def rules(accent: str) -> list:
        sheet = Stylesheet(variables={"accent": accent})
        sheet.add_source(css, read_from=("test", "Static"))
        sheet.parse()
        return sheet.rules

    red, red_again, blue = rules("red"), rules("red"), rules("blue")
    assert red == red_again and red[0] is red_again[0]
    assert red[0] is not blue[0]
    assert red[0].styles.color != blue[0].styles.color


async def test_footer_keys_still_have_the_flag_our_footer_presets():
    """Verify each widget Textual's footer composes still has the `compact` reactive that
    tui/widgets/footer.py sets before mounting (without it a footer rebuild styles each key
    three times again: nothing breaks, every Tab only costs more)."""
    from textual.app import App
    from textual.binding import Binding
    from textual.reactive import Reactive

    from handpicked.tui.widgets.footer import Footer

    class Keys(App[None]):
        BINDINGS = [Binding("q", "quit", "Quit"), Binding("h", "help", "Help")]

        def compose(self):
            yield Footer()

    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        keys = [key for key in footer.children if not key.has_class("-command-palette")]
        assert len(keys) == 2  # Quit and Help
        for key in keys:
            assert isinstance(getattr(type(key), "compact", None), Reactive), (
                f"textual {version('textual')}: re-check tui/widgets/footer.py's _born_styled"
            )
            assert key.has_class("-compact") is key.compact is False
