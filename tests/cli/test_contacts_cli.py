"""`import`, `contacts`, `facets`, `contact`, `tag`, `sector`, `dnc` from the command line."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from handpicked.cli import main

SAMPLE = Path(__file__).resolve().parents[2] / "sample_contacts"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys, *args):
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def network(tmp_path, capsys):
    path = tmp_path / "Connections.csv"
    path.write_text(
        HEADER
        + textwrap.dedent("""
        Hélène,Côté,https://www.linkedin.com/in/hc,,Desjardins,Développeuse principale,14 Jun 2013
        Marc,Roy,https://www.linkedin.com/in/mr,marc@example.org,Banque Nationale,Directeur des ventes,1 Jan 2020
        Zoé,Gagné,https://www.linkedin.com/in/zg,,Boulangerie Zoé,Propriétaire,1 Jan 2021
        Paul,Smith,https://www.linkedin.com/in/ps,,Acme Widgets,Software Developer,1 Jan 2022
    """).lstrip(),
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "import", str(path))
    assert code == 0, err
    return path


def by_name(rows):
    return {f"{r['first_name']} {r['last_name']}": r for r in rows}


def test_import_json_shape(tmp_path, capsys):
    """Verify `import --json` prints the documented per-file report and nothing else."""
    path = tmp_path / "c.csv"
    path.write_text(HEADER + "A,B,https://www.linkedin.com/in/ab,,X,Dev,31 Feb 2020\n,,,,X,Dev,\n")
    data = run_json(capsys, "import", str(path))
    [report] = data["files"]
    assert set(report) >= {
        "path",
        "format",
        "imported",
        "updated",
        "unchanged",
        "skipped",
        "warnings",
        "changed_position",
        "not_in_export",
    }
    assert report["imported"] == 1
    assert report["skipped"] == [{"line": 3, "reason": "no name"}]
    assert report["warnings"][0]["line"] == 2


def test_import_unreadable_file_one_line(tmp_path, capsys):
    """Verify a whole unreadable file exits 1 with one line naming it, and stdout stays empty."""
    bad = tmp_path / "photo.csv"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    code, out, err = run(capsys, "import", "--json", str(bad))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and "photo.csv" in err and err.startswith("error: ")


def test_import_several_files_one_fails(tmp_path, capsys, network):
    """Verify a failing file among several exits 1 while the good one is imported."""
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    other = tmp_path / "other.csv"
    other.write_text(HEADER + "New,Person,https://www.linkedin.com/in/np,,X,Dev,\n")
    code, out, err = run(capsys, "import", str(empty), str(other))
    assert code == 1
    assert "empty.csv" in err
    assert "imported 1" in out


def test_contacts_search_accent_insensitive(capsys, network):
    """Verify search ignores accents and case and needs every word."""
    rows = run_json(capsys, "contacts", "--search", "developpeuse")
    assert [r["last_name"] for r in rows] == ["Côté"]
    rows = run_json(capsys, "contacts", "--search", "DEVELOP desjardins")
    assert [r["last_name"] for r in rows] == ["Côté"]
    assert run_json(capsys, "contacts", "--search", "developpeuse nationale") == []


def test_contacts_json_fields(capsys, network):
    """Verify `contacts --json` carries every documented field."""
    rows = run_json(capsys, "contacts")
    assert len(rows) == 4
    expected = {
        "id",
        "first_name",
        "last_name",
        "greeting_name",
        "email",
        "profile_url",
        "company",
        "position",
        "previous_positions",
        "connected_on",
        "sector",
        "sector_source",
        "function",
        "function_source",
        "seniority",
        "seniority_source",
        "language",
        "tags",
        "fields",
    }
    assert expected <= set(rows[0])
    helene = by_name(rows)["Hélène Côté"]
    assert helene["connected_on"] == "2013-06-14"
    assert helene["language"] == "fr"


def test_filters_and_has_email(capsys, network):
    """Verify --has-email, --company and --limit narrow the list."""
    assert [r["last_name"] for r in run_json(capsys, "contacts", "--has-email")] == ["Roy"]
    assert [r["last_name"] for r in run_json(capsys, "contacts", "--company", "banque")] == ["Roy"]
    assert len(run_json(capsys, "contacts", "--limit", "2")) == 2


def test_unknown_facet_value_lists_valid(capsys, network):
    """Verify an unknown seniority exits 1 listing the valid names."""
    code, out, err = run(capsys, "contacts", "--seniority", "Boss")
    assert code == 1 and out == ""
    assert "Director" in err and "Owner" in err


def test_facets_counts_follow_filter(capsys, network):
    """Verify facets count every contact, and only the filtered ones with a filter."""
    data = run_json(capsys, "facets")
    assert set(data) == {"sector", "function", "seniority", "tag"}
    assert sum(data["seniority"].values()) == 4
    narrowed = run_json(capsys, "facets", "--has-email")
    assert sum(narrowed["function"].values()) == 1


def test_contact_set_and_source(capsys, network):
    """Verify `contact set` stores hand values with source `contact` and custom fields."""
    rows = by_name(run_json(capsys, "contacts"))
    pid = rows["Paul Smith"]["id"]
    data = run_json(
        capsys,
        "contact",
        "set",
        str(pid),
        "--function",
        "engineering",
        "--seniority",
        "senior",
        "--sector",
        "Services financiers",
        "--language",
        "fr",
        "--field",
        "formal=tu",
    )
    assert (data["function"], data["function_source"]) == ("Engineering", "contact")
    assert (data["seniority"], data["seniority_source"]) == ("Senior", "contact")
    assert (data["sector"], data["sector_source"]) == ("Financial Services", "contact")
    assert data["language"] == "fr"
    assert data["fields"] == {"formal": "tu"}


def test_contact_set_joins_a_value_typed_on_two_lines(capsys, network):
    """Verify a greeting name or sector set by hand on two lines is stored as one line, joined
    with a space, as imports join a title typed on two lines."""
    pid = by_name(run_json(capsys, "contacts"))["Paul Smith"]["id"]
    data = run_json(
        capsys, "contact", "set", str(pid), "--greeting-name", "Paul\nAndré ",
        "--sector", "Clean\r\n  Tech",
    )  # fmt: skip
    assert (data["greeting_name"], data["sector"]) == ("Paul André", "Clean Tech")
    code, _out, err = run(capsys, "sector", "set", "Boulangerie Zoé", "Artisan\nBakeries")
    assert code == 0, err
    rows = by_name(run_json(capsys, "contacts", "--sector", "Artisan Bakeries"))
    assert list(rows) == ["Zoé Gagné"]


def test_sector_set_applies_to_company(capsys, network):
    """Verify `sector set` classifies every contact of that company, legal suffix ignored."""
    code, _out, err = run(capsys, "sector", "set", "ACME WIDGETS Inc.", "Manufacturing")
    assert code == 0, err
    paul = by_name(run_json(capsys, "contacts"))["Paul Smith"]
    assert (paul["sector"], paul["sector_source"]) == ("Manufacturing", "company")
    unassigned = run_json(capsys, "sector", "unassigned")
    assert "Acme Widgets" not in [u["company"] for u in unassigned]


def test_tags_and_filter(capsys, network):
    """Verify tags can be added, filtered on and removed."""
    rows = by_name(run_json(capsys, "contacts"))
    ids = [str(rows["Zoé Gagné"]["id"]), str(rows["Marc Roy"]["id"])]
    assert run(capsys, "tag", "add", "golf", *ids)[0] == 0
    assert {r["last_name"] for r in run_json(capsys, "contacts", "--tag", "GOLF")} == {
        "Gagné",
        "Roy",
    }
    run(capsys, "tag", "remove", "golf", ids[0])
    assert [r["last_name"] for r in run_json(capsys, "contacts", "--tag", "golf")] == ["Roy"]


def test_forget_erases(capsys, network):
    """Verify `contact forget` removes the person and their tags."""
    rows = by_name(run_json(capsys, "contacts"))
    cid = str(rows["Marc Roy"]["id"])
    run(capsys, "tag", "add", "client", cid)
    assert run(capsys, "contact", "forget", cid)[0] == 0
    assert "Marc Roy" not in by_name(run_json(capsys, "contacts"))
    code, _out, err = run(capsys, "contact", "show", cid)
    assert code == 1 and f"no contact with id {cid}" in err


def test_keep_in_touch_order(capsys, network):
    """Verify --not-contacted-days lists the longest silence first and leaves out recent touches."""
    rows = by_name(run_json(capsys, "contacts"))
    run(capsys, "contact", "touched", str(rows["Hélène Côté"]["id"]), "--date", "2026-11-20")
    listed = run_json(capsys, "contacts", "--not-contacted-days", "30")
    assert [r["last_name"] for r in listed] == ["Roy", "Gagné", "Smith"]


def test_sample_imports_cleanly(capsys):
    """Verify every shipped sample file imports without a failed file."""
    files = sorted(str(p) for p in SAMPLE.iterdir() if p.suffix in {".csv", ".vcf"})
    data = run_json(capsys, "import", *files)
    assert len(data["files"]) == len(files) >= 5
    linkedin = next(f for f in data["files"] if f["path"].endswith("Connections.csv"))
    assert linkedin["format"] == "linkedin" and linkedin["imported"] >= 300


def test_user_rules_apply_after_reclassify(tmp_path, capsys, network):
    """Verify a rule in WORKSPACE/rules.toml changes classifications once `reclassify` runs."""
    ws = tmp_path / "ws"  # the autouse fixture's HANDPICKED_HOME
    before = by_name(run_json(capsys, "contacts"))["Paul Smith"]
    assert before["sector"] != "Manufacturing"
    (ws / "rules.toml").write_text(
        '[[employer]]\nsector = "Manufacturing"\nnames = ["Acme Widgets"]\n', encoding="utf-8"
    )
    code, out, err = run(capsys, "reclassify")
    assert code == 0, err
    assert "rules.toml" in out
    after = by_name(run_json(capsys, "contacts"))["Paul Smith"]
    assert (after["sector"], after["sector_source"]) == ("Manufacturing", "dictionary")


def test_broken_user_rules_one_line(tmp_path, capsys, network):
    """Verify a malformed rules.toml is one clear error naming the file, and nothing changes."""
    (tmp_path / "ws" / "rules.toml").write_text("[[employer]\nname = 1\n", encoding="utf-8")
    code, out, err = run(capsys, "reclassify")
    assert code == 1 and out == ""
    assert "rules.toml" in err and err.count("\n") == 1


def test_contact_set_accepts_french_names(capsys, network):
    """Verify `contact set` takes the French names of functions and seniority levels."""
    pid = by_name(run_json(capsys, "contacts"))["Paul Smith"]["id"]
    data = run_json(capsys, "contact", "set", str(pid), "--function", "Ingénierie")
    assert (data["function"], data["function_source"]) == ("Engineering", "contact")
