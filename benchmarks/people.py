"""Invented people of a Montréal/Toronto network, the same ones for the same seed.

Every export format the generator writes is drawn from this one stream, so a benchmark on a
LinkedIn file and on a vCard file measure the same people. Titles are composed from level x
function x area pieces (vocabulary.py) and matched to the person and employer languages, so
100,000 people carry thousands of distinct, plausible titles instead of a few dozen repeated ones;
quirks (two-line titles, slashes, credentials, emoji, ALL CAPS) come at the rates real exports
show them.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from benchmarks import employers as emp
from benchmarks import names as nam
from benchmarks import vocabulary as voc
from handpicked.core.text import company_key, words

_FIRST_DAY = dt.date(2008, 1, 1).toordinal()
_LAST_DAY = dt.date(2025, 6, 30).toordinal()
# Chance that a title is French, by (person language, employer language).
_FRENCH_TITLE = {
    ("fr", "fr"): 0.9,
    ("fr", "bi"): 0.7,
    ("fr", "en"): 0.3,
    ("en", "fr"): 0.3,
    ("en", "bi"): 0.1,
    ("en", "en"): 0.02,
}
_CREDENTIALS = {
    "Accounting": ("CPA", "CPA"),
    "Engineering": ("P.Eng.", "ing."),
    "Human Resources": ("CHRP", "CRHA"),
    "Program and Project Management": ("PMP", "PMP"),
    "Finance": ("CFA", "Pl. Fin."),
    "Research": ("PhD", "Ph. D."),
}
_NON_PROFIT = "Non-profit Organizations"
_PARTNER_FUNCTIONS = frozenset(("Legal", "Accounting", "Consulting", "Finance"))
_NO_LEAD = frozenset(("Education", "Healthcare Services", "Legal", "Research"))
_STOP_WORDS = frozenset(("de", "du", "des", "la", "le", "les", "l", "d", "et", "the", "of", "and"))
_CHIEF_FUNCTIONS = tuple(f for f in voc.CHIEFS if f != "*")
_TECH = frozenset(("Software Development", "IT Services and IT Consulting", "Computer Games"))
_AREA_CODES = {  # 555-01xx numbers are reserved for fiction; Toronto codes for English speakers
    "fr": ("514", "514", "438", "450", "418", "450", "514"),
    "en": ("514", "514", "438", "450", "418", "416", "647"),
}
_EMOJI = ("🌱", "🚀", "✨", "🎯", "🌍", "💡")
_PRONOUNS = {  # (language, feminine) -> what people add after their name
    ("en", True): "(she/her)", ("en", False): "(he/him)",
    ("fr", True): "(elle/she)", ("fr", False): "(il/he)",
}  # fmt: skip
_GENDER = re.compile(r"\{([^{}|]*)(?:\|([^{}]*))?\}")


@dataclass(slots=True)
class Person:
    """One invented contact, with what every export format needs."""

    first_name: str
    last_name: str
    email: str
    company: str
    sector: str
    position: str
    profile_url: str
    connected_on: dt.date
    language: str  # "fr" or "en": the person's language, not always their title's
    level: str  # one of the ten seniority levels
    function: str  # one of LinkedIn's 26 job functions
    phone: str


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def gendered(text: str, feminine: bool) -> str:
    """Resolve the `{masc|fem}` / `{fem-suffix}` notation of vocabulary.py."""
    if "{" not in text:
        return text.replace("~", "")

    def pick(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        if second is None:  # {e}: a feminine-only ending
            return first if feminine else ""
        return second if feminine else first

    return _GENDER.sub(pick, text).replace("~", "")


class _Vocab:
    """The vocabulary parsed once into tuples and cumulative weights for fast draws."""

    def __init__(self) -> None:
        self.first = {
            ("fr", True): _split(nam.FR_FEMALE),
            ("fr", False): _split(nam.FR_MALE),
            ("en", True): _split(nam.EN_FEMALE),
            ("en", False): _split(nam.EN_MALE),
        }
        self.last = {"fr": _split(nam.FR_LAST), "en": _split(nam.EN_LAST)}
        self.blocked = frozenset(tuple(n.split(" ", 1)) for n in _split(nam.BLOCKED_NAMES))
        self.roles = {f: (_split(en), _split(fr)) for f, (en, fr, _) in voc.FUNCTIONS.items()}
        self.areas = {
            f: tuple(tuple((*a.split("="), "")[:3]) for a in _split(areas))
            for f, (_, _, areas) in voc.FUNCTIONS.items()
        }
        self.levels = tuple(voc.LEVEL_WEIGHTS)
        self.level_cum = tuple(accumulate(voc.LEVEL_WEIGHTS.values()))
        self.templates = {lv: (_split(en), _split(fr)) for lv, (en, fr) in voc.LEVELS.items()}
        self.chiefs = {f: (_split(en), _split(fr)) for f, (en, fr) in voc.CHIEFS.items()}
        self.second = tuple(_split(x) for x in voc.SECOND_LINES)
        self.slashed = tuple(_split(x) for x in voc.SLASHED)
        self.employers = tuple((tuple(e[0].split("|")), e[1], e[2]) for e in emp.EMPLOYERS)
        affinity = {
            "fr": {"fr": 3.0, "bi": 2.0, "en": 1.0},
            "en": {"fr": 0.7, "bi": 2.0, "en": 3.0},
        }
        self.employer_cum = {
            lang: tuple(accumulate(e[3] * affinity[lang][e[2]] for e in emp.EMPLOYERS))
            for lang in ("fr", "en")
        }
        self.partner_employers = tuple(e for e in self.employers if e[1] in emp.PARTNER_SECTORS)
        self.firms = {
            lang: tuple(
                (tuple(p.split("|")), sector, flang)
                for p, sector, flang in emp.SMALL_FIRMS
                if lang == "en" or flang in ("fr", "bi")
            )
            for lang in ("fr", "en")
        }
        self.partner_firms = tuple(
            (tuple(p.split("|")), sector, flang)
            for p, sector, flang in emp.SMALL_FIRMS
            if sector in emp.PARTNER_SECTORS
        )
        self.nonprofits = tuple(e for e in self.employers if e[1] == _NON_PROFIT)
        self.nonprofit_firms = tuple(f for f in self.firms["fr"] if f[1] == _NON_PROFIT)
        self.places = _split(emp.PLACES)
        self.words = _split(emp.WORDS)
        self.words2 = _split(emp.WORDS2)
        self.wide = tuple(emp.COMPANY_WIDE)
        self.wide_cum = tuple(accumulate(emp.COMPANY_WIDE.values()))


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    return _Vocab()


# Roles that read well with an area after them ("Conseillère principale, acquisition de talents");
# "Registered Nurse, Payroll" would not.
_OPEN_ROLES = re.compile(
    r"^(Conseill|Analyste|Chargé|Coordonnat|Consultant|Spécialiste|Agent|Professionnel)"
    r"|(Advisor|Analyst|Specialist|Coordinator|Consultant|Associate)$"
)


def _stems(text: str) -> set[str]:
    return {word[:5] for word in words(text) if len(word) > 3}


@lru_cache(maxsize=200_000)
def _compose(
    function: str, level: str, french: bool, fem: bool, t: int, r: int, a: int, small: bool
) -> str | None:
    """One title from indices into the pieces, or None when the template does not fit them."""
    v = _vocab()
    lang = 1 if french else 0
    template = v.templates[level][lang][t]
    roles = v.roles[function][lang]
    role = roles[r % len(roles)]
    en_area, fr_area, de_area = v.areas[function][a % len(v.areas[function])]
    area = fr_area if french else en_area
    if "<de>" in template and not de_area:
        return None
    if template.startswith("Lead ") and function in _NO_LEAD:
        return None  # "Lead Associate Professor", "Lead Registered Nurse" read wrong
    if "," in area and re.search(r"<Area> \w", template):
        return None  # "Sales, Eastern Canada Manager" reads wrong
    if re.search(r"<(role|sr)>.*<[aA]rea>", template):
        plain = gendered(role, False)
        if not _OPEN_ROLES.search(plain) or _stems(area) & _stems(plain):
            return None  # "Financial Analyst, Finance" says the same thing twice
    if "<chief>" in template:
        own = v.chiefs.get(function)
        # CEOs and presidents only of small firms: a real employer has one, and it is no one here
        pool = own[lang] if own and (r % 3 or not small) else v.chiefs["*"][lang]
        template = pool[a % len(pool)]
    senior = role.replace("~", " principal{e}") if "~" in role else role + " principal{e}"
    title = (
        template.replace("<role>", role)
        .replace("<sr>", senior)
        .replace("<area>", area)
        .replace("<Area>", area[:1].upper() + area[1:])
        .replace("<de>", de_area)
    )
    return gendered(title, fem)


def _title(
    rng: random.Random,
    function: str,
    level: str,
    french: bool,
    fem: bool,
    *,
    narrow: bool,
    tech: bool,
    small: bool,
) -> str:
    """A title; `narrow` keeps to a function's first, company-wide roles and areas."""
    v = _vocab()
    templates = v.templates[level][1 if french else 0]
    if level == "Owner":  # "Co-founder & CTO" of a bakery, "Owner / Call Centre Agent" read wrong
        t = rng.choice([
            i for i, text in enumerate(templates)
            if (tech or "CTO" not in text) and (function in voc.OWNER_ROLES or "<role>" not in text)
        ])  # fmt: skip
    else:
        t = rng.randrange(len(templates))
    span = 3 if narrow else 64
    r, a = rng.randrange(span), rng.randrange(span)
    title = _compose(function, level, french, fem, t, r, a, small)
    while title is None:
        t = (t + 1) % len(templates)
        title = _compose(function, level, french, fem, t, r, a, small)
    return title


def _fill(rng: random.Random, names: tuple[str, ...], flang: str) -> str:
    """One invented firm name from a pattern ("Transport {L} inc." -> "Transport Gagnon inc.")."""
    v = _vocab()
    surnames = v.last["en" if flang == "en" else "fr"]
    return (
        rng.choice(names)
        .replace("{L}", rng.choice(surnames))
        .replace("{M}", rng.choice(surnames))
        .replace("{P}", rng.choice(v.places))
        .replace("{W}", rng.choice(v.words))
        .replace("{N}", rng.choice(v.words2))
        .replace("{F}", rng.choice(v.first["fr", rng.random() < 0.5]))
    )


def _small_firm(rng: random.Random, lang: str, partner: bool) -> tuple[str, str, str]:
    """An invented firm whose name hints at its sector: (name, sector, language)."""
    v = _vocab()
    names, sector, flang = rng.choice(v.partner_firms if partner else v.firms[lang])
    return _fill(rng, names, flang), sector, lang if flang == "bi" else flang


def _employer(rng: random.Random, lang: str, level: str) -> tuple[str, str, str, bool]:
    """(company, sector, employer language, is a small firm) for this person and level."""
    v = _vocab()
    if level == "Unpaid" and rng.random() < 0.7:  # volunteers mostly give time to non-profits
        if rng.random() < 0.5:
            names, sector, elang = rng.choice(v.nonprofits)
            return names[0], sector, elang, False
        names, sector, flang = rng.choice(v.nonprofit_firms)
        return _fill(rng, names, flang), sector, lang, True
    if level == "Owner" or (level != "Partner" and rng.random() < 0.15):
        return (*_small_firm(rng, lang, partner=False), True)
    if level == "Partner":
        if rng.random() < 0.3:
            return (*_small_firm(rng, lang, partner=True), True)
        names, sector, elang = rng.choice(v.partner_employers)
    else:
        cum = v.employer_cum[lang]
        names, sector, elang = v.employers[bisect(cum, rng.random() * cum[-1])]
    name = names[0] if len(names) == 1 or rng.random() < 0.7 else rng.choice(names[1:])
    return name, sector, elang, False


def _function(rng: random.Random, sector: str, level: str, small: bool) -> tuple[str, bool]:
    """(job function, drawn from the company-wide pool) for someone in this sector and level."""
    v = _vocab()
    core = emp.SECTOR_FUNCTIONS.get(sector, ())
    if level == "Owner" and rng.random() < 0.5:
        return "Entrepreneurship", False
    if level == "Unpaid" and rng.random() < 0.5:
        return "Community and Social Services", False
    if level == "Partner":  # partners of law, accounting, consulting and investment firms
        return rng.choice([f for f in core if f in _PARTNER_FUNCTIONS] or ["Finance"]), False
    if core and (level == "Owner" or rng.random() < (0.85 if small else 0.65)):
        return rng.choice(core), False
    return v.wide[bisect(v.wide_cum, rng.random() * v.wide_cum[-1])], True


@lru_cache(maxsize=4096)
def _domain(company: str) -> str:
    key = [w for w in company_key(company).split() if w not in _STOP_WORDS]
    return "".join(key[:2])[:20] + ".example"


@lru_cache(maxsize=8192)
def _slug(name: str) -> str:
    return "-".join(words(name.replace("'", "").replace("’", "")))  # O'Brien -> obrien


def people(
    count: int, seed: int = 7, *, email_share: float = 0.05, french_share: float = 0.5
) -> Iterator[Person]:
    """`count` invented people, the same ones for the same seed, each with a unique profile URL.

    Email addresses use reserved domains (`*.example`, example.com/.org/.net) so that a test
    campaign sent from a sample can never reach anyone.
    """
    v = _vocab()
    rng = random.Random(seed)
    rnd = rng.random
    salt = random.Random(seed ^ 0x5EED).getrandbits(32)
    span = _LAST_DAY - _FIRST_DAY
    for index in range(count):
        lang = "fr" if rnd() < french_share else "en"
        fem = rnd() < 0.5
        first = rng.choice(v.first[lang, fem])
        last = rng.choice(v.last[lang])
        if lang == "fr" and rnd() < 0.04:
            second = rng.choice(v.last["fr"])
            if second != last:
                last = f"{last}-{second}"
        while (first, last) in v.blocked:
            last = rng.choice(v.last[lang])
        level = v.levels[bisect(v.level_cum, rnd() * v.level_cum[-1])]
        company, sector, elang, small = _employer(rng, lang, level)
        if small and (level == "VP" or (level == "Director" and rnd() < 0.5)):
            level = "Manager"  # a ten-person firm has few vice-presidents and directors
        function, wide = _function(rng, sector, level, small)
        french = rnd() < _FRENCH_TITLE[lang, elang]
        tech = sector in _TECH
        if level == "CXO" and not small and function not in voc.CHIEFS:
            function = rng.choice(_CHIEF_FUNCTIONS)
        position = _title(rng, function, level, french, fem, narrow=wide, tech=tech, small=small)
        quirk = rnd()
        if quirk < 0.005:
            position += "\n" + gendered(rng.choice(v.second[french]), fem)
        elif quirk < 0.02 and level == "Owner":
            slashed = [t for t in v.slashed[french] if tech or "CTO" not in t]
            position = gendered(rng.choice(slashed), fem)
        elif quirk < 0.02 and level in ("Entry", "Senior"):
            other = gendered(rng.choice(v.roles[function][french]), fem)
            if not _stems(other) <= _stems(position):
                position = f"{position} / {other}"
        elif 0.02 <= quirk < 0.035:
            position = ""
            if rnd() < 0.5:
                company = ""
        first_slug, last_slug = _slug(first), _slug(last)
        url_id = (index * 0x9E3779B1 + salt) & 0xFFFFFFFF
        url = f"https://www.linkedin.com/in/{first_slug}-{last_slug}-{url_id:08x}"
        email = ""
        if rnd() < email_share:
            if company and rnd() < 0.6:
                host = _domain(company)
            else:
                host = rng.choice(("example.com", "example.org", "example.net"))
            email = f"{first_slug}.{last_slug}@{host}"
        shown_first, shown_last = first, last
        quirk = rnd()
        if quirk < 0.003:
            shown_first, shown_last = first.upper(), last.upper()
        elif quirk < 0.015 and function in _CREDENTIALS:
            shown_last = f"{last}, {_CREDENTIALS[function][lang == 'fr']}"
        elif 0.015 <= quirk < 0.018:
            shown_first = f"{first} {rng.choice(_EMOJI)}"
        elif 0.018 <= quirk < 0.022:
            shown_last = f"{last} {_PRONOUNS[lang, fem]}"
        day = dt.date.fromordinal(_FIRST_DAY + int(span * rnd() ** 0.6))
        phone = f"+1 {rng.choice(_AREA_CODES[lang])}-555-01{index % 100:02d}"
        yield Person(
            shown_first,
            shown_last,
            email,
            company,
            sector,
            position,
            url,
            day,
            lang,
            level,
            function,
            phone,
        )
