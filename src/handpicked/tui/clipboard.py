"""Copying a message or an address so the user can paste it into LinkedIn or a mail client.

The terminal's own clipboard escape (OSC 52) works over SSH but many terminals ignore it, so a
system clipboard tool is used as well when one is installed; the returned sentence says which way
the text went, so a user whose paste comes out empty knows why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Protocol

# (program, arguments), tried in order; Wayland first, since xclip may exist under XWayland.
TOOLS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("wl-copy", ()),
    ("xclip", ("-selection", "clipboard")),
    ("xsel", ("--clipboard", "--input")),
    ("pbcopy", ()),
)


class _CanCopy(Protocol):
    def copy_to_clipboard(self, text: str) -> None: ...


def _system_tool() -> tuple[str, tuple[str, ...]] | None:
    for program, args in TOOLS:
        if program == "wl-copy" and not os.environ.get("WAYLAND_DISPLAY"):
            continue
        if program in ("xclip", "xsel") and not os.environ.get("DISPLAY"):
            continue
        path = shutil.which(program)
        if path:
            return path, args
    return None


def copy_text(app: _CanCopy, text: str) -> str:
    """Copy `text` through OSC 52 and, when available, a clipboard tool; say how it went."""
    app.copy_to_clipboard(text)
    tool = _system_tool()
    if tool is not None:
        path, args = tool
        name = os.path.basename(path)
        try:
            subprocess.run(
                [path, *args], input=text.encode("utf-8"), timeout=2, check=True,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        except (OSError, subprocess.SubprocessError):
            return f"{name} failed; copied via the terminal (OSC 52): some terminals ignore it"
        return f"Copied with {name}"
    return "Copied via the terminal (OSC 52): some terminals ignore it"
