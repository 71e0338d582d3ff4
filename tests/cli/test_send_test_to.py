"""`handpicked send CAMPAIGN --test-to ME`: one test email to yourself, the campaign untouched."""

from __future__ import annotations

import json

import pytest
from smtp_server import PASSWORD, USER, add_campaign, configure, statuses

from handpicked.cli import main

pytest_plugins = ["smtp_server"]
ME = "alex.tests@example.org"


def snapshot(ws) -> list[tuple]:
    """Every stored fact a send could change: the messages and when contacts were last reached."""
    messages = ws.conn.execute("SELECT * FROM messages ORDER BY id").fetchall()
    people = ws.conn.execute("SELECT * FROM contacts ORDER BY id").fetchall()
    return [tuple(row) for row in messages] + [tuple(row) for row in people]


def test_test_to_sends_one_email_to_me_and_changes_nothing(
    mail_ws, smtp_server, memory_keyring, capsys
):
    """Verify `--test-to` sends the first queued message to me only, "[test] " subject, no trace."""
    server = smtp_server()
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, PASSWORD)
    before, queue = snapshot(mail_ws), statuses(mail_ws)
    assert main(["send", "spring", "--test-to", ME]) == 0
    [received] = server.received
    assert received.rcpt_tos == [ME]
    message = received.message
    assert message["To"] == ME
    assert message["Subject"] == "[test] Café jeudi : une idée à partager"
    assert message["From"] == "Alex Martin <alex@example.com>"
    assert message.get_content().startswith("Bonjour Hélène,")  # the first queued message
    out = capsys.readouterr().out
    assert f"test message sent to {ME}" in out and "Hélène Côté" in out
    assert statuses(mail_ws) == queue and set(queue.values()) == {"queued"}
    assert snapshot(mail_ws) == before
    # The real send afterwards still sends everyone's message, once.
    assert main(["send", "spring", "--no-dry-run", "--rate", "0"]) == 0
    assert [r.rcpt_tos for r in server.received[1:]] == [
        ["helene.cote@example.ca"],
        ["francois@example.org"],
        ["zoe@example.net"],
    ]


def test_test_to_json(mail_ws, smtp_server, memory_keyring, capsys):
    """Verify `--test-to --json` prints the test message's item: to me, marked as a test."""
    server = smtp_server()
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, PASSWORD)
    assert main(["send", "spring", "--test-to", ME, "--json"]) == 0
    item = json.loads(capsys.readouterr().out)
    assert (item["email"], item["status"], item["name"]) == (ME, "sent", "Hélène Côté")
    assert item["subject"] == "[test] Café jeudi : une idée à partager"
    assert len(server.received) == 1


@pytest.mark.parametrize("address", ["not-an-address", "me@", "a b@example.org", "x@y,z@w"])
def test_test_to_invalid_address_is_a_usage_error(mail_ws, smtp_server, address, capsys):
    """Verify an invalid `--test-to` address is a usage error (exit 2), nothing sent."""
    server = smtp_server()
    configure(mail_ws, server.port)
    with pytest.raises(SystemExit) as stop:
        main(["send", "spring", "--test-to", address])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "argument --test-to" in err and "is not a valid email address" in err
    assert server.received == []


def test_test_to_with_no_dry_run_is_a_usage_error(mail_ws, capsys):
    """Verify `--test-to` and `--no-dry-run` together are refused: one is a test, one is real."""
    with pytest.raises(SystemExit) as stop:
        main(["send", "spring", "--test-to", ME, "--no-dry-run"])
    assert stop.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_test_to_refused_by_the_server_is_one_line(mail_ws, smtp_server, memory_keyring, capsys):
    """Verify a server refusing the test address fails in one line, the queue untouched."""
    server = smtp_server(reject={ME: "550 5.1.1 no such mailbox"})
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, PASSWORD)
    before = snapshot(mail_ws)
    assert main(["send", "spring", "--test-to", ME]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ") and captured.err.count("\n") == 1
    assert ME in captured.err and "550" in captured.err
    assert captured.out == ""
    assert snapshot(mail_ws) == before


def test_test_to_without_a_queued_message(mail_ws, smtp_server, memory_keyring, capsys):
    """Verify a campaign with nothing to send says so instead of sending an empty test."""
    server = smtp_server()
    configure(mail_ws, server.port)
    memory_keyring.set_password("handpicked", USER, PASSWORD)
    add_campaign(mail_ws, "empty", [])
    assert main(["send", "empty", "--test-to", ME]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no message to send" in err
    assert server.received == []
