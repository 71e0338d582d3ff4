"""The one error type of the core.

Every failure a user can cause or fix (a bad file, an unknown name, a refused audience) is raised
as `HandpickedError` carrying the sentence the user should read: what is wrong, in plain words.
How to fix it often differs by face (a flag in the CLI, a key in the app), so the core never
writes either: it names the situation with a `Hint`, and each face adds its own sentence for it
(`commands.common.cli_message`, `HandpickedApp.show_error`). The CLI prints `error: ...` and
exits 1; the TUI shows it in a notification. Anything else that escapes is a bug.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Hint(StrEnum):
    """A situation whose remedy each face words its own way; `facts` fill in the details."""

    FIND_CONTACT = "find_contact"
    """An unknown contact id."""
    DO_NOT_CONTACT = "do_not_contact"
    """A person named for a campaign is on the do-not-contact list (facts: id)."""
    ALLOW_LARGE = "allow_large"
    """An audience above audience.max: the user may insist."""
    NAME_PEOPLE = "name_people"
    """Nobody matches the filters: widen them or name people."""
    INCLUDE_RECENT = "include_recent"
    """Everyone matched was left out, some as recently contacted."""
    NAME_TWO = "name_two"
    """An introduction needs exactly two people."""
    CAMPAIGN_NAME = "campaign_name"
    """A campaign without a name."""
    NEW_CAMPAIGN = "new_campaign"
    """An unknown campaign name (facts: name)."""
    CAMPAIGN_MEMBERS = "campaign_members"
    """A contact that is not in the campaign (facts: campaign)."""
    MISSING_VALUES = "missing_values"
    """A template value nobody gave (facts: key)."""
    VALUE_FOR_ALL = "value_for_all"
    """A per-language value for a language the template lacks (facts: key)."""
    SUBJECT = "subject"
    """Emails without a subject."""
    SMTP_SETTING = "smtp_setting"
    """A mail setting is missing or wrong (facts: key, example)."""
    PASSWORD = "password"
    """The mail server refused the stored password."""
    NAME_COLUMN = "name_column"
    """An import file without a name column (facts: example, a column of the file)."""
    NO_MAPPING = "no_mapping"
    """A column mapping given for a file that has no columns."""
    COMPANY_NAME = "company_name"
    """A sector set for an empty company name."""
    EXCEL = "excel"
    """Excel-friendly output asked for a format other than CSV."""
    WORKSPACE = "workspace"
    """The workspace folder cannot be created."""
    RETRY_FAILED = "retry_failed"
    """A message that failed in an earlier send goes again once queued (facts: campaign, id)."""
    CHECK_SENT = "check_sent"
    """A message left `sending` may have arrived: the user checks, then marks it (facts:
    campaign, id)."""


class HandpickedError(Exception):
    """A failure the user can understand and act on; `str(err)` is the message to show.

    `hint` names the situation when the remedy depends on the face; `facts` are the values its
    sentence needs (an id, a campaign name), kept apart so each face can quote them its own way.
    """

    def __init__(self, message: str, *, hint: Hint | None = None, **facts: object) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.facts = facts

    def __str__(self) -> str:
        return self.message


def with_hint(message: str, hints: dict[Hint, str], err: HandpickedError) -> str:
    """`message` followed by a face's sentence for the error's situation, if it has one."""
    return add_hint(message, hints, err.hint, err.facts)


def add_hint(
    message: str, hints: dict[Hint, str], hint: Hint | None, facts: Mapping[str, object]
) -> str:
    """`message` followed by a face's sentence for `hint`, if it has one: for errors, and for
    reports whose lines name a situation too (why a message was not sent)."""
    if hint is None or not hints.get(hint):  # "" where a face has nothing to add
        return message
    try:
        sentence = hints[hint].format(**facts)
    except (KeyError, IndexError):  # a raise site that forgot a fact: the message alone
        return message
    return f"{message}; {sentence}"
