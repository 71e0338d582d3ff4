"""`handpicked auth` and `handpicked send` through the real entry point and a real SMTP server."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from smtp_server import PASSWORD, USER, configure, statuses

from handpicked.cli import main

pytest_plugins = ["smtp_server"]


def feed(monkeypatch, text: str) -> None:
    """Standard input as a pipe (not a terminal) carrying `text`."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def assert_password_in_no_file(home: Path, password: str = PASSWORD) -> None:
    needle = password.encode("utf-8")
    for path in home.rglob("*"):
        if path.is_file():
            assert needle not in path.read_bytes(), f"the password is in {path}"


def test_auth_set_from_stdin(mail_ws, memory_keyring, monkeypatch, capsys):
    """Verify `auth set --password-stdin` keeps the password in the keyring and in no file."""
    configure(mail_ws, 2525)
    feed(monkeypatch, PASSWORD + "\n")
    assert main(["auth", "set", "--password-stdin"]) == 0
    assert memory_keyring.passwords == {("handpicked", USER): PASSWORD}
    assert "stored in the keyring (conftest MemoryKeyring)" in capsys.readouterr().out
    assert_password_in_no_file(mail_ws.home)


def test_auth_set_needs_username(mail_ws, memory_keyring, monkeypatch, capsys):
    """Verify `auth set` without smtp.username exits 1 naming the command to run."""
    feed(monkeypatch, "pw\n")
    assert main(["auth", "set", "--password-stdin"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "handpicked config set smtp.username" in err
    assert memory_keyring.passwords == {}


def test_auth_set_without_terminal_or_stdin_flag(mail_ws, monkeypatch, capsys):
    """Verify `auth set` on a pipe without --password-stdin explains the flag, never echoes."""
    configure(mail_ws, 2525)
    feed(monkeypatch, "pw\n")
    assert main(["auth", "set"]) == 1
    assert "--password-stdin" in capsys.readouterr().err


def test_auth_status_and_clear(mail_ws, memory_keyring, capsys):
    """Verify `auth status --json` reports the stored password and backend; `clear` deletes it."""
    configure(mail_ws, 2525)
    memory_keyring.set_password("handpicked", USER, PASSWORD)
    assert main(["auth", "status", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["has_password"] and data["usable"] and data["username"] == USER
    assert "MemoryKeyring" in data["backend"]
    assert main(["auth", "clear"]) == 0
    assert "deleted" in capsys.readouterr().out
    assert memory_keyring.passwords == {}
    assert main(["auth", "status"]) == 0
    assert "no password stored" in capsys.readouterr().out


def test_auth_set_without_keyring(mail_ws, monkeypatch, capsys):
    """Verify with no usable keyring `auth set` says so in one sentence and stores nothing."""
    configure(mail_ws, 2525)
    keyring.set_keyring(fail.Keyring())
    feed(monkeypatch, PASSWORD + "\n")
    assert main(["auth", "set", "--password-stdin"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: No usable keyring on this machine (")
    assert err[0].endswith("not stored; handpicked will ask for it each time you send")
    assert_password_in_no_file(mail_ws.home)


def test_dry_run_is_the_default(mail_ws, smtp_server, capsys):
    """Verify `send` without --no-dry-run prints what would go and sends nothing, no password."""
    server = smtp_server()
    configure(mail_ws, server.port)
    assert main(["send", "spring"]) == 0
    text = capsys.readouterr().out
    assert "would send to Hélène Côté <helene.cote@example.ca>" in text
    assert "  subject: Café jeudi : une idée à partager" in text
    assert "  | Bonjour Hélène," in text
    assert "skipped Marc Roy: no email address" in text
    assert "skipped Nadia Tremblay <nadia@example.com>: on the do-not-contact list" in text
    assert "dry run: 3 emails would be sent, 2 skipped" in text
    assert server.received == []


def test_send_with_stored_password(mail_ws, smtp_server, memory_keyring, capsys):
    """Verify `send --no-dry-run` uses the keyring's password and prints a line per message."""
    server = smtp_server()
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, PASSWORD)
    assert main(["send", "spring", "--no-dry-run", "--rate", "0"]) == 0
    text = capsys.readouterr().out
    assert "sent to Hélène Côté <helene.cote@example.ca>" in text
    assert "skipped Marc Roy: no email address" in text
    assert text.rstrip().endswith("3 sent, 0 failed, 2 skipped")
    assert len(server.received) == 3
    assert_password_in_no_file(mail_ws.home)


def test_send_json(mail_ws, smtp_server, memory_keyring, capsys):
    """Verify `send --json` prints the SendReport and nothing else."""
    server = smtp_server()
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, PASSWORD)
    assert main(["send", "spring", "--no-dry-run", "--rate", "0", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sent"] == 3 and data["dry_run"] is False
    assert [i["status"] for i in data["items"]] == ["sent"] * 3
    assert {i["reason"] for i in data["skipped"]} == {
        "no email address", "on the do-not-contact list",
    }  # fmt: skip


def test_send_without_keyring_reads_stdin(mail_ws, smtp_server, monkeypatch, capsys):
    """Verify with no keyring, `send --password-stdin` works and the password lands nowhere."""
    server = smtp_server()
    configure(mail_ws, server.port)
    keyring.set_keyring(fail.Keyring())
    feed(monkeypatch, PASSWORD + "\n")
    assert main(["send", "spring", "--no-dry-run", "--rate", "0", "--password-stdin"]) == 0
    assert len(server.received) == 3
    assert_password_in_no_file(mail_ws.home)


def test_send_without_keyring_or_terminal(mail_ws, smtp_server, monkeypatch, capsys):
    """Verify with no keyring and no terminal, `send` exits 1 explaining --password-stdin."""
    server = smtp_server()
    configure(mail_ws, server.port)
    keyring.set_keyring(fail.Keyring())
    feed(monkeypatch, "")
    assert main(["send", "spring", "--no-dry-run", "--rate", "0"]) == 1
    err = capsys.readouterr().err
    assert "No usable keyring on this machine" in err and "--password-stdin" in err
    assert server.received == [] and set(statuses(mail_ws).values()) == {"queued"}


def test_wrong_password_one_line(mail_ws, smtp_server, memory_keyring, capsys):
    """Verify a refused login exits 1 with one error line naming host:port; nothing sent."""
    server = smtp_server()
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, "not it")
    assert main(["send", "spring", "--no-dry-run", "--rate", "0"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"error: 127.0.0.1:{server.port} refused the login for {USER}")
    assert set(statuses(mail_ws).values()) == {"queued"}


def test_refused_recipient_exit_1_after_the_rest(mail_ws, smtp_server, memory_keyring, capsys):
    """Verify one refused address is reported, the others are sent, and the exit code is 1."""
    server = smtp_server(reject={"zoe@example.net": "550 5.1.1 unknown user"})
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, PASSWORD)
    assert main(["send", "spring", "--no-dry-run", "--rate", "0"]) == 1
    captured = capsys.readouterr()
    assert "failed Zoë O'Brien-Lévesque <zoe@example.net>: refused by" in captured.out
    assert "550 5.1.1 unknown user" in captured.out
    assert "1 message was not sent" in captured.err
    assert len(server.received) == 2


def test_subject_required_for_linkedin_campaign(mail_ws, capsys):
    """Verify a campaign whose channel has no subject needs --subject (exit 1 saying so)."""
    mail_ws.conn.execute("UPDATE campaigns SET channel = 'linkedin-message'")
    mail_ws.conn.execute("UPDATE messages SET subject = NULL")
    assert main(["send", "spring"]) == 1
    assert "--subject TEXT" in capsys.readouterr().err
    assert main(["send", "spring", "--subject", "Un café ?"]) == 0
    assert "  subject: Un café ?" in capsys.readouterr().out


def test_missing_from_names_setting(mail_ws, smtp_server, memory_keyring, monkeypatch, capsys):
    """Verify a missing smtp.from exits 1 naming the setting, before asking any password."""
    server = smtp_server()
    configure(mail_ws, server.port)
    assert main(["config", "set", "smtp.from", ""]) == 0
    capsys.readouterr()
    assert main(["send", "spring", "--no-dry-run"]) == 1
    assert "handpicked config set smtp.from" in capsys.readouterr().err


def test_password_is_not_an_argument(capsys):
    """Verify there is no way to pass the password on the command line (usage error)."""
    with pytest.raises(SystemExit) as usage:
        main(["auth", "set", "--password", "pw"])
    assert usage.value.code == 2


def test_real_process_without_keyring(mail_ws, tmp_path):
    """Verify in a real process with the fail backend, `auth set` exits 1 with one sentence."""
    configure(mail_ws, 2525)
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = subprocess.run(
        [sys.executable, "-m", "handpicked", "--workspace", str(mail_ws.home), "auth", "set",
         "--password-stdin"],
        input=PASSWORD + "\n", env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("error: No usable keyring on this machine (")
    assert result.stderr.count("\n") == 1
    assert_password_in_no_file(mail_ws.home)


def test_json_run_stopped_midway_prints_its_report(mail_ws, smtp_server, memory_keyring, capsys):
    """Verify `send --json` cut off mid-run prints a report saying so, and one error line."""
    server = smtp_server(drop_at=2)
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, PASSWORD)
    assert main(["send", "spring", "--no-dry-run", "--rate", "0", "--json"]) == 1
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: 127.0.0.1:{server.port} dropped")
    data = json.loads(captured.out)
    assert err[0] == f"error: {data['stopped']}"
    assert data["sent"] == 1 and [i["email"] for i in data["items"]] == ["helene.cote@example.ca"]
    assert [i["email"] for i in data["stuck_sending"]] == ["francois@example.org"]
    untried = [i for i in data["skipped"] if i["email"] == "zoe@example.net"]
    assert untried[0]["reason"].endswith("left queued for the next run")
    assert statuses(mail_ws)["zoe@example.net"] == "queued"


def test_json_run_refused_before_any_message_prints_nothing(
    mail_ws, smtp_server, memory_keyring, capsys
):
    """Verify `send --json` whose login is refused leaves stdout empty: it failed as a whole."""
    server = smtp_server()
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, "not it")
    assert main(["send", "spring", "--no-dry-run", "--rate", "0", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.splitlines()) == 1 and "refused the login" in captured.err


def test_send_without_login(mail_ws, smtp_server, monkeypatch, capsys):
    """Verify with no smtp.username no password is asked and a server without AUTH takes it."""
    server = smtp_server(users={})
    configure(mail_ws, server.port, username="")
    feed(monkeypatch, "")  # no terminal: asking for a password would fail
    assert main(["send", "spring", "--no-dry-run", "--rate", "0"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("3 sent, 0 failed, 2 skipped")
    assert len(server.received) == 3


def test_dnc_from_another_process_during_send(mail_ws, smtp_server, memory_keyring, capsys):
    """Verify `dnc add` run in another process during a send keeps that person's email unsent."""
    zoe = mail_ws.conn.execute("SELECT id FROM contacts WHERE email = 'zoe@example.net'")
    zoe_id = zoe.fetchone()[0]

    def dnc_add(count: int) -> None:
        if count == 1:
            done = subprocess.run(
                [sys.executable, "-m", "handpicked", "--workspace", str(mail_ws.home), "dnc",
                 "add", str(zoe_id)],
                capture_output=True, text=True, timeout=60,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr

    server = smtp_server(on_data=dnc_add)
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, PASSWORD)
    assert main(["send", "spring", "--no-dry-run", "--rate", "0"]) == 0
    text = capsys.readouterr().out
    assert (
        "skipped Zoë O'Brien-Lévesque <zoe@example.net>: put on the do-not-contact list during "
        "this send: not sent"
    ) in text
    assert text.rstrip().endswith("2 sent, 0 failed, 3 skipped")
    assert all("zoe@example.net" not in r.rcpt_tos for r in server.received)
    assert len(server.received) == 2
    assert statuses(mail_ws)["zoe@example.net"] == "skipped"


def earlier_run(ws) -> dict[str, int]:
    """François's message failed in an earlier run, Hélène's left `sending` by one that
    stopped; email -> contact id."""
    ws.conn.execute(
        "UPDATE messages SET status = 'failed', error = '550 5.1.1 no such user' WHERE"
        " contact_id = (SELECT id FROM contacts WHERE email = 'francois@example.org')"
    )
    ws.conn.execute(
        "UPDATE messages SET status = 'sending', status_at = '2020-01-01T00:00:00Z' WHERE"
        " contact_id = (SELECT id FROM contacts WHERE email = 'helene.cote@example.ca')"
    )
    ws.conn.commit()
    return dict(ws.conn.execute("SELECT email, id FROM contacts WHERE email != ''").fetchall())


def test_send_reasons_carry_the_cli_commands_to_run(mail_ws, capsys):
    """Verify a dry run names the `handpicked mark` command that retries a failed message or
    settles one left `sending`, in text and in `--json`'s reason (the JSON shape unchanged)."""
    ids = earlier_run(mail_ws)
    failed, stuck = ids["francois@example.org"], ids["helene.cote@example.ca"]
    retry = (
        "failed earlier (550 5.1.1 no such user); to try again: handpicked mark spring queued"
        f" {failed}"
    )
    check = (
        "left `sending` by an earlier run that stopped mid-send, so it may have arrived; check your"
        f" Sent folder, then run handpicked mark spring sent {stuck} (or queued, to send it again)"
    )
    assert main(["send", "spring", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    reasons = {i["email"]: i["reason"] for i in data["skipped"] + data["stuck_sending"]}
    assert reasons["francois@example.org"] == retry
    assert reasons["helene.cote@example.ca"] == check
    assert all("hint" not in i for i in data["skipped"] + data["stuck_sending"])
    assert main(["send", "spring"]) == 0
    text = capsys.readouterr().out
    assert f"skipped François Bélanger <francois@example.org>: {retry}" in text
    assert f"check Hélène Côté <helene.cote@example.ca>: {check}" in text
