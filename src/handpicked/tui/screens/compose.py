"""Compose: one template, its campaign values, and a live preview of each person's message.

The user picks a template, fills in what the campaign is about (the event, the job, the link),
and reads the message each person of the audience would get, with what the lint says about it,
before anything is stored. Rendering goes through `campaigns.draft` in a thread worker, started a
moment after the last keystroke, so typing never waits for twenty renders. A message can be
rewritten by hand here; the edit is linted as it will be once queued, kept on the screen and
applied right after queueing, so the queued campaign holds exactly what the user read.
The people written to are those picked on Contacts after core's audience rules, the very ones
the CLI's compose applies; who they leave out is listed with why, and `compose_queue` holds
adding one back and the queueing itself.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from handpicked.core import campaigns, contacts, messages
from handpicked.core.clock import today
from handpicked.core.models import Contact, Reach
from handpicked.tui import USER_ERRORS
from handpicked.tui.hints import app_message
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.screens.compose_queue import Queueing
from handpicked.tui.screens.message_editor import Edit, MessageEditor
from handpicked.tui.widgets.footer import Footer
from handpicked.tui.widgets.left_out import LeftOutList
from handpicked.tui.widgets.message_preview import MessagePreview, channel_limit
from handpicked.tui.widgets.safe import safe_line
from handpicked.tui.widgets.values_form import ValuesForm


class ComposeScreen(Queueing, HandpickedScreen[None]):
    """Template picker, campaign values, audience list and the highlighted person's message."""

    SUB_TITLE = "Compose"
    DEBOUNCE = 0.3
    """Seconds of quiet typing before the preview is rendered again."""

    DEFAULT_CSS = """
    ComposeScreen #compose-left { width: 34; }
    ComposeScreen #templates { height: 1fr; border: round $primary 50%; }
    ComposeScreen #recipients { height: 1fr; border: round $primary 50%; }
    ComposeScreen #left-out { height: auto; max-height: 8; border: round $warning 50%; }
    ComposeScreen #form { width: 1fr; padding: 0 1; }
    ComposeScreen #form Label { margin-top: 1; width: 100%; color: $text-muted; }
    ComposeScreen #template-info { margin-top: 1; }
    ComposeScreen #compose-status { color: $warning; margin-top: 1; }
    ComposeScreen #preview { width: 1fr; }  /* at 120 columns a date fits whole in its field */
    /* Under 120 columns three columns leave each too narrow to type in or read: templates and
       people on the left, the values above the message on the right. */
    ComposeScreen.-narrow #compose-body {
        layout: grid; grid-size: 2 2; grid-columns: 30 1fr; grid-rows: 1fr 1fr;
    }
    ComposeScreen.-narrow #compose-left { width: 1fr; row-span: 2; }
    ComposeScreen.-narrow #form { width: 1fr; height: 1fr; }
    ComposeScreen.-narrow #template-info { display: none; }
    ComposeScreen.-narrow #preview { width: 1fr; }
    """

    BINDINGS = [
        Binding("f7", "edit_message", "Edit message", tooltip="Rewrite this person's message"),
        Binding("f8", "revert_edit", "Undo edit", tooltip="Back to the template's text"),
        Binding("f9,ctrl+s", "queue", "Queue", tooltip="Store the campaign, then dispatch it"),
        Binding("ctrl+down", "next_person", "Next person", show=False),
        Binding("ctrl+up", "previous_person", "Previous person", show=False),
    ]

    class Drafted(Message):
        """The draft worker's result for one generation of inputs (older ones are dropped)."""

        def __init__(
            self, generation: int, views: list[campaigns.MessageView], error: str | None
        ) -> None:
            super().__init__()
            self.generation = generation
            self.views = views
            self.error = error

    def __init__(self) -> None:
        super().__init__()
        self.templates: list[messages.Template] = []
        self.template: str | None = None
        self.variables: dict[str, str] = {}
        """Campaign variable -> description, for the chosen template (all its languages)."""
        self.contacts: list[Contact] = []
        self.recent: dict[int, Reach] = {}
        """How the people added back were reached (their message's warning says it)."""
        self.left_out: list[contacts.LeftOut] = []
        """Who the audience rules left out of the picked people, and why."""
        self.added_back: list[int] = []
        """Left-out people the user chose to write to anyway: the CLI's `--contact ID`."""
        self._queued: tuple[str, dict[str, str]] | None = None
        """The campaign name and values last queued: nothing of them is lost by quitting."""
        self.views: dict[int, campaigns.MessageView] = {}
        self.edits: dict[int, Edit] = {}
        self.error: str | None = None
        self.limit: int | None = None
        self._generation = 0
        self._timer: Timer | None = None
        self._default_name = ""
        self._name_timer: Timer | None = None
        self._loaded: tuple[list[int], list[int], int, str | None] | None = None
        self._languages = 1  # languages the drafted messages are written in

    # -- layout and loading --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="compose-body"):
            with Vertical(id="compose-left"):
                yield OptionList(id="templates", markup=False)
                yield OptionList(id="recipients", markup=False)
                yield LeftOutList(id="left-out")
            with VerticalScroll(id="form", can_focus=False):  # its fields are the Tab stops
                yield Label("Campaign name")
                yield Input(id="campaign-name", placeholder="e.g. spring-event")
                yield Static(id="template-info")
                yield ValuesForm(id="variables")
                yield Static(id="compose-status")
            yield MessagePreview(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#templates").border_title = "Template (enter picks)"
        try:
            self.templates = messages.discover(self.app.workspace.templates_dir)
        except USER_ERRORS as err:
            self.app.show_error(err)
        names = {t.name: self._variant(t.name) for t in self.templates}
        listing = self.query_one("#templates", OptionList)
        listing.set_options(Option(self._template_prompt(t), id=name) for name, t in names.items())
        listing.highlighted = 0 if names else None  # enter picks straight away
        self._load_audience()

    def on_screen_resume(self) -> None:
        self._load_audience()

    def _variant(self, name: str) -> messages.Template:
        return messages.find(self.templates, name, self.app.settings.me.language)

    def _template_prompt(self, template: messages.Template) -> Text:
        languages = ", ".join(messages.variants(self.templates, template.name))
        prompt = safe_line(template.name, style="bold")
        prompt.append(f"  {languages}\n", style="dim")
        prompt.append(template.channel, style="cyan")
        if template.description:
            prompt.append(" — ", style="dim")
            prompt.append_text(safe_line(template.description, style="italic"))
        return prompt

    def _load_audience(self) -> None:
        """Apply the audience rules to app.audience again when it, the people added back, the
        existing campaign composed into or the data behind them changed since last time: the
        very call the queueing makes."""
        picked = list(self.app.audience)
        self.added_back = [i for i in self.added_back if self.app.is_picked(i)]
        into = self._composing_into()
        key = (picked, list(self.added_back), self.app.data_version, into)
        if key == self._loaded:
            return
        self._loaded = key
        self.error = None
        try:
            chosen = contacts.select_audience(
                self.app.workspace, None, self.added_back, picked=picked, campaign=into
            )
        except USER_ERRORS as err:
            self.contacts, self.recent, self.left_out, self.error = [], {}, [], app_message(err)
        else:
            self.contacts, self.recent = chosen.contacts, chosen.recent
            self.left_out = chosen.left_out_people
        self.query_one(LeftOutList).show(self.left_out)
        self.edits = {cid: e for cid, e in self.edits.items() if cid in self._ids()}
        self.views = {}
        recipients = self.query_one("#recipients", OptionList)
        recipients.border_title = f"People ({len(self.contacts)})"
        recipients.set_options(Option(self._person_prompt(c), id=str(c.id)) for c in self.contacts)
        if self.contacts:
            recipients.highlighted = 0
        if self._other_languages() != list(self.query_one(ValuesForm).languages):
            self.call_later(self._build_inputs)  # then drafts again
        self._start_draft()

    def _ids(self) -> set[int]:
        return {c.id for c in self.contacts}

    def _person_prompt(self, contact: Contact) -> Text:
        prompt = safe_line(contact.full_name or "(no name)")
        view = self.views.get(contact.id)
        if contact.id in self.recent:  # added back: the warning says how they were reached
            prompt.append("  ↩", style="bold")
        if contact.id in self.edits:
            prompt.append("  ✎", style="bold")
        if view is not None and view.warnings:
            prompt.append(f"  ⚠ {len(view.warnings)}", style="bold yellow")
        if view is not None and self._languages > 1:
            prompt.append(f"  {view.language}", style="dim")  # who reads which variant
        return prompt

    # -- template and values -------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#templates")
    async def _template_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            await self.choose_template(event.option.id)

    async def choose_template(self, name: str) -> None:
        """Use template `name`: one input per campaign value, the default campaign name."""
        if name == self.template:
            return
        if self.edits:
            self.notify(f"{len(self.edits)} hand edit(s) dropped: they were for another template")
            self.edits.clear()
        self.template = name
        self.views = {}
        listing = self.query_one("#templates", OptionList)
        listing.highlighted = listing.get_option_index(name)
        chosen = self._variant(name)
        self.variables = {}
        for variant in [chosen, *messages.variants(self.templates, name).values()]:
            for key, description in variant.variables.items():
                self.variables.setdefault(key, description)
        self.limit = channel_limit(self.app.workspace, chosen.channel)
        info = Text.assemble(("Template ", "bold"), self._template_prompt(chosen))
        self.query_one("#template-info", Static).update(info)
        name_input = self.query_one("#campaign-name", Input)
        default = f"{name}-{today().isoformat()}"
        if name_input.value in ("", self._default_name):
            name_input.value = default
        self._default_name = default
        await self._build_inputs()

    def _other_languages(self) -> list[str]:
        """Languages of the template the audience reads besides the main one (the user's)."""
        if self.template is None:
            return []
        main = self._variant(self.template).language
        me = self.app.settings.me.language
        used = {messages.find(self.templates, self.template, c.language or me).language
                for c in self.contacts}  # fmt: skip
        return sorted(used - {main}) if len(used) > 1 else []

    async def _build_inputs(self) -> None:
        options = messages.variants(self.templates, self.template or "")
        others = {language: options[language].variables for language in self._other_languages()}
        await self.query_one(ValuesForm).show(self.variables, others)
        self._start_draft()

    @on(Input.Changed, "#campaign-name")
    def _name_typed(self) -> None:
        """Once the name is an existing campaign, its own people are in it, not left out."""
        if self._name_timer is not None:
            self._name_timer.stop()
        self._name_timer = self.set_timer(self.DEBOUNCE, self._load_audience)

    @on(ValuesForm.Changed)
    def _value_typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, self._start_draft)

    # -- the draft worker ----------------------------------------------------------------------

    def _start_draft(self) -> None:
        self._generation += 1
        status = self.query_one("#compose-status", Static)
        missing = self.query_one(ValuesForm).missing()
        status.update(Text(f"Fill in: {', '.join(missing)}" if missing else ""))
        if self.template is None or not self.contacts:
            self.views = {}
            self._show_current()
            return
        edits = {cid: (edit.body, edit.subject) for cid, edit in self.edits.items()}
        values = self.query_one(ValuesForm).filled()
        self._draft(
            self._generation, self.template, values, list(self.contacts), self.recent, edits
        )

    @work(thread=True, exclusive=True, group="draft")
    def _draft(
        self,
        generation: int,
        template: str,
        values: dict[str, str],
        contacts: list[Contact],
        recent: dict[int, Reach],
        edits: dict[int, tuple[str, str | None]],
    ) -> None:
        try:
            ws = self.app.workspace
            views = campaigns.draft(ws, template, values, contacts, recent, edits)
            error = None
        except USER_ERRORS as err:
            views, error = [], app_message(err)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Drafted(generation, views, error))

    @on(Drafted)
    def _drafted(self, event: Drafted) -> None:
        if event.generation != self._generation:
            return
        self.views = {v.contact_id: v for v in event.views}
        self.error = event.error
        self._refresh_people()
        self._show_current()

    def _refresh_people(self) -> None:
        self._languages = len({view.language for view in self.views.values()})
        recipients = self.query_one("#recipients", OptionList)
        for contact in self.contacts:
            recipients.replace_option_prompt(str(contact.id), self._person_prompt(contact))

    # -- the preview ---------------------------------------------------------------------------

    def current(self) -> Contact | None:
        """The person whose message the preview shows."""
        index = self.query_one("#recipients", OptionList).highlighted
        return self.contacts[index] if index is not None and index < len(self.contacts) else None

    def current_view(self) -> campaigns.MessageView | None:
        """The highlighted person's message as it stands (their hand edit applied and linted)."""
        contact = self.current()
        return self.views.get(contact.id) if contact is not None else None

    @on(OptionList.OptionHighlighted, "#recipients")
    def _person_highlighted(self) -> None:
        self._show_current()

    def _show_current(self) -> None:
        preview = self.query_one(MessagePreview)
        view = self.current_view()
        if self.error:
            preview.show_note(self.error)
        elif not self.contacts and self.left_out:
            preview.show_note(
                f"Everyone picked is left out ({self._left_out_summary(self.left_out)}): see "
                "Left out, where a writes to one of them anyway, or pick others on Contacts (F2)."
            )
        elif not self.contacts:
            preview.show_note(
                "Nobody picked yet: choose people on Contacts (F2), then come back here (F4)."
            )
        elif self.template is None:
            preview.show_note("Pick a template on the left (enter).")
        elif view is None:
            preview.show_note("Writing the messages…")
        else:
            preview.show(view, limit=self.limit)
            if view.edited:
                preview.border_subtitle = "edited by hand (f8 goes back to the template's text)"
                return
        preview.border_subtitle = ""

    def action_next_person(self) -> None:
        self.query_one("#recipients", OptionList).action_cursor_down()

    def action_previous_person(self) -> None:
        self.query_one("#recipients", OptionList).action_cursor_up()

    # -- hand edits ----------------------------------------------------------------------------

    def action_edit_message(self) -> None:
        contact, view = self.current(), self.current_view()
        if contact is None or view is None:
            self.notify("No message to edit yet: pick a template and people first.")
            return

        def keep(edit: Edit | None) -> None:
            if edit is not None and (edit.body, edit.subject) != (view.body, view.subject):
                self.edits[contact.id] = edit
                self._refresh_people()
                self._start_draft()  # the edit is linted as it will be once queued

        self.app.push_screen(MessageEditor(contact.full_name, view.body, view.subject), keep)

    def action_revert_edit(self) -> None:
        contact = self.current()
        if contact is not None and self.edits.pop(contact.id, None) is not None:
            self._refresh_people()
            self._start_draft()

    @on(LeftOutList.AddBack)
    def _add_back(self, event: LeftOutList.AddBack) -> None:
        self.add_back(event.contact_id)
