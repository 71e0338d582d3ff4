"""The one error type of the core.

Every failure a user can cause or fix (a bad file, an unknown name, a refused audience) is raised
as `HandpickedError` carrying the sentence the user should read: where it happened and what to do.
The CLI prints it as `error: ...` and exits 1; the TUI shows it in a notification. Anything else
that escapes is a bug.
"""

from __future__ import annotations


class HandpickedError(Exception):
    """A failure the user can understand and act on; `str(err)` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
