"""Text folding and keys shared by import matching, search, classification and filters.

Everything that compares human-written text (names, companies, titles, search words) goes through
these functions, so "Développeur" matches "developpeur" the same way everywhere. Everything shown
to a person (CLI, screens, exported files) goes through `safe_text`, the one rule for characters
that must never reach a reader.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

# Characters no reader may receive from data: C0 controls, DEL and the C1 block (ESC and 0x9b
# start terminal escapes, BEL ends one), and the invisible bidi controls, which reorder what a
# reader sees (under U+202E "gpj.exe" shows as "exe.jpg"). Inclusive code point ranges.
_UNSAFE = ((0x00, 0x1F), (0x7F, 0x9F), (0x61C, 0x61C), (0x200E, 0x200F), (0x202A, 0x202E),
           (0x2066, 0x2069))  # fmt: skip


def control_class(keep: str = "") -> str:
    """The unsafe characters minus `keep`, as the inside of a regex character class.

    Python's `re` and RE2 (pyarrow's column regexes) must read it alike, so code points below
    U+0100 are written as `\\xhh` and the others as themselves.
    """
    runs: list[list[int]] = []
    for point in (p for lo, hi in _UNSAFE for p in range(lo, hi + 1) if chr(p) not in keep):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return "".join(_char(lo) if lo == hi else f"{_char(lo)}-{_char(hi)}" for lo, hi in runs)


def _char(point: int) -> str:
    return f"\\x{point:02x}" if point < 0x100 else chr(point)


# Everything unsafe but tab and newline, which only a multi-line caller keeps.
CONTROL_CLASS = control_class(keep="\t\n")
_CONTROL = re.compile(f"[{CONTROL_CLASS}]")
_JSON_UNSAFE = re.compile("[" + control_class(keep="\n") + "]")
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


def one_line(value: str) -> str:
    """A company, title or label typed on two lines, as the one line it is meant to be.

    A line break there is layout (a narrow spreadsheet column, an address-book field, a value
    pasted into a command), not meaning, and a stored break would split the value wherever it
    is printed.
    """
    return " ".join(value.split())


def safe_text(value: object, *, multiline: bool = False) -> str:
    """A value as a person may be shown it (terminal, screen, exported file): inert text.

    Stored values are hostile whatever cleaned them on the way in (an older workspace, a hand
    edit), so every human-facing output passes through here. Tabs and line breaks stay only for a
    caller that lays out several lines (a message body); elsewhere a newline in a name would forge
    a line of output, so whitespace folds to single spaces.
    """
    text = "" if value is None else str(value)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text if multiline else " ".join(text.split())


def escape_controls(json_text: str) -> str:
    """JSON text whose unsafe characters are written as `\\uXXXX` escapes: same data, inert bytes.

    `json.dumps(ensure_ascii=False)` escapes C0 controls only; C1 controls and bidi controls would
    still reach a terminal showing `--json` output. Outside strings JSON text holds none of them,
    so escaping each one keeps the document valid and every value exactly as stored.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


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
        folded = " ".join(folded.split())  # str.split and re's \s agree on what is a space
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
    """Normalised profile URL: scheme, www, query, trailing slash and case do not matter.

    Nor does percent-encoding: LinkedIn writes the same accented slug `linn%C3%A9a-...` in one
    file and `linnéa-...` in another (Québec's names make that common).
    """
    if "%" in url:
        url = unquote(url)
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
