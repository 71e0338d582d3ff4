"""One sanitiser for every human-facing output: terminal escapes and bidi tricks never get through."""

from __future__ import annotations

import json

import pyarrow as pa

from handpicked.core.text import clean, escape_controls, safe_text
from handpicked.tui.widgets.safe import clean_text, safe, safe_column, safe_line

HOSTILE = "A\x1b]0;title\x07b\x9b2Jc\x7fd\u202ee\u2066f\u200fg\u061ch\x00i\x85j"


def test_safe_text_removes_controls_and_bidi() -> None:
    """Verify ESC, BEL, C1, DEL, NUL and every bidi control are removed, the letters kept."""
    assert safe_text(HOSTILE) == "A]0;titleb2Jcdefghij"
    for mark in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c":
        assert safe_text(f"x{mark}y") == "xy"
    assert safe_text("Hélène Côté, 東京, مرحبا") == "Hélène Côté, 東京, مرحبا"
    assert safe_text(None) == "" and safe_text(42) == "42"


def test_safe_text_is_one_line_unless_asked() -> None:
    """Verify newlines and tabs fold to single spaces by default and stay when multi-line is asked."""
    assert safe_text("  Ann\nEvil:\tline\r\nthree\rfour  ") == "Ann Evil: line three four"
    assert safe_text("a\u2028b") == "a b"
    kept = safe_text("Hi\r\n\tthere\x1b[2J\rbye", multiline=True)
    assert kept == "Hi\n\tthere[2J\nbye"


def test_escape_controls_keeps_json_values() -> None:
    """Verify JSON text gets its unsafe characters as escapes and still decodes to the same value."""
    value = {"name": HOSTILE, "lines": "a\nb"}
    text = escape_controls(json.dumps(value, ensure_ascii=False, indent=2))
    assert safe_text(text, multiline=True) == text
    assert json.loads(text) == value


def test_import_cleaning_drops_bidi_controls() -> None:
    """Verify values cleaned at import lose bidi controls as well as escapes, newlines kept."""
    assert clean(" Ann\u202eLee\x1b\nSecond ") == "AnnLee\nSecond"


def test_screen_helpers_use_the_same_rule() -> None:
    """Verify the TUI's text helpers and its column cleaner remove bidi controls too."""
    assert clean_text("a\u202eb\nc\x1b") == "ab\nc"
    assert safe("x\u2066y").plain == "xy"
    assert safe_line("x\u200f\ny").plain == "x y"
    column = safe_column(pa.array(["Ann\u202eLee", "a\tb\nc\x9b", None, "plain"], pa.string()))
    assert column.to_pylist() == ["AnnLee", "a b c", None, "plain"]
