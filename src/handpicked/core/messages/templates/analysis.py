"""Compiling a template once, and knowing from its code which contact variables a message prints.

A campaign renders one template for thousands of people, so everything that depends only on the
template's text is done once per text: parsing, compiling, and working out which contact
variables each `{{ ... }}` prints and under which `{% if %}` conditions (the lint warns about a
sentence built around an empty `{{ company }}`, not about a `{% if company %}` that skips it).
What is left per person is calling the compiled code with a prepared context and testing a few
values, which is what makes a 30,000-message campaign take a second rather than several.

Contact fields reach Jinja2 only as variables of a sandboxed, strict environment
(`template_sandbox`, where every render keeps to a budget), never as template source. Nothing
here knows about template files: it works on texts and the FILE lines they start at, so that
errors point into the editor's view of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.runtime import Context

from handpicked.core.errors import HandpickedError
from handpicked.core.messages.templates.sandbox import Render, Sandbox, collect

# What `contact_context` gives a template about the person (and, for introductions, `other.*`).
# fmt: off
CONTACT_VARIABLES: tuple[str, ...] = (
    "greeting_name", "first_name", "last_name", "full_name", "company", "position",
    "previous_position", "sector", "function", "seniority", "language", "connected_on",
    "years_connected", "tags", "note", "fields",
)
# fmt: on
PERSON_ROOTS = frozenset((*CONTACT_VARIABLES, "other"))


ENV = Sandbox(
    undefined=jinja2.StrictUndefined,
    autoescape=False,
    keep_trailing_newline=False,
    trim_blocks=True,
    lstrip_blocks=True,
)


def display(path: str | Path) -> str:
    """The path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _too_deep(path: str) -> HandpickedError:
    return HandpickedError(
        f"{display(path)}: its brackets, ifs or loops are nested too deeply to read "
        "— simplify the template"
    )


def parse(source: str, path: str, first_line: int, *, offset: bool = True) -> nodes.Template:
    """The syntax tree of a text; `offset`: its line 1 is FILE line `first_line` (a body)."""
    try:
        return ENV.parse(source, path, path)
    except jinja2.TemplateSyntaxError as exc:
        line = first_line + (exc.lineno or 1) - 1 if offset else first_line
        reason = (exc.message or "syntax error").rstrip(".")
        raise HandpickedError(f"{display(path)}:{line}: {reason} — fix the template") from None
    except RecursionError:  # Jinja2 reads `((((...` or `{% if %}` in `{% if %}` recursively
        raise _too_deep(path) from None
    except ValueError as exc:  # a number of more digits than Python reads
        reason = "a number in it is too long" if "digits" in str(exc) else str(exc)
        raise HandpickedError(f"{display(path)}: {reason} — fix the template") from None


@dataclass(frozen=True, slots=True)
class Part:
    """One compiled text (a body or a subject), called without Jinja2's per-render setup."""

    template: jinja2.Template
    root: Callable[[Context], Iterator[str]]
    globals: dict[str, Any]

    def run(self, campaign_vars: Mapping[str, Any], context: Mapping[str, Any]) -> str:
        """What `template.render({**campaign_vars, **context})` returns, and raises.

        `render` copies the variables twice, merges them over the globals kept in a ChainMap
        and lists those globals again, on every call; here the globals are a plain dict taken
        once. A failure is rewritten to the template's own lines exactly as `render` does it.
        """
        template = self.template
        parent = {**self.globals, **campaign_vars, **context}
        ctx = Render(ENV, parent, template.name, template.blocks, globals=self.globals)
        try:
            return collect(self.root(ctx), ctx)
        except Exception:
            ENV.handle_exception()


def _part(tree: nodes.Template, path: str) -> Part:
    code = ENV.compile(tree, path, path)
    template = ENV.template_class.from_code(ENV, code, ENV.make_globals(None), None)
    return Part(template, template.root_render_func, dict(template.globals))


@dataclass(frozen=True, slots=True)
class Compiled:
    """A template's compiled body and subject, and what its code says about contact variables.

    Printed variables come in groups sharing one condition, written as two bit masks over the
    variables the template tests: a group prints when (non-empty tested variables & `tested`)
    equals `wanted`, e.g. position and company inside `{% if position and company %}`.
    """

    body: Part
    subject: Part | None
    used: frozenset[str]
    """Contact variables referenced anywhere, printed or tested."""
    always: frozenset[str]
    """Contact variables printed whatever the values."""
    tests: tuple[tuple[int, str, tuple[str, ...]], ...]
    """(bit, first name, further keys) of each variable a condition tests: fields.formal."""
    groups: tuple[tuple[int, int, frozenset[str]], ...]
    """(tested bits, bits that must be non-empty, contact variables printed then)."""

    def printed(self, context: Mapping[str, Any], campaign_vars: Mapping[str, Any]) -> set[str]:
        """The contact variables a render printed, given the values it was rendered with.

        A tested variable is looked up as `lookup({**campaign_vars, **context}, path)` would,
        without merging the dicts: a missing one counts as empty.
        """
        out = set(self.always)
        if not self.groups:
            return out
        truth = 0
        for bit, first, rest in self.tests:
            if first in context:
                value = context[first]
            elif first in campaign_vars:
                value = campaign_vars[first]
            else:
                continue
            for key in rest:
                if not isinstance(value, dict) or key not in value:
                    value = None
                    break
                value = value[key]
            if value:
                truth |= bit
        for tested, wanted, paths in self.groups:
            if truth & tested == wanted:
                out |= paths
        return out


@lru_cache(maxsize=512)
def compiled(
    path: str, body: str, body_line: int, subject: str | None, subject_line: int
) -> Compiled:
    """Parse and compile a template once; keyed on its text, so an edited file recompiles."""
    try:
        return _compile(path, body, body_line, subject, subject_line)
    except (RecursionError, SyntaxError):  # nested past what Jinja2's or Python's compiler takes
        raise _too_deep(path) from None


def _compile(
    path: str, body: str, body_line: int, subject: str | None, subject_line: int
) -> Compiled:
    trees = [parse(body, path, body_line)]
    if subject is not None:
        trees.append(parse(subject, path, subject_line, offset=False))
    printed: list[tuple[str, frozenset[tuple[str, bool]]]] = []
    used: set[str] = set()
    for tree in trees:
        _walk(tree, frozenset(), printed)
        used.update(n.name for n in tree.find_all(nodes.Name) if n.name in PERSON_ROOTS)
    always = frozenset(name for name, guards in printed if not guards)
    bits = {g: 1 << i for i, g in enumerate(sorted({g for _, gs in printed for g, _ in gs}))}
    grouped: dict[tuple[int, int], set[str]] = {}
    for name, guards in printed:
        if not guards or any((g, not truthy) in guards for g, truthy in guards):
            continue  # printed always (above), or under a condition that can never hold
        tested = sum(bits[g] for g, _ in guards)
        wanted = sum(bits[g] for g, truthy in guards if truthy)
        grouped.setdefault((tested, wanted), set()).add(name)
    return Compiled(
        body=_part(trees[0], path),
        subject=_part(trees[1], path) if subject is not None else None,
        used=frozenset(used),
        always=always,
        tests=tuple((bit, *_split(g)) for g, bit in bits.items()),
        groups=tuple((t, w, frozenset(paths)) for (t, w), paths in grouped.items()),
    )


def _split(path: str) -> tuple[str, tuple[str, ...]]:
    first, *rest = path.split(".")
    return first, tuple(rest)


# ---------------------------------------------------------------------------------------------
# Which variables an output prints, and under which conditions


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
        return [path] if path.split(".", 1)[0] in PERSON_ROOTS else []
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


def _walk(
    node: nodes.Node,
    guards: frozenset[tuple[str, bool]],
    out: list[tuple[str, frozenset[tuple[str, bool]]]],
) -> None:
    """Collect each printed contact variable with the conditions under which it is printed."""
    child: nodes.Node
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
