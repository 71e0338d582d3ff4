"""Compose's way out: the people the rules left out, queueing, and what quitting would drop.

`ComposeScreen` lays out the template, the values and the live preview; this part holds what
decides what is stored: adding a left-out person back (the CLI's `--contact ID`), the size
guard asked as a question (the CLI's `--allow-large`), and the one `campaigns.compose` call,
given the picked people and those added back, so the core applies the same audience rules as
for the CLI's filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.widgets import Input

from handpicked.core import campaigns, contacts
from handpicked.core.contacts import AudienceTooLarge, LeftOut
from handpicked.core.models import Contact
from handpicked.tui import USER_ERRORS
from handpicked.tui.screens.confirm import Confirm
from handpicked.tui.widgets.values_form import ValuesForm

if TYPE_CHECKING:
    from handpicked.tui.screens.base import HandpickedScreen
    from handpicked.tui.screens.message_editor import Edit

    _Screen = HandpickedScreen[None]
else:
    _Screen = object


class Queueing(_Screen):
    """ComposeScreen's add-back, queueing and quitting actions: a mixin, the state is the
    screen's (declared here for the type checker)."""

    template: str | None
    contacts: list[Contact]
    left_out: list[LeftOut]
    added_back: list[int]
    edits: dict[int, Edit]
    _default_name: str
    _queued: tuple[str, dict[str, str]] | None

    if TYPE_CHECKING:

        def _load_audience(self) -> None: ...

        def _refresh_people(self) -> None: ...

    # -- left out, added back -------------------------------------------------------------------

    def _composing_into(self) -> str | None:
        """The campaign name typed, when that campaign exists: queueing adds to it, and the CLI
        composing into it counts its own people as already in it, never as left out."""
        if not self.is_mounted:
            return None
        name = self.query_one("#campaign-name", Input).value.strip()
        if not name or contacts.campaign_id(self.app.workspace, name) is None:
            return None
        return name

    def _left_out_summary(self, people: Sequence[LeftOut]) -> str:
        return contacts.left_out_summary(people, self.app.settings.audience.not_contacted_days)

    def add_back(self, contact_id: int) -> None:
        """Write to a left-out person anyway, as `--contact ID` does; never a do-not-contact one."""
        person = next((p for p in self.left_out if p.id == contact_id), None)
        if person is None:
            return
        if not person.can_add_back:
            self.notify(
                f"{person.name} is on the do-not-contact list: nobody writes to them. Take them "
                "off the list on Contacts first if that was a mistake.",
                severity="warning", markup=False,
            )  # fmt: skip
            return
        self.added_back.append(person.id)
        self._load_audience()
        self.notify(
            f"{person.name} added back; their message carries a warning: {person.why}.",
            markup=False,
        )

    def unsaved_work(self) -> str | None:
        """What quitting would drop here: a campaign name or values typed, hand edits."""
        if not self.is_mounted:  # never shown: nothing typed
            return None
        name = self.query_one("#campaign-name", Input).value.strip()
        values = {k: v for k, v in self.query_one(ValuesForm).values.items() if v.strip()}
        if self._queued == (name, values) and not self.edits:
            return None
        typed = []
        if name and name != self._default_name:
            typed.append("a campaign name")
        if values:
            typed.append("campaign values")
        if self.edits:
            typed.append("hand edits")
        return f"{' and '.join(typed)} on Compose" if typed else None

    # -- queueing ------------------------------------------------------------------------------

    def action_queue(self) -> None:
        """Queue the campaign (asking first when the rules leave a broadcast)."""
        name = self.query_one("#campaign-name", Input).value.strip()
        if self.template is None:
            self.notify("Pick a template first.", severity="warning")
            return
        if not name:
            self.notify("Give the campaign a name first.", severity="warning")
            return
        self.app.warn_if_unsigned()  # a warning, not a refusal: F10 sets the name (settings.py)
        self.queue(name, allow_large=self.app.allow_large)

    def _ask_broadcast(self, name: str, err: AudienceTooLarge) -> None:
        """The CLI's `--allow-large`, as a question: queue anyway, or go back and narrow."""

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.allow_large = True
                self.queue(name, allow_large=True)

        question = (
            f"{err.reason}. A message to everyone is a broadcast, not a personal note."
            f"\n\nQueue a message for all {len(self.contacts)} anyway?"
        )
        confirm = Confirm("This is a broadcast", question, yes="Queue anyway", no="Go back")
        self.app.push_screen(confirm, answered)

    def queue(self, name: str, *, allow_large: bool) -> None:
        """Store the campaign, apply the hand edits, then hand over to Dispatch."""
        ws = self.app.workspace
        values = self.query_one(ValuesForm).given()
        try:
            report = campaigns.compose(
                ws, name, template=self.template or "", variables=values, f=None,
                contact_ids=self.added_back, picked=list(self.app.audience),
                allow_large=allow_large,
            )  # fmt: skip
            for contact_id, edit in self.edits.items():
                campaigns.edit_message(ws, report.campaign, contact_id, edit.body, edit.subject)
        except AudienceTooLarge as err:
            self._ask_broadcast(name, err)
            return
        except USER_ERRORS as err:
            self.app.show_error(err)
            return
        self.app.audience_queued()
        typed = self.query_one(ValuesForm).values.items()
        self._queued = (name, {k: v for k, v in typed if v.strip()})
        self.edits.clear()
        self._refresh_people()
        sentence = f"Queued {report.added} message(s) in {report.campaign}"
        if report.already_in:
            sentence += f" ({report.already_in} were already in it)"
        if report.left_out_people:
            sentence += f"; left out: {self._left_out_summary(report.left_out_people)}"
        if report.warnings:
            sentence += f"; {report.warnings} warning(s) to look at"
        self.notify(sentence + ".", markup=False)
        self.app.open_campaign(report.campaign)
