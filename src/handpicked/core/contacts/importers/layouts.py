"""Which column of an export holds which contact field, decided from the header names only.

Exports move columns around between versions (LinkedIn's "Email Address" came and went), so a
column is always found by its name, never by its position. Names are compared folded and without
punctuation ("E-mail", "Email", "EMAIL" are one name; "Secteur d'activité" matches
"secteur d activite"). Each export format is the generic English/French alias table plus a few
overrides where the format gives a name another meaning (Outlook's "Title" is "Mr."/"Mrs.").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from handpicked.core.contacts.importers.dates import DateError, parse_date
from handpicked.core.errors import HandpickedError, Hint
from handpicked.core.names import split_full_name
from handpicked.core.reports import MAP_TARGETS, ParsedRow, RowIssue
from handpicked.core.text import clean, one_line, words

# Internal target: a web site column; only a linkedin.com address in it is kept (as profile_url).
WEBSITE = "website"
NAME_TARGETS = ("first_name", "last_name", "full_name")
_IGNORE = ""


def header_key(header: str) -> str:
    """The comparable form of a column name: folded, accent-free, punctuation and spaces gone."""
    return "".join(words(header))


def _keys(aliases: str) -> set[str]:
    return {header_key(alias) for alias in aliases.split("|")}


def _aliases(table: dict[str, str]) -> dict[str, str]:
    return {key: target for aliases, target in table.items() for key in _keys(aliases)}


_GENERIC = _aliases(
    {
        "First Name|Firstname|First|Given Name|Forename|Prénom|Prénoms|Prénom usuel": "first_name",
        "Last Name|Lastname|Last|Surname|Family Name|Nom de famille|Nom famille": "last_name",
        "Name|Full Name|Contact Name|Display Name|Nom complet|Nom et prénom|Prénom et nom"
        "|Prénom Nom|Nom Prénom|Nom, prénom": "full_name",
        "Email|E-mail|Mail|Email Address|E-mail Address|Courriel|Adresse courriel"
        "|Adresse de courriel|Adresse e-mail|Adresse mail|Adresse électronique"
        "|Adresse de messagerie|Courriel professionnel|Work Email": "email",
        "Company|Company Name|Entreprise|Nom de l'entreprise|Société|Organisation|Organization"
        "|Organisme|Employeur|Employer|Compagnie|Firm|Firme|Current Company": "company",
        "Position|Poste|Titre|Title|Fonction|Titre du poste|Job Title|Role|Rôle|Occupation"
        "|Poste occupé|Current Position": "position",
        "Secteur|Secteur d'activité|Industrie|Industry|Sector|Domaine d'activité": "sector",
        "LinkedIn|Profil|Profile|Profil LinkedIn|LinkedIn Profile|URL|LinkedIn URL|URL LinkedIn"
        "|Profile URL|URL du profil|Lien LinkedIn": "profile_url",
        "Website|Web Site|Site web|Site Internet|Web Page|Page Web": WEBSITE,
        "Étiquettes|Étiquette|Tags|Tag|Labels|Categories|Catégories|Groupes|Groups"
        "|Group Membership|Mots-clés": "tags",
        "Notes|Note|Remarques|Remarque|Commentaires|Commentaire|Comments|Comment": "notes",
        "Connected On|Date de connexion|Connection Date|Date connexion|Date d'ajout"
        "|Date Added": "connected_on",
    }
)
_GOOGLE = _aliases(
    {
        "Name": "full_name",
        "Organization Name|Organization 1 - Name": "company",
        "Organization Title|Organization 1 - Title": "position",
        "Labels|Group Membership": "tags",
        "Nickname|Name Prefix|Name Suffix|Organization Department|Birthday": _IGNORE,
    }
)
_GOOGLE_NUMBERED = re.compile(r"(email|website)\d+value")
_OUTLOOK = _aliases(
    {
        "Title|Suffix|Suffixe": _IGNORE,  # "Mr.", "Mrs.", "Jr." in Outlook, not a job title
        "E-mail 2 Address|E-mail 3 Address": "email",
        "Categories|Catégories": "tags",
    }
)

_GOOGLE_SIGNS = _keys(
    "Group Membership|Organization 1 - Name|Organization Name|Phonetic First Name"
    "|Given Name Yomi|File As|E-mail 1 - Value|E-mail 1 - Label|E-mail 1 - Type"
)
_OUTLOOK_SIGNS = _keys(
    "E-mail Display Name|E-mail 2 Address|E-mail Type|Business Phone|Home Phone|Mobile Phone"
    "|Business Street|Business City|Job Title|Web Page|Middle Name|Suffix|Department|Categories"
    "|Deuxième prénom|Suffixe|Service|Adresse de messagerie|Téléphone (bureau)|Rue (bureau)"
    "|Page Web|Catégories"
)
_OUTLOOK_EMAIL = _keys("E-mail Address|Adresse de messagerie")


@dataclass(frozen=True)
class Layout:
    """Where each field sits in one file: target -> column indexes, first non-empty one wins."""

    format: str
    headers: tuple[str, ...]
    columns: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def has_name(self) -> bool:
        return any(target in self.columns for target in NAME_TARGETS)

    @property
    def mapped(self) -> int:
        return sum(len(indexes) for indexes in self.columns.values())


def detect_format(headers: list[str] | tuple[str, ...]) -> str:
    """linkedin, google, outlook or csv, from the columns that only that export writes."""
    keys = {header_key(h) for h in headers}
    if "connectedon" in keys and keys & {"firstname", "lastname"}:
        return "linkedin"
    if keys & _GOOGLE_SIGNS or any(_GOOGLE_NUMBERED.fullmatch(k) for k in keys):
        return "google"
    if keys & _OUTLOOK_EMAIL and len(keys & _OUTLOOK_SIGNS) >= 3:
        return "outlook"
    return "csv"


def _alias_target(fmt: str, key: str) -> str | None:
    if fmt == "google":
        if key in _GOOGLE:
            return _GOOGLE[key]
        if match := _GOOGLE_NUMBERED.fullmatch(key):
            return "email" if match[1] == "email" else WEBSITE
    if fmt == "outlook" and key in _OUTLOOK:
        return _OUTLOOK[key]
    return _GENERIC.get(key)


def _find_header(headers: tuple[str, ...], wanted: str) -> int | None:
    """The index of a --map header: exact first, then folded ("societe" finds "Société")."""
    for index, header in enumerate(headers):
        if header == wanted:
            return index
    key = header_key(wanted)
    for index, header in enumerate(headers):
        if key and header_key(header) == key:
            return index
    return None


def _list(headers: tuple[str, ...] | list[str], limit: int = 20) -> str:
    shown = [h if len(h) <= 40 else h[:39] + "…" for h in headers[:limit] if h]
    more = len(headers) - limit
    return ", ".join(shown) + (f" (+{more} more)" if more > 0 else "")


def check_mapping(name: str, mapping: Mapping[str, str] | None) -> None:
    """Refuse an unknown --map target before the file is even read."""
    for header, target in (mapping or {}).items():
        if target not in MAP_TARGETS:
            raise HandpickedError(
                f'{name}: the column mapping "{header}={target}" names an unknown field '
                f'"{target}"; '
                f"use one of: {', '.join(MAP_TARGETS)}"
            )


def map_columns(
    name: str,
    headers: list[str] | tuple[str, ...],
    fmt: str,
    mapping: Mapping[str, str] | None = None,
    strict: bool = True,
) -> Layout:
    """The Layout of a header line; with `strict`, a --map header missing from it is an error."""
    headers = tuple(clean(h) for h in headers)
    keys = [header_key(h) for h in headers]
    targets: list[str | None] = [_alias_target(fmt, k) for k in keys]
    if fmt == "outlook" and keys.count("titre") > 1:
        # French Outlook writes "Titre" twice: the honorific first, the job title later.
        titles = [i for i, k in enumerate(keys) if k == "titre"]
        targets[titles[0]] = _IGNORE
    chosen: dict[str, list[int]] = {}
    target: str | None
    for header, target in (mapping or {}).items():
        index = _find_header(headers, header)
        if index is None:
            if strict:
                raise HandpickedError(
                    f'{name}: the column mapping "{header}={target}": the file has no column '
                    f'"{header}"; '
                    f"its columns are: {_list(headers)}"
                )
            continue
        targets[index] = _IGNORE
        chosen.setdefault(target, []).append(index)
    # "Nom" is the last name next to a first-name column, the whole name on its own.
    has_first = "first_name" in chosen or "first_name" in targets
    for index, key in enumerate(keys):
        if key == "nom" and targets[index] is None:
            targets[index] = "last_name" if has_first else "full_name"
    columns: dict[str, list[int]] = {}
    for index, target in enumerate(targets):
        if target and target not in chosen:
            columns.setdefault(target, []).append(index)
    columns.update(chosen)
    return Layout(fmt, headers, {t: tuple(ix) for t, ix in columns.items()})


def no_name_error(name: str, headers: list[str] | tuple[str, ...]) -> HandpickedError:
    """The one-line refusal for a file where no column can hold a person's name."""
    headers = [clean(h) for h in headers if clean(h)]
    found = _list(headers, 10) if headers else "no column names"
    example = headers[0] if headers else "Column"
    example = example if len(example) <= 40 else example[:39] + "…"
    return HandpickedError(
        f"{name}: no column looks like a name (found: {found}); expected First Name/Last Name/"
        "Prénom/Nom/Full Name/Nom complet",
        hint=Hint.NAME_COLUMN,
        example=example,
    )


NO_NAME = "no name"
# Why an import stopped when the user cancelled it (the TUI's Esc or Ctrl+Q).
CANCELLED = "import cancelled; nothing of it was stored"


def never() -> bool:
    """The `cancelled` of an import nobody can cancel (the CLI's: Ctrl+C stops the process)."""
    return False


_TAG_SEPARATORS = re.compile(r"\s*[;,]\s*")
_ORDER = (*MAP_TARGETS, WEBSITE)  # the mappable fields, then the website a layout may read
_SITE = _ORDER.index(WEBSITE)
_MISSING = object()


def split_tags(value: str) -> list[str]:
    """Tags of one cell: Google's " ::: " lists, or ";"/"," lists; Google's "* system" labels go."""
    parts = value.split(":::") if ":::" in value else _TAG_SEPARATORS.split(value)
    tags: list[str] = []
    for part in parts:
        tag = part.strip()
        if tag and not tag.startswith("*") and tag not in tags:
            tags.append(tag)
    return tags


def linkedin_url(values: list[str]) -> str:
    """The first linkedin.com address among web-site values (Google packs several with :::)."""
    for value in values:
        for url in value.split(":::"):
            url = url.strip()
            if "linkedin.com" in url.casefold():
                return url
    return ""


class RowBuilder:
    """Turns a file's raw rows into ParsedRows, collecting skipped rows and warnings.

    `add` runs once per row of a 100,000-row export, so it is a closure over local variables
    (no attribute look-ups) doing one C-level itemgetter, one strip per field, and dictionary
    look-ups for the values that repeat from row to row (dates, tag lists).
    """

    def __init__(self, layout: Layout) -> None:
        self.rows: list[ParsedRow] = []
        self.skipped: list[RowIssue] = []
        self.warnings: list[RowIssue] = []
        self.add = self._adder(layout)

    def add_multiline(self, row: list[str], line: int) -> None:
        """Add a record whose quoted values span lines: their line breaks are normalised."""
        self.add([clean(value) for value in row], line)

    def _adder(self, layout: Layout) -> Callable[[list[str], int], None]:
        width = len(layout.headers)
        pad = [""] * (width + 1)  # index `width` is always "": where absent fields are read
        end = ("",)
        columns = layout.columns
        get = itemgetter(*(columns.get(t, (width,))[0] for t in _ORDER))
        more = [(_ORDER.index(t), ix[1:]) for t, ix in columns.items() if len(ix) > 1]
        date_column = columns.get("connected_on")
        date_header = layout.headers[date_column[0]] if date_column else ""
        dates: dict[str, Any] = {}  # a date, or why it is not one (str)
        tag_lists: dict[str, list[str]] = {}
        # Each value once in memory: 100,000 rows hold ~5,000 companies, ~10,000 titles and
        # a few thousand first and last names.
        once: dict[str, str] = {}
        same = once.setdefault
        rows, skipped, warnings = self.rows, self.skipped, self.warnings
        strip, append = str.strip, rows.append

        def fill_more(values: list[str], row: list[str]) -> list[str]:
            for position, indexes in more:
                extra = [clean(row[i]) for i in indexes]
                if position == _SITE:
                    values[_SITE] = linkedin_url([values[_SITE], *extra])
                elif not values[position]:
                    values[position] = next((v for v in extra if v), "")
            return values

        def read_date(text: str, line: int) -> dt.date | None:
            """Parse a date not seen yet in this file; a bad one is cached as its reason."""
            date: dt.date | str | None = dates.get(text, _MISSING)
            if date is _MISSING:
                try:
                    date = parse_date(text)
                except DateError as err:
                    date = f"{date_header}: {err}; left empty"
                dates[text] = date
            if isinstance(date, str):
                warnings.append(RowIssue(line=line, reason=date))
                return None
            return date

        def add(row: list[str], line: int) -> None:
            n = len(row)
            if n == width:
                row.append("")
            elif n < width:
                row.extend(pad[n:])
            else:  # extra cells past the header are ignored; index `width` must read ""
                row[width:] = end
            values: Iterable[str] = map(strip, get(row))
            if more:
                values = fill_more(list(values), row)
            first, last, full, email, company, position, url, when, sector, tags, notes, site = (
                values
            )
            if not (first or last):
                if not full:
                    if any(map(strip, row)):
                        skipped.append(RowIssue(line=line, reason=NO_NAME))
                    return
                first, last = split_full_name(full)
            if email and ":::" in email:
                email = strip(email.split(":::", 1)[0])
            if site and not url:
                url = linkedin_url([site])
            date = None
            if when:
                date = dates.get(when)
                if date is None or date.__class__ is str:
                    date = read_date(when, line)
            first, last = same(first, first), same(last, last)
            if "\n" in company:
                company = one_line(company)
            if "\n" in position:
                position = one_line(position)
            company, position = same(company, company), same(position, position)
            tag_list = []
            if tags:
                cached = tag_lists.get(tags)
                if cached is None:
                    cached = tag_lists[tags] = split_tags(tags)
                tag_list = cached.copy()
            append(
                ParsedRow(
                    line, first, last, email, company, position, url, date, sector, tag_list, notes
                )
            )

        return add
