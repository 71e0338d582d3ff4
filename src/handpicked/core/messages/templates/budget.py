"""The budget every render of a template keeps to, and the checks that keep it.

A template is a user's file, or one somebody shared. Jinja2's sandbox keeps it away from Python's
internals, but `{{ lipsum(n=10**7) }}`, `{{ 10**(10**8) }}`, `{{ "x" * 10**9 }}` or loops within
loops are all allowed there, and each would hang compose or fill the memory. So every render has a
budget, and going over it is one `OverBudget` sentence saying what went over:

- no text or list a template makes is longer than SIZE characters: checked before making it where
  one operation can make a huge one at once (`*`, `**`, a format width, `center`, `replace`,
  `join`...), after it elsewhere; the message itself stops at SIZE too;
- all the text made along the way comes to at most BUILT characters;
- loop rounds and calls come to at most STEPS, and the render to at most SECONDS, a wall-time
  checked every few steps and between chunks of the message.

The limits are far above any channel's length and any real loop, so that a working template never
meets them. `template_sandbox` is where the checks are called from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from string import Formatter
from time import monotonic
from types import UnionType
from typing import Any, TypeVar, cast

from jinja2.utils import Namespace

SIZE = 100_000  # characters of any one text or list, and of the message
BUILT = 1_000_000  # characters made in all while rendering one message
STEPS = 100_000  # loop rounds and calls while rendering one message
SECONDS = 1.0  # wall time of one render; a message takes well under a millisecond
RANGE = 10_000  # numbers in one range()
WORDS = 10_000  # words of one lipsum()
DIGITS = 3_000  # digits of a number (Python prints no more than 4,300)
_BITS = DIGITS * 10 // 3

T = TypeVar("T")


class OverBudget(Exception):
    """A render stopped for going over its budget; `message` says what went over."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Budget:
    """What one render has used so far."""

    __slots__ = ("built", "deadline", "steps")

    def __init__(self) -> None:
        self.steps = self.built = 0
        self.deadline = monotonic() + SECONDS

    def tick(self) -> None:
        self.steps += 1
        if self.steps > STEPS:
            raise OverBudget(
                f"goes round its loops and calls more than {STEPS:,} times for one message"
            )
        if not self.steps & 63:
            self.on_time()

    def on_time(self) -> None:
        if monotonic() > self.deadline:
            raise OverBudget(
                f"takes more than {SECONDS:g} second{'s' * (SECONDS != 1)} to render one "
                "message, far longer than a message needs"
            )

    def made(self, value: T) -> T:
        """`value`, once counted: refused when it, or all that was made, is over the budget."""
        size = weight(value)
        if size > SIZE:
            raise OverBudget(f"makes a text of more than {SIZE:,} characters")
        self.built += size
        if self.built > BUILT:
            raise OverBudget(f"makes more than {BUILT:,} characters of text for one message")
        return value


# A dict's views (dict_keys, ...): no builtin names their types, and typeshed's `type | type`
# says it may be Any.
_VIEWS = cast(UnionType, type({}.keys()) | type({}.values()) | type({}.items()))


def weight(value: Any, limit: int = SIZE) -> int:
    """About how many characters `value` prints as, counted no further than past `limit`."""
    if isinstance(value, str | bytes):
        return len(value)
    if isinstance(value, int):
        return value.bit_length() // 3 + 1  # about its decimal digits (a bool's too)
    if isinstance(value, range):
        return len(value) * (len(str(max(abs(value.start), abs(value.stop)))) + 2)
    if isinstance(value, Namespace):
        value = object.__getattribute__(value, "_Namespace__attrs")
    if isinstance(value, Mapping):
        items: Iterable[Any] = (part for pair in value.items() for part in pair)
    elif isinstance(value, list | tuple | set | frozenset | _VIEWS):
        items = value
    else:
        return 20  # a date, a float, a macro... print as a few characters
    total = 2
    for item in items:
        total += weight(item, limit - total) + 2
        if total > limit:
            break
    return total


def _too_wide(width: Any, what: str = "width") -> None:
    if isinstance(width, int) and width > SIZE:
        raise OverBudget(
            f"a {what} of {width:,} makes a text of more than {SIZE:,} characters"
            if what == "width"
            else f"a {what} of {width:,} is more than the {SIZE:,} a value may have"
        )


def within(size: int) -> None:
    if size > SIZE:
        raise OverBudget(f"makes a text of more than {SIZE:,} characters")


_PRINTF = re.compile(r"%%|%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_STAR = "a width taken from a value ('%*d', '{:{w}}') is not allowed in a template"


def check_printf(text: str) -> None:
    """Refuse `%` formats whose widths would make a huge text: `"%0999999999d" % 1`."""
    for match in _PRINTF.finditer(text):
        for number in match.groups():
            if number == "*":
                raise OverBudget(_STAR)
            if number:
                _too_wide(int(number) if len(number) < 12 else 10**12)


def check_format(text: str) -> None:
    """Refuse `str.format` widths that would make a huge text: `"{:>999999999}".format(1)`."""
    try:
        fields = list(Formatter().parse(text))
    except ValueError:
        return  # the call itself says what is wrong with the format
    for _, _, spec, _ in fields:
        if spec and "{" in spec:
            raise OverBudget(_STAR)
        for number in re.findall(r"\d+", spec or ""):
            _too_wide(int(number) if len(number) < 12 else 10**12)


def check_power(base: Any, exponent: Any) -> None:
    if not (isinstance(base, int) and isinstance(exponent, int)):
        return  # floats overflow at once, with their own error
    if exponent > 0 and abs(base).bit_length() * exponent > _BITS and abs(base) > 1:
        raise OverBudget(f"{base} ** {exponent} makes a number of more than {DIGITS:,} digits")


def check_times(left: Any, right: Any) -> None:
    if isinstance(left, int) and isinstance(right, int):
        if left.bit_length() + right.bit_length() > _BITS:
            raise OverBudget(f"this multiplication makes a number of more than {DIGITS:,} digits")
        return
    times, value = (left, right) if isinstance(left, int) else (right, left)
    repeats = isinstance(times, int) and isinstance(value, str | bytes | list | tuple)
    if repeats and times > 0 and weight(value) * times > SIZE:
        raise OverBudget(
            f"repeating a text or list {times:,} times makes more than {SIZE:,} characters"
        )


def _replaced_size(text: Any, old: Any, new: Any, count: Any = -1) -> int:
    if not isinstance(old, type(text)) or not isinstance(new, type(text)):
        return len(text)  # the call raises its own TypeError
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and 0 <= count < hits:
        hits = count
    return len(text) + hits * max(0, len(new) - len(old))


def check_method(method: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """Refuse a text method that would make a huge text; `args`, with an iterable made a list."""
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if isinstance(owner, str | bytes):
        if name in ("format", "format_map") and isinstance(owner, str):
            check_format(owner)  # Jinja2 before 3.1.5 formats in `call`, not `wrap_str_format`
        elif name in ("center", "ljust", "rjust", "zfill"):
            _too_wide(args[0] if args else kwargs.get("width"))
        elif name == "expandtabs":
            tab = args[0] if args else kwargs.get("tabsize", 8)
            tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
            within(len(owner) + tabs * (tab if isinstance(tab, int) else 0))
        elif name == "replace" and len(args) >= 2:
            within(_replaced_size(owner, *args[:3]))
        elif name == "join" and args:
            items = list(args[0])
            within(sum(weight(i) for i in items) + len(owner) * len(items))
            args = (items, *args[1:])
        elif name == "translate" and args and isinstance(args[0], Mapping):
            longest = max((weight(v) for v in args[0].values()), default=1)
            within(len(owner) * max(1, longest))
    elif isinstance(owner, int) and name == "to_bytes":
        _too_wide(args[0] if args else kwargs.get("length", 1), "length")
    return args


AMPLIFYING_FILTERS = frozenset(
    ("center", "batch", "slice", "indent", "format", "join", "replace", "tojson", "wordwrap")
)


def check_filter(name: str, a: dict[str, Any]) -> None:
    """Refuse a filter call that would make a huge value; `a`: its arguments by name."""
    if name == "center":
        _too_wide(a["width"])
    elif name in ("batch", "slice"):
        _too_wide(a["linecount" if name == "batch" else "slices"], "length")
    elif name == "indent" and isinstance(a["s"], str):
        width, lines = a["width"], a["s"].count("\n") + 1
        within(len(a["s"]) + lines * (width if isinstance(width, int) else weight(width)))
    elif name == "format" and isinstance(a["value"], str):
        check_printf(a["value"])
    elif name == "join":
        items = a["value"] = list(a["value"])
        within(sum(weight(i) for i in items) + weight(a["d"]) * len(items))
    elif name == "replace":
        text = str(a["s"])
        count = a["count"] if a["count"] is not None else -1
        within(_replaced_size(text, str(a["old"]), str(a["new"]), count))
    elif name == "tojson" and isinstance(a["indent"], int | str):
        indent = a["indent"] if isinstance(a["indent"], int) else len(a["indent"])
        within(weight(a["value"]) * (1 + max(0, indent)))
    elif name == "wordwrap" and isinstance(a["wrapstring"], str):
        within(len(str(a["s"])) * (1 + len(a["wrapstring"])))
