"""Where the shipped templates and sample exports are, in a checkout or an installed wheel.

In a source checkout they sit at the repository root (`templates/`, `sample_contacts/`); a wheel
carries copies under `handpicked/_shipped/` (hatchling force-include), so `handpicked demo` and the
default templates work from a plain `pip install`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def shipped(name: str) -> Path:
    """The shipped folder `name` ("templates" or "sample_contacts")."""
    wheel_copy = _PACKAGE / "_shipped" / name
    if wheel_copy.is_dir():
        return wheel_copy
    return _PACKAGE.parents[1] / name
