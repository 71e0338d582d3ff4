"""No input, however broken, makes parse_file raise anything but HandpickedError."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from pathlib import Path

import pytest
import vobject.base
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handpicked.core.contacts.importers import parse_file, vcard
from handpicked.core.errors import HandpickedError

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


# Parameters as exporters write them, and as a hostile file may: unnamed, quoted (with the
# separators inside), several values, an "=" inside a value. The line's end then decides whether
# it parses: vobject takes exponential time over the parameters when it does not.
PARAMETERS = st.sampled_from([
    "TYPE=x", "type=WORK", "PREF=1", "CHARSET=UTF-8", "ENCODING=QUOTED-PRINTABLE", "HOME",
    'TYPE="voice,home"', 'LABEL="a;b:c"', "X=", "X=a=b", "X=,,", "X=a,b",
])  # fmt: skip
ENDS = st.sampled_from([":Acme", ";:Acme", "", ";", ':"Acme', ":a;b:c", ';"x":Acme', ";=:Acme"])
HYPOTHESIS = settings(
    max_examples=150,
    deadline=timedelta(seconds=2),  # each example takes milliseconds; vobject alone, forever
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@HYPOTHESIS
@given(
    name=st.sampled_from(["ORG", "FN", "EMAIL", "NOTE", "item1.URL", "TEL", "X-CUSTOM"]),
    params=st.integers(0, 60).flatmap(lambda n: st.lists(PARAMETERS, min_size=n, max_size=n)),
    end=ENDS,
)
def test_vcard_parameter_counts_always_end(
    tmp_path: Path, name: str, params: list[str], end: str
) -> None:
    """Verify a property with 0 to 60 parameters, well formed or not, ends in milliseconds."""
    line = name + "".join(f";{param}" for param in params) + end
    text = f"BEGIN:VCARD\nVERSION:3.0\nFN:Marie Tremblay\n{line}\nEND:VCARD\n"
    path = tmp_path / "params.vcf"
    check(path, text.encode())
    parsed = parse_file(path)
    assert len(parsed.rows) + len(parsed.skipped) == 1


HEADS = st.text(alphabet='Ab=;,":._- \né', max_size=14)  # short: vobject's failures stay fast


@HYPOTHESIS
@given(line=HEADS)
def test_vcard_line_check_accepts_exactly_what_vobject_parses(line: str) -> None:
    """Verify the linear line check and vobject's backtracking line regex agree on each line."""
    head = vcard._HEAD.match(line)
    ours = bool(head and vcard._LINE.fullmatch(head.group()))
    assert ours == (vobject.base.line_re.match(line) is not None)


PIECES = st.sampled_from([
    "N:a", "FN:b", "\n", "\r\n", "\r", " ", "\t", "=", "x", ";", "\n ", "=\n", "\n\n",
    "quoted-printable", "QUOTED-", "PRINTABLE",
])  # fmt: skip


@HYPOTHESIS
@given(pieces=st.lists(PIECES, max_size=30), drop=st.lists(st.booleans(), max_size=30))
def test_vcard_lines_split_and_dropped_as_vobject_reads_them(
    pieces: list[str], drop: list[bool]
) -> None:
    """Verify our logical lines are vobject's, and dropping some leaves vobject the others."""
    card = "".join(pieces)
    ours = vcard._logical_lines(card)
    assert [text for text, _, _ in ours] == [
        text for text, _ in vobject.base.getLogicalLines(io.StringIO(card), True)
    ]
    drop = (drop + [False] * len(ours))[: len(ours)]
    physical = io.StringIO(card).readlines()
    keep = [True] * len(physical)
    for (_, first, last), dropped in zip(ours, drop, strict=True):
        if dropped:
            keep[first : last + 1] = [False] * (last + 1 - first)
    left = "".join(line for line, kept in zip(physical, keep, strict=True) if kept)
    expected = [text for (text, _, _), dropped in zip(ours, drop, strict=True) if not dropped]
    assert [text for text, _ in vobject.base.getLogicalLines(io.StringIO(left), True)] == expected
