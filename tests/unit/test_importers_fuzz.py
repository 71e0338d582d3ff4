"""No input, however broken, makes parse_file raise anything but HandpickedError."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from handpicked.core.errors import HandpickedError
from handpicked.core.importers import parse_file

SEEDS = (
    b'Notes:\n"x, y"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n'
    b'Marie,Tremblay,u1,,Acme,"Dir\nMkt",14 Jun 2013\r\nLuc,"Roy,u,,A,B,7-Feb-22\r'
    + "Ève,Côté,,,,,2020-01-01\n".encode(),
    b"BEGIN:VCARD\nVERSION:3.0\nFN:Marie T\nN:T;Marie;;;\nEND:VCARD\n"
    b"BEGIN:VCARD\nVERSION:4.0\nFN:Jean\nEND:VCARD\n",
    "Prénom;Nom;Société\nHélène;Côté;X\n".encode("cp1252"),
    "First Name\tLast Name\r\nA\tB\r\n".encode("utf-16"),
)
INSERTS = (b'"', b"\n", b"\r", b",", b";", b"\t", b"\x00", b"\xff", "é".encode(), b"END:VCARD\n")


def mutate(data: bytes, rnd: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        pos = rnd.randrange(len(out) + 1)
        choice = rnd.random()
        if choice < 0.3:
            del out[pos : pos + rnd.randint(1, 20)]
        elif choice < 0.6:
            out[pos:pos] = rnd.randbytes(rnd.randint(1, 4))
        elif choice < 0.85:
            out[pos:pos] = rnd.choice(INSERTS)
        else:
            del out[pos:]
    return bytes(out)


def check(path: Path, data: bytes, fmt: str = "auto") -> None:
    path.write_bytes(data)
    try:
        parsed = parse_file(path, fmt)
    except HandpickedError as err:
        assert "\n" not in str(err)
        return
    for row in parsed.rows:
        assert row.first_name or row.last_name
        assert row.line >= 1
    for issue in parsed.skipped + parsed.warnings:
        assert issue.line >= 1


@pytest.mark.parametrize("fmt", ["auto", "csv", "linkedin", "vcard"])
def test_mutated_exports_never_crash(tmp_path: Path, fmt: str) -> None:
    """Verify 300 randomly damaged exports give rows or a HandpickedError, never a traceback."""
    rnd = random.Random(20240611)
    for index in range(300):
        check(tmp_path / f"f{index}.csv", mutate(rnd.choice(SEEDS), rnd), fmt)


def test_random_bytes_never_crash(tmp_path: Path) -> None:
    """Verify random byte strings of any length give rows or a HandpickedError."""
    rnd = random.Random(7)
    for index in range(200):
        check(tmp_path / f"r{index}.bin", rnd.randbytes(rnd.randint(0, 3000)))


@pytest.mark.parametrize(
    "data",
    [
        b'"' * 5000,
        b"\r" * 1000,
        b"First Name\n" + b'"' + b"x\n" * 2000,
        b"," * 300_000,
        b"First Name," + b"y" * 300_000 + b"\nMarie\n",
        b"BEGIN:VCARD\n" * 50,
        b"BEGIN:VCARD\nN:" + b";" * 10_000 + b"\nEND:VCARD\n",
    ],
    ids=["quotes", "carriage-returns", "open-quote", "commas", "huge-header", "begins", "n-semis"],
)
def test_pathological_files_never_crash(tmp_path: Path, data: bytes) -> None:
    """Verify degenerate files (only quotes, huge lines, endless cards) are handled."""
    check(tmp_path / "p.csv", data)
