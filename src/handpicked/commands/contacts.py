"""Looking at and correcting the network: contacts, facets, contact, tag, sector, dnc."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from handpicked.commands import duplicates, keep_in_touch
from handpicked.commands.common import (
    add_json,
    count_arg,
    date_arg,
    emit_json,
    key_value,
    one_line,
    out,
    workspace,
)
from handpicked.commands.filtering import add_filter_args, filter_from_args
from handpicked.core import contacts as core
from handpicked.core.text import safe_text

if TYPE_CHECKING:  # the models load pydantic, which `facets` never needs
    from handpicked.core.models import Contact


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("contacts", help="list contacts (filters, search, keep-in-touch)")
    add_filter_args(p)
    p.add_argument("--limit", type=count_arg, metavar="N", help="show at most N contacts")
    keep_in_touch.add_overdue(p)
    add_json(p)
    p.set_defaults(handler=run_contacts)
    duplicates.register(p)  # contacts duplicates, contacts merge

    f = sub.add_parser("facets", help="counts per sector, function, seniority and tag")
    add_filter_args(f)
    add_json(f)
    f.set_defaults(handler=run_facets)

    c = sub.add_parser("contact", help="show, correct, annotate or forget one contact")
    csub = c.add_subparsers(dest="contact_command", metavar="ACTION", required=True)
    show = csub.add_parser("show", help="everything about one contact, and why it is classified so")
    show.add_argument("id", type=int)
    add_json(show)
    show.set_defaults(handler=run_show)
    st = csub.add_parser("set", help="set values by hand (they survive every re-import)")
    st.add_argument("id", type=int)
    st.add_argument("--function", metavar="F")
    st.add_argument("--seniority", metavar="L")
    st.add_argument("--sector", metavar="S")
    st.add_argument("--language", choices=["fr", "en"])
    st.add_argument("--greeting-name", metavar="NAME")
    st.add_argument(
        "--field",
        action="append",
        type=key_value,
        default=[],
        metavar="KEY=VALUE",
        help="a custom field templates read as fields.KEY (empty VALUE removes it)",
    )
    keep_in_touch.add_cadence(st)
    add_json(st)
    st.set_defaults(handler=run_set)
    note = csub.add_parser("note", help="set the contact's note (where you met them)")
    note.add_argument("id", type=int)
    note.add_argument("text")
    note.set_defaults(handler=run_note)
    fg = csub.add_parser("forget", help="erase a contact and everything about them")
    fg.add_argument("id", type=int)
    fg.set_defaults(handler=run_forget)
    t = csub.add_parser("touched", help="log a contact made outside the app (coffee, call)")
    t.add_argument("id", type=int)
    t.add_argument("--date", type=date_arg, metavar="D")
    t.add_argument("--note", default="", metavar="TEXT")
    t.set_defaults(handler=run_touched)
    keep_in_touch.register_snooze(csub)

    tg = sub.add_parser("tag", help="add or remove a tag on contacts")
    tsub = tg.add_subparsers(dest="tag_command", metavar="ACTION", required=True)
    for action in ("add", "remove"):
        a = tsub.add_parser(action)
        a.add_argument("tag")
        a.add_argument("ids", type=int, nargs="+", metavar="ID")
        a.set_defaults(handler=run_tag, remove=action == "remove")
    keep_in_touch.register_tag_cadence(tsub)

    s = sub.add_parser("sector", help="assign sectors per company")
    ssub = s.add_subparsers(dest="sector_command", metavar="ACTION", required=True)
    ss = ssub.add_parser("set", help="give COMPANY's contacts, present and future, a sector")
    ss.add_argument("company")
    ss.add_argument("sector", help='a sector name (English or French), or "" to unassign')
    ss.set_defaults(handler=run_sector_set)
    su = ssub.add_parser("unassigned", help="companies without a sector, most contacts first")
    su.add_argument("--limit", type=count_arg, metavar="N", help="show at most N companies")
    add_json(su)
    su.set_defaults(handler=run_unassigned)
    sl = ssub.add_parser("list", help="your company assignments")
    add_json(sl)
    sl.set_defaults(handler=run_sector_list)

    rc = sub.add_parser(
        "reclassify", help="classify every contact again (after editing WORKSPACE/rules.toml)"
    )
    rc.set_defaults(handler=run_reclassify)

    d = sub.add_parser("dnc", help="the do-not-contact list (never in an audience, never sent to)")
    dsub = d.add_subparsers(dest="dnc_command", metavar="ACTION", required=True)
    for action in ("add", "remove"):
        a = dsub.add_parser(action)
        a.add_argument("ids", type=int, nargs="+", metavar="ID")
        a.set_defaults(handler=run_dnc, value=action == "add")
    dl = dsub.add_parser("list")
    add_json(dl)
    dl.set_defaults(handler=run_dnc_list)


def contact_json(contact: Contact) -> dict:
    data = contact.model_dump(mode="json")
    data["full_name"] = contact.full_name
    return data


def contact_line(c: Contact | core.ContactLine) -> str:
    name = one_line(c.full_name or "(no name)", 28)
    role = one_line(" at ".join(x for x in (c.position, c.company) if x), 60)
    return f"{c.id:>6}  {name:<28}  {role}"


def run_contacts(args: argparse.Namespace) -> int:
    ws = workspace(args)
    f = filter_from_args(args)
    if args.overdue:
        return keep_in_touch.run_overdue(args, f)
    kit = bool(f.not_contacted_days)
    if args.json:
        found = core.list_contacts(ws, f, limit=args.limit, keep_in_touch=kit)
        emit_json([contact_json(c) for c in found])
        return 0
    lines = core.contact_lines(ws, f, limit=args.limit, keep_in_touch=kit)  # no Contact models
    for line in lines:
        out(contact_line(line))
    out(f"{len(lines)} contact{'s' if len(lines) != 1 else ''}")
    return 0


def run_facets(args: argparse.Namespace) -> int:
    counts = core.facets(workspace(args), filter_from_args(args))
    if args.json:
        emit_json(counts)
        return 0
    shown = {kind: values for kind, values in counts.items() if values}
    for kind, values in shown.items():  # a bare heading reads like a bug
        out(f"{kind}:")
        for name, n in values.items():
            out(f"  {n:>6}  {one_line(name, 70)}")
    if not shown:
        out("No contacts match.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    ws = workspace(args)
    contact = core.get_contact(ws, args.id)
    why = core.explain(ws, args.id)
    if args.json:
        emit_json(contact_json(contact) | {"why": why})
        return 0
    # Every stored value is hostile: a newline in a name must not forge a line of its own.
    name, greeting = safe_text(contact.full_name), safe_text(contact.greeting_name)
    out(f"{name} (id {contact.id}), greeted as {greeting!r}")
    for label, value in (
        ("position", contact.position),
        ("company", contact.company),
        ("email", contact.email),
        ("profile", contact.profile_url),
        ("connected", contact.connected_on),
        ("language", contact.language),
        ("last contacted", contact.last_contacted),
        ("last heard from", contact.last_heard_from),
    ):
        out(f"  {label:<15} {one_line(str(value or '-'), 80)}")
    counts = contact.interactions  # from LinkedIn's archive: messages and invitations
    if counts.sent or counts.received:
        out(f"  {'messages':<15} {counts.sent} sent, {counts.received} received")
    for label, value, source, reason in (
        ("sector", contact.sector, contact.sector_source, why["sector"]),
        ("function", contact.function, contact.function_source, ""),
        ("seniority", contact.seniority, contact.seniority_source, why["role"]),
    ):
        out(f"  {label:<15} {safe_text(f'{value} [{source}] {reason}')}")
    if contact.tags:
        out(f"  {'tags':<15} {safe_text(', '.join(contact.tags))}")
    for key, value in contact.fields.items():
        out(f"  fields.{safe_text(key):<8} {one_line(value, 70)}")
    if contact.notes:
        out(f"  {'note':<15} {one_line(contact.notes, 80)}")
    for prev in contact.previous_positions:
        out(
            f"  previously     {one_line(prev.position, 40)} at {one_line(prev.company, 30)}"
            f" (until {prev.until or '?'})"
        )
    if contact.do_not_contact:
        out("  on the do-not-contact list")
    return 0


def run_set(args: argparse.Namespace) -> int:
    ws = workspace(args)
    corrections = {
        "function": args.function,
        "seniority": args.seniority,
        "sector": args.sector,
        "language": args.language,
        "greeting_name": args.greeting_name,
    }
    contact = None
    if args.cadence is None or args.field or any(v is not None for v in corrections.values()):
        contact = core.set_contact(ws, args.id, **corrections, fields=dict(args.field) or None)
    # After the corrections: a refused one leaves the cadence as it was too.
    standing = None if args.cadence is None else core.set_cadence(ws, args.id, args.cadence or None)
    if args.json:
        kit = standing.as_json() if standing else {}
        emit_json(contact_json(contact or core.get_contact(ws, args.id)) | kit)
        return 0
    if standing:
        keep_in_touch.show_cadence(standing)
    if contact:
        out(
            f"{safe_text(contact.full_name)}: {contact.sector} / {contact.function} / "
            f"{contact.seniority} / {contact.language}, greeted as "
            f"{safe_text(contact.greeting_name)!r}"
        )
    return 0


def run_note(args: argparse.Namespace) -> int:
    core.set_note(workspace(args), args.id, args.text)
    out(f"note saved for contact {args.id}")
    return 0


def run_forget(args: argparse.Namespace) -> int:
    contact = core.forget(workspace(args), args.id)
    out(f"forgot {safe_text(contact.full_name)} (id {contact.id}) and everything about them")
    return 0


def run_touched(args: argparse.Namespace) -> int:
    core.touched(workspace(args), args.id, args.date, args.note)
    out(f"logged a contact with {args.id}")
    return 0


def run_tag(args: argparse.Namespace) -> int:
    changed = core.tag(workspace(args), args.tag, args.ids, remove=args.remove)
    verb = "removed from" if args.remove else "added to"
    out(f"tag {args.tag!r} {verb} {changed} contact{'s' if changed != 1 else ''}")
    return 0


def run_sector_set(args: argparse.Namespace) -> int:
    sector, n = core.set_company_sector(workspace(args), args.company, args.sector)
    if sector:
        out(f"{args.company}: {sector} ({n} contact{'s' if n != 1 else ''})")
    else:
        out(f"{args.company}: assignment removed ({n} contacts reclassified)")
    return 0


def run_unassigned(args: argparse.Namespace) -> int:
    rows = core.unassigned(workspace(args), args.limit)
    if args.json:
        emit_json([{"company": r.company, "contacts": r.contacts} for r in rows])
        return 0
    for row in rows:
        out(f"{row.contacts:>6}  {one_line(row.company, 70)}")
    out(
        f"{len(rows)} companies without a sector;"
        " assign one with: handpicked sector set COMPANY SECTOR"
    )
    return 0


def run_sector_list(args: argparse.Namespace) -> int:
    rows = core.company_sectors(workspace(args))
    if args.json:
        emit_json([r.model_dump() for r in rows])
        return 0
    for row in rows:
        out(f"{row.contacts:>6}  {one_line(row.company, 40):<40}  {row.sector}")
    return 0


def run_reclassify(args: argparse.Namespace) -> int:
    ws = workspace(args)
    count = core.reclassify(ws)
    rules = ws.rules_path
    source = f"the shipped rules and {rules}" if rules.exists() else "the shipped rules"
    out(f"{count} contacts classified again with {source}")
    return 0


def run_dnc(args: argparse.Namespace) -> int:
    core.set_do_not_contact(workspace(args), args.ids, args.value)
    where = "on" if args.value else "off"
    out(
        f"{len(args.ids)} contact{'s' if len(args.ids) != 1 else ''}"
        f" {where} the do-not-contact list"
    )
    return 0


def run_dnc_list(args: argparse.Namespace) -> int:
    found = core.do_not_contact(workspace(args))
    if args.json:
        emit_json([contact_json(c) for c in found])
        return 0
    for contact in found:
        out(contact_line(contact))
    out(f"{len(found)} on the do-not-contact list")
    return 0
