"""The core must stay usable without Textual (a CLI, a script, a future web face)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import handpicked.core


def test_core_imports_no_textual():
    """Verify importing every handpicked.core module does not import textual or rich."""
    names = [
        m.name for m in pkgutil.walk_packages(handpicked.core.__path__, prefix="handpicked.core.")
    ]
    assert "handpicked.core.db.connection" in names
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
