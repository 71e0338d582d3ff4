"""The campaign values a template asks for (the event, the job, the link), one input each.

When the audience reads the template in several languages, each value also gets an optional
input per other language: a campaign writes to each person in their language, and "12 December"
does not belong in a French sentence. Those are stored as `KEY:LANG`, which core's rendering
reads in that language instead of `KEY`. The form only holds what was typed; the compose screen
hears about each change through `ValuesForm.Changed` and decides when to render again.
"""

from __future__ import annotations

import re

from textual import on
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label

from handpicked.tui.widgets.safe import safe

_ASCII_ID = re.compile(r"[A-Za-z0-9_]+")


def placeholder(key: str) -> str:
    """What an unfilled campaign value looks like in the preview (never queued)."""
    return f"‹{key}›"


def input_id(key: str, language: str = "") -> str:
    """The input's widget id: `var-KEY[-LANG]`, the key spelt in hex when it is not ASCII.

    A template's value names are Python identifiers, so `date_événement` is a valid one, but a
    widget id must be ASCII letters, digits, `_` and `-`.
    """
    name = key if _ASCII_ID.fullmatch(key) else "x" + key.encode().hex()
    return f"var-{name}-{language}" if language else f"var-{name}"


class ValuesForm(Vertical):
    """Inputs for a template's campaign values, with per-language ones when they are needed."""

    # As tall as its inputs: the form scrolls around it. A Vertical's own 1fr height squeezed
    # four values into the few rows left, cutting every input under the first out of sight.
    DEFAULT_CSS = """
    ValuesForm { height: auto; }
    """

    class Changed(Message):
        """A value was typed (or pasted)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.descriptions: dict[str, str] = {}
        """Campaign value -> its description in the main language."""
        self.languages: dict[str, dict[str, str]] = {}
        """Other language the audience reads -> that variant's descriptions of the values."""
        self.values: dict[str, str] = {}
        """What was typed, by input name (`KEY` or `KEY:LANG`); kept across templates."""

    async def show(
        self, descriptions: dict[str, str], languages: dict[str, dict[str, str]]
    ) -> None:
        """Ask for these values, and for per-language ones in these other languages."""
        self.descriptions, self.languages = descriptions, languages
        await self.remove_children()
        widgets: list[Label | Input] = []
        for key, description in descriptions.items():
            widgets.append(Label(safe(f"{description or key} ({key})"), markup=False))
            widgets.append(
                Input(self.values.get(key, ""), id=input_id(key), name=key, placeholder=key)
            )
            for language, theirs in languages.items():
                name = f"{key}:{language}"
                said = theirs.get(key) or description or key
                widgets.append(Label(safe(f"  {language}: {said}"), markup=False))
                widgets.append(
                    Input(
                        self.values.get(name, ""),
                        id=input_id(key, language),
                        name=name,
                        placeholder=f"the same as above for the {language} messages",
                    )
                )
        await self.mount_all(widgets)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.name:
            self.values[event.input.name] = event.value
            self.post_message(self.Changed())

    def missing(self) -> list[str]:
        """Values still empty (the preview shows placeholders for them)."""
        return [k for k in self.descriptions if not self.values.get(k, "").strip()]

    def filled(self) -> dict[str, str]:
        """The values to preview with: a placeholder for each empty one."""
        filled = {k: self.values.get(k, "").strip() or placeholder(k) for k in self.descriptions}
        return {**filled, **self._overrides()}

    def given(self) -> dict[str, str]:
        """The values to queue with: only those typed (core refuses a campaign missing one)."""
        given = {k: self.values.get(k, "").strip() for k in self.descriptions}
        return {**given, **self._overrides()}

    def _overrides(self) -> dict[str, str]:
        overrides = {}
        for language in self.languages:
            for key in self.descriptions:
                value = self.values.get(f"{key}:{language}", "").strip()
                if value:
                    overrides[f"{key}:{language}"] = value
        return overrides
