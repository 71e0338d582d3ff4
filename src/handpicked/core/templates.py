"""Message templates: finding them, reading their front matter, rendering one per contact.

A template is a `NAME.LANG.j2` file: a TOML block between `+++` lines, then a Jinja2 body. Contact
fields are hostile data, so they only ever reach Jinja2 as variables of a sandboxed, strict
environment, never as template source: a company called `{{ 7*7 }}` prints as itself. Every
failure (bad front matter, a syntax error, an undefined variable) becomes one HandpickedError line
naming the file and its FILE line, because the user fixes templates in an editor, not in Jinja2's
view of the body.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from handpicked.core.errors import HandpickedError
from handpicked.core.models import CHANNELS, Channel, Contact
from handpicked.core.resources import shipped

# What `contact_context` gives a template about the person (and, for introductions, `other.*`).
# fmt: off
CONTACT_VARIABLES: tuple[str, ...] = (
    "greeting_name", "first_name", "last_name", "full_name", "company", "position",
    "previous_position", "sector", "function", "seniority", "language", "connected_on",
    "years_connected", "tags", "note", "fields",
)
# fmt: on
_PERSON_ROOTS = frozenset((*CONTACT_VARIABLES, "other"))
_RESERVED = _PERSON_ROOTS | {"me"}
_FRONT_KEYS = ("name", "language", "description", "channel", "subject", "variables")
_NEEDS_SUBJECT = ("inmail", "email")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_TOML_AT = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")
_BLANK_RUNS = re.compile(r"\n{3,}")


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


class _Lenient(dict):
    """A dict whose missing keys read as "": a contact without a `formal` column is not an error."""

    def __missing__(self, key: str) -> str:
        return ""


def _finalize(value: Any) -> Any:
    return "" if value is None else value


_ENV = ImmutableSandboxedEnvironment(
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    keep_trailing_newline=False,
    trim_blocks=True,
    lstrip_blocks=True,
    finalize=_finalize,
)


def _display(path: str | Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


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
        text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise HandpickedError(f"{where}: not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise HandpickedError(f"{where}: cannot read it ({exc.strerror})") from None
    return _parse_file(str(path), text).model_copy()


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
    _parse(template.body, template.source_name, template.body_line)
    if template.subject is not None:
        _parse(template.subject, template.source_name, template.subject_line, offset=False)
    return template


def _from_front_matter(
    data: dict, path: Path, where: str, body: str, body_line: int, subject_line: int
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


def variants(templates: list[Template], name: str) -> dict[str, Template]:
    """The language variants of a template, language -> template ({} when there is none)."""
    return {t.language: t for t in templates if t.name == name}


def find(templates: list[Template], name: str, language: str | None) -> Template:
    """The variant in `language`, else another one (English first), so nobody is left out."""
    options = variants(templates, name)
    if not options:
        names = sorted({t.name for t in templates})
        if not names:
            raise HandpickedError(
                f"no template named {name!r}, and no templates were found; "
                "add NAME.LANG.j2 files to your workspace's templates/ folder"
            )
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" Did you mean {close[0]}?" if close else ""
        raise HandpickedError(
            f"no template named {name!r}; the templates are {', '.join(names)}.{hint}"
        )
    if language in options:
        return options[language]
    for fallback in ("en", "fr", *sorted(options)):
        if fallback in options:
            return options[fallback]
    raise AssertionError("unreachable")


# ---------------------------------------------------------------------------------------------
# Context


def _line(value: str) -> str:
    """A field printed mid-sentence: a two-line title must not break the paragraph."""
    return " ".join(value.split())


def _classified(value: str) -> str:
    return "" if value == "Unclassified" else value


def _years_between(start: dt.date | None, today: dt.date) -> int | None:
    if start is None:
        return None
    return today.year - start.year - ((today.month, today.day) < (start.month, start.day))


def _previous_position(contact: Contact) -> str:
    if not contact.previous_positions:
        return ""
    indexed = enumerate(contact.previous_positions)
    _, latest = max(indexed, key=lambda pair: (pair[1].until or dt.date.min, pair[0]))
    return ", ".join(part for part in (_line(latest.position), _line(latest.company)) if part)


def _person(contact: Contact, today: dt.date) -> dict[str, Any]:
    first, last = _line(contact.first_name), _line(contact.last_name)
    full = " ".join(part for part in (first, last) if part)
    return {
        "greeting_name": _line(contact.greeting_name) or first or full,
        "first_name": first,
        "last_name": last,
        "full_name": full,
        "company": _line(contact.company),
        "position": _line(contact.position),
        "previous_position": _previous_position(contact),
        "sector": _classified(contact.sector),
        "function": _classified(contact.function),
        "seniority": _classified(contact.seniority),
        "language": contact.language,
        "connected_on": contact.connected_on,
        "years_connected": _years_between(contact.connected_on, today),
        "tags": list(contact.tags),
        "note": contact.notes,
        "fields": _Lenient(contact.fields),
    }


def contact_context(
    contact: Contact, *, today: dt.date, me: dict[str, str], other: Contact | None = None
) -> dict[str, Any]:
    """The variables a template sees for one contact; `other` is the second person of an intro."""
    context = _person(contact, today)
    context["me"] = _Lenient({"name": "", "signature": "", **me})
    if other is not None:
        context["other"] = _person(other, today)
    return context


# ---------------------------------------------------------------------------------------------
# Compiling and rendering


@dataclass(frozen=True, slots=True)
class _Compiled:
    body: jinja2.Template
    subject: jinja2.Template | None
    # (printed contact variable, {(variable, must be non-empty?)} for that output to run)
    printed: tuple[tuple[str, frozenset[tuple[str, bool]]], ...]
    used: frozenset[str]  # contact variables referenced anywhere, printed or tested


@lru_cache(maxsize=512)
def _compiled(
    path: str, body: str, body_line: int, subject: str | None, subject_line: int
) -> _Compiled:
    """Parse and compile a template once; keyed on its text, so an edited file recompiles."""
    body_tree, body_template = _compile(body, path, body_line)
    trees = [body_tree]
    subject_template = None
    if subject is not None:
        subject_tree, subject_template = _compile(subject, path, subject_line, offset=False)
        trees.append(subject_tree)
    printed: list[tuple[str, frozenset[tuple[str, bool]]]] = []
    used: set[str] = set()
    for tree in trees:
        _walk(tree, frozenset(), printed)
        used.update(n.name for n in tree.find_all(nodes.Name) if n.name in _PERSON_ROOTS)
    return _Compiled(body_template, subject_template, tuple(printed), frozenset(used))


def _compile(
    source: str, path: str, first_line: int, *, offset: bool = True
) -> tuple[nodes.Template, jinja2.Template]:
    tree = _parse(source, path, first_line, offset=offset)
    code = _ENV.compile(tree, path, path)
    return tree, _ENV.template_class.from_code(_ENV, code, _ENV.make_globals(None), None)


def _parse(source: str, path: str, first_line: int, *, offset: bool = True) -> nodes.Template:
    try:
        return _ENV.parse(source, path, path)
    except jinja2.TemplateSyntaxError as exc:
        line = first_line + (exc.lineno or 1) - 1 if offset else first_line
        reason = (exc.message or "syntax error").rstrip(".")
        raise HandpickedError(f"{_display(path)}:{line}: {reason} — fix the template") from None


def _path(node: nodes.Node) -> str | None:
    """`company`, `fields.formal`, `other.company` for a variable reference, else None."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _path(node.node)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        base = _path(node.node)
        return f"{base}.{node.arg.value}" if base else None
    return None


def _when_true(test: nodes.Node) -> set[tuple[str, bool]]:
    """(variable, must be non-empty?) pairs implied by `test` holding: `a and not b` -> a, not b."""
    path = _path(test)
    if path:
        return {(path, True)}
    if isinstance(test, nodes.And):
        return _when_true(test.left) | _when_true(test.right)
    if isinstance(test, nodes.Not):
        return _when_false(test.node)
    if isinstance(test, nodes.Filter) and test.name in ("length", "count", "trim") and test.node:
        return _when_true(test.node)
    return set()


def _when_false(test: nodes.Node) -> set[tuple[str, bool]]:
    path = _path(test)
    if path:
        return {(path, False)}
    if isinstance(test, nodes.Or):
        return _when_false(test.left) | _when_false(test.right)
    if isinstance(test, nodes.Not):
        return _when_true(test.node)
    return set()


def _printed_paths(expr: nodes.Node) -> list[str]:
    """Variables whose value can reach the output of `{{ expr }}` (not those only tested)."""
    path = _path(expr)
    if path:
        return [path] if path.split(".", 1)[0] in _PERSON_ROOTS else []
    if isinstance(expr, nodes.CondExpr):
        return _printed_paths(expr.expr1) + (_printed_paths(expr.expr2) if expr.expr2 else [])
    if isinstance(expr, nodes.Or):  # `a or b` prints a only when a is non-empty
        return _printed_paths(expr.right)
    if isinstance(expr, nodes.Call):  # `company.upper()` prints company, not company.upper
        target = expr.node.node if isinstance(expr.node, nodes.Getattr) else expr.node
        return [p for child in (target, *expr.args) for p in _printed_paths(child)]
    if isinstance(expr, nodes.Compare | nodes.Test | nodes.Not | nodes.Const):
        return []
    return [p for child in expr.iter_child_nodes() for p in _printed_paths(child)]


def _walk(node: nodes.Node, guards: frozenset[tuple[str, bool]], out: list) -> None:
    """Collect each printed contact variable with the conditions under which it is printed."""
    if isinstance(node, nodes.Output):
        for child in node.nodes:
            if not isinstance(child, nodes.TemplateData):
                out.extend((path, guards) for path in _printed_paths(child))
        return
    if isinstance(node, nodes.If):
        ruled_out: set[tuple[str, bool]] = set()
        for branch in [node, *node.elif_]:
            inner = guards | ruled_out | _when_true(branch.test)
            for child in branch.body:
                _walk(child, frozenset(inner), out)
            ruled_out |= _when_false(branch.test)
        for child in node.else_:
            _walk(child, guards | ruled_out, out)
        return
    if isinstance(node, nodes.For):
        loop_guard = {(p, True) for p in [_path(node.iter)] if p}
        for child in node.body:
            _walk(child, guards | loop_guard, out)
        for child in node.else_:
            _walk(child, guards, out)
        return
    for child in node.iter_child_nodes():
        _walk(child, guards, out)


def lookup(context: dict[str, Any], path: str) -> Any:
    """The value of `fields.formal`-style paths in a context; None when it is not there."""
    value: Any = context
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _info(template: Template) -> _Compiled:
    return _compiled(
        template.source_name, template.body, template.body_line, template.subject,
        template.subject_line,
    )  # fmt: skip


def contact_variables_used(template: Template) -> set[str]:
    """Contact variables the template refers to anywhere (`other` for an introduction)."""
    return set(_info(template).used)


def check_variables(template: Template, campaign_vars: dict[str, str]) -> None:
    """Refuse to render before a campaign value the template declares is given."""
    missing = [
        f"--var {key} ({description})" if description else f"--var {key}"
        for key, description in template.variables.items()
        if not str(campaign_vars.get(key, "")).strip()
    ]
    if missing:
        raise HandpickedError(f"{template.file_name}: missing {', '.join(missing)}")


def render(
    template: Template,
    context: dict[str, Any],
    campaign_vars: dict[str, str],
    *,
    contact_label: str = "",
) -> RenderedMessage:
    """One contact's message; any failure names the template's file line and the contact."""
    check_variables(template, campaign_vars)
    info = _info(template)
    variables = {**campaign_vars, **context}
    body = _run(info.body, variables, template, template.body_line, contact_label, True)
    body = _BLANK_RUNS.sub("\n\n", "\n".join(line.rstrip() for line in body.split("\n")))
    subject = None
    if info.subject is not None:
        raw = _run(info.subject, variables, template, template.subject_line, contact_label, False)
        subject = " ".join(raw.split())  # one line: no header injection from a two-line field
    printed = {
        path
        for path, guards in info.printed
        if all(bool(lookup(variables, guard)) == truthy for guard, truthy in guards)
    }
    return RenderedMessage(subject=subject, body=body.strip(), printed=printed)


def _run(
    compiled: jinja2.Template,
    variables: dict[str, Any],
    template: Template,
    first_line: int,
    contact_label: str,
    offset: bool,
) -> str:
    try:
        return compiled.render(variables)
    except Exception as exc:  # whatever a template expression raises is the template's fault
        line = first_line
        if offset:
            tb, found = exc.__traceback__, None
            while tb is not None:
                if tb.tb_frame.f_code.co_filename == template.source_name:
                    found = tb.tb_lineno
                tb = tb.tb_next
            line = first_line + (found or 1) - 1
        who = f" (contact: {contact_label})" if contact_label else ""
        reason = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        if isinstance(exc, SecurityError):
            reason = f"{reason.rstrip('.')}; a template can only use the variables it is given"
        raise HandpickedError(f"{_display(template.source_name)}:{line}: {reason}{who}") from None
