"""LinkedIn's messages and invitations stored as interactions: one transaction per file.

A message is stored once per person it concerns: from them (`received`), or to each of them
(`sent`); a conversation with several people is marked as a group's. Which side is the owner's
comes from `me.profile_url`, else the OUTGOING invitations, else the most frequent sender (that
one costs a second reading of the file, once: the URL is then kept in the settings). A URL that
names no contact is counted, never stored: the history is of the people in the workspace.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import IO

from handpicked.core import config
from handpicked.core.bulk import paused_gc
from handpicked.core.clock import now
from handpicked.core.contacts.importers.invitations import Invitation, read_invitations
from handpicked.core.contacts.importers.layouts import CANCELLED, never
from handpicked.core.contacts.importers.messages import (
    Message,
    Skipped,
    read_messages,
    split_urls,
)
from handpicked.core.contacts.merge.ingest import in_one_transaction
from handpicked.core.contacts.store.interactions import (
    detect_replies,
    has_messages,
    insert,
    mark_groups,
    profile_index,
)
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.reports import FileReport, RowIssue
from handpicked.core.text import profile_key

_BATCH = 5000
_ME = -1  # what `_People` answers for the owner's own URL


class _People:
    """Raw profile URL -> contact id, `_ME`, or None; each distinct URL normalised once."""

    def __init__(self, conn: sqlite3.Connection, me: str) -> None:
        self.index = profile_index(conn)
        self.me = profile_key(me) if me else ""
        self.seen: dict[str, int | None] = {}

    def __call__(self, url: str) -> int | None:
        try:
            return self.seen[url]
        except KeyError:
            key = profile_key(url)
            found = _ME if key and key == self.me else self.index.get(key)
            self.seen[url] = found
            return found


def owner_url(ws: Workspace) -> str:
    return config.load(ws).me.profile_url


def keep_owner(ws: Workspace, url: str) -> None:
    """Remember the owner's URL found in the archive, unless the user already set one."""
    if url and not owner_url(ws):
        config.set_value(ws, "me.profile_url", url)


def _stored(
    ws: Workspace,
    report: FileReport,
    dry_run: bool,
    cancelled: Callable[[], bool],
    fill: Callable[[sqlite3.Connection], None],
) -> FileReport:
    in_one_transaction(ws, report.path, fill, dry_run=dry_run, cancelled=cancelled)
    return report


def import_invitations(
    ws: Workspace,
    lines: Iterable[str],
    name: str,
    *,
    dry_run: bool = False,
    cancelled: Callable[[], bool] = never,
) -> tuple[FileReport, str]:
    """Store the invitations of people in the workspace; returns the report and the owner's
    URL as the OUTGOING invitations tell it ("" when none did)."""
    report = FileReport(path=name, format="invitations", unmatched=0)
    inviters: Counter[str] = Counter()

    def fill(conn: sqlite3.Connection) -> None:
        people = _People(conn, owner_url(ws))
        rows: list[tuple[object, ...]] = []
        for item in read_invitations(lines, name):
            if isinstance(item, Skipped):
                report.skipped.append(RowIssue(line=item.line, reason=item.reason))
                continue
            assert isinstance(item, Invitation)
            if item.outgoing:
                inviters[item.inviter_url] += 1
            who = people(item.invitee_url if item.outgoing else item.inviter_url)
            if who is None or who == _ME:
                report.unmatched = (report.unmatched or 0) + 1
                continue
            way = "sent" if item.outgoing else "received"
            rows.append((who, item.day, way, "invitation", "", 0, item.first_line))
        report.imported = insert(conn, rows)
        report.unchanged = len(rows) - report.imported

    _stored(ws, report, dry_run, cancelled, fill)
    owner = inviters.most_common(1)[0][0] if inviters else ""
    return report, owner


def most_frequent_sender(lines: Iterable[str], name: str) -> str:
    senders = Counter(item[1] for item in read_messages(lines, name) if type(item) is tuple)
    return senders.most_common(1)[0][0] if senders else ""


def import_messages(
    ws: Workspace,
    open_lines: Callable[[], IO[str]],
    name: str,
    *,
    owner: str = "",
    dry_run: bool = False,
    cancelled: Callable[[], bool] = never,
) -> FileReport:
    """Store the messages to and from people in the workspace, then detect replies.

    `open_lines` opens the file as text (called twice when no owner URL is known yet).
    """
    owner = owner or owner_url(ws)
    if not owner:
        with open_lines() as lines:
            owner = most_frequent_sender(lines, name)
        if not dry_run:
            keep_owner(ws, owner)
    report = FileReport(path=name, format="messages", unmatched=0, replies=0)

    def fill(conn: sqlite3.Connection) -> None:
        with open_lines() as lines, paused_gc():  # 200,000 rows held: no collector passes
            _messages(conn, _People(conn, owner), read_messages(lines, name), report, cancelled)
        report.replies = detect_replies(conn, now())

    return _stored(ws, report, dry_run, cancelled, fill)


def _messages(
    conn: sqlite3.Connection,
    people: _People,
    items: Iterable[Message | Skipped],
    report: FileReport,
    cancelled: Callable[[], bool],
) -> None:
    """Store the messages of people in the workspace, each once per person it concerns.

    The rows are inserted once all are read, sorted by person as the table's key is: 200,000
    rows in the file's order would touch index pages all over the database, three times slower.
    Which conversations are a group's is known then too, so each row is stored with its mark;
    only rows stored by an earlier import need marking afterwards (a scan of the table).
    """
    rows: list[tuple[object, ...]] = []
    first: dict[str, int] = {}  # conversation -> the first contact seen taking part
    groups: dict[str, set[int]] = {}  # conversation -> its contacts, once there are two
    unaddressed: list[Message] = []  # the owner's, without recipient URLs (2022's archives)
    unmatched = 0
    seen, resolve = people.seen, people
    for count, item in enumerate(items):
        if type(item) is not tuple:
            assert isinstance(item, Skipped)
            report.skipped.append(RowIssue(line=item.line, reason=item.reason))
            continue
        conversation, url, to, at, line_one = item
        who = seen[url] if url in seen else resolve(url)
        if who is None:
            unmatched += 1
        elif who != _ME:
            # Several recipients: the owner and someone else (a separator alone is not enough).
            several = ("," in to or ";" in to) and len(split_urls(to)) > 1
            rows.append((who, at, "received", "message", conversation, several, line_one))
            if first.setdefault(conversation, who) != who:
                groups.setdefault(conversation, {first[conversation]}).add(who)
        else:  # the owner's: one row per recipient in the workspace
            urls = split_urls(to)
            if not urls:
                unaddressed.append(item)
                continue
            several, reached = len(urls) > 1, False
            for address in urls:
                target = seen[address] if address in seen else resolve(address)
                if target is None or target == _ME:
                    continue
                reached = True
                rows.append((target, at, "sent", "message", conversation, several, line_one))
                if first.setdefault(conversation, target) != target:
                    groups.setdefault(conversation, {first[conversation]}).add(target)
            if not reached:
                unmatched += 1
        if count % _BATCH == 0 and cancelled():
            raise HandpickedError(f"{report.path}: {CANCELLED}")
    for conversation, _, _, at, line_one in unaddressed:  # to whoever wrote in that conversation
        if conversation not in first:
            unmatched += 1
            continue
        members = groups.get(conversation) or {first[conversation]}
        for target in sorted(members):
            rows.append((target, at, "sent", "message", conversation, False, line_one))
    earlier = has_messages(conn)
    if groups:
        rows = [row if row[4] not in groups else (*row[:5], True, row[6]) for row in rows]
    rows.sort(key=itemgetter(0))  # by person: a few rows per index page (stable, so in order)
    report.imported = insert(conn, rows)
    report.unchanged = len(rows) - report.imported
    report.unmatched = unmatched
    del rows
    if earlier:
        mark_groups(conn, groups)
