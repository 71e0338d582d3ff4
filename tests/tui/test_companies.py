"""Companies screen: assigning a sector per company (taxonomy or own label), undoing it."""

from __future__ import annotations

from handpicked.core.contacts import companies
from handpicked.core.contacts.classify import SECTORS
from handpicked.core.contacts.filters import AudienceFilter
from handpicked.core.contacts.store import list_contacts
from handpicked.tui.screens.companies import CompaniesScreen, CompanyTable
from handpicked.tui.screens.contacts import ContactsScreen
from handpicked.tui.screens.picker import Picker
from handpicked.tui.widgets.facet_list import FacetList

SIZE = (120, 40)


async def test_lists_unassigned_companies_most_contacts_first(sample_ws, app_factory, wait):
    """Verify F3 shows the companies without a sector, in `sector unassigned` order."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f3")
        await wait(pilot)
        assert isinstance(app.screen, CompaniesScreen)
        expected = companies.unassigned(sample_ws)
        assert [r.company for r in app.screen.rows] == [r.company for r in expected]
        assert app.screen.query_one(CompanyTable).row_count == len(expected)


async def test_assigns_a_sector_from_the_picker(sample_ws, app_factory, wait):
    """Verify Enter, typing a sector and Enter stores it for the company and its contacts."""
    sector = SECTORS[0]
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f3")
        await wait(pilot)
        company = app.screen.rows[0]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, Picker)
        await pilot.press(*sector[:7], "enter")  # a few letters narrow the list to it
        await wait(pilot)
        assigned = {c.company: c.sector for c in companies.company_sectors(sample_ws)}
        assert assigned[company.company] == sector
        people = list_contacts(sample_ws, AudienceFilter(company=company.company))
        assert people and all(p.sector == sector for p in people)
        assert company.company not in [r.company for r in app.screen.rows]
        # Contacts reloads when shown again: the facet now counts the company's people
        await pilot.press("f2")
        await wait(pilot)
        assert isinstance(app.screen, ContactsScreen)
        facet = app.screen.query_one("#facet-sector", FacetList)
        assert facet.counts[sector] >= company.contacts


async def test_own_label_and_unassign(sample_ws, app_factory, wait):
    """Verify a typed label not in the taxonomy is kept as the user's own, and `u` undoes it."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f3")
        await wait(pilot)
        company = app.screen.rows[0].company
        await pilot.press("s", *"Bakeries", "enter")
        await wait(pilot)
        assigned = {c.company: c.sector for c in companies.company_sectors(sample_ws)}
        assert assigned[company] == "Bakeries"
        await pilot.press("v")
        await wait(pilot)
        assert [r.company for r in app.screen.rows] == [company]
        await pilot.press("u")
        await wait(pilot)
        assert companies.company_sectors(sample_ws) == []


async def test_escape_in_picker_changes_nothing(sample_ws, app_factory, wait):
    """Verify cancelling the picker leaves every company unassigned."""
    app = app_factory(sample_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f3")
        await wait(pilot)
        await pilot.press("s", "escape")
        await wait(pilot)
        assert isinstance(app.screen, CompaniesScreen)
        assert companies.company_sectors(sample_ws) == []


async def test_hostile_company_names_literal(hostile_ws, app_factory, wait, text_of):
    """Verify a company named like markup is listed and assigned as the literal text."""
    app = app_factory(hostile_ws)
    async with app.run_test(size=SIZE) as pilot:
        await wait(pilot)
        await pilot.press("f3")
        await wait(pilot)
        text = text_of(app)
        assert "[link=http://x]y[/link]" in text
        assert "\x1b" not in text and "\x9b" not in text
        index = [r.company for r in app.screen.rows].index("[link=http://x]y[/link]")
        app.screen.query_one(CompanyTable).move_cursor(row=index)
        await pilot.press("s")
        await pilot.pause()
        assert "[link=http://x]y[/link]" in text_of(app)  # the picker's title
        await pilot.press(*SECTORS[0][:7], "enter")
        await wait(pilot)
        assigned = {c.company: c.sector for c in companies.company_sectors(hostile_ws)}
        assert assigned == {"[link=http://x]y[/link]": SECTORS[0]}
