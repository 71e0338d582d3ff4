"""Sending a campaign by email to a real SMTP server on 127.0.0.1: each message at most once."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest
from smtp_server import PASSWORD, add_campaign, add_contacts, configure, free_port, statuses

from handpicked.core.campaigns import store as queue
from handpicked.core.campaigns.email import dispatch
from handpicked.core.contacts import store as contacts
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError, Hint

pytest_plugins = ["smtp_server"]

SENDABLE = ["helene.cote@example.ca", "francois@example.org", "zoe@example.net"]


def run(mail_ws, **options):
    options.setdefault("password", PASSWORD)
    options.setdefault("rate", 0)
    return dispatch.send(mail_ws, "spring", **options)


def test_sends_one_email_per_contact_with_accents(mail_ws, smtp_server):
    """Verify each email reaches its one recipient with its accented name, subject and body."""
    server = smtp_server()
    configure(mail_ws, server.port)
    report = run(mail_ws)
    assert report.sent == 3 and report.failed == 0 and not report.dry_run
    assert [r.rcpt_tos for r in server.received] == [[a] for a in SENDABLE]
    first = server.received[0].message
    assert first["Subject"] == "Café jeudi : une idée à partager"
    assert first["To"].addresses[0].display_name == "Hélène Côté"
    assert first["To"].addresses[0].addr_spec == "helene.cote@example.ca"
    assert first["From"].addresses[0].addr_spec == "alex@example.com"
    assert first["Date"] and first["Message-ID"].endswith("@example.com>")
    assert first.get_content_type() == "text/plain"
    assert first.get_content_charset() == "utf-8"
    body = first.get_content().replace("\r\n", "\n")  # the wire's line ends
    assert body == "Bonjour Hélène,\n\nÇa fait longtemps ! Un café à Montréal ?\n\nAlex\n"
    assert first["Cc"] is None and first["Bcc"] is None
    assert server.received[2].message["To"].addresses[0].display_name == "Zoë O'Brien-Lévesque"
    assert all(r.content.isascii() for r in server.received)  # headers encoded, body QP
    assert server.received[0].mail_from == "alex@example.com"
    state = statuses(mail_ws)
    assert [state[a] for a in SENDABLE] == ["sent"] * 3
    sent_at = mail_ws.conn.execute("SELECT sent_at FROM messages WHERE status = 'sent'").fetchall()
    assert all(row[0].startswith("2026-11-25T") for row in sent_at)


def test_skips_no_email_and_do_not_contact(mail_ws, smtp_server):
    """Verify a contact without an address is skipped and a do-not-contact one never gets mail."""
    server = smtp_server()
    configure(mail_ws, server.port)
    report = run(mail_ws)
    reasons = {item.name: item.reason for item in report.skipped}
    assert reasons == {
        "Marc Roy": "no email address",
        "Nadia Tremblay": "on the do-not-contact list",
    }
    assert all("nadia@example.com" not in r.rcpt_tos for r in server.received)
    assert statuses(mail_ws)["nadia@example.com"] == "queued"


def test_dry_run_sends_nothing(mail_ws, smtp_server):
    """Verify plan() lists what would go, with subject and first lines, and changes nothing."""
    server = smtp_server()
    configure(mail_ws, server.port)
    report = dispatch.plan(mail_ws, "spring")
    assert report.dry_run
    assert [item.email for item in report.items] == SENDABLE
    assert {item.status for item in report.items} == {"would-send"}
    assert report.items[0].first_lines.splitlines()[0] == "Bonjour Hélène,"
    assert server.received == [] and set(statuses(mail_ws).values()) == {"queued"}


def test_pause_between_messages_only(mail_ws, smtp_server):
    """Verify the rate pause comes between messages, not before the first or after the last."""
    server = smtp_server()
    configure(mail_ws, server.port)
    pauses: list[float] = []
    run(mail_ws, rate=2.5, sleep=pauses.append)
    assert pauses == [2.5, 2.5]


def test_interrupted_run_resumes_with_the_rest(mail_ws, smtp_server):
    """Verify a Ctrl-C after the first email leaves it sent; the next run sends only the rest."""
    server = smtp_server()
    configure(mail_ws, server.port)

    def interrupt(item):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(mail_ws, on_progress=interrupt)
    assert [r.rcpt_tos[0] for r in server.received] == SENDABLE[:1]
    assert statuses(mail_ws)[SENDABLE[0]] == "sent"
    assert [statuses(mail_ws)[a] for a in SENDABLE[1:]] == ["queued", "queued"]
    report = run(mail_ws)
    assert [item.email for item in report.items] == SENDABLE[1:]
    assert sorted(r.rcpt_tos[0] for r in server.received) == sorted(SENDABLE)
    assert any(item.reason == "already sent" for item in report.skipped)


def test_connection_dropped_during_data_is_left_sending(mail_ws, smtp_server):
    """Verify a server hanging up mid-DATA stops the run and leaves that message `sending`."""
    server = smtp_server(drop_at=2)
    configure(mail_ws, server.port)
    with pytest.raises(dispatch.SendStopped) as stopped:
        run(mail_ws)
    assert f"127.0.0.1:{server.port}" in str(stopped.value)
    assert "may or may not have arrived" in str(stopped.value)
    assert "handpicked" not in str(stopped.value)  # each face says how to mark it
    assert (stopped.value.hint, stopped.value.facts["campaign"]) == (Hint.CHECK_SENT, "spring")
    assert stopped.value.report.sent == 1
    state = statuses(mail_ws)
    assert [state[a] for a in SENDABLE] == ["sent", "sending", "queued"]

    again = smtp_server()
    configure(mail_ws, again.port)
    report = run(mail_ws)
    assert [r.rcpt_tos[0] for r in again.received] == [SENDABLE[2]]
    assert [item.email for item in report.stuck_sending] == [SENDABLE[1]]
    stuck = report.stuck_sending[0]
    assert stuck.reason.endswith("so it may have arrived") and stuck.hint == Hint.CHECK_SENT
    assert "handpicked" not in stuck.reason  # each face words the way out (the CLI: `mark`)
    assert statuses(mail_ws)[SENDABLE[1]] == "sending"


def test_sending_left_by_a_crash_is_reported_not_resent(mail_ws, smtp_server):
    """Verify a message found in `sending` is listed for the user to check, never sent again."""
    server = smtp_server()
    configure(mail_ws, server.port)
    mail_ws.conn.execute(
        "UPDATE messages SET status = 'sending' WHERE contact_id ="
        " (SELECT id FROM contacts WHERE email = ?)",
        (SENDABLE[0],),
    )
    report = run(mail_ws)
    assert [item.email for item in report.stuck_sending] == [SENDABLE[0]]
    assert all(SENDABLE[0] not in r.rcpt_tos for r in server.received)
    assert report.sent == 2


def test_refused_recipient_fails_and_the_rest_go(mail_ws, smtp_server):
    """Verify a 550 on one recipient marks it failed with the reply and the others are sent."""
    server = smtp_server(reject={SENDABLE[1]: "550 5.1.1 <francois@example.org>: no such user"})
    configure(mail_ws, server.port)
    seen = []
    report = run(mail_ws, on_progress=seen.append)
    assert (report.sent, report.failed) == (2, 1)
    assert [item.status for item in seen] == ["sent", "failed", "sent"]
    assert "550 5.1.1" in seen[1].reason
    assert [statuses(mail_ws)[a] for a in SENDABLE] == ["sent", "failed", "sent"]
    error = mail_ws.conn.execute("SELECT error FROM messages WHERE status = 'failed'").fetchone()[0]
    assert error.startswith("550 5.1.1") and "no such user" in error
    again = dispatch.plan(mail_ws, "spring").skipped[1]
    assert again.reason == "failed earlier (550 5.1.1 <francois@example.org>: no such user)"
    assert again.hint == Hint.RETRY_FAILED  # each face words the retry (the CLI: `mark`)


def test_temporary_refusal_stays_queued(mail_ws, smtp_server):
    """Verify a 4xx reply keeps the message queued (with the reply) for a later run."""
    server = smtp_server(reject={SENDABLE[0]: "450 4.2.0 mailbox busy, try later"})
    configure(mail_ws, server.port)
    report = run(mail_ws)
    assert report.failed == 1 and "left queued" in report.items[0].reason
    assert statuses(mail_ws)[SENDABLE[0]] == "queued"


def test_wrong_password_stops_before_anything(mail_ws, smtp_server):
    """Verify a refused login stops the run naming the server, with nothing marked sent."""
    server = smtp_server()
    configure(mail_ws, server.port)
    with pytest.raises(dispatch.SendStopped) as stopped:
        run(mail_ws, password="wrong")
    message = str(stopped.value)
    assert f"127.0.0.1:{server.port} refused the login for alex@example.com" in message
    assert "535" in message and "check smtp.username and the password" in message
    assert stopped.value.hint is Hint.PASSWORD
    assert server.received == [] and set(statuses(mail_ws).values()) == {"queued"}


def test_server_down_stops_with_one_line(mail_ws):
    """Verify a port with nothing listening stops the run with a line naming host:port."""
    port = free_port()
    configure(mail_ws, port)
    with pytest.raises(dispatch.SendStopped) as stopped:
        run(mail_ws)
    assert str(stopped.value).startswith(f"could not connect to 127.0.0.1:{port}")
    assert "\n" not in str(stopped.value)
    assert set(statuses(mail_ws).values()) == {"queued"}


def test_starttls_with_a_trusted_certificate(mail_ws, smtp_server, tls_pair):
    """Verify STARTTLS works against a certificate made for this test and trusted by the client."""
    server_context, client_context = tls_pair
    server = smtp_server(tls_context=server_context)
    configure(mail_ws, server.port, security="starttls")
    report = run(mail_ws, tls_context=client_context)
    assert report.sent == 3 and len(server.received) == 3


def test_starttls_with_an_untrusted_certificate_stops(mail_ws, smtp_server, tls_pair):
    """Verify a certificate the client does not trust stops the run before any login."""
    server_context, _ = tls_pair
    server = smtp_server(tls_context=server_context)
    configure(mail_ws, server.port, security="starttls")
    with pytest.raises(dispatch.SendStopped) as stopped:
        run(mail_ws)
    assert f"TLS failed with 127.0.0.1:{server.port}" in str(stopped.value)
    assert server.received == []


def test_starttls_not_offered_stops(mail_ws, smtp_server):
    """Verify security=starttls against a server without STARTTLS says so and sends nothing."""
    server = smtp_server()
    configure(mail_ws, server.port, security="starttls")
    with pytest.raises(dispatch.SendStopped, match="does not offer STARTTLS"):
        run(mail_ws)
    assert server.received == []


def test_implicit_tls(mail_ws, smtp_server, tls_pair):
    """Verify security=ssl connects with TLS from the first byte."""
    server_context, client_context = tls_pair
    server = smtp_server(ssl_context=server_context)
    configure(mail_ws, server.port, security="ssl")
    assert run(mail_ws, tls_context=client_context).sent == 3


def test_subjectless_channel_needs_subject(mail_ws, smtp_server):
    """Verify a LinkedIn-message campaign needs --subject, which then becomes every subject."""
    server = smtp_server()
    configure(mail_ws, server.port)
    add_campaign(mail_ws, "notes", add_contacts(mail_ws, [("Élise", "Ng", "elise@example.com", 0)]),
                 channel="linkedin-message")  # fmt: skip
    with pytest.raises(HandpickedError, match="whose messages have no subject") as caught:
        dispatch.plan(mail_ws, "notes")
    assert caught.value.hint is Hint.SUBJECT
    report = dispatch.send(mail_ws, "notes", password=PASSWORD, rate=0, subject="Un café ?")
    assert report.sent == 1
    assert server.received[0].message["Subject"] == "Un café ?"


def test_stored_subject_wins(mail_ws, smtp_server):
    """Verify an email campaign's own subject wins over --subject."""
    server = smtp_server()
    configure(mail_ws, server.port)
    run(mail_ws, subject="Autre chose", limit=1)
    assert server.received[0].message["Subject"] == "Café jeudi : une idée à partager"


def test_limit_sends_the_first_n(mail_ws, smtp_server):
    """Verify --limit sends only the first N and leaves the others queued for the next run."""
    server = smtp_server()
    configure(mail_ws, server.port)
    report = run(mail_ws, limit=2)
    assert report.sent == 2 and len(server.received) == 2
    assert statuses(mail_ws)[SENDABLE[2]] == "queued"
    assert any(
        item.reason == "over this run's limit of 2 messages: left queued for the next run"
        for item in report.skipped
    )


def test_hostile_address_is_skipped(mail_ws, smtp_server):
    """Verify an address carrying a header injection is skipped, never put in an envelope."""
    server = smtp_server()
    configure(mail_ws, server.port)
    bad = "eve@example.com\r\nBcc: all@example.com"
    add_campaign(mail_ws, "evil", add_contacts(mail_ws, [("Eve", "X", bad, 0)]))
    report = dispatch.send(mail_ws, "evil", password=PASSWORD, rate=0)
    assert report.sent == 0 and "is not valid" in report.skipped[0].reason
    assert server.received == []


def test_missing_from_names_the_setting(mail_ws, smtp_server):
    """Verify a missing smtp.from is refused before connecting, naming the setting."""
    server = smtp_server()
    configure(mail_ws, server.port)
    from handpicked.core import config

    config.set_value(mail_ws, "smtp.from", "")
    with pytest.raises(HandpickedError, match=r"no From address set \(smtp\.from\)") as caught:
        run(mail_ws)
    assert (caught.value.hint, caught.value.facts["key"]) == (Hint.SMTP_SETTING, "smtp.from")


def test_unknown_campaign(mail_ws):
    """Verify an unknown campaign name is a one-line error."""
    with pytest.raises(HandpickedError, match="no campaign named 'nope'"):
        dispatch.plan(mail_ws, "nope")


def contact_id(ws, address: str) -> int:
    return ws.conn.execute("SELECT id FROM contacts WHERE email = ?", (address,)).fetchone()[0]


def test_do_not_contact_added_during_the_run_is_not_sent(mail_ws, smtp_server):
    """Verify a person put on do-not-contact while the run sends the first email gets nothing."""
    zoe = contact_id(mail_ws, SENDABLE[2])

    def dnc_from_elsewhere(count: int) -> None:
        if count == 1:  # another connection, as `handpicked dnc add` in a second terminal
            with Workspace(mail_ws.home) as other:
                contacts.set_do_not_contact(other, [zoe], True)

    server = smtp_server(on_data=dnc_from_elsewhere)
    configure(mail_ws, server.port)
    report = run(mail_ws)
    assert [r.rcpt_tos[0] for r in server.received] == SENDABLE[:2]
    assert report.sent == 2
    (late,) = [item for item in report.skipped if item.email == SENDABLE[2]]
    assert late.reason == "put on the do-not-contact list during this send: not sent"
    assert statuses(mail_ws)[SENDABLE[2]] == "skipped"
    error = mail_ws.conn.execute("SELECT error FROM messages WHERE contact_id = ?", (zoe,))
    assert error.fetchone()[0] == "put on the do-not-contact list during a send"
    (later,) = [item for item in dispatch.plan(mail_ws, "spring").skipped if item.contact_id == zoe]
    assert later.reason == "marked skipped (put on the do-not-contact list during a send)"


def test_edit_during_the_run_is_what_goes(mail_ws, smtp_server):
    """Verify a message edited by hand while the run sends an earlier one goes as edited."""
    zoe = contact_id(mail_ws, SENDABLE[2])

    def edit_from_elsewhere(count: int) -> None:
        if count == 1:
            with Workspace(mail_ws.home) as other:
                queue.edit_message(other, "spring", zoe, "Salut Zoë !", subject="Nouveau sujet")

    server = smtp_server(on_data=edit_from_elsewhere)
    configure(mail_ws, server.port)
    report = run(mail_ws)
    last = server.received[2].message
    assert last["Subject"] == "Nouveau sujet" and last.get_content().strip() == "Salut Zoë !"
    assert report.items[2].subject == "Nouveau sujet"


def test_contact_forgotten_during_the_run_is_not_sent(mail_ws, smtp_server):
    """Verify a person forgotten while the run sends the first email gets nothing, and is named."""
    francois = contact_id(mail_ws, SENDABLE[1])

    def forget_from_elsewhere(count: int) -> None:
        if count == 1:
            with Workspace(mail_ws.home) as other:
                contacts.forget(other, francois)

    server = smtp_server(on_data=forget_from_elsewhere)
    configure(mail_ws, server.port)
    report = run(mail_ws)
    assert [r.rcpt_tos[0] for r in server.received] == [SENDABLE[0], SENDABLE[2]]
    (gone,) = [item for item in report.skipped if item.contact_id == francois]
    assert gone.reason == "forgotten (contact forget) during this send: not sent"


def test_no_login_over_plain_smtp(mail_ws, smtp_server):
    """Verify security=none with no smtp.username sends through a server that has no AUTH."""
    server = smtp_server(users={})
    configure(mail_ws, server.port, username="")
    report = run(mail_ws, password="")
    assert report.sent == 3 and report.failed == 0
    assert [r.rcpt_tos[0] for r in server.received] == SENDABLE


def test_no_login_over_implicit_tls(mail_ws, smtp_server, tls_pair):
    """Verify security=ssl with no smtp.username sends through a server that has no AUTH."""
    server_context, client_context = tls_pair
    server = smtp_server(users={}, ssl_context=server_context)
    configure(mail_ws, server.port, security="ssl", username="")
    report = run(mail_ws, password="", tls_context=client_context)
    assert report.sent == 3 and len(server.received) == 3


def test_stopped_run_accounts_for_every_message(mail_ws, smtp_server):
    """Verify a run stopped mid-way says why and lists each message it did not send, once."""
    server = smtp_server(drop_at=2)
    configure(mail_ws, server.port)
    with pytest.raises(dispatch.SendStopped) as stopped:
        run(mail_ws)
    report = stopped.value.report
    assert stopped.value.started and report.stopped == str(stopped.value)
    assert [item.email for item in report.items] == SENDABLE[:1]
    assert [item.email for item in report.stuck_sending] == SENDABLE[1:2]
    assert "may have arrived" in report.stuck_sending[0].reason
    untried = {item.email: item.reason for item in report.skipped if item.email in SENDABLE}
    assert untried == {
        SENDABLE[2]: "not sent: the send stopped before it; left queued for the next run"
    }


def test_stop_before_any_message_is_not_started(mail_ws):
    """Verify a run that cannot connect says it never started, and changed nothing."""
    configure(mail_ws, free_port())
    with pytest.raises(dispatch.SendStopped) as stopped:
        run(mail_ws)
    assert not stopped.value.started
    assert set(statuses(mail_ws).values()) == {"queued"}


def test_second_send_refused_while_one_runs(mail_ws, smtp_server):
    """Verify a send started while another is mid-message refuses at once, naming its pid."""
    server = smtp_server(hold_at=1)
    configure(mail_ws, server.port)
    first = ThreadPoolExecutor(1).submit(run, mail_ws)
    assert server.handler.holding.wait(20)
    with Workspace(mail_ws.home) as second:  # its own connection, as another process has
        with pytest.raises(HandpickedError) as refused:
            dispatch.send(second, "spring", password=PASSWORD, rate=0)
        assert str(refused.value).startswith(
            f"another send is running on this workspace (pid {os.getpid()})"
        )
        dry = dispatch.plan(second, "spring")
    assert dry.stuck_sending == []  # not "left by an earlier run": its run is alive
    (in_flight,) = [item for item in dry.skipped if item.email == SENDABLE[0]]
    assert in_flight.reason == (
        f"on its way in the send running now (pid {os.getpid()}): not sent again"
    )
    server.handler.release.set()
    assert first.result(timeout=20).sent == 3
    assert sorted(r.rcpt_tos[0] for r in server.received) == sorted(SENDABLE)
    assert dispatch.plan(mail_ws, "spring").items == []
