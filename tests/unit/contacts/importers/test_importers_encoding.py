"""Bytes to text: BOMs, BOM-less UTF-16, UTF-8, cp1252 French, and binary refused."""

from __future__ import annotations

import codecs

import pytest

from handpicked.core.contacts.importers.encoding import decode
from handpicked.core.errors import HandpickedError

FRENCH = "Prénom;Nom;Entreprise;Poste\nHélène;Côté;Société Générale;Développeuse\n"


@pytest.mark.parametrize(
    "data",
    [
        FRENCH.encode("utf-8"),
        codecs.BOM_UTF8 + FRENCH.encode("utf-8"),
        FRENCH.encode("utf-16"),
        codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"),
        FRENCH.encode("utf-16-le"),
        FRENCH.encode("utf-16-be"),
        FRENCH.encode("utf-32"),
        FRENCH.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le", "utf16be", "utf32", "cp1252"],
)
def test_every_encoding_gives_the_same_text(data: bytes) -> None:
    """Verify each encoding exports use decodes to the same French text, BOM removed."""
    assert decode(data, "f.csv") == FRENCH


def test_cp1252_is_not_read_as_cp1250() -> None:
    """Verify short French cp1252 text keeps "ô" (a detector would give "ŕ"/"ů")."""
    assert decode("Côté à l'été".encode("cp1252"), "f.csv") == "Côté à l'été"


def test_utf8_with_a_stray_byte_stays_utf8() -> None:
    """Verify one bad byte in a UTF-8 file does not turn every accent into mojibake."""
    text = decode("Hélène Côté, Société, Développeuse".encode() + b"\x81", "f.csv")
    assert text.startswith("Hélène Côté, Société")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)) * 4,
        b"First Name\n\x00\x01\x02\x03garbage\x00",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",  # an .xlsx (zip) file
    ],
    ids=["png", "all-bytes", "nul-bytes", "xlsx"],
)
def test_binary_is_refused(data: bytes) -> None:
    """Verify binary files are refused with one line naming the file."""
    with pytest.raises(HandpickedError, match=r"^f\.csv: this is not a text export"):
        decode(data, "f.csv")


@pytest.mark.parametrize("data", [b"", b"\n\n\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE])
def test_empty_is_refused(data: bytes) -> None:
    """Verify a 0-byte, newline-only or BOM-only file is refused as empty."""
    with pytest.raises(HandpickedError, match="empty"):
        decode(data, "f.csv")
