"""Seeded generator of realistic contact exports, for benchmarks and the shipped samples.

Benchmarks need files that look like a real network's exports at any size, byte for byte the same
for the same seed so two runs measure the same thing. The people come from people.py; this module
only lays them out the way each source writes its file: LinkedIn's preamble and minimal quoting,
Google's header, Outlook's UTF-16, vCard 3.0/4.0 folding, a French `;`/cp1252 spreadsheet.

    python3 benchmarks/generate.py --rows 30000 --seed 7 -o /tmp/x.csv [--format linkedin]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.employers import SECTOR_FR
from benchmarks.people import Person, people


def _columns(header_line: str) -> tuple[str, ...]:
    """A header as the source writes its first line, split into column names."""
    return tuple(header_line.split(","))


LINKEDIN_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here: "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
LINKEDIN_HEADER = _columns("First Name,Last Name,URL,Email Address,Company,Position,Connected On")
GOOGLE_HEADER = _columns(
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,"
    "E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Website 1 - Label,Website 1 - Value"
)
# Outlook.com's export order; "Categories" (desktop Outlook's column) is added at the end.
OUTLOOK_HEADER = _columns(
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,"
    "Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,"
    "Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,"
    "IMAddress,Job Title,Department,Company,Office Location,Manager's Name,Assistant's Name,"
    "Assistant's Phone,Company Yomi,Business Street,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home City,Home State,"
    "Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
    "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,"
    "Web Page,Birthday,Anniversary,Notes,Categories"
)
FRENCH_HEADER = _columns("Prénom,Nom,Société,Poste,Courriel,Secteur,Profil LinkedIn,Notes")
FORMATS = ("linkedin", "google", "outlook", "vcard", "csv-fr")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_LABELS = (
    "* myContacts", "Clients ::: * myContacts", "Réseau ::: * myContacts",
    "Anciens collègues ::: * myContacts", "Partenaires ::: Clients ::: * myContacts",
)  # fmt: skip
_CATEGORIES = ("Réseau", "Clients", "Anciens collègues", "Partenaires")
_NOTES_FR = (
    "", "", "", "Rencontre au 5 à 7 de la Chambre de commerce", "Ex-collègue",
    "À relancer à l’automne", "Présentation par un ami commun", "Intérêt pour le mentorat",
)  # fmt: skip


def connected_on(day: dt.date) -> str:
    """LinkedIn's `Connected On` text (`14 Jun 2013`), whatever the machine's locale."""
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


def linkedin_rows(count: int, seed: int = 7) -> Iterator[list[str]]:
    """The data rows of a LinkedIn Connections.csv, newest connection first as LinkedIn sorts."""
    for p in sorted(people(count, seed), key=lambda p: p.connected_on, reverse=True):
        yield [
            p.first_name,
            p.last_name,
            p.profile_url,
            p.email,
            p.company,
            p.position,
            connected_on(p.connected_on),
        ]


def write_linkedin(path: str | Path, count: int, seed: int = 7, *, bom: bool = False) -> Path:
    """Write a LinkedIn Connections.csv: Notes preamble, blank line, header, LF-ended rows."""
    path = Path(path)
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        out.write(LINKEDIN_PREAMBLE)
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(LINKEDIN_HEADER)
        writer.writerows(linkedin_rows(count, seed))
    return path


def _address_book(count: int, seed: int, french_share: float = 0.5) -> Iterator[tuple[int, Person]]:
    """People as an address book holds them: nearly everyone has an email address."""
    return enumerate(people(count, seed, email_share=0.95, french_share=french_share))


def _email_label(email: str) -> str:
    if not email:
        return ""
    return "* Work" if email.endswith(".example") else "* Home"


def google_rows(count: int, seed: int = 7) -> Iterator[list[str]]:
    """Rows of a Google Contacts export, in GOOGLE_HEADER order."""
    for i, p in _address_book(count, seed):
        row = dict.fromkeys(GOOGLE_HEADER, "")
        row.update({
            "First Name": p.first_name, "Last Name": p.last_name, "Organization Name": p.company,
            "Organization Title": p.position, "Labels": _LABELS[i % len(_LABELS)],
            "E-mail 1 - Label": _email_label(p.email),
            "E-mail 1 - Value": p.email, "Phone 1 - Label": "Mobile", "Phone 1 - Value": p.phone,
            "Website 1 - Label": "Profile", "Website 1 - Value": p.profile_url,
        })  # fmt: skip
        yield list(row.values())


def outlook_rows(count: int, seed: int = 7) -> Iterator[list[str]]:
    """Rows of an Outlook export, in OUTLOOK_HEADER order."""
    where = {"418": ("Québec", "QC"), "416": ("Toronto", "ON"), "647": ("Toronto", "ON")}
    for i, p in _address_book(count, seed):
        row = dict.fromkeys(OUTLOOK_HEADER, "")
        city, state = where.get(p.phone[3:6], ("Montréal", "QC"))  # the phone's area code
        row.update(
            {
                "First Name": p.first_name,
                "Last Name": p.last_name,
                "E-mail Address": p.email,
                "Mobile Phone": p.phone,
                "Job Title": p.position,
                "Company": p.company,
                "Business City": city,
                "Business State": state,
                "Business Country/Region": "Canada",
                "Web Page": p.profile_url,
                "Categories": ("Clients", "Réseau", "")[i % 3],
            }
        )
        yield list(row.values())


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 6350 3.2) without splitting a UTF-8 character."""
    out, current, size, limit = [], [], 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(ch)
        size += width
    out.append("".join(current))
    return "\r\n ".join(out) + "\r\n"


def vcard(p: Person, version: str, categories: Iterable[str] = (), note: str = "") -> str:
    """One vCard 3.0 or 4.0 for a person, lines folded and CRLF-terminated."""
    lines = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        f"N:{_escape(p.last_name)};{_escape(p.first_name)};;;",
        f"FN:{_escape(f'{p.first_name} {p.last_name}'.strip())}",
    ]
    if p.company:
        lines.append(f"ORG:{_escape(p.company)}")
    if p.position:
        lines.append(f"TITLE:{_escape(p.position)}")
    if p.email:
        kind = "INTERNET,WORK" if version == "3.0" else "work"
        lines.append(f"EMAIL;TYPE={kind}:{p.email}")
    lines.append(f"TEL;TYPE={'CELL' if version == '3.0' else 'cell'}:{p.phone}")
    lines.append(f"URL:{p.profile_url}")
    if categories := list(categories):
        lines.append("CATEGORIES:" + ",".join(_escape(c) for c in categories))
    if note:
        lines.append(f"NOTE:{_escape(note)}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def french_rows(count: int, seed: int = 7) -> Iterator[list[str]]:
    """Rows of a hand-made French spreadsheet, in FRENCH_HEADER order."""
    for i, p in _address_book(count, seed, french_share=0.85):  # a Québec user's own file
        yield [
            p.first_name,
            p.last_name,
            p.company,
            p.position,
            p.email,
            SECTOR_FR.get(p.sector, ""),
            p.profile_url,
            _NOTES_FR[i % len(_NOTES_FR)],
        ]


def _write_csv(
    path: Path, header: tuple[str, ...], rows: Iterable[list[str]], encoding: str, **fmt: object
) -> Path:
    with path.open("w", encoding=encoding, errors="replace", newline="") as out:
        writer = csv.writer(out, **fmt)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write(path: str | Path, count: int, seed: int = 7, fmt: str = "linkedin") -> Path:
    """Write `count` people to `path` in one of FORMATS."""
    path = Path(path)
    if fmt == "linkedin":
        return write_linkedin(path, count, seed)
    if fmt == "google":
        return _write_csv(path, GOOGLE_HEADER, google_rows(count, seed), "utf-8")
    if fmt == "outlook":
        return _write_csv(
            path, OUTLOOK_HEADER, outlook_rows(count, seed), "utf-16", quoting=csv.QUOTE_ALL
        )
    if fmt == "csv-fr":
        return _write_csv(path, FRENCH_HEADER, french_rows(count, seed), "cp1252", delimiter=";")
    if fmt == "vcard":
        with path.open("w", encoding="utf-8", newline="") as out:
            for i, p in _address_book(count, seed):
                out.write(vcard(p, ("3.0", "4.0")[i % 2], [_CATEGORIES[i % len(_CATEGORIES)]]))
        return path
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic contact export.")
    parser.add_argument("--rows", type=int, default=1000, help="number of contacts")
    parser.add_argument("--seed", type=int, default=7, help="same seed, same file")
    parser.add_argument("-o", "--output", required=True, help="file to write")
    parser.add_argument("--format", choices=FORMATS, default="linkedin")
    parser.add_argument("--bom", action="store_true", help="LinkedIn only: start with a BOM")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.format == "linkedin":
        path = write_linkedin(args.output, args.rows, args.seed, bom=args.bom)
    else:
        path = write(args.output, args.rows, args.seed, args.format)
    elapsed = time.perf_counter() - start
    size = path.stat().st_size / 1e6
    print(
        f"{args.rows} {args.format} rows -> {path} ({size:.1f} MB) in {elapsed:.2f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
