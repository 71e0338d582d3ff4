"""People's names as exports write them, and the name a message should greet them by.

LinkedIn first names carry whatever people typed into them: "Marie (she/her)", "JEAN-FRANÇOIS",
"Luc, CPA, CA", "Sophie 🚀". "Bonjour Luc, CPA, CA," in a personal message tells the reader it
was not personal, so `greeting_name` takes the decorations off. It is deliberately conservative:
a name it does not recognise as decorated comes back unchanged, because mangling "McDonald" or
"DeShawn" is worse than leaving an odd name alone.
"""

from __future__ import annotations

import re
import unicodedata

from handpicked.core.text import clean, fold

# Credentials people append to their names, folded and without dots, hyphens or spaces.
_CREDENTIAL_LIST = """
    cpa ca cma cga fcpa cpaca cpacma cpacga crha cria chrp crhacria mba emba phd dphil
    ing eng peng pmp msc bsc mcs llb llm lld jd esq adma plfin cfa cfp caia frm asc ccm
    cissp cisa cism cpp prince2 csm cspo psm safe shrmcp shrmscp sphr phr acc pcc mcc rn md
    dds dmd pharmd baa bba dess fsa fica acia asa oaq oiq
"""
_CREDENTIALS = frozenset(_CREDENTIAL_LIST.split())
# Short credentials that are also given names (Ca, Ing, Eng, Md...): removed only when they are
# written like a credential (capitals or dots), never "Ing" or "Eng" written as a name.
_NAME_LIKE = frozenset({"ca", "ing", "eng", "md", "rn", "asa", "asc", "acc", "safe", "jd"})
_CREDENTIAL_PHRASES = re.compile(r"\bPl\.\s*Fin\.?", re.IGNORECASE)
_HONORIFICS = frozenset({"dr", "dre", "mr", "mrs", "ms", "mme", "mlle", "m", "prof", "me"})
_BRACKETED = re.compile(r"\s*[(\[{][^)\]}]*(?:[)\]}]|$)")
_PRONOUNS = re.compile(
    r"\b(?:she|he|they|elle|il|iel|ielle)\s*/\s*[a-z]+(?:\s*/\s*[a-z]+)?\b", re.IGNORECASE
)
_TAGLINE = re.compile(r"\s*(?:[,|•·]|\s[-–—]\s).*$", re.DOTALL)
_PIECES = re.compile(r"([\-'’\s]+)")
_EDGE_PUNCTUATION = " ,;:-–—|/·•_*"
_EMOJI_JOINERS = frozenset("\u200d\ufe0e\ufe0f\u20e3")


def _is_emoji(ch: str) -> bool:
    code = ord(ch)
    return (
        ch in _EMOJI_JOINERS
        or 0x1F000 <= code <= 0x1FAFF
        or 0xE0020 <= code <= 0xE007F
        or unicodedata.category(ch) == "So"
    )


def strip_emoji(text: str) -> str:
    """The text without emoji, pictographs and the joiners that glue them together."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if not _is_emoji(ch))


def is_credential(token: str) -> bool:
    """True for "CPA", "Ph.D.", "ing.", "P.Eng", "M.Sc."; False for a name such as "Ing"."""
    key = fold(token).replace(".", "").replace("-", "").strip(",;")
    if key not in _CREDENTIALS:
        return False
    if key not in _NAME_LIKE:
        return True
    letters = [ch for ch in token if ch.isalpha()]
    return "." in token or all(ch.isupper() for ch in letters)


def _is_honorific(token: str) -> bool:
    return fold(token).rstrip(".") in _HONORIFICS


def normal_case(name: str) -> str:
    """ "JEAN-FRANÇOIS" -> "Jean-François", "O'BRIEN" -> "O'Brien"; mixed case is left alone.

    Two-letter capitals ("JP", "JF") are initials people go by and are kept as written.
    """
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 2:
        return name
    if not (all(ch.isupper() for ch in letters) or all(ch.islower() for ch in letters)):
        return name
    words = []
    for word in name.split(" "):
        word_letters = sum(ch.isalpha() for ch in word)
        if word.isupper() and word_letters <= 2 and "." not in word:
            words.append(word)
            continue
        words.append("".join(piece.capitalize() for piece in _PIECES.split(word)))
    return " ".join(words)


def greeting_name(first_name: str) -> str:
    """The first name to write after "Bonjour" / "Hi": no emoji, pronouns, credentials, caps."""
    text = strip_emoji(clean(first_name))
    text = _BRACKETED.sub(" ", text)
    text = _PRONOUNS.sub(" ", text)
    text = _CREDENTIAL_PHRASES.sub(" ", text)
    head = _TAGLINE.sub("", text).strip(_EDGE_PUNCTUATION)
    if head:
        text = head
    tokens = text.split()
    if len(tokens) > 1 and _is_honorific(tokens[0]):
        tokens = tokens[1:]
    if tokens:
        tokens = tokens[:1] + [t for t in tokens[1:] if not is_credential(t)]
    return normal_case(" ".join(tokens).strip(_EDGE_PUNCTUATION))


def split_full_name(full_name: str) -> tuple[str, str]:
    """First and last name of a one-column name: "Marie Tremblay" and "Tremblay, Marie" alike.

    The first word is the first name and the rest the last name ("Jean de la Fontaine" ->
    "Jean", "de la Fontaine"); compound first names are only kept whole when hyphenated.
    "Marie Tremblay, CPA" is not "Last, First": a comma followed by credentials only stays in
    the last name, as written.
    """
    text = clean(full_name)
    if not text:
        return "", ""
    if "," in text:
        before, after = (part.strip() for part in text.split(",", 1))
        credentials_only = all(is_credential(t) for t in re.split(r"[\s,]+", after) if t)
        if before and after and not credentials_only:
            return after, before
    tokens = text.split()
    if len(tokens) > 2 and _is_honorific(tokens[0]):
        tokens = tokens[1:]
    return tokens[0], " ".join(tokens[1:])
