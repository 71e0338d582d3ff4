"""The name a message greets someone by, and splitting one-column names."""

from __future__ import annotations

import pytest

from handpicked.core.names import greeting_name, is_credential, normal_case, split_full_name


@pytest.mark.parametrize(
    ("first_name", "expected"),
    [
        ("Marie", "Marie"),
        ("", ""),
        ("   ", ""),
        ("JEAN-FRANÇOIS", "Jean-François"),
        ("MARIE-ÈVE", "Marie-Ève"),
        ("O'BRIEN", "O'Brien"),
        ("jean-françois", "Jean-François"),
        ("Marie (she/her)", "Marie"),
        ("Marie (elle/la)", "Marie"),
        ("Alex they/them", "Alex"),
        ("Luc, CPA", "Luc"),
        ("Luc, CPA, CA", "Luc"),
        ("Luc CPA, CA", "Luc"),
        ("Nadia CRHA", "Nadia"),
        ("Nadia CRIA", "Nadia"),
        ("Marc MBA", "Marc"),
        ("Paul PhD", "Paul"),
        ("Paul Ph.D.", "Paul"),
        ("Marc ing.", "Marc"),
        ("Marc Eng.", "Marc"),
        ("Marc P.Eng", "Marc"),
        ("Ana PMP", "Ana"),
        ("Léa M.Sc.", "Léa"),
        ("Tom LL.B", "Tom"),
        ("Ève Adm.A", "Ève"),
        ("Rémi Pl. Fin.", "Rémi"),
        ("Sophie 🚀", "Sophie"),
        ("🌟 Zoë 👩🏽‍💻", "Zoë"),
        ("🌟", ""),
        ("Marc | Coach d'affaires", "Marc"),
        ("Dr. Marie", "Marie"),
        ("McDonald", "McDonald"),
        ("DeShawn", "DeShawn"),
        ("Anne-Marie", "Anne-Marie"),
        ("Marie Ève", "Marie Ève"),
        ("JP", "JP"),
        ("Ing", "Ing"),
        ("J.", "J."),
        ("[bold]x[/]", "x"),
    ],
)
def test_greeting_name(first_name: str, expected: str) -> None:
    """Verify decorations go and normal names are never mangled."""
    assert greeting_name(first_name) == expected


def test_normal_case_leaves_mixed_case_alone() -> None:
    """Verify only all-capital or all-lower names change case."""
    assert normal_case("McDONALD") == "McDONALD"
    assert normal_case("MARIE ANNE") == "Marie Anne"
    assert normal_case("d'arcy") == "D'Arcy"


def test_credentials_written_as_names_are_not_credentials() -> None:
    """Verify "Ing"/"Eng" as names are kept while "ING."/"ing."/"Eng." are credentials."""
    assert not is_credential("Ing")
    assert not is_credential("Eng")
    assert is_credential("ing.")
    assert is_credential("Eng.")
    assert is_credential("CPA")
    assert is_credential("Ph.D.")


@pytest.mark.parametrize(
    ("full_name", "expected"),
    [
        ("Marie Tremblay", ("Marie", "Tremblay")),
        ("Tremblay, Marie", ("Marie", "Tremblay")),
        ("Jean de la Fontaine", ("Jean", "de la Fontaine")),
        ("Jean-François Côté", ("Jean-François", "Côté")),
        ("Marie Tremblay, CPA", ("Marie", "Tremblay, CPA")),
        ("Cher", ("Cher", "")),
        ("Dr. Marie Tremblay", ("Marie", "Tremblay")),
        ("", ("", "")),
    ],
)
def test_split_full_name(full_name: str, expected: tuple[str, str]) -> None:
    """Verify first word is the first name, "Last, First" is understood, credentials stay."""
    assert split_full_name(full_name) == expected
