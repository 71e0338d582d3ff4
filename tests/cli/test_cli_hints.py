"""The CLI adds its own flag to the core's plain error sentences (issue #11, "Errors")."""

from __future__ import annotations


def error_line(run) -> str:
    """The one `error:` line of a failed run (exit 1, no traceback)."""
    assert run.code == 1, (run.code, run.err)
    lines = run.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in run.err
    return lines[0]


def test_import_without_name_column_suggests_map(cli, tmp_path):
    """Verify a file with no name column is refused with the --map line to try, its path named."""
    path = tmp_path / "people.csv"
    path.write_text("Foo,Bar\n1,2\n", encoding="utf-8")
    line = error_line(cli("import", path))
    assert line.startswith(f"error: {path}: no column looks like a name")
    assert line.endswith('; or map one with --map "Foo=first_name"')


def test_unknown_campaign_suggests_compose(cli):
    """Verify an unknown campaign name is refused with the compose command that creates it."""
    line = error_line(cli("preview", "ghost"))
    assert (
        line
        == "error: no campaign named 'ghost'; create one with handpicked compose ghost --template NAME"
    )


def test_sector_for_empty_company_gives_an_example(cli):
    """Verify `sector set` with a blank company says so and shows a full command line."""
    line = error_line(cli("sector", "set", " ", "Financial Services"))
    assert line == (
        'error: give a company name; e.g. handpicked sector set "Desjardins" "Financial Services"'
    )


def test_unknown_contact_id_says_how_to_find_ids(cli):
    """Verify an unknown contact id is refused with the search command that lists ids."""
    line = error_line(cli("contact", "show", "999"))
    assert line == "error: no contact with id 999; list ids with: handpicked contacts --search NAME"
