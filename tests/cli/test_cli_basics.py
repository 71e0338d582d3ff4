"""CLI conventions: exit codes, one-line errors, JSON only on stdout, workspace selection."""

from __future__ import annotations

import json
import subprocess
import sys

from handpicked.cli import main


def test_config_roundtrip_json(tmp_path, capsys):
    """Verify `config set` then `config list --json` shows the typed value and nothing else."""
    ws = str(tmp_path / "w")
    assert main(["--workspace", ws, "config", "set", "me.name", "Alex Martin"]) == 0
    assert main(["--workspace", ws, "config", "set", "audience.target", "15"]) == 0
    capsys.readouterr()
    assert main(["--workspace", ws, "config", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["me.name"] == "Alex Martin"
    assert data["audience.target"] == 15
    assert data["smtp.from"] == ""


def test_config_get(tmp_path, capsys):
    """Verify `config get` prints the bare value."""
    ws = str(tmp_path / "w")
    main(["--workspace", ws, "config", "set", "limits.connection_note", "300"])
    capsys.readouterr()
    assert main(["--workspace", ws, "config", "get", "limits.connection_note"]) == 0
    assert capsys.readouterr().out == "300\n"


def test_unknown_key_exit_1_one_line(tmp_path, capsys):
    """Verify a user error exits 1 with one `error:` line on stderr and nothing on stdout."""
    code = main(["--workspace", str(tmp_path), "config", "set", "nope.key", "1"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: unknown setting 'nope.key'")


def test_workspace_flag_beats_environment(tmp_path, monkeypatch):
    """Verify --workspace wins over HANDPICKED_HOME."""
    monkeypatch.setenv("HANDPICKED_HOME", str(tmp_path / "env"))
    main(["--workspace", str(tmp_path / "flag"), "config", "set", "me.name", "X"])
    assert (tmp_path / "flag" / "config.toml").exists()
    assert not (tmp_path / "env" / "config.toml").exists()


def test_environment_workspace(tmp_path, monkeypatch):
    """Verify HANDPICKED_HOME is used when no --workspace is given."""
    monkeypatch.setenv("HANDPICKED_HOME", str(tmp_path / "env"))
    main(["config", "set", "me.name", "X"])
    assert (tmp_path / "env" / "config.toml").exists()


def test_usage_error_exit_2(capsys):
    """Verify an unknown command is argparse's usage error, exit 2."""
    try:
        main(["frobnicate"])
    except SystemExit as exc:
        assert exc.code == 2
    else:  # pragma: no cover - argparse always exits here
        raise AssertionError("argparse did not exit")
    assert "invalid choice" in capsys.readouterr().err


def test_python_m_entry_point(tmp_path):
    """Verify `python -m handpicked` runs the same CLI."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "handpicked",
            "--workspace",
            str(tmp_path),
            "config",
            "get",
            "audience.max",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "25"


def test_locked_database_is_one_line(tmp_path, capsys, monkeypatch):
    """Verify a workspace locked by another process gives one clear line, not a traceback."""
    import sqlite3

    from handpicked.core.db import Workspace

    ws = tmp_path / "w"
    export = tmp_path / "c.csv"
    export.write_text("First Name,Last Name,Company\nAna,Lima,Acme\n", encoding="utf-8")
    assert main(["--workspace", str(ws), "import", str(export)]) == 0
    monkeypatch.setattr(Workspace, "busy_timeout_ms", 50)
    holder = sqlite3.connect(ws / "handpicked.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    capsys.readouterr()
    try:
        code = main(["--workspace", str(ws), "contact", "touched", "1"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"error: {ws / 'handpicked.db'}: another handpicked is writing")
    assert "move it aside" not in err  # a healthy database is never to be moved
    assert err.count("\n") == 1


def test_version_names_the_installed_release(tmp_path, capsys):
    """Verify `handpicked --version` prints the installed version and exits 0."""
    from importlib.metadata import version

    for argv in (["--version"], ["--workspace", str(tmp_path), "--version"]):
        try:
            main(argv)
        except SystemExit as done:
            assert done.code == 0, argv
        else:
            raise AssertionError(f"{argv} did not exit")
        assert capsys.readouterr().out == f"handpicked {version('handpicked')}\n", argv
