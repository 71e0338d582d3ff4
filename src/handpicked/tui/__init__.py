"""The Textual face of handpicked."""

from __future__ import annotations

import sqlite3

from handpicked.core.errors import HandpickedError

USER_ERRORS = (HandpickedError, sqlite3.Error)
"""What a screen catches and shows with `app.show_error` instead of letting the app crash.

A database error is not a bug of ours to show as a traceback: a full disk, a lock held by another
handpicked or a damaged file reach the screens from any query, and `show_error` words each one
as the CLI does."""
