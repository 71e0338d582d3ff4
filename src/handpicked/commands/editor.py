"""Running the user's text editor on a message, and reading message text from files."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from handpicked.commands.common import CommandError, out
from handpicked.core.fileio import read_capped
from handpicked.core.text import safe_text

FALLBACK_EDITORS = ("nano", "vi")
"""Tried in order when neither $VISUAL nor $EDITOR is set: nano is the gentler for a newcomer."""


def read_text(path: Path) -> str:
    """A message body from a file: UTF-8 text of at most 1 MB, line endings made \\n.

    The cap is far above any message and stops /dev/zero or a pipe before it is read.
    """
    data = read_capped(path, 1024**2, "message body")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommandError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def find_editor() -> list[str]:
    """The editor command: $VISUAL, $EDITOR, else nano or vi from PATH.

    Many fresh accounts set neither variable; refusing there made `edit` fail on first use.
    """
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                return shlex.split(value)
            except ValueError as err:  # an unclosed quote
                raise CommandError(
                    f"${variable} is not a command line ({err}): {safe_text(value)!r}"
                ) from None
    for name in FALLBACK_EDITORS:
        found = shutil.which(name)
        if found:
            return [found]
    raise CommandError(
        "no editor: set $VISUAL or $EDITOR (e.g. export EDITOR=nano), or pass --body-file FILE"
    )


def edit_in_editor(text: str) -> str | None:
    """The text after the user's editor ran on it, or None when the editor failed."""
    command = find_editor()
    fd, name = tempfile.mkstemp(prefix="handpicked-message-", suffix=".txt")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text + "\n")
        try:
            result = subprocess.run([*command, str(path)], check=False)
        except OSError as err:
            shown = safe_text(shlex.join(command))
            raise CommandError(f"cannot run the editor {shown!r}: {err.strerror}") from None
        if result.returncode != 0:
            out(f"The editor exited with code {result.returncode}; nothing changed.")
            return None
        return read_text(path)
    finally:
        path.unlink(missing_ok=True)
