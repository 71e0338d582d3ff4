"""Message templates: finding them, reading their front matter, rendering one per contact.

A template is a `NAME.LANG.j2` file: a TOML block between `+++` lines, then a Jinja2 body. Contact
fields are hostile data, so they only ever reach Jinja2 as variables of a sandboxed, strict
environment, never as template source: a company called `{{ 7*7 }}` prints as itself. A template
may be hostile too (a shared file): it renders within a budget (`template_budget`), and a file
too big or too deeply nested to read is refused. Every failure (bad front matter, a syntax error,
an undefined variable, a budget gone over) becomes one HandpickedError line naming the file and
its FILE line, because the user fixes templates in an editor, not in Jinja2's view of the body.
Compiling and the analysis of what a template prints live in `template_analysis`, the variables
about the person in `template_context`; this module is the one to import.
"""

from __future__ import annotations

import math
import re
import stat
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2.exceptions import SecurityError
from pydantic import BaseModel

from handpicked.core.errors import HandpickedError
from handpicked.core.messages.templates.analysis import (
    CONTACT_VARIABLES,
    PERSON_ROOTS,
    Compiled,
    compiled,
    lookup,
    parse,
)
from handpicked.core.messages.templates.analysis import display as _display
from handpicked.core.messages.templates.budget import OverBudget
from handpicked.core.messages.templates.context import ContextMaker, contact_context
from handpicked.core.messages.templates.languages import (
    check_value_names,
    check_variables,
    find,
    values_for,
    variants,
)
from handpicked.core.models import CHANNELS, Channel
from handpicked.core.resources import shipped

__all__ = [
    "CONTACT_VARIABLES", "ContextMaker", "RenderedMessage", "Renderer", "Template",
    "check_value_names", "check_variables", "contact_context", "contact_variables_used",
    "discover", "find", "load_template", "lookup", "render", "render_checked", "render_texts",
    "shipped_templates_dir", "values_for", "variants",
]  # fmt: skip

_RESERVED = PERSON_ROOTS | {"me"}
_FRONT_KEYS = ("name", "language", "description", "channel", "subject", "variables")
_NEEDS_SUBJECT = ("inmail", "email")
_MAX_BYTES = 1_000_000
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_TOML_AT = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Spaces ending a line, or more than one blank line: most messages have neither, and a pattern
# starting with \n lets the regex engine jump from one newline to the next.
_UNTIDY = re.compile(r"\n(?<=[^\S\n]\n)|\n\n\n")


class Template(BaseModel):
    """One language variant of a template, as read from its file."""

    name: str
    language: str
    channel: Channel = "linkedin-message"
    description: str = ""
    subject: str | None = None
    variables: dict[str, str] = {}
    body: str
    path: str = ""
    body_line: int = 1  # FILE line where the body starts, so errors point into the editor's view
    subject_line: int = 1  # FILE line of `subject = ...`

    @property
    def file_name(self) -> str:
        return Path(self.path).name if self.path else f"{self.name}.{self.language}.j2"

    @property
    def source_name(self) -> str:
        """What errors call the file: its path, or NAME.LANG.j2 for a template built in memory."""
        return self.path or self.file_name


class RenderedMessage(BaseModel):
    """A message for one contact, and which contact variables ended up printed in it."""

    subject: str | None = None
    body: str
    printed: set[str] = set()


# ---------------------------------------------------------------------------------------------
# Files


def shipped_templates_dir() -> Path:
    """The templates shipped with handpicked: the repo's folder in a checkout, else the wheel's."""
    return shipped("templates")


def load_template(path: Path | str) -> Template:
    """Read one template file, checking its front matter and its Jinja2 syntax."""
    path = Path(path)
    where = _display(path)
    try:
        _check_readable(path, where)
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise HandpickedError(f"{where}: not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise HandpickedError(f"{where}: cannot read it ({exc.strerror})") from None
    return _parse_file(str(path), text).model_copy()


def _check_readable(path: Path, where: str) -> None:
    """Refuse a file reading would never end (a pipe, a device) or not end soon: a message is a
    few KB, so a template the size of a book is the wrong file, or a trap."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise HandpickedError(f"{where}: not a regular file; a template is a text file")
    if status.st_size > _MAX_BYTES:
        raise HandpickedError(
            f"{where}: {math.ceil(status.st_size / 1e4) / 100:g} MB is too big for a template "
            f"(at most {_MAX_BYTES // 10**6} MB); is it the right file?"
        )


@lru_cache(maxsize=256)
def _parse_file(path_text: str, text: str) -> Template:
    """Parse a template's text once: every campaign command rediscovers all the templates."""
    path, where = Path(path_text), _display(path_text)
    lines = text.split("\n")
    if lines[0].strip() != "+++":
        raise HandpickedError(
            f"{where}:1: a template starts with a +++ line, then its TOML front matter "
            "(description, channel, ...), another +++ line, then the message"
        )
    close = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
    if close is None:
        raise HandpickedError(
            f"{where}: the front matter opened by +++ on line 1 is never closed; "
            "add a +++ line before the message"
        )
    try:
        data = tomllib.loads("\n".join(lines[1:close]) + "\n")
    except tomllib.TOMLDecodeError as exc:
        message, at = str(exc), _TOML_AT.search(str(exc))
        place = f"{where}:{int(at.group(1)) + 1}" if at else where
        reason = message[: at.start()] if at else message
        raise HandpickedError(f"{place}: the front matter is not valid TOML ({reason})") from None
    subject_line = next(
        (i + 1 for i in range(1, close) if re.match(r"\s*subject\s*=", lines[i])), 1
    )
    template = _from_front_matter(
        data, path, where, "\n".join(lines[close + 1 :]), close + 2, subject_line
    )
    # A syntax error is reported now, not at the first contact; compiling waits for a render,
    # since a campaign only ever renders one or two of the templates there are.
    parse(template.body, template.source_name, template.body_line)
    if template.subject is not None:
        parse(template.subject, template.source_name, template.subject_line, offset=False)
    return template


def _from_front_matter(
    data: dict[str, Any], path: Path, where: str, body: str, body_line: int, subject_line: int
) -> Template:
    unknown = sorted(set(data) - set(_FRONT_KEYS))
    if unknown:
        raise HandpickedError(
            f"{where}: unknown front matter key {', '.join(unknown)}; "
            f"the keys are {', '.join(_FRONT_KEYS)}"
        )
    for key in ("name", "language", "description", "channel", "subject"):
        if key in data and not isinstance(data[key], str):
            raise HandpickedError(f'{where}: {key} must be a quoted text, like {key} = "..."')
    stem = path.name.removesuffix(".j2")
    file_name, _, file_language = stem.rpartition(".")
    if not file_name or not _LANGUAGE.match(file_language):
        file_name, file_language = stem, ""
    name = data.get("name", file_name).strip()
    language = data.get("language", file_language).strip().lower()
    if not _NAME.match(name):
        raise HandpickedError(
            f"{where}: template name {name!r} must be letters, digits and dashes (no spaces)"
        )
    if not _LANGUAGE.match(language):
        raise HandpickedError(
            f"{where}: no language; name the file NAME.LANG.j2 (e.g. {name}.en.j2) "
            'or set language = "en" in the front matter'
        )
    channel = data.get("channel", "linkedin-message")
    if channel not in CHANNELS:
        raise HandpickedError(f"{where}: channel {channel!r} is not one of {', '.join(CHANNELS)}")
    subject = data.get("subject")
    if channel in _NEEDS_SUBJECT and not (subject or "").strip():
        raise HandpickedError(f'{where}: an {channel} needs a subject; add subject = "..."')
    if channel not in _NEEDS_SUBJECT and subject is not None:
        raise HandpickedError(
            f"{where}: a {channel} has no subject; remove it or use channel inmail or email"
        )
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise HandpickedError(f'{where}: variables must be a table: [variables] name = "what"')
    for key, description in variables.items():
        if not key.isidentifier() or not isinstance(description, str):
            raise HandpickedError(
                f'{where}: [variables] entries are name = "description" with a name in '
                f"letters, digits and _ (got {key} = {description!r})"
            )
        if key in _RESERVED:
            raise HandpickedError(
                f"{where}: variable {key} has the name of a contact variable; rename it"
            )
    if not body.strip():
        raise HandpickedError(f"{where}: there is no message after the front matter")
    return Template(
        name=name, language=language, channel=channel, description=data.get("description", ""),
        subject=subject, variables=variables, body=body, path=str(path), body_line=body_line,
        subject_line=subject_line,
    )  # fmt: skip


def discover(workspace_templates: Path | None) -> list[Template]:
    """Shipped templates plus the user's; a user's template replaces the shipped one it names."""
    found: dict[tuple[str, str], Template] = {}
    for folder in (shipped_templates_dir(), workspace_templates):
        if folder is None or not folder.is_dir():
            continue
        seen: dict[tuple[str, str], str] = {}
        for path in sorted(folder.glob("*.j2")):
            template = load_template(path)
            key = (template.name, template.language)
            if key in seen:
                raise HandpickedError(
                    f"{_display(path)}: {seen[key]} already defines {key[0]} in {key[1]}; "
                    "rename or remove one of them"
                )
            seen[key] = path.name
            found[key] = template
    return sorted(found.values(), key=lambda t: (t.name, t.language))


# ---------------------------------------------------------------------------------------------
# Rendering


def _info(template: Template) -> Compiled:
    return compiled(
        template.source_name, template.body, template.body_line, template.subject,
        template.subject_line,
    )  # fmt: skip


def contact_variables_used(template: Template) -> set[str]:
    """Contact variables the template refers to anywhere (`other` for an introduction)."""
    return set(_info(template).used)


def render(
    template: Template,
    context: dict[str, Any],
    campaign_vars: dict[str, str],
    *,
    contact_label: str = "",
) -> RenderedMessage:
    """One contact's message; any failure names the template's file line and the contact."""
    check_variables(template, campaign_vars)
    return render_checked(template, context, campaign_vars, contact_label=contact_label)


def render_checked(
    template: Template,
    context: dict[str, Any],
    campaign_vars: dict[str, str],
    *,
    contact_label: str = "",
) -> RenderedMessage:
    """`render` for a caller that ran `check_variables` once for a whole audience."""
    subject, body, printed = render_texts(
        template, context, campaign_vars, contact_label=contact_label
    )
    return RenderedMessage(subject=subject, body=body, printed=printed)


def render_texts(
    template: Template,
    context: dict[str, Any],
    campaign_vars: dict[str, str],
    *,
    contact_label: str = "",
) -> tuple[str | None, str, set[str]]:
    """`render_checked`'s subject, body and printed variables, for a campaign's messages."""
    return Renderer(template, campaign_vars)(context, contact_label=contact_label)


class Renderer:
    """`render_texts` of one template with one campaign's values, for each of its people.

    The compiled template is looked up once rather than once per message.
    """

    def __init__(self, template: Template, campaign_vars: dict[str, str]) -> None:
        self.template = template
        self.campaign_vars = campaign_vars
        self.info = _info(template)

    def __call__(
        self, context: dict[str, Any], *, contact_label: str = ""
    ) -> tuple[str | None, str, set[str]]:
        info, campaign_vars = self.info, self.campaign_vars
        try:
            body = info.body.run(campaign_vars, context)
        except Exception as exc:  # whatever a template expression raises is the template's fault
            raise _failure(exc, self.template, contact_label, True) from None
        if _UNTIDY.search(body):
            body = "\n".join(line.rstrip() for line in body.split("\n"))
            body = _BLANK_RUNS.sub("\n\n", body)
        subject = None
        if info.subject is not None:
            try:
                raw = info.subject.run(campaign_vars, context)
            except Exception as exc:
                raise _failure(exc, self.template, contact_label, False) from None
            subject = " ".join(raw.split())  # one line: no header injection from a two-line field
        return subject, body.strip(), info.printed(context, campaign_vars)


def _failure(
    exc: Exception, template: Template, contact_label: str, in_body: bool
) -> HandpickedError:
    """The error naming the FILE line (found in the traceback Jinja2 rewrote) and the contact.

    A budget gone over by the message as a whole (its length, its time between two chunks) is
    on no line of its own, so the error names the file only.
    """
    line, found = template.body_line if in_body else template.subject_line, None
    if in_body:
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == template.source_name:
                found = tb.tb_lineno
            tb = tb.tb_next
        line += (found or 1) - 1
    where = f"{_display(template.source_name)}:{line}"
    who = f" (contact: {contact_label})" if contact_label else ""
    reason = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(exc, SecurityError):
        reason = f"{reason.rstrip('.')}; a template can only use the variables it is given"
    elif isinstance(exc, RecursionError):
        reason = "calls a macro within itself too deeply — fix the template"
    elif isinstance(exc, MemoryError):
        reason = "needs more memory than there is to render one message — fix the template"
    elif isinstance(exc, OverBudget):
        reason = f"{reason} — fix the template"
        if in_body and found is None:
            where = _display(template.source_name)
    return HandpickedError(f"{where}: {reason}{who}")
