"""Warnings on each message before it is queued: too long, an empty field, impersonal, a pitch.

The point of handpicked is twenty messages that each read as written for one person. The lint
says, message by message, what would give the opposite impression. It never blocks and is never
silent: every warning comes back with a code a script can filter on and a sentence a person reads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable
from typing import Any

from pydantic import BaseModel

from handpicked.core.templates import RenderedMessage, Template, contact_variables_used, lookup
from handpicked.core.text import fold

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

# Phrases of cold selling, never single words: "promotion" or "offre" alone are everyday words
# ("Congratulations on your promotion"), the multi-word phrases are what a prospecting script says.
PITCH_PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        "limited time offer", "for a limited time", "book a demo", "request a demo",
        "schedule a demo", "free demo", "special discount", "special offer", "exclusive offer",
        "exclusive deal", "act now", "buy now", "order now", "sign up today", "free trial",
        "risk-free", "no obligation", "money-back guarantee", "schedule a call with our sales",
        "our sales team", "our product", "our solution", "our platform helps",
        "increase your revenue", "grow your revenue", "boost your sales", "increase your sales",
        "generate more leads", "lowest price", "best price", "promo code", "discount code",
        "don't miss out", "while supplies last", "click here", "free consultation",
        "once-in-a-lifetime opportunity",
    ),
    "fr": (
        "offre spéciale", "offre exclusive", "offre limitée", "offre à durée limitée",
        "offre promotionnelle", "promotion exclusive", "pour un temps limité", "achetez maintenant",
        "commandez maintenant", "prix réduit", "meilleur prix", "prix imbattable",
        "réservez une démo", "demandez une démo", "démo gratuite", "rabais exclusif",
        "essai gratuit", "consultation gratuite", "soumission gratuite", "sans engagement",
        "satisfait ou remboursé", "notre solution", "notre produit", "notre plateforme",
        "notre équipe des ventes", "augmentez vos ventes", "augmentez votre chiffre d'affaires",
        "augmenter vos revenus", "générez plus de leads", "code promo", "code de réduction",
        "ne manquez pas cette occasion", "n'attendez plus", "inscrivez-vous dès aujourd'hui",
        "jusqu'à épuisement des stocks", "cliquez ici", "profitez de cette offre",
    ),
}  # fmt: skip


def _phrase_pattern(folded: str) -> str:
    """A folded phrase as a regex: spaces or dashes between words, either kind of apostrophe."""
    parts = [re.escape(word) for word in re.split(r"[ \-]+", folded)]
    return r"[ \-]".join(parts).replace("'", "['’]")


def _key(text: str) -> str:
    return re.sub(r"[ \-]+", " ", text.replace("’", "'"))


_PHRASES = {_key(fold(p)): p for language in PITCH_PHRASES.values() for p in language}
_PITCH = re.compile(
    r"(?<![0-9a-z])(?:"
    + "|".join(_phrase_pattern(p) for p in sorted(_PHRASES, key=len, reverse=True))
    + r")(?![0-9a-z])"
)


class LintWarning(BaseModel):
    """One thing that would make a message read as mass-mailed; `code` is stable for scripts."""

    code: str
    message: str


def sales_pitch_phrases(text: str) -> list[str]:
    """The cold-selling phrases in a text, each once, in the order they appear."""
    found: dict[str, None] = {}
    # Folding word by word gives the same text as fold(text), but the words of a template recur
    # in every message and fold() caches them: a 30,000-message campaign folds each word once.
    folded = " ".join(map(fold, text.split()))
    for match in _PITCH.finditer(folded):
        found.setdefault(_PHRASES[_key(match.group(0))], None)
    return list(found)


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | dict | tuple | set):
        return not value
    return False


def _too_long(
    text: str, limit_key: str, limits: dict[str, int | None], what: str
) -> list[LintWarning]:
    limit = limits.get(limit_key)
    if limit is None or len(text) <= limit:
        return []
    name = _LIMIT_NAMES.get(limit_key, limit_key)
    message = f"{what}{len(text):,} characters; {name} allows {limit:,}"
    return [LintWarning(code="too-long", message=message)]


def lint_message(
    *,
    template: Template,
    rendered: RenderedMessage,
    context: dict[str, Any],
    limits: dict[str, int | None] | None = None,
    recently_contacted_days: int | None = None,
) -> list[LintWarning]:
    """Everything worth a second look in one contact's message, in a stable order."""
    caps = LIMITS if limits is None else {**LIMITS, **limits}
    warnings: list[LintWarning] = []
    if template.channel == "inmail" and rendered.subject is not None:
        warnings += _too_long(rendered.subject, "inmail-subject", caps, "subject: ")
    warnings += _too_long(rendered.body, template.channel, caps, "")
    for name in sorted(rendered.printed):
        if _is_empty(lookup(context, name)):
            warnings.append(
                LintWarning(
                    code="empty-field",
                    message=f"{name} is empty for this contact, so the sentence around "
                    f"{{{{ {name} }}}} will read badly",
                )
            )
    if not contact_variables_used(template):
        warnings.append(
            LintWarning(
                code="not-personal",
                message=f"{template.file_name} uses no contact variable: everyone gets the same "
                "message",
            )
        )
    text = rendered.body if rendered.subject is None else f"{rendered.subject}\n{rendered.body}"
    phrases = sales_pitch_phrases(text)
    if phrases:
        quoted = ", ".join(f'"{phrase}"' for phrase in phrases)
        message = f"reads like cold selling: {quoted}"
        warnings.append(LintWarning(code="sales-pitch", message=message))
    if recently_contacted_days is not None:
        days = recently_contacted_days
        when = "today" if days <= 0 else f"{days} day{'s' if days != 1 else ''} ago"
        warnings.append(LintWarning(code="recently-contacted", message=f"last contacted {when}"))
    return warnings


def lint_campaign(messages: list[tuple[Hashable, str]]) -> dict[Hashable, list[LintWarning]]:
    """Cross-message warnings: two people getting the very same text is not personal."""
    by_text: dict[str, list[Hashable]] = defaultdict(list)
    for key, text in messages:
        by_text[" ".join(text.split())].append(key)
    result: dict[Hashable, list[LintWarning]] = {key: [] for key, _ in messages}
    for text, keys in by_text.items():
        if len(keys) < 2 or not text:
            continue
        others = len(keys) - 1
        message = (
            f"identical to {others} other message{'s' if others != 1 else ''} of this campaign; "
            "nothing in it is personal"
        )
        for key in keys:
            result[key].append(LintWarning(code="not-personal", message=message))
    return result
