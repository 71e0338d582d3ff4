"""The contacts surface imports its modules on first use: every name it lists must still resolve.

`handpicked.core.contacts` maps each public name to the module it lives in instead of importing
them all (the CLI's `contacts` would otherwise load pyarrow and the importers). A name added to
`__all__` but not to the map would only fail when a face first touches it; this test touches all.
"""

from __future__ import annotations

import subprocess
import sys

from handpicked.core import contacts


def test_every_listed_name_resolves_to_its_module():
    """Verify each name in the contacts surface's __all__ is mapped and imports to an object
    defined under handpicked.core.contacts."""
    assert sorted(contacts._WHERE) == sorted(contacts.__all__)
    for name in contacts.__all__:
        value = getattr(contacts, name)
        module = getattr(value, "__module__", None) or contacts.__name__
        assert isinstance(value, tuple | str) or module.startswith("handpicked.core.contacts"), name


def test_unknown_name_is_an_attribute_error():
    """Verify a name the surface does not offer fails as a plain AttributeError."""
    try:
        contacts.no_such_name  # noqa: B018
    except AttributeError as err:
        assert "no_such_name" in str(err)
    else:
        raise AssertionError("no AttributeError")


def test_importing_the_surface_loads_no_submodule():
    """Verify importing handpicked.core.contacts alone imports none of its modules (browse's
    pyarrow, the importers), in a fresh interpreter."""
    code = (
        "import sys, handpicked.core.contacts; "
        "print(sorted(m for m in sys.modules if m.startswith('handpicked.core.contacts.')"
        " or m == 'pyarrow'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
