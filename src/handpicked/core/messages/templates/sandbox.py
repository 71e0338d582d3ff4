"""The sandbox templates render in: Jinja2's own, going through the budget wherever work is done.

Every call, filter, loop round, `~`, slice and bit of arithmetic of a template goes through
`template_budget`'s checks, so that a hostile template ends at once with one error. A message of
text and variables, the usual template, does none of that work, and pays only for a check of its
length.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from jinja2 import nodes, pass_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import _PassArg, generate_lorem_ipsum

from handpicked.core.messages.templates.budget import (
    AMPLIFYING_FILTERS,
    RANGE,
    SIZE,
    WORDS,
    Budget,
    OverBudget,
    check_filter,
    check_format,
    check_method,
    check_power,
    check_printf,
    check_times,
    weight,
    within,
)


class Render(Context):
    """The context of one render, holding its budget, which the contexts it derives share.

    The budget is made at the first work that needs it, so that a message of text and
    variables, most messages, does not pay for one.
    """

    budget: Budget | None = None

    def derived(self, locals: dict[str, Any] | None = None) -> Context:
        context = super().derived(locals)
        context.budget = budget_of(self)  # type: ignore[attr-defined]
        return context


def budget_of(context: Context) -> Budget:
    """The budget of the render `context` belongs to."""
    budget = getattr(context, "budget", None)
    if budget is None:
        budget = context.budget = Budget()  # type: ignore[attr-defined]
    return budget


def _guarded_filter(name: str, function: Any) -> Any:
    """`function` counting as a step, with its arguments checked and its result counted."""
    passes = _PassArg.from_obj(function)
    signature = inspect.signature(function) if name in AMPLIFYING_FILTERS else None

    @pass_context
    def guarded(context: Context, *args: Any, **kwargs: Any) -> Any:
        budget = budget_of(context)
        budget.tick()
        if passes is _PassArg.context:
            args = (context, *args)
        elif passes is _PassArg.eval_context:
            args = (context.eval_ctx, *args)
        elif passes is _PassArg.environment:
            args = (context.environment, *args)
        if signature is not None:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            check_filter(name, bound.arguments)
            args, kwargs = bound.args, bound.kwargs
        return budget.made(function(*args, **kwargs))

    return guarded


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > RANGE:
        raise OverBudget(
            f"range() of {len(numbers):,} numbers is more than the {RANGE:,} a template may "
            "loop over"
        )
    return numbers


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    if n * max > WORDS:
        raise OverBudget(
            f"lipsum() of {n:,} paragraphs is more text than a message holds "
            f"(at most {WORDS:,} words)"
        )
    return generate_lorem_ipsum(n, html, min, max)


@pass_context
def _finalize(context: Context, value: Any) -> Any:
    """What `{{ value }}` prints: None as nothing, and whatever is not a text counted first."""
    if value.__class__ is str:
        return value
    if value is None:
        return ""
    return budget_of(context).made(value)


def _concat(parts: Iterable[str]) -> str:
    """What a macro, a `{% set %}` block or a `{% filter %}` block joins into one text."""
    parts = parts if isinstance(parts, list) else list(parts)
    within(sum(map(len, parts)))
    return "".join(parts)


def collect(chunks: Iterator[str], context: Context) -> str:
    """The message from its chunks, stopped once it is over SIZE or the render over time."""
    parts = list(islice(chunks, 64))
    if len(parts) < 64:  # the whole message, as almost always
        text = "".join(parts)
        if len(text) <= SIZE:
            return text
    size = sum(map(len, parts))
    while size <= SIZE:
        more = list(islice(chunks, 64))
        if not more:
            return "".join(parts)
        budget_of(context).on_time()
        parts += more
        size += sum(map(len, more))
    raise OverBudget(
        f"the message comes to more than {SIZE:,} characters, more than any channel sends"
    )


class _Code(CodeGenerator):
    """Jinja2's code, with `~`, slices and loops going through the budget."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.joined(context, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def visit_Getitem(self, node: nodes.Getitem, frame: Frame) -> None:
        if not isinstance(node.arg, nodes.Slice):
            return super().visit_Getitem(node, frame)
        self.write("environment.made(context, ")
        super().visit_Getitem(node, frame)
        self.write(")")

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        rounds = nodes.EnvironmentAttribute("rounds", lineno=node.iter.lineno)
        node.iter = nodes.Call(rounds, [node.iter], [], None, None, lineno=node.iter.lineno)
        super().visit_For(node, frame)


if TYPE_CHECKING:
    _StrDict = dict[str, Any]
else:  # a plain dict at run time: a generic base would add `__orig_bases__` to dir(Lenient)
    _StrDict = dict


class Lenient(_StrDict):
    """A dict whose missing keys read as "": a contact without a `formal` column is not an error."""

    __slots__ = ()

    def __missing__(self, key: str) -> str:
        return ""


_LENIENT_ATTRIBUTES = frozenset(dir(Lenient))


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja2's sandbox with the budget, reading `me.name` or `fields.formal` without an exception.

    Jinja2 reads `x.name` by trying the attribute, then, on AttributeError, the key. For a
    Lenient dict (no instance attributes, no __getattr__) the attribute exists only if its class
    has that name, so any other name goes straight to the key: the same value, without the
    exception, on every message of a campaign.
    """

    code_generator_class = _Code
    context_class = Render
    intercepted_binops = frozenset({"**", "*", "%", "+"})
    concat = staticmethod(_concat)

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=_finalize, **options)
        self.globals.update(range=_range, lipsum=_lipsum)
        self.filters = {name: _guarded_filter(name, f) for name, f in self.filters.items()}

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is Lenient and attribute not in _LENIENT_ATTRIBUTES:
            return obj[attribute]
        return super().getattr(obj, attribute)

    def wrap_str_format(self, value: Any) -> Any:
        wrapper = super().wrap_str_format(value)
        if wrapper is not None:
            check_format(value.__self__)
        return wrapper

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = budget_of(__context)
        budget.tick()
        args = check_method(__obj, args, kwargs)
        return budget.made(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            check_power(left, right)
        elif operator == "*":
            check_times(left, right)
        elif operator == "%" and isinstance(left, str):
            check_printf(left)
        return budget_of(context).made(super().call_binop(context, operator, left, right))

    def joined(self, context: Context, values: tuple[Any, ...]) -> str:
        """`a ~ b`, refused before it is made when it would be too long."""
        within(sum(weight(v) for v in values))
        join = markup_join if context.eval_ctx.autoescape else str_join
        return budget_of(context).made(join(values))

    def made(self, context: Context, value: Any) -> Any:
        return budget_of(context).made(value)

    @pass_context
    def rounds(self, context: Context, iterable: Iterable[Any]) -> Iterator[Any]:
        """The iterable of a `{% for %}`, each round of it a step of the budget."""
        tick = budget_of(context).tick
        for item in iterable:
            tick()
            yield item
