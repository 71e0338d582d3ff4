"""Sending by email: the SMTP password (`auth set|status|clear`) and `send`.

The password is never a command-line argument (it would sit in the shell history and in `ps`):
it is typed at a no-echo prompt, or piped with --password-stdin by scripts.
The keyring and SMTP code is imported by the command that uses it, never by `handpicked` itself.
"""

from __future__ import annotations

import argparse
import getpass
import math
import sys
from typing import TYPE_CHECKING

from handpicked.commands.common import (
    CommandError,
    add_json,
    cli_hint,
    cli_message,
    emit_json,
    out,
    workspace,
)
from handpicked.core.text import safe_text

if TYPE_CHECKING:
    from handpicked.core import config
    from handpicked.core.campaigns.email import SendItem, SendReport


def register(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser("auth", help="the SMTP password, kept in the OS keyring")
    asub = a.add_subparsers(dest="auth_command", metavar="ACTION", required=True)
    s = asub.add_parser("set", help="store the SMTP password in the OS keyring (never echoed)")
    _add_password_stdin(s)
    s.set_defaults(handler=run_auth_set)
    st = asub.add_parser("status", help="whether a password is stored, and in which keyring")
    add_json(st)
    st.set_defaults(handler=run_auth_status)
    c = asub.add_parser("clear", help="delete the stored SMTP password")
    c.set_defaults(handler=run_auth_clear)

    p = sub.add_parser(
        "send", help="email a campaign's queued messages one by one (a dry run unless --no-dry-run)"
    )
    p.add_argument("campaign")
    how = p.add_mutually_exclusive_group()
    how.add_argument(
        "--no-dry-run", dest="dry_run", action="store_false",
        help="really send (without it, only show what would be sent)",
    )  # fmt: skip
    how.add_argument(
        "--test-to", type=_address, metavar="ADDRESS",
        help="send the first queued message to ADDRESS only, subject prefixed [test]; "
        "nothing is marked",
    )  # fmt: skip
    p.add_argument("--limit", type=int, metavar="N", help="send at most N messages this run")
    p.add_argument(
        "--rate", type=_seconds, default=5.0, metavar="SECONDS",
        help="pause between two messages (default 5)",
    )  # fmt: skip
    p.add_argument(
        "--subject", metavar="TEXT",
        help="the subject, for campaigns whose messages have none (LinkedIn messages, notes)",
    )  # fmt: skip
    _add_password_stdin(p)
    add_json(p)
    p.set_defaults(handler=run_send)


def _add_password_stdin(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin", action="store_true",
        help="read the SMTP password from standard input (for scripts)",
    )  # fmt: skip


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not math.isfinite(seconds) or seconds < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds (0 or more)")
    return seconds


def _address(value: str) -> str:
    from handpicked.core.campaigns import email

    if email.bad_address(value.strip()) is not None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a valid email address")
    return value.strip()


def _read_stdin() -> str:
    password = (sys.stdin.readline() if sys.stdin else "").rstrip("\r\n")
    if not password:
        raise CommandError("no password on standard input; pipe it in (from a password manager)")
    return password


def _ask(prompt: str, why: str) -> str:
    """The no-echo prompt; without a terminal, say how to pipe the password instead."""
    if not (sys.stdin and sys.stdin.isatty()):
        raise CommandError(f"{why}, and there is no terminal to ask: pipe it with --password-stdin")
    password = getpass.getpass(prompt)
    if not password:
        raise CommandError("no password typed; nothing done")
    return password


def _username(ws) -> str:
    from handpicked.core import config

    username = config.load(ws).smtp.username
    if not username:
        raise CommandError(
            "no SMTP login name: set it first with: handpicked config set smtp.username "
            "you@example.com"
        )
    return username


def run_auth_set(args: argparse.Namespace) -> int:
    from handpicked.core.campaigns import email

    ws = workspace(args)
    username = _username(ws)
    reason = email.keyring_problem(username)
    if reason is not None:  # refuse before asking: typing a password for nothing is worse
        raise CommandError(email.not_stored(reason))
    if args.password_stdin:
        password = _read_stdin()
    else:
        password = _ask(f"SMTP password for {username}: ", "no password given")
    email.store_password(username, password)
    out(f"password for {username} stored in the keyring ({email.backend_name()})")
    return 0


def run_auth_status(args: argparse.Namespace) -> int:
    from handpicked.core import config
    from handpicked.core.campaigns import email

    username = config.load(workspace(args)).smtp.username
    state = email.keyring_status(username)
    if args.json:
        emit_json(state.model_dump() | {"username": username, "service": email.SERVICE})
        return 0
    out(state.message)
    out(f"keyring backend: {state.backend}")
    return 0


def run_auth_clear(args: argparse.Namespace) -> int:
    from handpicked.core.campaigns import email

    username = _username(workspace(args))
    if email.clear_password(username):
        out(f"password for {username} deleted from the keyring")
    else:
        out(f"no password stored for {username}; nothing to delete")
    return 0


def _password(args: argparse.Namespace, smtp: config.Smtp) -> str:
    from handpicked.core.campaigns import email

    if args.password_stdin:
        return _read_stdin()
    if not smtp.username:
        return ""  # a server that takes mail without a login (a local relay)
    stored = email.get_password(smtp.username)
    if stored is not None:
        return stored
    state = email.keyring_status(smtp.username)
    why = state.message if not state.usable else f"no password stored for {smtp.username}"
    if sys.stdin and sys.stdin.isatty():
        print(f"note: {why}", file=sys.stderr)
    return _ask(f"SMTP password for {smtp.username} at {smtp.host}: ", why)


def _item_line(verb: str, item: SendItem) -> str:
    who = safe_text(f"{item.name or '(no name)'} <{item.email}>" if item.email else item.name)
    return f"{verb} {who}"


def _worded(report: SendReport) -> SendReport:
    """The report with each reason followed by the CLI's command for it (the `mark` to run):
    `send --json`'s reasons read as they always have."""

    def word(item: SendItem) -> SendItem:
        facts = {"campaign": report.campaign, "id": item.contact_id}
        return item.model_copy(update={"reason": cli_hint(item.reason, item.hint, facts)})

    skipped, stuck = [word(i) for i in report.skipped], [word(i) for i in report.stuck_sending]
    return report.model_copy(update={"skipped": skipped, "stuck_sending": stuck})


def _show_plan(report: SendReport) -> None:
    for item in report.items:
        out(_item_line("would send to", item))
        out(f"  subject: {safe_text(item.subject)}")
        for line in item.first_lines.splitlines():
            out(f"  | {safe_text(line)}")


def _show_rest(report: SendReport) -> None:
    for item in report.skipped:
        out(f"{_item_line('skipped', item)}: {safe_text(item.reason)}")
    for item in report.stuck_sending:
        out(f"{_item_line('check', item)}: {safe_text(item.reason)}")


def _summary(report: SendReport) -> str:
    skipped = f"{len(report.skipped)} skipped"
    stuck = f", {len(report.stuck_sending)} to check" if report.stuck_sending else ""
    if report.dry_run:
        n = len(report.items)
        head = f"dry run: {n} email{'s' if n != 1 else ''} would be sent, {skipped}{stuck}"
        if n:
            head += f"; send them with: handpicked send {report.campaign} --no-dry-run"
        return head
    return f"{report.sent} sent, {report.failed} failed, {skipped}{stuck}"


def _send_test(args: argparse.Namespace, ws) -> int:
    """`send --test-to`: one real email to the user, through the same settings and password."""
    from handpicked.core.campaigns import email

    smtp = email.account(ws)  # settings first: never ask for a password that cannot be used
    ahead = email.plan(ws, args.campaign, subject=args.subject)  # no subject: said before asking
    password = _password(args, smtp) if ahead.items else ""  # none: send_test says so
    item = email.send_test(ws, args.campaign, args.test_to, password=password, subject=args.subject)
    if args.json:
        emit_json(item)
        return 0
    out(f"test message sent to {safe_text(item.email)}: {safe_text(item.subject)}")
    out(f"  (the message to {safe_text(item.name)}; nothing marked, nobody contacted)")
    return 0


def run_send(args: argparse.Namespace) -> int:
    from handpicked.core.campaigns import email

    ws = workspace(args)
    if args.test_to:
        return _send_test(args, ws)
    if args.dry_run:
        report = _worded(email.plan(ws, args.campaign, subject=args.subject, limit=args.limit))
        if args.json:
            emit_json(report)
        else:
            _show_plan(report)
            _show_rest(report)
            out(_summary(report))
        return 0
    smtp = email.account(ws)  # settings first: never ask for a password that cannot be used
    email.refuse_if_held(ws.home)
    ahead = email.plan(ws, args.campaign, subject=args.subject, limit=args.limit)
    password = _password(args, smtp) if ahead.items else ""

    def progress(item: SendItem) -> None:
        if item.status == "sent":
            out(_item_line("sent to", item))
        else:
            out(f"{_item_line('failed', item)}: {safe_text(item.reason)}")

    try:
        report = email.send(
            ws, args.campaign, password=password, subject=args.subject, limit=args.limit,
            rate=args.rate, on_progress=None if args.json else progress,
        )  # fmt: skip
    except email.SendStopped as stopped:
        # Once a message was tried, what was sent must be told, in JSON too (with `stopped`);
        # a run stopped before any (login, server down) failed as a whole: stdout stays empty.
        if stopped.started:
            # `stopped` reads as the error line does (the CLI's `mark` command included)
            shown = _worded(stopped.report).model_copy(update={"stopped": cli_message(stopped)})
            if args.json:
                emit_json(shown)
            else:
                _show_rest(shown)
                out(_summary(shown))
        raise  # main() prints it, with the CLI's hint, through safe_text (it may quote a name)
    report = _worded(report)
    if args.json:
        emit_json(report)
    else:
        _show_rest(report)
        out(_summary(report))
    if report.failed:
        n = report.failed
        raise CommandError(
            f"{n} message{'s were' if n != 1 else ' was'} not sent (the server's reply is "
            "above); a failed one goes again once marked queued with handpicked mark"
        )
    return 0
