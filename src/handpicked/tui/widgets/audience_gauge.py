"""How many people are picked, against how many a personal campaign should reach.

Always in sight while browsing, so the size of the audience is a decision rather than a surprise:
plain up to `audience.target`, a warning past it, an error past `audience.max`, where composing
needs an explicit confirmation (a message to everyone is a broadcast).
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static


class AudienceGauge(Static):
    """ "Audience 18 / 20"; a click asks to compose (the app decides whether it may)."""

    DEFAULT_CSS = """
    AudienceGauge {
        height: 3; padding: 0 1; border: round $success; content-align: left middle;
        width: 100%;
    }
    AudienceGauge.-over-target { border: round $warning; color: $warning; }
    AudienceGauge.-over-max { border: heavy $error; color: $error; text-style: bold; }
    """

    count: reactive[int] = reactive(0)

    class Clicked(Message):
        """The gauge was clicked: the user wants to compose for this audience."""

    def __init__(self, target: int, maximum: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.target = target
        self.maximum = maximum
        self.border_title = "Audience"
        self.tooltip = (
            f"Aim for about {target} people; above {maximum} a campaign is a broadcast and "
            "needs your confirmation."
        )

    def render(self) -> Text:
        text = Text.assemble((f"{self.count}", "bold"), f" / {self.target}")
        if self.count > self.maximum:
            text.append(" · a broadcast")
        elif self.count > self.target:
            text.append(" · above target")
        return text

    def watch_count(self, count: int) -> None:
        self.set_class(count > self.target, "-over-target")
        self.set_class(count > self.maximum, "-over-max")

    @property
    def state(self) -> str:
        """ "ok", "warning" (past the target) or "blocked" (past the maximum)."""
        if self.count > self.maximum:
            return "blocked"
        return "warning" if self.count > self.target else "ok"

    def on_click(self) -> None:
        self.post_message(self.Clicked())
