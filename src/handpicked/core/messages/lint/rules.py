"""Warnings on each message before it is queued: too long, an empty field, impersonal, a pitch.

The point of handpicked is twenty messages that each read as written for one person. The lint
says, message by message, what would give the opposite impression. It never blocks and is never
silent: every warning comes back with a code a script can filter on and a sentence a person reads.
"""

from __future__ import annotations

import codecs
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
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

__all__ = [
    "LIMITS", "PITCH_PHRASES", "LintWarning", "Linter", "identical_warnings", "lint_campaign",
    "lint_hand_edit", "lint_message", "sales_pitch_phrases",
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


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value or value.isspace()
    if isinstance(value, list | dict | tuple | set):
        return not value
    return False


def _too_long(text: str, limit_key: str, limit: int, what: str) -> LintWarning:
    name = _LIMIT_NAMES.get(limit_key, limit_key)
    message = f"{what}{len(text):,} characters; {name} allows {limit:,}"
    return LintWarning(code="too-long", message=message)


class Linter:
    """`lint_message` for one template and one set of limits, ready for a campaign's messages.

    What depends only on the template and the limits (the channel's caps, whether the template
    is personal at all) is worked out once, not once per message.
    """

    def __init__(self, template: Template, limits: dict[str, int | None] | None = None) -> None:
        caps = LIMITS if limits is None else {**LIMITS, **limits}
        self.channel = template.channel
        self.body_limit = caps.get(template.channel)
        self.subject_limit = caps.get("inmail-subject") if template.channel == "inmail" else None
        self.template = template
        self.personal = bool(contact_variables_used(template))

    def __call__(
        self,
        rendered: RenderedMessage,
        context: dict[str, Any],
        recently_contacted_days: int | None = None,
    ) -> list[LintWarning]:
        return self.check(
            rendered.subject, rendered.body, rendered.printed, context, recently_contacted_days
        )

    def check(
        self,
        subject: str | None,
        body: str,
        printed: set[str],
        context: dict[str, Any],
        recently_contacted_days: int | None = None,
    ) -> list[LintWarning]:
        """The warnings on a message given as `templates.render_texts` returns it."""
        warnings: list[LintWarning] = []
        limit = self.subject_limit
        if limit is not None and subject is not None and len(subject) > limit:
            warnings.append(_too_long(subject, "inmail-subject", limit, "subject: "))
        limit = self.body_limit
        if limit is not None and len(body) > limit:
            warnings.append(_too_long(body, self.channel, limit, ""))
        if printed:
            for name in sorted(printed):
                value = context.get(name) if "." not in name else lookup(context, name)
                if (value.isspace() or not value) if type(value) is str else _is_empty(value):
                    message = (
                        f"{name} is empty for this contact, so the sentence around "
                        f"{{{{ {name} }}}} will read badly"
                    )
                    warnings.append(LintWarning(code="empty-field", message=message))
        if not self.personal:
            name = self.template.file_name
            message = f"{name} uses no contact variable: everyone gets the same message"
            warnings.append(LintWarning(code="not-personal", message=message))
        phrases = sales_pitch_phrases(body if subject is None else f"{subject}\n{body}")
        if phrases:
            quoted = ", ".join(f'"{phrase}"' for phrase in phrases)
            message = f"reads like cold selling: {quoted}"
            warnings.append(LintWarning(code="sales-pitch", message=message))
        if recently_contacted_days is not None:
            days = recently_contacted_days
            when = "today" if days <= 0 else f"{days} day{'s' if days != 1 else ''} ago"
            message = f"last contacted {when}"
            warnings.append(LintWarning(code="recently-contacted", message=message))
        return warnings


def lint_message(
    *,
    template: Template,
    rendered: RenderedMessage,
    context: dict[str, Any],
    limits: dict[str, int | None] | None = None,
    recently_contacted_days: int | None = None,
) -> list[LintWarning]:
    """Everything worth a second look in one contact's message, in a stable order."""
    return Linter(template, limits)(rendered, context, recently_contacted_days)


def lint_hand_edit(
    *,
    channel: str,
    language: str,
    subject: str | None,
    body: str,
    context: dict[str, Any],
    limits: dict[str, int | None] | None = None,
    recently_contacted_days: int | None = None,
) -> list[LintWarning]:
    """Warnings on a text the user wrote: length, pitch, recency.

    Its wording is the user's own, so nothing is said about template variables (no empty
    field, no "uses no contact variable"); only its channel matters, not the template file,
    which may have changed or gone since the campaign was composed.
    """
    stand_in = Template(
        name="hand-edit", language=language or "en", channel=channel, body="{{ greeting_name }}"
    )
    rendered = RenderedMessage(subject=subject, body=body, printed=set())
    warnings = Linter(stand_in, limits)(rendered, context, recently_contacted_days)
    return [w for w in warnings if w.code != "not-personal"]


# Every byte of what str.split() splits on, as _skeleton writes it: the ASCII spaces, \x85 and
# \xa0 in Latin-1, \u1680, \u2000-\u200a, \u2028, \u2029, \u202f, \u205f and \u3000 in UTF-8.
_SPACE_BYTES = bytes({
    *b" \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", *range(0x80, 0x8B),
    *b"\x9a\x9f\xa0\xa8\xa9\xaf\xc2\xe1\xe2\xe3",
})  # fmt: skip
_AS_UTF8 = "handpicked.lint.utf8"


def _as_utf8(error: UnicodeError) -> tuple[bytes, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return error.object[error.start : error.end].encode("utf-8", "surrogatepass"), error.end


codecs.register_error(_AS_UTF8, _as_utf8)


def _skeleton(text: str) -> bytes:
    """A key equal for texts equal but for spacing: the text without any byte a space uses.

    Each character is written as one Latin-1 byte, or as its UTF-8 bytes beyond Latin-1 (the
    error handler's): the Latin-1 codec copies a Western text as it is, where UTF-8 would
    re-encode each accented letter. Other characters lose some bytes too (é and è become one),
    so texts with one skeleton are only candidates, compared exactly afterwards; but it takes
    one encode and one bytes.translate.
    """
    return text.encode("latin-1", _AS_UTF8).translate(None, _SPACE_BYTES)


def identical_warnings(texts: Sequence[str]) -> dict[int, list[LintWarning]]:
    """`lint_campaign` of texts given in a list, by position, for those with a warning only.

    The same text means the same once spacing is made uniform (" ".join(text.split())). Doing
    that to 30,000 messages cost more than all the rest of their lint, so messages are first
    keyed by their text without whitespace (bytes.translate does that in one pass), and only
    messages sharing a key, which a personal campaign seldom has, are compared with uniform
    spacing.
    """
    skeletons = [_skeleton(text) for text in texts]
    counts = Counter(skeletons)
    if len(counts) == len(skeletons):
        return {}
    by_text: dict[str, list[int]] = defaultdict(list)
    for index, skeleton in enumerate(skeletons):
        if skeleton and counts[skeleton] > 1:
            by_text[" ".join(texts[index].split())].append(index)
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
