"""`handpicked contacts` prints a line per person without building a whole Contact for each."""

from __future__ import annotations

import pytest

from handpicked.core.contacts import AudienceFilter, contact_lines, list_contacts

ROWS = """\
    Ada,Lovelace,https://linkedin.com/in/ada,ada@example.com,Analytical,Developer,01 Jan 2024
    Alan,Turing,https://linkedin.com/in/alan,,Bletchley,Cryptanalyst,02 Feb 2023
    Grace,,https://linkedin.com/in/grace,grace@example.com,Navy,Developer,03 Mar 2022
    ,Hopper,https://linkedin.com/in/hopper,,,,04 Apr 2021
"""


@pytest.mark.parametrize(
    ("f", "limit", "kit"),
    [
        (AudienceFilter(), None, False),
        (AudienceFilter(search="developer"), 50, False),
        (AudienceFilter(has_email=True), 1, False),
        (AudienceFilter(not_contacted_days=30), None, True),
    ],
)
def test_lines_are_the_listed_contacts(linkedin_ws, f, limit, kit):
    """Verify contact_lines gives the people list_contacts gives, in its order, with their
    id, name, company and position."""
    ws = linkedin_ws(ROWS)
    full = list_contacts(ws, f, limit=limit, keep_in_touch=kit)
    lines = contact_lines(ws, f, limit=limit, keep_in_touch=kit)
    assert full
    assert [(c.id, c.full_name, c.company, c.position) for c in full] == [
        (c.id, c.full_name, c.company, c.position) for c in lines
    ]
