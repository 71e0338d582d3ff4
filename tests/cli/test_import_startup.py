"""An import of a contacts CSV loads only what reading and storing a CSV needs.

A first import is LinkedIn's whole network, and every module it loads is paid on every import;
the archive's history code, the vCard parser and the spreadsheet reader are for other files.
These tests run the real entry point in a fresh interpreter and look at what ended up imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.conftest import LINKEDIN_HEADER, Run
from tests.cli.test_startup import _loaded

# Modules a contacts CSV never needs: LinkedIn's archive and history files, vCards, spreadsheets.
NOT_FOR_A_CSV = (
    "handpicked.core.contacts.merge.archive",
    "handpicked.core.contacts.merge.history",
    "vobject",
    "python_calamine",
)
# The settings' models: an import reads one setting (`[me] language`) without them.
SETTINGS = ("pydantic", "pydantic_core", "handpicked.core.config")
FRENCH = '[me]\nlanguage = "fr"\n'
# Alan's title and company say no language: he gets the one the settings give.
ALAN = "Alan,Turing,https://www.linkedin.com/in/alan,,Bletchley,Cryptanalyst,02 Feb 2023\n"


def _connections(tmp_path: Path) -> Path:
    source = tmp_path / "Connections.csv"
    source.write_text(
        f"Notes:\n\n{LINKEDIN_HEADER}\n"
        "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.com,Analytical,Developer,"
        "01 Jan 2024\n",
        encoding="utf-8",
    )
    return source


def test_a_csv_import_loads_no_archive_vcard_or_sheet_code(tmp_path: Path):
    """Verify importing a LinkedIn CSV imports neither the archive's history code nor the
    vCard and spreadsheet readers."""
    code, modules = _loaded(
        "--workspace", str(tmp_path / "ws"), "import", str(_connections(tmp_path))
    )
    assert code == 0
    assert (
        sorted(m for m in modules if m.split(".")[0] in NOT_FOR_A_CSV or m in NOT_FOR_A_CSV) == []
    )


def test_a_reimport_that_changes_nobody_loads_no_settings(tmp_path: Path):
    """Verify re-importing an unchanged export does not read the workspace settings at all,
    which only the classifier reads (and without their models), for someone new or changed."""
    ws, source = str(tmp_path / "ws"), str(_connections(tmp_path))
    code, modules = _loaded("--workspace", ws, "import", source)
    assert code == 0 and _settings(modules) == []  # a first import reads the language only
    assert "handpicked.core.configfile" in modules
    code, modules = _loaded("--workspace", ws, "import", source)
    assert code == 0
    assert _settings(modules) == [] and "handpicked.core.configfile" not in modules
    # nor the classifier, whose rules only someone new or changed needs
    assert "handpicked.core.contacts.classify.rules" not in modules


def _settings(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in SETTINGS or m in SETTINGS)


def _workspace(tmp_path: Path, settings: str | None) -> Path:
    """The test's workspace folder (tmp_path / "ws", as the `cli` fixture's), with `settings`
    as its config.toml when given."""
    home = tmp_path / "ws"
    home.mkdir()
    if settings is not None:
        (home / "config.toml").write_text(settings, encoding="utf-8")
    return home


def _languages(cli: Callable[..., Run]) -> dict[str, str]:
    listed = cli("contacts", "--json")
    assert listed.code == 0, listed.err
    return {f"{c['first_name']} {c['last_name']}": c["language"] for c in listed.json()}


@pytest.mark.parametrize("first", [True, False], ids=["first-import", "adding-someone"])
@pytest.mark.parametrize(
    ("settings", "language"), [(None, "en"), (FRENCH, "fr")], ids=["no-settings", "french"]
)
def test_an_import_loads_no_settings_models(
    tmp_path: Path, cli: Callable[..., Run], first: bool, settings: str | None, language: str
):
    """Verify an import loads neither pydantic nor the settings' module, whether it is the
    first into an empty workspace (stored whole) or adds a person to contacts already there
    (row by row), and still gives the configured language to whom title and company say none."""
    home = _workspace(tmp_path, settings)
    source = _connections(tmp_path)
    if not first:
        assert cli("import", source).code == 0
    with source.open("a", encoding="utf-8") as out:
        out.write(ALAN)
    code, modules = _loaded("--workspace", str(home), "import", str(source))
    assert code == 0
    assert _settings(modules) == []
    assert _languages(cli) == {"Ada Lovelace": "en", "Alan Turing": language}


def test_an_import_reads_the_language_past_a_broken_setting_it_does_not_use(
    tmp_path: Path, cli: Callable[..., Run]
):
    """Verify an import goes on when a setting it does not use is invalid (an SMTP port), with
    the language the file sets, while commands that use the settings still refuse the file."""
    _workspace(tmp_path, FRENCH + '[smtp]\nport = "x"\n')
    source = _connections(tmp_path)
    with source.open("a", encoding="utf-8") as out:
        out.write(ALAN)
    done = cli("import", source)
    assert done.code == 0, done.err
    assert _languages(cli)["Alan Turing"] == "fr"
    refused = cli("config", "list")
    assert refused.code == 1 and "smtp.port is 'x'" in refused.err


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ('[me]\nlanguage = "de"\n', "me.language is 'de'; allowed: one of fr, en"),
        ("[me]\nlanguage = 3\n", "me.language is 3; allowed: one of fr, en"),
        ("me = 3\n", "me: "),
        ("[me\nlanguage = 3\n", "not valid TOML"),
    ],
    ids=["unknown-language", "not-text", "not-a-section", "not-toml"],
)
def test_an_import_refuses_a_language_it_cannot_read(
    tmp_path: Path, cli: Callable[..., Run], settings: str, says: str
):
    """Verify an import whose language setting is unusable stops with one error line naming the
    file and what is wrong, and stores no one."""
    home = _workspace(tmp_path, settings)
    done = cli("import", _connections(tmp_path))
    assert done.code == 1
    assert done.err.startswith(f"error: {home / 'config.toml'}: ") and says in done.err
    assert done.err.count("\n") == 1
    assert cli("contacts", "--json").json() == []


def test_a_messages_file_still_loads_the_history_code(tmp_path: Path):
    """Verify the lazily loaded history code still imports LinkedIn's messages.csv."""
    ws = str(tmp_path / "ws")
    assert _loaded("--workspace", ws, "import", str(_connections(tmp_path)))[0] == 0
    messages = tmp_path / "messages.csv"
    messages.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
        "DATE,SUBJECT,CONTENT,FOLDER\n"
        "c1,,Ada Lovelace,https://www.linkedin.com/in/ada,Me,https://www.linkedin.com/in/me,"
        "2024-03-01 10:00:00 UTC,,Hello,INBOX\n",
        encoding="utf-8",
    )
    code, modules = _loaded("--workspace", ws, "import", str(messages))
    assert code == 0
    assert "handpicked.core.contacts.merge.history" in modules
