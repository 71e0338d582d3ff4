"""Sector from the employer: dictionary, company words, position words as a last resort, the
precedence with what the user said, and sector-column labels in English and French."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from handpicked.core.contacts.classify import (
    SECTORS,
    UNCLASSIFIED,
    Classifier,
    SectorGuess,
    canonical_sector,
    resolve_sector,
)
from handpicked.core.contacts.classify.rules import shipped_rules
from handpicked.core.text import company_key


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier()


@pytest.mark.parametrize(
    "spellings",
    [
        ("Banque Nationale", "National Bank of Canada", "Banque Nationale du Canada inc.", "BNC"),
        ("Desjardins", "Mouvement Desjardins", "Desjardins Group", "DESJARDINS INC.",
         "Caisse Desjardins de Lévis"),
        ("RBC", "RBC Royal Bank", "Royal Bank of Canada", "Banque Royale du Canada"),
        ("Hydro-Québec", "Hydro Quebec", "HYDRO-QUÉBEC"),
    ],
)  # fmt: skip
def test_dictionary_tolerates_variants(classifier: Classifier, spellings: tuple[str, ...]) -> None:
    """Verify every usual spelling of a well-known employer finds the same dictionary sector."""
    found = {classifier.sector(name) for name in spellings}
    assert len({(guess.sector, guess.source) for guess in found}) == 1
    assert next(iter(found)).source == "dictionary"


@pytest.mark.parametrize(
    ("company", "sector"),
    [
        ("Bell Canada", "Technology, Information and Media"),
        ("Bell Textron Canada", "Manufacturing"),
        ("Pharmacie Jean Coutu", "Retail"),
        ("CHU de Québec-Université Laval", "Hospitals and Health Care"),
        ("McGill University Health Centre", "Hospitals and Health Care"),
        ("McGill University", "Education"),
        ("Santé Canada", "Government Administration"),
        ("Suncor Énergie", "Oil, Gas, and Mining"),
        ("Power Corporation du Canada", "Holding Companies"),
        ("Costco Wholesale", "Retail"),
        ("Ubisoft Montréal", "Technology, Information and Media"),
        ("CIUSSS du Centre-Sud-de-l'Île-de-Montréal", "Hospitals and Health Care"),
        ("Cégep du Vieux Montréal", "Education"),
        ("Fondation du CHUM", "Consumer Services"),
        ("Fondation du Cégep de Sherbrooke", "Consumer Services"),
    ],
)
def test_dictionary_and_its_traps(classifier: Classifier, company: str, sector: str) -> None:
    """Verify the dictionary prefers the longest listed name and a leading "Fondation"."""
    assert classifier.sector(company).sector == sector


def test_short_names_need_the_whole_name(classifier: Classifier) -> None:
    """Verify an exact-only name ("Metro", "Bell") is not found inside an unrelated name."""
    assert classifier.sector("Metro").sector == "Retail"
    assert classifier.sector("Metro Vancouver Transit Planning").sector != "Retail"
    assert classifier.sector("Taco Bell").source != "dictionary"


@pytest.mark.parametrize(
    ("company", "sector", "words"),
    [
        ("Banque alimentaire de Verdun", "Consumer Services", '"banque alimentaire"'),
        ("Hôpital de la Cité", "Hospitals and Health Care", '"hopital"'),
        ("Clinique médicale du Plateau", "Hospitals and Health Care", '"clinique"'),
        ("Pharmacie du Village", "Hospitals and Health Care", '"pharmacie"'),
        ("Université de Nulle-Part", "Education", '"universite"'),
        ("Ville de Sainte-Adèle", "Government Administration", '"ville"'),
        ("City of Kingston", "Government Administration", '"city"'),
        ("Ministère des Forêts et des Parcs", "Government Administration", '"ministere"'),
        ("Construction Boréal inc.", "Construction", '"construction"'),
        ("Entrepreneur général Alpha", "Construction", '"entrepreneur general"'),
        ("Hôtel Le Nordique", "Accommodation Services", '"hotel"'),
        ("Lavoie Avocats", "Professional Services", '"avocats"'),
        ("Groupe Conseil Boréal", "Professional Services", '"groupe conseil"'),
        ("Transport Boréal inc.", "Transportation, Logistics, Supply Chain and Storage", ""),
        ("Énergie Solaire Boréale", "Utilities", '"energie"'),
        ("Mines Boréales", "Oil, Gas, and Mining", '"mines"'),
        ("Ferme des Quatre-Vents", "Farming, Ranching, Forestry", '"ferme"'),
        ("Logiciels Alpha inc.", "Technology, Information and Media", '"logiciels"'),
        ("Studio Pixel Nord", "Technology, Information and Media", '"studio"'),
        ("Assurances Horizon", "Financial Services", '"assurances"'),
        ("Alpha Capital", "Financial Services", '"capital"'),
        ("Toyota Gatineau", "Retail", '"toyota"'),
    ],
)
def test_company_word_rules(classifier: Classifier, company: str, sector: str, words: str) -> None:
    """Verify bilingual company-name words give a sector, with a reason quoting them."""
    guess = classifier.sector(company)
    assert (guess.sector, guess.source) == (sector, "rule")
    assert guess.reason.startswith("company word")
    assert words in guess.reason


def test_position_is_a_last_resort(classifier: Classifier) -> None:
    """Verify a telling position word is used only when the company says nothing, and says so."""
    guess = classifier.sector("Gestion JMB inc.", "Infirmière clinicienne")
    assert guess == SectorGuess(
        "Hospitals and Health Care", "rule",
        'position word "infirmiere" -> Hospitals and Health Care '
        "(the company name gave no sign of a sector)",
    )  # fmt: skip
    assert classifier.sector("", "Enseignante au primaire").sector == "Education"
    assert classifier.sector("Shopify", "Infirmière").sector == "Technology, Information and Media"
    assert classifier.sector("", "Avocate").sector == UNCLASSIFIED  # lawyers work everywhere


@pytest.mark.parametrize("company", ["", "Self-employed", "Confidentiel", "Gestion JMB inc.",
                                     "9123-4567 Québec inc.", "Stealth Startup", "N/A"])  # fmt: skip
def test_unknown_company_is_unclassified(classifier: Classifier, company: str) -> None:
    """Verify a company that names no sector is Unclassified with source "none"."""
    assert classifier.sector(company) == SectorGuess(
        UNCLASSIFIED, "none", "no known employer or sector word"
    )


def test_sector_is_cached_per_company_key(classifier: Classifier) -> None:
    """Verify two spellings with one company_key are classified once."""
    assert classifier.sector("Desjardins Inc.") is classifier.sector("DESJARDINS")


def test_user_employers_and_sector_rules(tmp_path: Path) -> None:
    """Verify a rules.toml can add an employer, correct a shipped one and add company words."""
    path = tmp_path / "rules.toml"
    path.write_text(
        textwrap.dedent(
            """
            [[employer]]
            sector = "Manufacturing"
            names = ["Acme Widgets"]

            [[employer]]
            sector = "Professional Services"
            exact = ["Desjardins"]

            [[sector]]
            phrases = ["boulangerie"]
            name = "Retail"
            """
        ),
        encoding="utf-8",
    )
    mine = Classifier(path)
    guess = mine.sector("Acme Widgets Ltd.")
    assert (guess.sector, guess.source) == ("Manufacturing", "dictionary")
    assert guess.reason.endswith("(rules.toml)")
    assert mine.sector("Desjardins").sector == "Professional Services"
    assert mine.sector("Boulangerie du Coin").sector == "Retail"
    assert Classifier().sector("Desjardins").sector == "Financial Services"


@pytest.mark.parametrize(
    ("label", "sector"),
    [
        ("Services financiers", "Financial Services"),
        ("financial services", "Financial Services"),
        ("FINANCIAL SERVICES", "Financial Services"),
        ("Finance", "Financial Services"),
        ("Banking", "Financial Services"),
        ("Assurances", "Financial Services"),
        ("Software Development", "Technology, Information and Media"),
        ("Technologies de l'information", "Technology, Information and Media"),
        ("IT Services and IT Consulting", "Professional Services"),
        ("Hospitals", "Hospitals and Health Care"),
        ("Hôpitaux et soins de santé", "Hospitals and Health Care"),
        ("Higher Education", "Education"),
        ("Enseignement supérieur", "Education"),
        ("Construction", "Construction"),
        ("Administration publique", "Government Administration"),
        ("Commerce de détail", "Retail"),
        ("Oil & Gas", "Oil, Gas, and Mining"),
        ("Transport, logistique, chaîne d'approvisionnement et entreposage",
         "Transportation, Logistics, Supply Chain and Storage"),
    ],
)  # fmt: skip
def test_canonical_sector_maps_labels(label: str, sector: str) -> None:
    """Verify sector-column labels in English, French or LinkedIn's finer industries map on."""
    assert canonical_sector(label) == sector


@pytest.mark.parametrize("label", ["Mon secteur préféré", "Cannabis artisanal", "", "  ", "---"])
def test_canonical_sector_keeps_unknown_labels_out(label: str) -> None:
    """Verify a label naming no taxonomy sector gives None (the caller keeps the user's label)."""
    assert canonical_sector(label) is None


GUESS = SectorGuess("Retail", "dictionary", 'employer dictionary: "Metro" -> Retail')


@pytest.mark.parametrize(
    ("manual", "company", "column", "guess", "expected"),
    [
        ("Education", "Retail", "Banking", GUESS, ("Education", "contact")),
        (None, "Mon secteur", "Banking", GUESS, ("Mon secteur", "company")),
        (None, None, "Services financiers", GUESS, ("Financial Services", "column")),
        (None, None, "Cannabis artisanal", GUESS, ("Cannabis artisanal", "column")),
        ("", "  ", "N/A", GUESS, ("Retail", "dictionary")),
        (None, None, None, SectorGuess("Utilities", "rule", "x"), ("Utilities", "rule")),
        (None, None, None, SectorGuess(UNCLASSIFIED, "none", "x"), (UNCLASSIFIED, "none")),
    ],
)
def test_resolve_sector_precedence(
    manual: str | None,
    company: str | None,
    column: str | None,
    guess: SectorGuess,
    expected: tuple[str, str],
) -> None:
    """Verify contact > company > column (mapped or verbatim) > guess > Unclassified."""
    got = resolve_sector(manual=manual, company_assignment=company, column=column, guess=guess)
    assert got == expected


def test_shipped_dictionary_size_and_sectors() -> None:
    """Verify the shipped dictionary is large, spans every sector, and uses taxonomy names only."""
    rules = shipped_rules()
    sectors = {employer.sector for employer in rules.employers.values()}
    assert len(rules.employers) >= 1000  # spellings of well over 600 employers
    assert sectors == set(SECTORS)
    assert all(company_key(e.name) == key for key, e in rules.employers.items())


def test_shipped_phrases_never_mean_two_things() -> None:
    """Verify no shipped phrase is given two different meanings (outside "when_with" rules)."""
    rules = shipped_rules()
    indexes = {
        "function": rules.function,
        "seniority": rules.seniority,
        "company": rules.company,
        "position": rules.position,
        "employer": rules.employer_words,
    }
    clashes = [
        (kind, " ".join(key), sorted({rule.value for rule in found}))
        for kind, index in indexes.items()
        for key, found in index.items()
        if len({rule.value for rule in found if not rule.when_with}) > 1
    ]
    assert clashes == []
