"""Phrases of cold selling, found in a message however it is cased, accented or hyphenated.

The text is folded as every comparison of human-written text is (text.fold), then one regex
finds the phrases. Plain on purpose: the fold and the regex cost a message about what rendering
it does, which a campaign of twenty, or even of thousands, can afford.
"""

from __future__ import annotations

import re

from handpicked.core.text import fold

_Node = dict[str, "_Node"]
"""A trie node: the next character to the node after it ("" marks a phrase's end)."""

__all__ = ["PITCH_PHRASES", "sales_pitch_phrases"]

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


# A phrase matches in the folded text as its words with a run of spaces or one dash between them
# ("free-trial", "book\na demo"), either apostrophe, and no letter or digit touching either end
# ("our products" is not "our product").
_SEPARATOR = re.compile(r"\s+|-")


def _key(text: str) -> str:
    """A phrase as written in a text, in the spelling of PITCH_PHRASES' folded keys."""
    return _SEPARATOR.sub(" ", text.replace("’", "'"))


def _trie(keys: list[str]) -> str:
    """The phrases as one regex whose shared beginnings are written once ("our (?:p|s)...").

    Tried at every letter of every message, it is twice as fast as the phrases one after the
    other; where one phrase continues another, the longer is tried first.
    """
    root: _Node = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase ends here
    return _branches(root)


def _branches(node: _Node) -> str:
    alternatives = [
        (r"(?:\s+|-)" if char == " " else re.escape(char)) + _branches(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not alternatives:
        return ""
    if len(alternatives) == 1 and "" not in node:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + (")?" if "" in node else ")")


_PHRASES = {_key(fold(p)): p for language in PITCH_PHRASES.values() for p in language}
_PITCH = re.compile(r"(?<![0-9a-z])" + _trie(list(_PHRASES)) + r"(?![0-9a-z])")


def sales_pitch_phrases(text: str) -> list[str]:
    """The cold-selling phrases in a text, each once, in the order they appear."""
    # fold's uncached function: a message is folded once, and a campaign's would push the names
    # out of fold's cache. lower(): fold leaves the capital NFKD makes of a caseless 𝐀, Ⓐ or ᴬ.
    folded = fold.__wrapped__(text).lower().replace("’", "'")
    found: dict[str, None] = {}
    for match in _PITCH.finditer(folded):
        found.setdefault(_PHRASES[_key(match.group())], None)
    return list(found)
