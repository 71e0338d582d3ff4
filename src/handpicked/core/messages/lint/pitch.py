"""Phrases of cold selling, found in a message however it is cased, accented or hyphenated.

The lint runs on every message of a campaign, 30,000 of them for a large one, so finding the
phrases is written for speed: the text is encoded as Latin-1, which copies a Western text as it
is (an error handler folds the rarer characters), and one bytes.translate folds the accented
letters and cuts it into words; only when one of those words is a phrase's rarest word does a
regex look for the phrases, and that regex is a trie (shared beginnings written once) rather than
every phrase tried at every letter.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from handpicked.core.text import fold

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


# A phrase matches in the folded text (text.fold: lower case, no accents) as its words with a run
# of spaces or one dash between them ("free-trial", "book\na demo"), either apostrophe, and no
# letter or digit touching either end ("our products" is not "our product").
_SEPARATOR = re.compile(r"\s+|-")
_NOT_A_LETTER = "\x00"  # what a character fold() leaves outside ASCII becomes, e.g. œ
# bytes -> themselves for 0-9 a-z, lower case for A-Z, a space for everything else: .split()
# then gives the folded words
_WORD_BYTES = bytes(
    c if 48 <= c <= 57 or 97 <= c <= 122 else c + 32 if 65 <= c <= 90 else 32 for c in range(256)
)
_FOLD_ERRORS = "handpicked.pitch.fold"


@lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    """A run of non-ASCII characters as fold() writes them, in ASCII (’ as ')."""
    out = []
    for char in run:
        if char.isspace():
            out.append(" ")
            continue
        # fold() drops spaces at the ends: an "a" on each side keeps the space NFKD makes of a
        # spacing accent such as ¨, which separates words as it does in fold(text).
        for folded in fold(f"a{char}a")[1:-1].replace("’", "'"):
            out.append(folded if folded.isascii() else _NOT_A_LETTER)
    return "".join(out)


def _fold_error(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return _fold_run(error.object[error.start : error.end]), error.end


codecs.register_error(_FOLD_ERRORS, _fold_error)


def _key(text: str) -> str:
    return _SEPARATOR.sub(" ", text.replace("’", "'"))


def _trie(keys: list[str]) -> str:
    """One regex for all the phrases: longest first where one phrase continues another."""
    root: dict[str, dict] = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(root)


def _branches(node: dict[str, dict]) -> str:
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


def _needs() -> dict[bytes, list[frozenset[bytes]]]:
    """Each phrase's longest word (the rarest, mostly) -> the words of the phrases it is in.

    A phrase matches only where each of its words is a word of the text: without any of these
    words, a text holds no phrase; with "sales", it needs "our" and "team" for "our sales team".
    """
    needs: dict[bytes, list[frozenset[bytes]]] = {}
    for key in _PHRASES:
        words = [word.encode() for word in re.findall(r"[0-9a-z]+", key)]
        needs.setdefault(max(words, key=len), []).append(frozenset(words))
    return needs


_NEEDS = _needs()
_RARE_WORDS = frozenset(_NEEDS)


def _latin_word_byte(code: int) -> int:
    if code < 128:
        return _WORD_BYTES[code]
    folded = _fold_run(chr(code))
    return _WORD_BYTES[ord(folded)] if len(folded) == 1 else _UNSURE


# Latin-1 bytes -> _WORD_BYTES of their fold: é as e, like E. The Latin-1 codec copies a text of
# Latin-1 characters as it is, where the ASCII codec calls the error handler for each run of
# accented letters. _fold_run folds one character at a time, so a table of each character's fold
# gives the same words, but for the four characters folding to more than one (ß to ss, ½ to
# 1, not-a-letter, 2), which make the text _UNSURE: that one is folded through ASCII.
_UNSURE = 0x80  # no ASCII character's word byte
_LATIN_WORD_BYTES = bytes(map(_latin_word_byte, range(256)))


def sales_pitch_phrases(text: str) -> list[str]:
    """The cold-selling phrases in a text, each once, in the order they appear."""
    words = text.encode("latin-1", _FOLD_ERRORS).translate(_LATIN_WORD_BYTES)
    if _UNSURE in words:
        words = text.encode("ascii", _FOLD_ERRORS).translate(_WORD_BYTES)
    split = words.split()
    if _RARE_WORDS.isdisjoint(split):
        return []
    present = set(split)
    if not any(needed <= present for word in _RARE_WORDS & present for needed in _NEEDS[word]):
        return []
    found: dict[str, None] = {}
    # fold(text) but for its case and spaces
    folded = text.encode("ascii", _FOLD_ERRORS).decode("ascii").lower()
    for match in _PITCH.finditer(folded):
        found.setdefault(_PHRASES[_key(match.group())], None)
    return list(found)
