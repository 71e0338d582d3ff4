"""An import of a contacts CSV loads only what reading and storing a CSV needs.

A first import is LinkedIn's whole network, and every module it loads is paid on every import;
the archive's history code, the vCard parser and the spreadsheet reader are for other files.
These tests run the real entry point in a fresh interpreter and look at what ended up imported.
"""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import LINKEDIN_HEADER
from tests.cli.test_startup import _loaded

# Modules a contacts CSV never needs: LinkedIn's archive and history files, vCards, spreadsheets.
NOT_FOR_A_CSV = (
    "handpicked.core.contacts.merge.archive",
    "handpicked.core.contacts.merge.history",
    "vobject",
    "python_calamine",
)


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
    """Verify re-importing an unchanged export does not load the workspace settings (their
    models), which only the classifier reads, for someone new or changed."""
    ws, source = str(tmp_path / "ws"), str(_connections(tmp_path))
    code, modules = _loaded("--workspace", ws, "import", source)
    assert code == 0 and "handpicked.core.config" in modules  # a first import classifies
    code, modules = _loaded("--workspace", ws, "import", source)
    assert code == 0
    assert "handpicked.core.config" not in modules


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
