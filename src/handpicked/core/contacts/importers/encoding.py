"""Turn an export's bytes into text without guessing wrong on French files.

Exports reach us as UTF-8 (with or without a BOM), UTF-16 from Outlook, and cp1252 from Excel on
Windows. Statistical detectors (charset-normalizer, chardet) read short French cp1252 files as
cp1250 and turn "Côté" into "Cůté", so the order here is fixed and explicit: a BOM wins, then
UTF-16 recognised by its NUL pattern, then strict UTF-8, then cp1252, which decodes almost
anything; a binary file is caught afterwards by the share of control characters it decodes to.
"""

from __future__ import annotations

import codecs
import re

from handpicked.core.errors import HandpickedError

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32 LE BOM starts with the UTF-16 LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SAMPLE = 65536
# Characters no text export contains in any number: C0/C1 controls (tab and line breaks
# excepted), and the replacement character that undecodable bytes become.
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")


def _binary(name: str) -> HandpickedError:
    return HandpickedError(
        f"{name}: this is not a text export (it holds binary data); "
        "give the CSV, vCard (.vcf) or spreadsheet (.xlsx, .ods) file exported from LinkedIn, "
        "Google, Outlook or a spreadsheet program"
    )


def _utf16_without_bom(sample: bytes) -> str | None:
    """The UTF-16 byte order, when NULs sit on one side of most byte pairs (mostly-ASCII text)."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= pairs * 0.3 and even_nuls <= pairs * 0.05:
        return "utf-16-le"
    if even_nuls >= pairs * 0.3 and odd_nuls <= pairs * 0.05:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """Decode a UTF-8 file spoiled by a few stray bytes, so "é" is not turned into "Ã©".

    A cp1252 file almost never contains a valid multi-byte UTF-8 sequence, so many of them next
    to a handful of invalid bytes mean UTF-8 with damage, not cp1252.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if good >= 2 and bad * 2 <= good:
        return text
    return None


def decode(data: bytes, name: str) -> str:
    """The text of an export, or HandpickedError when it is empty or not text at all."""
    encoding = None
    for bom, candidate in _BOMS:
        if data.startswith(bom):
            encoding, data = candidate, data[len(bom) :]
            break
    sample = data[:_SAMPLE]
    if encoding is None and b"\x00" in sample:
        encoding = _utf16_without_bom(sample)
        if encoding is None:
            raise _binary(name)
    if encoding is not None:
        try:
            text = data.decode(encoding, errors="strict")
        except UnicodeDecodeError:
            if encoding == "utf-8":
                text = data.decode("utf-8", errors="replace")
            else:
                raise _binary(name) from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _mostly_utf8(data) or data.decode("cp1252", errors="replace")
    if not text or text.isspace():
        raise HandpickedError(
            f"{name}: the file is empty; export your contacts again and import the new file"
        )
    head = text[:_SAMPLE]
    suspicious = len(_BINARY_CHARS.findall(head))
    if suspicious > max(8, len(head) // 100):
        raise _binary(name)
    return text
