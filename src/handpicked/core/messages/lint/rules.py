"""Warnings on each message before it is queued: too long, an empty field, impersonal, a pitch.

The point of handpicked is twenty messages that each read as written for one person. The lint
says, message by message, what would give the opposite impression. It never blocks and is never
silent: every warning comes back with a code a script can filter on and a sentence a person reads.
Each warning comes from one rule, a function of the linter and the message; `RULES` is the list a
message goes through, and `identical_warnings` is the one rule that looks across a campaign.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from handpicked.core.config import Settings
from handpicked.core.messages.lint.pitch import PITCH_PHRASES, sales_pitch_phrases
from handpicked.core.messages.templates.files import (
    RenderedMessage,
    Template,
    contact_variables_used,
    lookup,
)
from handpicked.core.models import Reach

__all__ = [
    "HAND_EDIT_RULES", "LIMITS", "PITCH_PHRASES", "RULES", "LintWarning", "Linter", "Message",
    "body_too_long", "channel_limit", "empty_fields", "identical_warnings", "limits",
    "lint_campaign", "lint_hand_edit", "lint_message", "not_personal", "recently_contacted",
    "sales_pitch", "sales_pitch_phrases", "subject_too_long",
]  # fmt: skip

# Characters allowed per channel: a free LinkedIn account's connection note is 200 (Premium: 300,
# set through `limits`); an email has none.
LIMITS: dict[str, int | None] = {
    "connection-note": 200,
    "inmail-subject": 200,
    "inmail": 1900,
    "linkedin-message": 8000,
    "email": None,
}
_LIMIT_NAMES = {
    "connection-note": "a connection note",
    "inmail-subject": "an InMail subject",
    "inmail": "an InMail",
    "linkedin-message": "a LinkedIn message",
}


class LintWarning(BaseModel):
    """One thing that would make a message read as mass-mailed; `code` is stable for scripts."""

    code: str
    message: str


@dataclass(slots=True)
class Message:
    """One message as the rules read it: a slotted dataclass, as a campaign lints thousands."""

    subject: str | None
    body: str
    printed: set[str]  # the contact variables its template printed for this contact
    context: dict[str, Any]
    reached: Reach | None = None  # reached recently elsewhere: messaged, or queued


# ---------------------------------------------------------------------------------------------
# The rules: each gives its warnings on one message (none, mostly)


def subject_too_long(linter: Linter, message: Message) -> list[LintWarning]:
    limit, subject = linter.subject_limit, message.subject
    if limit is None or subject is None or len(subject) <= limit:
        return []
    return [_too_long(subject, "inmail-subject", limit, "subject: ")]


def body_too_long(linter: Linter, message: Message) -> list[LintWarning]:
    limit = linter.body_limit
    if limit is None or len(message.body) <= limit:
        return []
    return [_too_long(message.body, linter.channel, limit, "")]


def _too_long(text: str, limit_key: str, limit: int, what: str) -> LintWarning:
    name = _LIMIT_NAMES.get(limit_key, limit_key)
    message = f"{what}{len(text):,} characters; {name} allows {limit:,}"
    return LintWarning(code="too-long", message=message)


def empty_fields(linter: Linter, message: Message) -> list[LintWarning]:
    """A printed field that is empty leaves a hole in a sentence; one only tested does not."""
    warnings = []
    for name in sorted(message.printed):
        if _is_empty(lookup(message.context, name)):
            text = (
                f"{name} is empty for this contact, so the sentence around {{{{ {name} }}}} "
                "will read badly"
            )
            warnings.append(LintWarning(code="empty-field", message=text))
    return warnings


def _is_empty(value: Any) -> bool:
    if isinstance(value, str):
        return not value or value.isspace()
    return value is None or (isinstance(value, list | dict | tuple | set) and not value)


def not_personal(linter: Linter, message: Message) -> list[LintWarning]:
    if linter.personal:
        return []
    text = f"{linter.template.file_name} uses no contact variable: everyone gets the same message"
    return [LintWarning(code="not-personal", message=text)]


def sales_pitch(linter: Linter, message: Message) -> list[LintWarning]:
    subject, body = message.subject, message.body
    phrases = sales_pitch_phrases(body if subject is None else f"{subject}\n{body}")
    if not phrases:
        return []
    quoted = ", ".join(f'"{phrase}"' for phrase in phrases)
    return [LintWarning(code="sales-pitch", message=f"reads like cold selling: {quoted}")]


def recently_contacted(linter: Linter, message: Message) -> list[LintWarning]:
    """Says what happened (messaged N days ago, queued in campaign X), never just "contacted":
    a message only waiting elsewhere is a reason to look, not a contact that took place."""
    reached = message.reached
    if reached is None:
        return []
    return [LintWarning(code="recently-contacted", message=reached.describe())]


Rule = Callable[["Linter", Message], list[LintWarning]]

# What every message of a template goes through, in the order its warnings are listed.
RULES: tuple[Rule, ...] = (
    subject_too_long, body_too_long, empty_fields, not_personal, sales_pitch, recently_contacted,
)  # fmt: skip
# A hand-written text's wording is the user's own, so nothing is said about template variables.
HAND_EDIT_RULES: tuple[Rule, ...] = (
    subject_too_long, body_too_long, sales_pitch, recently_contacted,
)  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The linter: the rules, and what they need of the template worked out once


class Linter:
    """`lint_message` for one template and one set of limits, ready for a campaign's messages.

    What depends only on the template and the limits (the channel's caps, whether the template
    is personal at all) is worked out once, not once per message.
    """

    def __init__(
        self,
        template: Template,
        limits: dict[str, int | None] | None = None,
        rules: Sequence[Rule] = RULES,
    ) -> None:
        caps = LIMITS if limits is None else {**LIMITS, **limits}
        self.channel = template.channel
        self.body_limit = caps.get(template.channel)
        self.subject_limit = caps.get("inmail-subject") if template.channel == "inmail" else None
        self.template = template
        self.personal = bool(contact_variables_used(template))
        self.rules = tuple(rules)

    def __call__(
        self,
        rendered: RenderedMessage,
        context: dict[str, Any],
        reached: Reach | None = None,
    ) -> list[LintWarning]:
        return self.check(rendered.subject, rendered.body, rendered.printed, context, reached)

    def check(
        self,
        subject: str | None,
        body: str,
        printed: set[str],
        context: dict[str, Any],
        reached: Reach | None = None,
    ) -> list[LintWarning]:
        """The warnings on a message given as `templates.render_texts` returns it."""
        message = Message(subject, body, printed, context, reached)
        return [warning for rule in self.rules for warning in rule(self, message)]


def lint_message(
    *,
    template: Template,
    rendered: RenderedMessage,
    context: dict[str, Any],
    limits: dict[str, int | None] | None = None,
    reached: Reach | None = None,
) -> list[LintWarning]:
    """Everything worth a second look in one contact's message, in a stable order."""
    return Linter(template, limits)(rendered, context, reached)


def lint_hand_edit(
    *,
    channel: str,
    language: str,
    subject: str | None,
    body: str,
    context: dict[str, Any],
    limits: dict[str, int | None] | None = None,
    reached: Reach | None = None,
) -> list[LintWarning]:
    """Warnings on a text the user wrote: length, pitch, recency.

    Only its channel matters, not the template file, which may have changed or gone since the
    campaign was composed.
    """
    stand_in = Template(name="hand-edit", language=language or "en", channel=channel, body="")
    linter = Linter(stand_in, limits, HAND_EDIT_RULES)
    return linter.check(subject, body, set(), context, reached)


# ---------------------------------------------------------------------------------------------
# Across a campaign


def identical_warnings(texts: Sequence[str]) -> dict[int, list[LintWarning]]:
    """`lint_campaign` of texts given in a list, by position, for those with a warning only.

    The same text means the same once spacing is made uniform: a blank line more does not make a
    message personal. A text of spaces only is no message yet, and is not flagged.
    """
    by_text: dict[str, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        if spaced := " ".join(text.split()):
            by_text[spaced].append(index)
    found: dict[int, list[LintWarning]] = {}
    for indexes in by_text.values():
        if len(indexes) < 2:
            continue
        others = len(indexes) - 1
        message = (
            f"identical to {others} other message{'s' if others != 1 else ''} of this "
            "campaign; nothing in it is personal"
        )
        for index in indexes:
            found[index] = [LintWarning(code="not-personal", message=message)]
    return found


def lint_campaign(messages: list[tuple[Hashable, str]]) -> dict[Hashable, list[LintWarning]]:
    """Cross-message warnings: two people getting the very same text is not personal."""
    result: dict[Hashable, list[LintWarning]] = {key: [] for key, _ in messages}
    for index, warnings in identical_warnings([text for _, text in messages]).items():
        result[messages[index][0]] += warnings
    return result


def limits(settings: Settings) -> dict[str, int | None]:
    # settings.limits.connection_note -> lint's "connection-note", and so on
    return {key.replace("_", "-"): value for key, value in settings.limits.model_dump().items()}


def channel_limit(settings: Settings, channel: str) -> int | None:
    """The characters a channel's body allows (None: no limit), the user's settings first."""
    return {**LIMITS, **limits(settings)}.get(channel)
