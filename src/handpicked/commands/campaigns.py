"""Writing to people: templates, compose, preview, edit, mark, campaigns, history, export.

Each command imports the campaign and template code (Jinja2 with it) when it runs, so that
`handpicked contacts` and the other commands never pay for it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from handpicked.commands.common import (
    CommandError,
    add_json,
    emit_json,
    key_value,
    one_line,
    out,
    workspace,
)  # fmt: skip
from handpicked.commands.editor import edit_in_editor, read_text
from handpicked.commands.filtering import add_filter_args, filter_from_args
from handpicked.core.models import EXPORT_FORMATS, MARKABLE
from handpicked.core.text import safe_text

if TYPE_CHECKING:
    from handpicked.core.contacts import LeftOut
    from handpicked.core.db import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    t = sub.add_parser("templates", help="list the message templates, or show one")
    t.add_argument("--show", metavar="NAME", help="print one template")
    t.add_argument("--language", metavar="L", help="with --show: the variant in language L")
    add_json(t)
    t.set_defaults(handler=run_templates)

    c = sub.add_parser("compose", help="write one message per person of an audience, queued")
    c.add_argument("campaign", metavar="CAMPAIGN")
    c.add_argument("--template", metavar="NAME", help="the template (see handpicked templates)")
    c.add_argument(
        "--var",
        action="append",
        type=key_value,
        default=[],
        metavar="KEY=VALUE",
        help="a campaign value the template declares (repeatable); KEY:fr=VALUE gives the "
        "French messages their own value (e.g. --var event_date:fr='12 décembre')",
    )
    c.add_argument(
        "--contact",
        action="append",
        type=int,
        default=[],
        metavar="ID",
        help="write to this contact (alone: exactly these; with filters: added)",
    )
    c.add_argument(
        "--allow-large",
        action="store_true",
        help="accept an audience above audience.max (a broadcast, not a personal note)",
    )
    c.add_argument(
        "--rerender",
        action="store_true",
        help="render the queued, not hand-edited messages again with new --var values",
    )
    add_filter_args(c, audience=True)
    add_json(c)
    c.set_defaults(handler=run_compose)

    p = sub.add_parser("preview", help="every message of a campaign, with its warnings")
    p.add_argument("campaign", metavar="CAMPAIGN")
    add_json(p)
    p.set_defaults(handler=run_preview)

    e = sub.add_parser("edit", help="edit one message in $VISUAL/$EDITOR/nano/vi (or from a file)")
    e.add_argument("campaign", metavar="CAMPAIGN")
    e.add_argument("contact", type=int, metavar="ID", help="the contact id of the message")
    e.add_argument("--body-file", type=Path, metavar="FILE", help="take the new text from FILE")
    e.add_argument("--subject", metavar="TEXT", help="a new subject (inmail and email)")
    e.set_defaults(handler=run_edit)

    m = sub.add_parser("mark", help="record what happened to messages (sent, replied...)")
    m.add_argument("campaign", metavar="CAMPAIGN")
    m.add_argument(
        "status", choices=MARKABLE, metavar="STATUS", help=f"one of {', '.join(MARKABLE)}"
    )
    m.add_argument("ids", type=int, nargs="+", metavar="ID", help="contact ids")
    m.set_defaults(handler=run_mark)

    ls = sub.add_parser("campaigns", help="every campaign, its counts per status and reply rate")
    add_json(ls)
    ls.set_defaults(handler=run_campaigns)

    cp = sub.add_parser("campaign", help="act on one campaign: delete")
    csub = cp.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)
    cd = csub.add_parser("delete", help="forget a campaign and all its messages (sent ones too)")
    cd.add_argument("campaign", metavar="CAMPAIGN")
    cd.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_json(cd)
    cd.set_defaults(handler=run_campaign_delete)

    h = sub.add_parser("history", help="everything ever queued or sent to one contact")
    h.add_argument("id", type=int, metavar="ID")
    add_json(h)
    h.set_defaults(handler=run_history)

    x = sub.add_parser("export", help="a campaign as a send list: csv, json, md or html")
    x.add_argument("campaign", metavar="CAMPAIGN")
    x.add_argument(
        "--format", choices=EXPORT_FORMATS, help="without it: from -o's extension (.csv, .html...)"
    )
    x.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (without it, or -: stdout)"
    )
    x.add_argument(
        "--excel", action="store_true", help="with csv: UTF-8 with BOM and CRLF, as Excel expects"
    )
    x.set_defaults(handler=run_export)


def _s(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


# ---------------------------------------------------------------------------------------------


def run_templates(args: argparse.Namespace) -> int:
    from handpicked.core.messages import discover, find

    ws = workspace(args)
    templates = discover(ws.templates_dir)
    if args.show:
        template = find(templates, args.show, args.language)
        if args.json:
            emit_json(template.model_dump(mode="json", exclude={"body_line", "subject_line"}))
        else:
            out(safe_text(Path(template.path).read_text("utf-8-sig"), multiline=True).rstrip("\n"))
        return 0
    if args.json:
        emit_json([
            {"name": t.name, "language": t.language, "channel": t.channel,
             "description": t.description, "variables": dict(t.variables), "path": t.path}
            for t in templates
        ])  # fmt: skip
        return 0
    for t in templates:
        out(f"{t.name:<20} {t.language:<3} {t.channel:<17} {one_line(t.description, 60)}")
        for key, description in t.variables.items():
            out(f"{'':<24}--var {key}=...  {one_line(description, 60)}")
    out(f"{_s(len(templates), 'template')}; show one with handpicked templates --show NAME")
    if any(t.variables for t in templates) and len({t.language for t in templates}) > 1:
        out("A value for one language only: --var KEY:fr=... (the French messages print it)")
    return 0


SHOWN_LEFT_OUT = 10
"""People left out listed by name after compose's sentence; --json lists them all."""


def _left_out_people(people: list[LeftOut]) -> None:
    """Who the rules left out and why, so that `--contact ID` can add one back knowingly."""
    if not people:
        return
    out("Left out:")
    for person in people[:SHOWN_LEFT_OUT]:
        out(f"  {one_line(person.name or '(no name)', 50)} (id {person.id}): {person.why}")
    if len(people) > SHOWN_LEFT_OUT:
        out(f"  ... and {len(people) - SHOWN_LEFT_OUT} more (compose --json lists them all)")
    if any(person.can_add_back for person in people):
        out("Write to one of them anyway with --contact ID (a warning on their message says why).")


def run_compose(args: argparse.Namespace) -> int:
    from handpicked.core import campaigns as core
    from handpicked.core import config
    from handpicked.core.contacts import left_out_summary

    ws = workspace(args)
    variables = dict(args.var)
    if args.rerender:
        stored = core.campaign_info(ws, args.campaign).template
        if args.template and args.template != stored:
            raise CommandError(
                f"campaign {args.campaign!r} uses template {stored}; --rerender keeps it "
                "(compose another campaign for another template)"
            )
        report = core.rerender(ws, args.campaign, variables)
        if args.json:
            emit_json(report.model_dump())
            return 0
        alone = f" ({report.already_in} left alone: hand-edited or no longer queued)"
        out(
            f"Rendered {_s(report.added, 'queued message')} again in campaign {args.campaign}"
            f"{alone if report.already_in else ''}; {_s(report.warnings, 'warning')}: see "
            f"handpicked preview {args.campaign}"
        )
        return 0
    if not args.template:
        raise CommandError(
            "compose needs --template NAME (see handpicked templates), or --rerender"
        )
    settings = config.load(ws)
    f = filter_from_args(args, default_days=settings.audience.not_contacted_days)
    report = core.compose(
        ws, args.campaign, template=args.template, variables=variables, f=f,
        contact_ids=args.contact, allow_large=args.allow_large,
    )  # fmt: skip
    if unsigned := config.unsigned(settings):  # on stderr: with --json too, stdout stays JSON
        print(
            f'warning: {unsigned}; set it with handpicked config set me.name "Your Name", then '
            "compose --rerender",
            file=sys.stderr,
        )
    if args.json:
        emit_json(report.model_dump())
        return 0
    already = f" ({report.already_in} already in it)" if report.already_in else ""
    tail = (
        f"; {_s(report.warnings, 'warning')}: see handpicked preview {report.campaign}"
        if report.warnings
        else f"; review them with handpicked preview {report.campaign}"
    )
    summary = left_out_summary(report.left_out_people, f.not_contacted_days)
    out(
        f"Queued {_s(report.added, 'message')} in campaign {report.campaign}{already}"
        f"{f'; left out: {summary}' if summary else ''}{tail}"
    )
    _left_out_people(report.left_out_people)
    if variables:
        _one_value_for_all(ws, report.campaign, settings.me.language)
    return 0


def _one_value_for_all(ws: Workspace, campaign: str, mine: str) -> None:
    """Say when messages in another language print the values given for the user's own."""
    from handpicked.core import campaigns as core

    stored = core.campaign_info(ws, campaign).variables
    counts = core.language_counts(ws, campaign)
    if len(counts) < 2:
        return
    shared = sorted(key for key in stored if ":" not in key)
    for language, n in sorted(counts.items()):
        missing = [key for key in shared if f"{key}:{language}" not in stored]
        if language != mine and missing:
            verb = "prints" if n == 1 else "print"
            out(
                f"Note: {_s(n, 'message')} in {language} {verb} the same --var values as the "
                f"others for {', '.join(missing)}; give {language} ones with "
                f"--var KEY:{language}=... and compose {campaign} --rerender"
            )


def run_preview(args: argparse.Namespace) -> int:
    from handpicked.core import campaigns as core
    from handpicked.core import config
    from handpicked.core.messages import channel_limit

    ws = workspace(args)
    p = core.preview(ws, args.campaign)
    if args.json:
        emit_json(core.preview_json(p))
        return 0
    limit = channel_limit(config.load(ws), p.channel)
    out(
        f"Campaign {safe_text(p.campaign)}: template {p.template} ({p.channel}), "
        f"{_s(len(p.messages), 'message')}"
    )
    for m in p.messages:
        size = f"{len(m.body)}/{limit} chars" if limit else f"{len(m.body)} chars"
        edited = ", edited" if m.edited else ""
        out()
        out(
            f"== {one_line(m.name or '(no name)', 50)} (id {m.contact_id}) · {m.status}"
            f"{edited} · {m.language or '-'} · {size}"
        )
        if m.subject is not None:
            out(f"   Subject: {safe_text(m.subject)}")
        for line in safe_text(m.body, multiline=True).split("\n"):
            out(f"   {line}".rstrip())
        for w in m.warnings:
            out(f"  ! {w.code}: {safe_text(w.message)}")
    return 0


def run_edit(args: argparse.Namespace) -> int:
    from handpicked.core import campaigns as core

    ws = workspace(args)
    current = core.message_for(ws, args.campaign, args.contact)
    if args.body_file is not None:
        text = read_text(args.body_file)
    else:
        edited = edit_in_editor(current.body)
        if edited is None:
            return 0
        text = edited
    view = core.edit_message(ws, args.campaign, args.contact, text, args.subject)
    if view.body == current.body and view.subject == current.subject:
        out(f"The message to {safe_text(current.name)} is unchanged; nothing changed.")
        return 0
    out(
        f"Saved the message to {safe_text(view.name)} (id {view.contact_id}), marked edited; "
        f"{_s(len(view.warnings), 'warning')}"
    )
    for w in view.warnings:
        out(f"  ! {w.code}: {safe_text(w.message)}")
    return 0


def run_mark(args: argparse.Namespace) -> int:
    from handpicked.core import campaigns as core

    changed = core.mark(workspace(args), args.campaign, args.status, args.ids)
    same = len(set(args.ids)) - changed
    note = f" ({same} already {args.status})" if same > 0 else ""
    out(f"Marked {_s(changed, 'message')} {args.status} in campaign {args.campaign}{note}")
    return 0


def run_campaigns(args: argparse.Namespace) -> int:
    from handpicked.core import campaigns as core

    found = core.list_campaigns(workspace(args))
    if args.json:
        emit_json([s.model_dump() for s in found])
        return 0
    for s in found:
        counts = ", ".join(f"{n} {status}" for status, n in s.counts.items() if n)
        rate = "-" if s.reply_rate is None else f"{s.reply_rate:.0%}"
        out(
            f"{one_line(s.name, 30):<30} {s.template:<18} {s.created[:10]}  "
            f"replies {rate:>4}  {counts or 'empty'}"
        )
    out(f"{_s(len(found), 'campaign')}")
    return 0


def run_campaign_delete(args: argparse.Namespace) -> int:
    from handpicked.core import campaigns as core

    ws = workspace(args)
    info = core.campaign_info(ws, args.campaign)  # an unknown name: the error listing them
    (summary,) = [s for s in core.list_campaigns(ws) if s.name == info.name]
    counts = {status: n for status, n in summary.counts.items() if n}
    total = sum(counts.values())
    what = f"campaign {safe_text(info.name)!r} and its {_s(total, 'message')}"
    if not args.yes:
        if not (sys.stdin and sys.stdin.isatty()):
            raise CommandError(f"no terminal to confirm deleting {what}; add --yes to delete it")
        sent = counts.get("sent", 0) + counts.get("replied", 0)
        note = f" ({sent} sent: they stop counting as contact)" if sent else ""
        try:
            answer = input(f"Delete {what}{note}? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            out("Nothing deleted.")
            return 0
    core.delete_campaign(ws, info.name)
    if args.json:
        emit_json({"deleted": info.name, "messages": total, "counts": counts})
    else:
        out(f"Deleted {what}")
    return 0


def run_history(args: argparse.Namespace) -> int:
    from handpicked.core import campaigns as core

    entries = core.history(workspace(args), args.id)
    if args.json:
        emit_json(entries)
        return 0
    for e in entries:
        sent = f" sent {e['sent_at'][:10]}" if e["sent_at"] else ""
        replied = f" replied {e['replied_at'][:10]}" if e["replied_at"] else ""
        out(
            f"{e['queued_at'][:10]}  {one_line(e['campaign'], 24):<24} {e['status']:<8}"
            f"{sent}{replied}  {one_line(e['first_line'], 50)}"
        )
    out(f"{_s(len(entries), 'message')} to contact {args.id}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from handpicked.core.campaigns import export_campaign

    target = None if args.output in (None, Path("-")) else args.output
    fmt = args.format or _format_of(target)
    if fmt is None:  # a usage error (exit 2), found before the workspace is opened
        named = f"from {safe_text(str(target))!r}" if target else "for standard output"
        print(
            f"error: cannot tell the export format {named}; add --format "
            f"{' | '.join(EXPORT_FORMATS)}, or name the file "
            f"{', '.join('.' + f for f in EXPORT_FORMATS)}",
            file=sys.stderr,
        )
        return 2
    data = export_campaign(workspace(args), args.campaign, fmt, target, excel=args.excel)
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        out(f"Wrote {args.output} ({fmt}, {len(data):,} bytes)")
    return 0


def _format_of(target: Path | None) -> str | None:
    """The export format a file name asks for (`list.html` -> html), None when it says none."""
    ext = target.suffix.lower().removeprefix(".") if target else ""
    return ext if ext in EXPORT_FORMATS else None
