"""The footer: rebuilt when the keys it shows change, and only then."""

from __future__ import annotations

import ast
from pathlib import Path

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

TUI = Path(__file__).resolve().parents[2] / "src" / "handpicked" / "tui"


def _keys(app) -> list[FooterKey]:
    return list(app.screen.query_one(Footer).query(FooterKey))


async def test_a_focus_move_that_shows_the_same_keys_keeps_the_footer(sample_ws, app_factory, wait):
    """Verify moving between buttons that add no key of their own leaves the footer's keys as
    they were drawn (the stock footer mounted a dozen new widgets at each Tab)."""
    app = app_factory(sample_ws)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait(pilot)
        await pilot.press("tab", "tab")
        await wait(pilot)
        assert app.focused is not None and app.focused.id == "compose"
        before = _keys(app)
        await pilot.press("tab", "tab")
        await wait(pilot)
        assert app.focused is not None and app.focused.id == "clear"
        assert _keys(app) == before
        assert all(key.is_attached for key in before)


async def test_the_footer_follows_keys_that_come_and_go(sample_ws, app_factory, wait, text_of):
    """Verify the footer shows the table's own keys while it has focus, and drops them when the
    focus leaves it."""
    app = app_factory(sample_ws)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait(pilot)
        assert "Pick/unpick" in text_of(app).splitlines()[-1]
        await pilot.press("tab")
        await wait(pilot)
        assert "Pick/unpick" not in text_of(app).splitlines()[-1]
        await pilot.press("shift+tab")
        await wait(pilot)
        assert "Pick/unpick" in text_of(app).splitlines()[-1]


def test_every_screen_uses_the_footer_that_skips_rebuilds():
    """Verify no module of the app builds Textual's stock footer itself."""
    stock = []
    for path in sorted(TUI.rglob("*.py")):
        if path.name == "footer.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "textual.widgets"
                and any(alias.name == "Footer" for alias in node.names)
            ):
                stock.append(str(path.relative_to(TUI)))
    assert stock == []
