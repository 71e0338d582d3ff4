"""What handpicked warns about in a message before it is queued.

Too long for its channel, a personal field left empty, words of a sales pitch, the same text as
another message: each is a warning, never a refusal, because the user decides. Each comes from
one rule, a function in `RULES` (`rules`); the phrases of a pitch are in `pitch`.
"""

from handpicked.core.messages.lint.pitch import PITCH_PHRASES, sales_pitch_phrases
from handpicked.core.messages.lint.rules import (
    LIMITS,
    RULES,
    Linter,
    LintWarning,
    channel_limit,
    identical_warnings,
    limits,
    lint_campaign,
    lint_hand_edit,
    lint_message,
)

__all__ = [
    "LIMITS",
    "PITCH_PHRASES",
    "RULES",
    "LintWarning",
    "Linter",
    "channel_limit",
    "identical_warnings",
    "limits",
    "lint_campaign",
    "lint_hand_edit",
    "lint_message",
    "sales_pitch_phrases",
]
