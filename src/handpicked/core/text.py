"""Text folding and keys shared by import matching, search, classification and filters.

Everything that compares human-written text (names, companies, titles, search words) goes through
these functions, so "Développeur" matches "developpeur" the same way everywhere.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
# Combining marks left by NFKD decomposition (accents of Latin, Greek, Cyrillic and Vietnamese).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD = re.compile(r"[0-9a-z]+")

# Legal suffixes dropped from company keys so "Desjardins Inc." and "DESJARDINS" are one company.
_LEGAL_SUFFIXES = {
    "inc",
    "incorporated",
    "ltd",
    "ltee",
    "limited",
    "llc",
    "llp",
    "lp",
    "corp",
    "corporation",
    "co",
    "sa",
    "sas",
    "sarl",
    "gmbh",
    "ag",
    "plc",
    "bv",
    "nv",
    "senc",
    "srl",
    "spa",
    "ulc",
    "cie",
    "company",
    "limitee",
    "enr",
    "pty",
}


def clean(value: object) -> str:
    """Strip surrounding whitespace and control characters, keep everything else as given.

    Newlines inside a value (two-line titles) are kept; other control characters (escape
    sequences that could drive a terminal) are removed here, at the door.
    """
    if value is None:
        return ""
    text = str(value)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of a text, for matching and search.

    Called for every name, company and title of a 100,000-row import, so plain ASCII takes a
    fast path and accents are removed with one regex pass instead of a per-character loop.
    """
    if not text:
        return ""
    if text.isascii():
        folded = text.lower()
    else:
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))
    if "  " in folded or not folded.isprintable() or folded[:1].isspace() or folded[-1:].isspace():
        folded = _SPACES.sub(" ", folded).strip()
    return folded


def words(text: str) -> list[str]:
    """The folded words of a text ("Vice-présidente, R&D" -> vice, presidente, r, d)."""
    return _WORD.findall(fold(text))


@lru_cache(maxsize=65536)
def company_key(company: str) -> str:
    """Key under which two spellings of one company compare equal (case, accents, legal suffix)."""
    parts = words(company.replace(".", ""))
    while len(parts) > 1 and parts[-1] in _LEGAL_SUFFIXES:
        parts.pop()
    return " ".join(parts)


def profile_key(url: str) -> str:
    """Normalised profile URL: scheme, www, query, trailing slash and case do not matter."""
    text = fold(url) if not url.isascii() else url.strip().lower()
    if not text:
        return ""
    scheme = text.find("://")
    if 0 < scheme < 10:
        text = text[scheme + 3 :]
    if text.startswith("www.") or (text[2:3] == "." and text[3:16] == "linkedin.com/"):
        text = text[text.index(".") + 1 :]
    if "?" in text:
        text = text.partition("?")[0]
    if "#" in text:
        text = text.partition("#")[0]
    return text.rstrip("/")


def email_key(email: str) -> str:
    return email.strip().casefold()
