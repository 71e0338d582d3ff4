"""Writing one campaign's messages: its template in each person's language, rendered and linted.

A writer is made once per campaign command (compose, rerender, the TUI's live draft) and then
writes one message per person, so everything that depends only on the template, the language or
the campaign's values (the compiled template, the context maker, the linter, the values in that
language) is prepared once per language, and the per-message work is only what depends on the
person. It also lints the user's own rewrite of a message, as it will be queued.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from handpicked.core import config
from handpicked.core.clock import today
from handpicked.core.db import Workspace
from handpicked.core.errors import HandpickedError
from handpicked.core.messages.lint.rules import Linter, LintWarning, limits, lint_hand_edit
from handpicked.core.messages.templates.files import (
    ContextMaker,
    Renderer,
    Template,
    check_value_names,
    check_variables,
    contact_context,
    contact_variables_used,
    discover,
    find,
    values_for,
    variants,
)
from handpicked.core.models import Contact, Reach


class MessageWriter:
    """Renders and lints messages of one template for one campaign's values."""

    def __init__(
        self,
        ws: Workspace,
        template: str,
        variables: dict[str, str],
        given: Iterable[str] = (),
    ) -> None:
        """`given`: the value names the user just typed, checked against the template's own
        first, so `--var evnt_name` is answered "did you mean event_name?", not "missing"."""
        self.settings = config.load(ws)
        templates = discover(ws.templates_dir)
        self.options: dict[str, Template] = variants(templates, template)
        if not self.options:
            find(templates, template, None)  # raises, naming the templates there are
        check_value_names(self.options, given)
        self.templates = templates
        self.name = template
        self.variables = variables
        self.default = find(templates, template, self.settings.me.language)
        self.today = today()
        me = self.settings.me
        self.me = {"name": me.name, "signature": me.signature}
        self.limits = limits(self.settings)
        self._by_language: dict[str, Variant] = {}

    @property
    def introduces(self) -> bool:
        """An introduction writes to two people, each message naming the other (`other.*`)."""
        return self.name == "introduce" or any(
            "other" in contact_variables_used(t) for t in self.options.values()
        )

    def variant(self, language: str) -> Variant:
        """The template in a contact's language (or the nearest one), prepared once per language."""
        found = self._by_language.get(language)
        if found is None:
            template = find(self.templates, self.name, language or self.settings.me.language)
            context = ContextMaker(contact_variables_used(template), today=self.today, me=self.me)
            values = values_for(self.variables, template.language)
            # Checked here, not for every variant up front: only the variants the audience uses
            # need their values, and the error names the file those people get.
            check_variables(template, values)
            found = Variant(Renderer(template, values), context, Linter(template, self.limits))
            self._by_language[language] = found
        return found

    def write(
        self, contact: Contact, other: Contact | None, reached: Reach | None
    ) -> tuple[str, str | None, str, list[LintWarning]]:
        """(language, subject, body, warnings) of one person's message."""
        render, make_context, lint = self.variant(contact.language)
        context = make_context(contact, other)
        try:  # the values were checked when the variant was prepared
            subject, body, printed = render(context)
        except HandpickedError:  # again, to name the contact in the error
            label = f"{contact.full_name or '(no name)'}, id {contact.id}"
            subject, body, printed = render(context, contact_label=label)
        warnings = lint.check(subject, body, printed, context, reached)
        return render.template.language, subject, body, warnings

    def hand_edit(
        self,
        contact: Contact,
        drafted: tuple[str, str | None, str, list[LintWarning]],
        body: str,
        subject: str | None,
        recent: Mapping[int, Reach],
    ) -> tuple[str, str | None, str, list[LintWarning]]:
        """(language, subject, body, warnings) of a message the user rewrote, as queued."""
        language, template_subject, _, _ = drafted
        body, subject = tidy_edit(body, subject)
        subject = template_subject if subject is None else subject
        warnings = lint_hand_edit(
            channel=self.variant(contact.language).render.template.channel, language=language,
            subject=subject, body=body, context=contact_context(contact, today=self.today,
            me=self.me), limits=self.limits, reached=recent.get(contact.id),
        )  # fmt: skip
        return language, subject, body, warnings


class Variant(NamedTuple):
    """One language of the template, with its rendering, context and lint ready for a campaign."""

    render: Renderer
    context: ContextMaker
    lint: Linter


def tidy_edit(body: str, subject: str | None) -> tuple[str, str | None]:
    """A hand-written text as it is kept: no spaces ending lines, no blank lines around it,
    the subject on one line (no header injection from a pasted two-line subject)."""
    text = "\n".join(line.rstrip() for line in body.replace("\r\n", "\n").split("\n"))
    return text.strip("\n"), None if subject is None else " ".join(subject.split())
