"""A command loads what it uses: listing contacts never pays for the app, the keyring or Jinja2.

`handpicked contacts --search WORD` is meant to answer in about the time Python takes to start
Textual; importing every command's dependencies up front costs twice that. These tests run the
real entry point in a fresh interpreter and look at what ended up imported.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest

from handpicked.cli import COMMANDS, build_parser, main
from tests.cli.conftest import LINKEDIN_HEADER
from tests.cli.test_cli_conveniences import _every_parser

HEAVY = (
    "textual", "keyring", "jinja2", "pyarrow", "polars",
    "handpicked.core.campaigns", "handpicked.core.config",
)  # fmt: skip

_CHILD = """
import json, sys
from handpicked.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _loaded(*argv: str) -> tuple[int, set[str]]:
    """Exit code and modules imported by `handpicked ARGV` run in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *argv], capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.fixture(scope="module")
def _imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two LinkedIn contacts imported through the CLI, once for the module (tests copy it)."""
    folder = tmp_path_factory.mktemp("startup")
    source = folder / "Connections.csv"
    source.write_text(
        f"Notes:\n\n{LINKEDIN_HEADER}\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.com,Analytical,Developer,"
        "01 Jan 2024\n"
        "Alan,Turing,https://www.linkedin.com/in/alan,,Bletchley,Cryptanalyst,02 Feb 2023\n",
        encoding="utf-8",
    )
    home = folder / "ws"
    code, _ = _loaded("--workspace", str(home), "import", str(source))
    assert code == 0
    return home


@pytest.fixture
def workspace(tmp_path: Path, _imported: Path) -> Path:
    """A workspace holding two LinkedIn contacts, imported through the CLI (a copy per test:
    compose writes to it)."""
    home = tmp_path / "ws"
    shutil.copytree(_imported, home)
    return home


@pytest.mark.parametrize(
    "argv",
    [
        ("contacts", "--limit", "1"),
        ("contacts", "--search", "ada", "--limit", "50"),
        ("facets",),
    ],
)
def test_listing_contacts_loads_no_app_keyring_or_templates(workspace: Path, argv):
    """Verify `contacts` and `facets` import neither Textual, keyring, Jinja2, pyarrow nor the
    campaigns package."""
    code, modules = _loaded("--workspace", str(workspace), *argv)
    assert code == 0
    assert _heavy(modules) == []


def test_compose_still_loads_what_it_needs(workspace: Path):
    """Verify the lazy imports still give `templates` its Jinja2 templates (the command works)."""
    code, modules = _loaded("--workspace", str(workspace), "templates")
    assert code == 0
    assert "jinja2" in modules
    assert "textual" not in modules


@pytest.mark.parametrize("argv", [("facets",), ("contacts", "--search", "ada", "--limit", "50")])
def test_counting_and_listing_load_no_pydantic(workspace: Path, argv):
    """Verify `facets` and a `contacts` listing answer without importing pydantic (half of
    Textual's start-up)."""
    code, modules = _loaded("--workspace", str(workspace), *argv)
    assert code == 0
    assert sorted(m for m in modules if m.split(".")[0] in ("pydantic", "pydantic_core")) == []


@pytest.mark.parametrize("argv", [("facets",), ("contacts", "--search", "ada", "--limit", "50")])
def test_a_command_loads_no_other_command_module(workspace: Path, argv):
    """Verify `facets` and `contacts` import neither the campaign, e-mail, import nor setup
    commands (each pulls in code of its own)."""
    code, modules = _loaded("--workspace", str(workspace), *argv)
    assert code == 0
    others = {f"handpicked.commands.{m}" for m in ("campaigns", "email", "importing", "setup")}
    assert sorted(modules & others) == []


def test_each_command_is_mapped_to_the_module_that_registers_it():
    """Verify `cli.COMMANDS` names, for every command, the command module that registers it."""
    registered = {}
    for name in dict.fromkeys(COMMANDS.values()):
        sub = argparse.ArgumentParser().add_subparsers()
        import_module(f"handpicked.commands.{name}").register(sub)
        registered.update(dict.fromkeys(sub.choices, name))
    assert registered == COMMANDS


def test_each_help_reads_as_in_the_whole_parser(capsys):
    """Verify every command's --help, parsed with its own module only, matches the full parser's
    (and `handpicked --help` lists every command)."""
    full = build_parser()
    for path, parser in [((), full), *_every_parser(full)]:
        with pytest.raises(SystemExit):
            main([*path, "--help"])
        assert capsys.readouterr().out == parser.format_help(), path
