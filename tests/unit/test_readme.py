"""The README's examples, checked against the templates they use."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _compose_example() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^handpicked compose .*?(?<!\\)\n", text, re.M | re.S)
    assert match, "the README has no compose example"
    return shlex.split(match.group(0).replace("\\\n", " "))


def test_readme_compose_example_gives_french_values_for_every_variable() -> None:
    """Verify the README's compose example gives an English and a French value for each variable."""
    args = _compose_example()
    keys = {args[i + 1].split("=", 1)[0] for i, arg in enumerate(args) if arg == "--var"}
    shared = {key for key in keys if ":" not in key}
    template = (ROOT / "templates" / "event-invitation.fr.j2").read_text(encoding="utf-8")
    variables = set(
        re.findall(r"^(\w+) = ", template.split("[variables]")[1].split("+++")[0], re.M)
    )
    assert shared == variables
    assert {f"{key}:fr" for key in shared} <= keys
