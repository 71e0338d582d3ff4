"""Job function, seniority and language from a title: the traps, French forms, multi-part
titles, and the workspace rules file (override, errors)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from handpicked.core.contacts.classify import (
    FUNCTIONS,
    SENIORITIES,
    UNCLASSIFIED,
    Classifier,
    Role,
    canonical,
)
from handpicked.core.errors import HandpickedError


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier()


def role(classifier: Classifier, title: str) -> tuple[str, str]:
    found = classifier.role(title)
    return found.function, found.seniority


@pytest.mark.parametrize(
    ("title", "function", "seniority"),
    [
        ("Talent Acquisition Partner", "Human Resources", "Entry"),
        ("HR Business Partner", "Human Resources", "Entry"),
        ("Senior Talent Acquisition Partner", "Human Resources", "Senior"),
        ("Partenaire d'affaires RH", "Human Resources", "Entry"),
        ("Partner Manager", "Business Development", "Manager"),
        ("Chief Marketing Officer", "Marketing", "CXO"),
        ("Chief People Officer", "Human Resources", "CXO"),
        ("CEO", "Business Development", "CXO"),
        ("PDG", "Business Development", "CXO"),
        ("Président-directeur général", "Business Development", "CXO"),
        ("Présidente-directrice générale", "Business Development", "CXO"),
        ("Président", "Business Development", "CXO"),
        ("Chef de la direction financière", "Finance", "CXO"),
        ("Founder", "Entrepreneurship", "Owner"),
        ("Co-founder", "Entrepreneurship", "Owner"),
        ("Fondatrice", "Entrepreneurship", "Owner"),
        ("Owner", "Entrepreneurship", "Owner"),
        ("Propriétaire", "Entrepreneurship", "Owner"),
        ("Product Owner", "Product Management", "Entry"),
        ("Propriétaire de produit", "Product Management", "Entry"),
        ("Marketing Intern", "Marketing", "Training"),
        ("Stagiaire en génie civil", "Engineering", "Training"),
        ("Marketing Manager Intern", "Marketing", "Training"),
        ("Volunteer", "Community and Social Services", "Unpaid"),
        ("Bénévole", "Community and Social Services", "Unpaid"),
        ("Volunteer Firefighter", "Military and Protective Services", "Unpaid"),
        ("Coordonnatrice des bénévoles", "Community and Social Services", "Entry"),
        ("Head of Talent", "Human Resources", "Director"),
        ("Head of Product", "Product Management", "Director"),
        ("Senior Accountant", "Accounting", "Senior"),
        ("Sr. Software Engineer II", "Engineering", "Senior"),
        ("Lead Developer", "Engineering", "Senior"),
        ("Principal Engineer, Platform", "Engineering", "Senior"),
        ("Staff Software Engineer", "Engineering", "Senior"),
        ("Staff Accountant", "Accounting", "Entry"),
        ("VP Sales, Eastern Canada", "Sales", "VP"),
        ("Vice President, Private Equity", "Finance", "VP"),
        ("Vice-président, Ventes", "Sales", "VP"),
        ("Vice-présidente, Ressources humaines", "Human Resources", "VP"),
        ("Associée, Litige", "Legal", "Partner"),
        ("Associé, Fiscalité", "Accounting", "Partner"),
        ("Associée, Services-conseils", "Consulting", "Partner"),
        ("Associé aux ventes", "Sales", "Entry"),
        ("Associée, Finances", "Finance", "Partner"),
        ("Avocat associé", "Legal", "Partner"),
        ("Producteur associé", "Media and Communication", "Entry"),
        ("Directeur de création associé", "Arts and Design", "Director"),
        ("Associate, Litigation", "Legal", "Entry"),
        ("Partner, Tax", "Accounting", "Partner"),
        ("Directrice des ressources humaines", "Human Resources", "Director"),
        ("Engineering Manager", "Engineering", "Manager"),
        ("Gestionnaire de projets", "Program and Project Management", "Manager"),
        ("Chef de projet", "Program and Project Management", "Manager"),
        ("Superviseur de production", "Operations", "Manager"),
        ("Junior Developer", "Engineering", "Entry"),
        ("Associate Consultant", "Consulting", "Entry"),
        ("Executive Assistant to the CEO", "Administrative", "Entry"),
        ("Adjointe exécutive du président", "Administrative", "Entry"),
        ("Comptable", "Accounting", "Entry"),
        ("Software Developer", "Engineering", "Entry"),
    ],
)
def test_traps(classifier: Classifier, title: str, function: str, seniority: str) -> None:
    """Verify the classic title traps land on LinkedIn's function and level."""
    assert role(classifier, title) == (function, seniority)


@pytest.mark.parametrize(
    ("masculine", "feminine", "function", "seniority"),
    [
        ("Directeur des ventes", "Directrice des ventes", "Sales", "Director"),
        ("Conseiller juridique", "Conseillère juridique", "Legal", "Entry"),
        ("Vice-président, Finances", "Vice-présidente, Finances", "Finance", "VP"),
        ("Ingénieur logiciel", "Ingénieure logiciel", "Engineering", "Entry"),
        ("Développeur Web", "Développeuse Web", "Engineering", "Entry"),
        ("Analyste financier", "Analyste financière", "Finance", "Entry"),
        ("Gestionnaire immobilier", "Gestionnaire immobilière", "Real Estate", "Manager"),
        ("Adjoint administratif", "Adjointe administrative", "Administrative", "Entry"),
        (
            "Coordonnateur de projets",
            "Coordonnatrice de projets",
            "Program and Project Management",
            "Entry",
        ),
        ("Technicien comptable", "Technicienne comptable", "Accounting", "Entry"),
        ("Avocat", "Avocate", "Legal", "Entry"),
        ("Infirmier", "Infirmière", "Healthcare Services", "Entry"),
        ("Enseignant", "Enseignante", "Education", "Entry"),
        ("Professeur titulaire", "Professeure titulaire", "Education", "Entry"),
        ("Chargé de projet", "Chargée de projet", "Program and Project Management", "Entry"),
        ("Représentant des ventes", "Représentante des ventes", "Sales", "Entry"),
        ("Associé, Litige", "Associée, Litige", "Legal", "Partner"),
        ("Fondateur", "Fondatrice", "Entrepreneurship", "Owner"),
        ("Superviseur de production", "Superviseuse de production", "Operations", "Manager"),
        ("Superviseur de production", "Superviseure de production", "Operations", "Manager"),
        ("Chef de la technologie", "Cheffe de la technologie", "Engineering", "CXO"),
        ("Analyste programmeur", "Analyste programmeuse", "Information Technology", "Entry"),
        (
            "Conseiller principal, marketing",
            "Conseillère principale, marketing",
            "Marketing",
            "Senior",
        ),
    ],
)
def test_feminine_and_masculine_forms(
    classifier: Classifier, masculine: str, feminine: str, function: str, seniority: str
) -> None:
    """Verify both French forms of a title get the same function and level."""
    assert role(classifier, masculine) == (function, seniority)
    assert role(classifier, feminine) == (function, seniority)


@pytest.mark.parametrize(
    ("title", "function", "seniority"),
    [
        ("CTO / co-founder", "Entrepreneurship", "Owner"),
        ("Co-fondateur & CTO", "Entrepreneurship", "Owner"),
        ("Founder & CEO", "Entrepreneurship", "Owner"),
        ("Directrice, Ressources humaines\nFondatrice, Collectif RH", "Entrepreneurship", "Owner"),
        ("Senior Software Engineer\nBlockchain enthusiast", "Engineering", "Senior"),
        ("Développeuse Python\nTech Lead", "Engineering", "Senior"),
        ("Courtière immobilière / Gestionnaire", "Real Estate", "Manager"),
        ("Conseiller / Formateur", "Education", "Entry"),
        ("Executive Vice President & Chief Financial Officer", "Finance", "CXO"),
        ("Designer UX/UI principal", "Arts and Design", "Senior"),
        ("Co-op Student – Software Development", "Engineering", "Training"),
        (
            "Chargée de projets – Transformation numérique",
            "Program and Project Management",
            "Entry",
        ),
        ("VP, People & Culture", "Human Resources", "VP"),
        ("Learning & Development Specialist", "Human Resources", "Entry"),
        ("Intern, Data & Analytics", "Information Technology", "Training"),
        ("Directeur des ventes / Associé", "Sales", "Partner"),
    ],
)
def test_multi_part_titles(
    classifier: Classifier, title: str, function: str, seniority: str
) -> None:
    """Verify slash, "&" and two-line titles take the highest level and that part's function."""
    assert role(classifier, title) == (function, seniority)


@pytest.mark.parametrize(
    "title",
    ["Retraité", "Open to work", "En recherche d'emploi", "Membre du conseil d'administration",
     "", "   ", "🚀🚀"],
)  # fmt: skip
def test_no_function_is_unclassified_for_both(classifier: Classifier, title: str) -> None:
    """Verify a title naming no job is Unclassified for function and seniority, source "none"."""
    found = classifier.role(title)
    assert (found.function, found.seniority) == (UNCLASSIFIED, UNCLASSIFIED)
    assert (found.function_source, found.seniority_source) == ("none", "none")


@pytest.mark.parametrize(
    ("title", "seniority", "words"),
    [("VP, Transformation Office", "VP", "vp"), ("Vice-présidente", "VP", "vice presidente"),
     ("Stagiaire", "Training", "stagiaire"), ("Partner", "Partner", "partner"),
     ("Gestionnaire", "Manager", "gestionnaire"),
     ("Directrice, Bureau de la transformation", "Director", "directrice")],
)  # fmt: skip
def test_no_function_keeps_the_level(
    classifier: Classifier, title: str, seniority: str, words: str
) -> None:
    """Verify a title with a level but no function word keeps its level, the function left
    Unclassified, and the reason says both."""
    found = classifier.role(title)
    assert found == Role(
        UNCLASSIFIED, seniority, "none", "rule",
        f'title word{"s" if " " in words else ""} "{words}" -> {seniority}; '
        "no job function recognised",
    )  # fmt: skip


def test_reason_names_the_words(classifier: Classifier) -> None:
    """Verify the reason quotes the title words that decided, and says when no level was given."""
    found = classifier.role("Directrice des ressources humaines")
    assert found == Role(
        "Human Resources", "Director", "rule", "rule",
        'title word "directrice" -> Director; title words "ressources humaines" -> Human Resources',
    )  # fmt: skip
    assert classifier.role("Comptable").reason.startswith("no seniority word -> Entry")


def test_role_is_cached_per_title(classifier: Classifier) -> None:
    """Verify a distinct title is classified once and then served from the cache."""
    assert classifier.role("Analyste financier") is classifier.role("Analyste financier")


def test_every_result_is_in_the_taxonomy(classifier: Classifier) -> None:
    """Verify odd inputs only ever yield taxonomy names or Unclassified."""
    for title in (
        "=cmd|' /C calc'!A0",
        "<b>CEO</b>",
        "\x1b[31mVP\x1b[0m",
        "a/b/c/d/e",
        "&&&",
        "R&D",
    ):
        found = classifier.role(title)
        assert found.function in (*FUNCTIONS, UNCLASSIFIED)
        assert found.seniority in (*SENIORITIES, UNCLASSIFIED)


def test_canonical_accepts_french_and_any_case() -> None:
    """Verify taxonomy names are found in English or French, any case, accents or not."""
    assert canonical("function", "ressources humaines") == "Human Resources"
    assert canonical("function", "INGENIERIE") == "Engineering"
    assert canonical("seniority", "Vice-présidente") == "VP"
    assert canonical("seniority", "stagiaire") == "Training"
    assert canonical("sector", "Services financiers") == "Financial Services"
    assert canonical("function", "Unclassified") is None


# --- the workspace rules file -----------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_user_rules_override_shipped_ones(tmp_path: Path) -> None:
    """Verify a workspace rules.toml replaces shipped phrases and adds new ones, for it alone."""
    path = write(
        tmp_path,
        """
        # Our firm calls its analysts IT people, and "Gardien" is a job here.
        [[function]]
        phrases = ["analyste d'affaires", "business analyst"]
        name = "Technologies de l'information"

        [[function]]
        phrases = ["gardien de but"]
        name = "Arts and Design"
        weight = 3

        [[seniority]]
        phrases = ["partner"]
        name = "Senior"
        """,
    )
    mine = Classifier(path)
    assert role(mine, "Analyste d'affaires") == ("Information Technology", "Entry")
    assert mine.role("Business Analyst").reason.endswith("-> Information Technology (rules.toml)")
    assert role(mine, "Gardien de but") == ("Arts and Design", "Entry")
    assert role(mine, "Partner, Tax") == ("Accounting", "Senior")
    shipped = Classifier()
    assert role(shipped, "Analyste d'affaires") == ("Consulting", "Entry")
    assert role(shipped, "Partner, Tax") == ("Accounting", "Partner")


def test_user_rules_can_silence_a_phrase(tmp_path: Path) -> None:
    """Verify name = "" in a user rule makes a shipped phrase mean nothing."""
    path = write(tmp_path, '[[function]]\nphrases = ["comptable"]\nname = ""\n')
    assert role(Classifier(path), "Comptable") == (UNCLASSIFIED, UNCLASSIFIED)


def test_missing_user_rules_file_is_fine(tmp_path: Path) -> None:
    """Verify a workspace without rules.toml classifies with the shipped rules."""
    assert role(Classifier(tmp_path / "rules.toml"), "Comptable") == ("Accounting", "Entry")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[[function]]\nphrases = ["x"]\nname = "Enginering"\n', 1, "'Enginering' is not a function"),
        ('[[function]]\nphrases = ["vente"]\nname = "Sales"\n\n[[function]]\nphrases = "b"\nname = "Sales"\n',
         5, '"phrases" must be a non-empty list'),
        ('[[seniority]]\nphrases = ["x"]\nname = "Boss"\n', 1, "'Boss' is not a seniority"),
        ('[[function]]\nphrases = ["x"]\nname = "Sales"\ncolour = "red"\n', 1, "unknown key 'colour'"),
        ('[[function]]\nphrases = ["x"]\nname = "Sales"\nweight = 12\n', 1, '"weight" must be'),
        ('[[employer]]\nsector = "Bakeries"\nnames = ["X"]\n', 1, "'Bakeries' is not a sector"),
        ('[[label]]\nsector = "Retail"\nnames = ["X"]\n', 1, "unknown section 'label'"),
        ('[[function]]\nphrases = ["x"\nname = "Sales"\n', 3, "not valid TOML"),
        ('[[function]]\nphrases = ["de la"]\nname = "Sales"\n', 1, "has no words to match"),
    ],
)  # fmt: skip
def test_malformed_user_rules_name_file_and_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    """Verify a bad rules.toml raises one HandpickedError naming the file, the line and the fix."""
    path = write(tmp_path, text)
    with pytest.raises(HandpickedError) as caught:
        Classifier(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ")
    assert words in message


def test_unreadable_user_rules_file(tmp_path: Path) -> None:
    """Verify a rules.toml that is not UTF-8 text is reported, not a traceback."""
    path = tmp_path / "rules.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(HandpickedError, match="cannot read the rules file"):
        Classifier(path)


# --- language ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "company", "language"),
    [
        ("Directrice des ventes", "Banque Nationale", "fr"),
        ("Conseillère principale, acquisition de talents", "", "fr"),
        ("Infirmière clinicienne", "CIUSSS de l'Est-de-l'Île-de-Montréal", "fr"),
        ("VP Sales", "Shopify", "en"),
        ("Head of Talent", "", "en"),
        ("Software Developer", "Ubisoft Montréal", "en"),
        ("Marketing", "CGI", None),
        ("", "", None),
        ("Manager", "Desjardins", None),
    ],
)
def test_language_guess(
    classifier: Classifier, position: str, company: str, language: str | None
) -> None:
    """Verify the language guess reads French and English titles and admits when it cannot tell."""
    assert classifier.language(position, company) == language


def test_one_part_titles_read_alike_by_the_short_path(classifier: Classifier) -> None:
    """Verify the short path for titles of one part gives the very role, reason included, that
    weighing the parts gives, on every title of a generated network of 20,000 and the traps."""
    from benchmarks.generate import linkedin_rows
    from handpicked.core.contacts.classify.roles import _one_role, _parts_of, _role_of

    titles = {row[5] for row in linkedin_rows(20_000, seed=5)}  # (first, last, url, ...)
    titles |= {
        "", "   ", "HR Business Partner", "Vice-présidente, RH", "Marketing Manager Intern",
        "Adjointe exécutive du président", "VP, Transformation Office", "Bénévole", "CEO",
        "Assistant to the CEO", "Intern, Data & Analytics", "Directrice, RH / Fondatrice",
    }  # fmt: skip
    short = 0
    for title in sorted(titles):
        quick = _one_role(title, classifier.rules)
        if quick is not None:
            short += 1
            assert quick == _role_of(_parts_of(title, classifier.rules)), title
    assert short > len(titles) * 3 // 4  # most titles take it
