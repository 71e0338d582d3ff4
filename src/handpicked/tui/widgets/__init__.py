"""Reusable pieces with their own DEFAULT_CSS; `safe` is how every one shows contact data."""

from handpicked.tui.widgets.safe import safe, safe_line

__all__ = ["safe", "safe_line"]
