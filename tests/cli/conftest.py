"""CLI test helpers: run the real entry point and capture its exit code, stdout bytes and stderr."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from handpicked.cli import main

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


@dataclass
class Run:
    """What one `handpicked ...` invocation did."""

    code: int
    raw: bytes
    err: str

    @property
    def out(self) -> str:
        return self.raw.decode("utf-8")

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> Callable[..., Run]:
    """`cli("compose", ...)` runs handpicked on the test's workspace (tmp_path / "ws")."""

    def run(*args: str | Path) -> Run:
        capsysbinary.readouterr()
        try:
            code = main(["--workspace", str(tmp_path / "ws"), *map(str, args)])
        except SystemExit as stop:  # argparse's usage errors (exit 2)
            code = int(stop.code or 0)
        captured = capsysbinary.readouterr()
        return Run(code, captured.out, captured.err.decode("utf-8"))

    return run


@pytest.fixture
def imported(tmp_path: Path, cli: Callable[..., Run]) -> Callable[[str], dict[str, int]]:
    """`imported(lines)` imports LinkedIn rows (under the real header) and returns name -> id."""

    def load(lines: str) -> dict[str, int]:
        path = tmp_path / "Connections.csv"
        path.write_text(
            f"Notes:\n\n{LINKEDIN_HEADER}\n{textwrap.dedent(lines)}", encoding="utf-8", newline="\n"
        )
        result = cli("import", path)
        assert result.code == 0, result.err
        listing = cli("contacts", "--json").json()
        return {f"{c['first_name']} {c['last_name']}": c["id"] for c in listing}

    return load
