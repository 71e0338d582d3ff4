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

    def __init__(
        self, target: int | None = None, maximum: int | None = None, *, id: str | None = None
    ) -> None:
        """Without `target` and `maximum` the gauge counts only, until `set_limits` (Contacts
        paints the network before it reads the settings)."""
        super().__init__(id=id)
        self.target: int | None = None
        self.maximum: int | None = None
        self.border_title = "Audience"
        if target is not None and maximum is not None:
            self.set_limits(target, maximum)

    def set_limits(self, target: int, maximum: int) -> None:
        """The audience settings (`audience.target`, `audience.max`) the count is held against."""
        self.target, self.maximum = target, maximum
        self.tooltip = (
            f"Aim for about {target} people; above {maximum} a campaign is a broadcast and "
            "needs your confirmation."
        )
        self.watch_count(self.count)
        self.refresh()

    def render(self) -> Text:
        text = Text.assemble((f"{self.count}", "bold"))
        if self.target is None:
            return text
        text.append(f" / {self.target}")
        state = self.state
        if state == "blocked":
            text.append(" · a broadcast")
        elif state == "warning":
            text.append(" · above target")
        return text

    def watch_count(self, count: int) -> None:
        self.set_class(self.target is not None and count > self.target, "-over-target")
        self.set_class(self.maximum is not None and count > self.maximum, "-over-max")

    @property
    def state(self) -> str:
        """ "ok", "warning" (past the target) or "blocked" (past the maximum)."""
        if self.maximum is not None and self.count > self.maximum:
            return "blocked"
        return "warning" if self.target is not None and self.count > self.target else "ok"

    def on_click(self) -> None:
        self.post_message(self.Clicked())
