"""Contact fields on screen as inert text: never markup, never a terminal escape.

Names, titles and companies come from files other people wrote. `rich.text.Text` never reads
`[bold red]` or `[link=...]` as markup, but it passes ESC and the C1 controls through to the
terminal, which would obey them, and bidi controls would reorder what is shown. Imports already
strip those (`text.clean`); `text.safe_text` strips them again here, at the screen's edge,
because a field may have reached the database another way (an older workspace, a hand edit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from handpicked.core.text import CONTROL_CLASS, safe_text

if TYPE_CHECKING:
    import pyarrow as pa

# The same characters `safe_text` removes, for RE2 (CR is among them: a column is one line).
_CONTROL_PATTERN = f"[{CONTROL_CLASS}]"
_BREAKS_PATTERN = r"[\t\n]+"


def clean_text(value: object) -> str:
    """The value as a string without terminal or bidi control characters (newlines kept)."""
    return safe_text(value, multiline=True)


def safe(value: object, style: str = "") -> Text:
    """A Rich Text showing the value literally, with an optional style for all of it."""
    return Text(clean_text(value), style=style)


def safe_line(value: object, style: str = "") -> Text:
    """Like `safe`, on one line: newlines and tabs become single spaces."""
    return Text(safe_text(value), style=style)


def safe_column(values: pa.Array) -> pa.Array:
    """A whole string column made displayable on one line each, without a Python loop.

    Looking costs a fifth of replacing, and imports already cleaned nearly every value, so a
    column is only rewritten when something in it needs it.
    """
    import pyarrow.compute as pc  # here: the app's first frame goes without (30 ms to import)

    if pc.any(pc.match_substring_regex(values, _CONTROL_PATTERN)).as_py():
        values = pc.replace_substring_regex(values, _CONTROL_PATTERN, "")
    if pc.any(pc.match_substring_regex(values, _BREAKS_PATTERN)).as_py():
        values = pc.replace_substring_regex(values, _BREAKS_PATTERN, " ")
    return values
