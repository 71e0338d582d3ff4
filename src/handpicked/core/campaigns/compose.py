"""Composing a campaign: one rendered, linted message per person, stored in one transaction.

A campaign is a template, its campaign values (`--var`), and the messages it produced, each
kept as text: once queued, a message no longer depends on the template file, so editing the
file (or one message by hand) never silently changes what a person is about to receive.
`rerender` is the explicit way to apply new values, and it leaves hand-edited messages alone.
Reading the queue and marking what happened live in `store`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel

from handpicked.core.bulk import paused_gc
from handpicked.core.campaigns.store.queueing import (
    Rerendered,
    add_campaign,
    add_messages,
    rewrite_messages,
    set_variables,
)
from handpicked.core.campaigns.store.reading import (
    MessageView,
    find_campaign,
    get_campaign,
    members,
    recency_days,
    rerenderable,
)
from handpicked.core.campaigns.store.warnings import (
    count_warnings,
    dump_warnings,
    relint_campaign,
)
from handpicked.core.clock import now
from handpicked.core.contacts.audience import (
    Audience,
    LeftOut,
    check_size,
    left_out_summary,
    recent_reach,
    rule_days,
    select_audience,
)
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.store import get_contacts
from handpicked.core.db import Workspace, transaction
from handpicked.core.errors import HandpickedError, Hint
from handpicked.core.messages.lint.rules import LintWarning, identical_warnings
from handpicked.core.messages.writer import MessageWriter
from handpicked.core.models import Contact, Reach
from handpicked.core.text import clean


class ComposeReport(BaseModel):
    campaign: str
    added: int
    """Messages queued (for `rerender`: messages rendered again)."""
    already_in: int
    """People of the audience already in the campaign (for `rerender`: messages left alone)."""
    left_out: dict[str, int]
    """reason -> how many the rules left out: messaged, queued (elsewhere), do_not_contact."""
    left_out_people: list[LeftOut] = []
    """Each of them and why, in name order."""
    warnings: int
    """Warnings on the messages added (or rendered again)."""


def _others(contacts: Sequence[Contact]) -> dict[int, Contact | None]:
    """For an introduction of two people, each one's other; None for everyone otherwise."""
    if len(contacts) == 2:
        a, b = contacts
        return {a.id: b, b.id: a}
    return {c.id: None for c in contacts}


def _empty_audience(audience: Audience, days: int | None) -> HandpickedError:
    matched, left_out = audience.matched, audience.left_out
    if not matched:
        return HandpickedError("nobody matches these filters", hint=Hint.NAME_PEOPLE)
    reasons = left_out_summary(audience.left_out_people, days)
    recent = left_out["messaged"] or left_out["queued"]
    return HandpickedError(
        f"nobody left to write to: {matched} matched, all left out ({reasons})",
        hint=Hint.INCLUDE_RECENT if recent else Hint.NAME_PEOPLE,
    )


@paused_gc()
def compose(
    ws: Workspace,
    name: str,
    *,
    template: str,
    variables: dict[str, str],
    f: AudienceFilter | None,
    contact_ids: Sequence[int] = (),
    picked: Sequence[int] | None = None,
    allow_large: bool = False,
) -> ComposeReport:
    """Render one message per new audience member and queue them all in one transaction.

    Composing into an existing campaign adds only the people not in it yet (same template
    required; new values are merged over the stored ones). Nothing is stored when anything is
    refused: a missing value, an unknown template, an audience too large or empty. The
    audience is `select_audience`'s, the app's picked people and the CLI's filter alike.
    """
    name = clean(name)
    if not name:
        raise HandpickedError("a campaign needs a name", hint=Hint.CAMPAIGN_NAME)
    conn = ws.conn
    existing = find_campaign(conn, name)
    merged = dict(variables)
    if existing is not None:
        if existing.template != template:
            raise HandpickedError(
                f"campaign {name!r} uses template {existing.template}; compose into it with "
                f"template {existing.template}, or choose another campaign name"
            )
        merged = {**existing.variables, **variables}
    writer = MessageWriter(ws, template, merged, given=variables)
    audience = select_audience(ws, f, contact_ids, picked=picked, campaign=name)
    days = rule_days(ws, f)
    if not audience.contacts:
        raise _empty_audience(audience, days)
    in_campaign: dict[int, int] = {}
    if existing is not None:
        in_campaign = members(conn, existing.id)
    new = [c for c in audience.contacts if c.id not in in_campaign]
    others: dict[int, Contact | None] = {c.id: None for c in new}
    if writer.introduces:
        people = get_contacts(ws, list(in_campaign)) + new
        if len(people) != 2:
            raise HandpickedError(
                f"template {template} introduces exactly two people to each other, and this "
                f"campaign would have {len(people)}",
                hint=Hint.NAME_TWO,
            )
        others = _others(people)
    check_size(ws, len(new), len(in_campaign), allow_large=allow_large)
    drafts = [writer.write(c, others[c.id], audience.recent.get(c.id)) for c in new]
    # A new campaign's cross-message warnings come from memory; an existing one is relinted
    # from the database once the new messages are in.
    cross = {}
    if existing is None:
        cross = identical_warnings([body for _, _, body, _ in drafts])
    stamp = now()
    rows = [
        (contact.id, language, subject, body, dump_warnings(warnings, cross.get(i, ())),
         stamp, stamp)
        for i, (contact, (language, subject, body, warnings)) in enumerate(
            zip(new, drafts, strict=True))
    ]  # fmt: skip
    stored = {
        "filter": (f or AudienceFilter(not_contacted_days=days)).model_dump(
            mode="json", exclude_defaults=True
        ),
        "contacts": [int(i) for i in contact_ids],
        **({} if picked is None else {"picked": [int(i) for i in picked]}),
    }
    with transaction(conn):
        if existing is None:
            campaign_id = add_campaign(
                conn, name, template, writer.default.channel, merged, stored, stamp
            )
        else:
            campaign_id = existing.id
            set_variables(conn, campaign_id, merged)
        added = add_messages(conn, campaign_id, rows)
        if existing is not None:
            relint_campaign(conn, campaign_id)
    if existing is None:
        warnings = sum(len(d[3]) for d in drafts) + sum(map(len, cross.values()))
    else:
        warnings = count_warnings(conn, added)
    return ComposeReport(
        campaign=name,
        added=len(new),
        already_in=len(audience.contacts) - len(new),
        left_out=audience.left_out,
        left_out_people=audience.left_out_people,
        warnings=warnings,
    )


@paused_gc()
def rerender(ws: Workspace, name: str, variables: dict[str, str]) -> ComposeReport:
    """Render the campaign's queued messages again with new values, leaving hand edits alone."""
    conn = ws.conn
    campaign = get_campaign(conn, name)
    merged = {**campaign.variables, **variables}
    writer = MessageWriter(ws, campaign.template, merged, given=variables)
    everyone = members(conn, campaign.id)
    targets = rerenderable(conn, campaign.id)
    contacts = get_contacts(ws, list(targets))
    others: dict[int, Contact | None] = {c.id: None for c in contacts}
    if writer.introduces:
        others = _others(get_contacts(ws, list(everyone)))
    recent = recent_reach(ws, list(targets), recency_days(campaign), campaign_id=campaign.id)
    updates: list[Rerendered] = []
    for contact in contacts:
        language, subject, body, warnings = writer.write(
            contact, others.get(contact.id), recent.get(contact.id)
        )
        updates.append((language, subject, body, dump_warnings(warnings), targets[contact.id]))
    with transaction(conn):
        set_variables(conn, campaign.id, merged)
        rewrite_messages(conn, updates)
        relint_campaign(conn, campaign.id)
    return ComposeReport(
        campaign=campaign.name,
        added=len(updates),
        already_in=len(everyone) - len(updates),
        left_out={"messaged": 0, "queued": 0, "do_not_contact": 0},
        warnings=count_warnings(conn, list(targets.values())),
    )


@paused_gc()
def draft(
    ws: Workspace,
    template: str,
    variables: dict[str, str],
    contacts: list[Contact],
    recent: dict[int, Reach] | None = None,
    edits: Mapping[int, tuple[str, str | None]] | None = None,
) -> list[MessageView]:
    """Render and lint messages without storing anything: the TUI's live preview.

    `edits` holds the user's own (body, subject) for some contacts, subject None to keep the
    template's: those messages are shown as written, flagged edited, and linted as they will be
    once queued, so nobody queues a hand edit that is too long or reads like a pitch.
    """
    writer = MessageWriter(ws, template, dict(variables))
    if writer.introduces and len(contacts) != 2:
        raise HandpickedError(
            f"template {template} introduces exactly two people to each other; pick two "
            f"(you have {len(contacts)})"
        )
    others = _others(contacts) if writer.introduces else {c.id: None for c in contacts}
    recent = recent or {}
    write = writer.write
    drafts = [write(c, others[c.id], recent.get(c.id)) for c in contacts]
    edited: set[int] = set()
    if edits:
        for i, contact in enumerate(contacts):
            if contact.id in edits:
                drafts[i] = writer.hand_edit(contact, drafts[i], *edits[contact.id], recent)
                edited.add(i)
    for i, warnings in identical_warnings([body for _, _, body, _ in drafts]).items():
        drafts[i][3].extend(warnings)
    return [
        _drafted(contact, *parts, i in edited)
        for i, (contact, parts) in enumerate(zip(contacts, drafts, strict=True))
    ]


_VIEW_FIELDS = frozenset(MessageView.model_fields)
_new_object = object.__new__
_set = object.__setattr__


def _drafted(
    contact: Contact,
    language: str,
    subject: str | None,
    body: str,
    warnings: list[LintWarning],
    edited: bool = False,
) -> MessageView:
    """An unsaved message's view, built from values of its fields' types: not validated again.

    This is `MessageView.model_construct` given every field, minus its walk over the fields (for
    aliases and defaults a view does not have), which makes it slower than validating; and
    validating values taken from a validated Contact, the renderer and the lint cost as much
    as rendering them. A unit test holds it equal to the validated view.
    """
    view = _new_object(MessageView)
    _set(view, "__dict__", {
        "message_id": 0, "contact_id": contact.id, "name": contact.full_name,
        "profile_url": contact.profile_url, "email": contact.email, "language": language,
        "subject": subject, "body": body, "edited": edited, "warnings": warnings,
        "status": "draft", "status_at": "", "sent_at": None, "error": "",
    })  # fmt: skip
    _set(view, "__pydantic_fields_set__", set(_VIEW_FIELDS))
    _set(view, "__pydantic_extra__", None)
    _set(view, "__pydantic_private__", None)
    return view
