"""The three taxonomies a contact is sorted into, with their French names.

The names are LinkedIn's own (26 job functions, 10 seniority levels, 20 industry groups) so a
user who knows LinkedIn's filters finds the same buckets here, and so a LinkedIn "Industry"
column maps onto them without loss. French names are the ones a Québec user would type in a
spreadsheet or a filter; `canonical()` accepts either language, any case, with or without accents.
"""

from __future__ import annotations

from functools import lru_cache

from handpicked.core.text import words

UNCLASSIFIED = "Unclassified"

FUNCTIONS: tuple[str, ...] = (
    "Accounting", "Administrative", "Arts and Design", "Business Development",
    "Community and Social Services", "Consulting", "Education", "Engineering", "Entrepreneurship",
    "Finance", "Healthcare Services", "Human Resources", "Information Technology", "Legal",
    "Marketing", "Media and Communication", "Military and Protective Services", "Operations",
    "Product Management", "Program and Project Management", "Purchasing", "Quality Assurance",
    "Real Estate", "Research", "Sales", "Support",
)  # fmt: skip

# Ordered from the lowest to the highest level: comparisons ("VP or above") use this order.
SENIORITIES: tuple[str, ...] = (
    "Unpaid", "Training", "Entry", "Senior", "Manager", "Director", "VP", "CXO", "Partner", "Owner",
)  # fmt: skip

SECTORS: tuple[str, ...] = (
    "Accommodation Services", "Administrative and Support Services", "Construction",
    "Consumer Services", "Education", "Entertainment Providers", "Farming, Ranching, Forestry",
    "Financial Services", "Government Administration", "Holding Companies",
    "Hospitals and Health Care", "Manufacturing", "Oil, Gas, and Mining", "Professional Services",
    "Real Estate and Equipment Rental Services", "Retail", "Technology, Information and Media",
    "Transportation, Logistics, Supply Chain and Storage", "Utilities", "Wholesale",
)  # fmt: skip

FUNCTION_FR: dict[str, str] = {
    "Accounting": "Comptabilité",
    "Administrative": "Administration",
    "Arts and Design": "Arts et design",
    "Business Development": "Développement des affaires",
    "Community and Social Services": "Services sociaux et communautaires",
    "Consulting": "Services-conseils",
    "Education": "Enseignement",
    "Engineering": "Ingénierie",
    "Entrepreneurship": "Entrepreneuriat",
    "Finance": "Finance",
    "Healthcare Services": "Services de santé",
    "Human Resources": "Ressources humaines",
    "Information Technology": "Technologies de l'information",
    "Legal": "Juridique",
    "Marketing": "Marketing",
    "Media and Communication": "Médias et communication",
    "Military and Protective Services": "Services militaires et de protection",
    "Operations": "Opérations",
    "Product Management": "Gestion de produits",
    "Program and Project Management": "Gestion de programmes et de projets",
    "Purchasing": "Achats",
    "Quality Assurance": "Assurance qualité",
    "Real Estate": "Immobilier",
    "Research": "Recherche",
    "Sales": "Ventes",
    "Support": "Soutien",
}

SENIORITY_FR: dict[str, str] = {
    "Unpaid": "Non rémunéré",
    "Training": "Formation",
    "Entry": "Premier échelon",
    "Senior": "Expérimenté",
    "Manager": "Gestionnaire",
    "Director": "Directeur",
    "VP": "Vice-président",
    "CXO": "Haute direction",
    "Partner": "Associé",
    "Owner": "Propriétaire",
}

SECTOR_FR: dict[str, str] = {
    "Accommodation Services": "Services d'hébergement et de restauration",
    "Administrative and Support Services": "Services administratifs et de soutien",
    "Construction": "Construction",
    "Consumer Services": "Services aux consommateurs",
    "Education": "Enseignement",
    "Entertainment Providers": "Fournisseurs de divertissement",
    "Farming, Ranching, Forestry": "Agriculture, élevage et foresterie",
    "Financial Services": "Services financiers",
    "Government Administration": "Administration publique",
    "Holding Companies": "Sociétés de portefeuille",
    "Hospitals and Health Care": "Hôpitaux et soins de santé",
    "Manufacturing": "Fabrication",
    "Oil, Gas, and Mining": "Pétrole, gaz et mines",
    "Professional Services": "Services professionnels",
    "Real Estate and Equipment Rental Services": "Services immobiliers et location d'équipement",
    "Retail": "Commerce de détail",
    "Technology, Information and Media": "Technologies, information et médias",
    "Transportation, Logistics, Supply Chain and Storage": (
        "Transport, logistique, chaîne d'approvisionnement et entreposage"
    ),
    "Utilities": "Services publics",
    "Wholesale": "Commerce de gros",
}

# Other spellings people use for a level or a function in a filter or a spreadsheet.
_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "function": {
        "Human Resources": ("HR", "RH"),
        "Information Technology": ("IT", "TI", "Informatique"),
        "Business Development": ("Développement commercial", "Développement d'affaires"),
        "Consulting": ("Conseil",),
        "Education": ("Éducation",),
        "Healthcare Services": ("Santé", "Health care", "Healthcare"),
        "Legal": ("Droit", "Affaires juridiques"),
        "Media and Communication": ("Communications", "Communication", "Médias"),
        "Program and Project Management": ("Gestion de projets", "Project Management"),
        "Purchasing": ("Approvisionnement", "Procurement"),
        "Quality Assurance": ("QA", "Qualité"),
        "Support": ("Service à la clientèle", "Customer Service", "Customer Support"),
        "Arts and Design": ("Design",),
        "Military and Protective Services": ("Sécurité",),
        "Product Management": ("Gestion de produit",),
    },
    "seniority": {
        "Unpaid": ("Bénévole", "Volunteer"),
        "Training": ("Stagiaire", "Stage", "Intern", "Internship", "Student", "Étudiant"),
        "Entry": ("Entry level", "Junior", "Débutant"),
        "Senior": ("Sénior", "Confirmé"),
        "Director": ("Directrice", "Direction"),
        "VP": ("Vice President", "Vice-présidente", "Vice-présidence"),
        "CXO": ("C-level", "Chief", "CEO", "Cadre supérieur"),
        "Partner": ("Associée",),
        "Owner": ("Founder", "Fondateur", "Fondatrice", "Propriétaire"),
    },
    "sector": {},
}

_CONNECTORS = frozenset(("and", "et", "of", "de", "des", "du", "d", "l", "la", "le", "les"))
_KINDS = {"function": FUNCTIONS, "seniority": SENIORITIES, "sector": SECTORS}
_FRENCH = {"function": FUNCTION_FR, "seniority": SENIORITY_FR, "sector": SECTOR_FR}


def name_key(name: str) -> str:
    """Comparison key of a taxonomy name: folded words, connectors and plural "s" ignored.

    "Hospitals & Health Care", "hospitals and health care" and "Hôpitaux et soins de santé"'s
    own spellings each compare equal to themselves whatever the case, accents or "&"/"and".
    """
    keys = []
    for word in words(name):
        if word in _CONNECTORS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        keys.append(word)
    return " ".join(keys)


@lru_cache(maxsize=4)
def _lookup(kind: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for name in _KINDS[kind]:
        table[name_key(name)] = name
    for name, french in _FRENCH[kind].items():
        table.setdefault(name_key(french), name)
    for name, aliases in _ALIASES[kind].items():
        for alias in aliases:
            table.setdefault(name_key(alias), name)
    return table


def canonical(kind: str, name: str) -> str | None:
    """The taxonomy name that `name` means ("ingénierie" -> "Engineering"), or None.

    `kind` is "function", "seniority" or "sector". "Unclassified"/"Non classé" is not a member
    of any taxonomy and gives None, like anything unknown.
    """
    if kind not in _KINDS:
        raise ValueError(f"unknown taxonomy {kind!r}")
    key = name_key(name or "")
    return _lookup(kind).get(key) if key else None


def rank(seniority: str) -> int:
    """Position of a level in SENIORITIES (-1 for Unclassified or anything else)."""
    try:
        return SENIORITIES.index(seniority)
    except ValueError:
        return -1
