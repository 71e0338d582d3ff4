"""Pulse: how your network life is going, drawn from what happened (LinkedIn's archive and your
campaigns), so you can judge your own balance rather than count messages.

Every number comes from one core function (`contacts.network_pulse`); this screen only draws it:
messages sent and received per month over two years, the reply rate per template, sector and
language, and under them the share of the network reached this quarter and the replies per
message sent. With nothing to plot it says so in a sentence, never with empty axes.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Header, Static
from textual_plotext import PlotextPlot

from handpicked.core import contacts as core
from handpicked.core.text import safe_text
from handpicked.tui import USER_ERRORS
from handpicked.tui.screens.base import HandpickedScreen
from handpicked.tui.widgets.footer import Footer
from handpicked.tui.widgets.safe import safe_line

BARS = 6
"""Bars per reply-rate chart: the labels with the most messages sent."""
EMPTY = (
    "Nothing to plot yet. Import LinkedIn's data archive (the Basic_LinkedInDataExport_….zip"
    " from Settings > Data privacy on LinkedIn) or send a campaign, and the Pulse fills in."
)

NO_CAMPAIGNS = (
    "Reply rates per template, sector and language appear once campaign messages are marked"
    " sent (and replied)."
)


def _label(text: str, width: int = 12) -> str:
    """A category name fit for an axis: one line, no control character, cut short."""
    flat = safe_text(text)
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


class PulseScreen(HandpickedScreen[None]):
    """Plots of messages per month and reply rates, and two figures of balance."""

    SUB_TITLE = "Pulse"
    DEFAULT_CSS = """
    PulseScreen #pulse-plots { height: 1fr; }
    PulseScreen #pulse-months { height: 1fr; min-height: 8; }
    PulseScreen #pulse-rates { height: 1fr; min-height: 8; }
    PulseScreen #pulse-figures { height: auto; padding: 0 1; }
    PulseScreen #pulse-empty { padding: 1 2; }
    PulseScreen #pulse-no-rates { height: auto; padding: 1 2; color: $text-muted; }
    PulseScreen.-short #pulse-figures { padding: 0 1; }
    """

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back where you were"),
        Binding("r", "reload", "Refresh", tooltip="Read the figures again"),
    ]

    class Loaded(Message):
        def __init__(self, pulse: core.Pulse) -> None:
            super().__init__()
            self.pulse = pulse

    def __init__(self) -> None:
        super().__init__()
        self.pulse: core.Pulse | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("loading…", id="pulse-empty")
        with Vertical(id="pulse-plots"):
            yield PlotextPlot(id="pulse-months")
            with Horizontal(id="pulse-rates"):
                for kind in ("template", "sector", "language"):
                    yield PlotextPlot(id=f"pulse-{kind}")
            yield Static(NO_CAMPAIGNS, id="pulse-no-rates")
        yield Static("", id="pulse-figures")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pulse-plots").display = False
        self.action_reload()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="pulse")
    def _load(self) -> None:
        try:
            found = core.network_pulse(self.app.workspace)
        except USER_ERRORS as err:
            self.app.call_from_thread(self.app.show_error, err)
            return
        self.post_message(self.Loaded(found))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.pulse = found = event.pulse
        empty = found.empty
        self.query_one("#pulse-empty", Static).display = empty
        self.query_one("#pulse-empty", Static).update(EMPTY)
        self.query_one("#pulse-plots").display = not empty
        figures = self.query_one("#pulse-figures", Static)
        figures.update(safe_line(self.figures(found)))
        figures.display = bool(found.network)  # "0 of 0 people" says nothing
        rated = bool(found.by_template)
        self.query_one("#pulse-rates").display = rated
        self.query_one("#pulse-no-rates").display = not rated
        if not empty:
            self._draw_months(found)
        if rated:
            for kind in ("template", "sector", "language"):
                self._draw_rates(kind, getattr(found, f"by_{kind}"))

    @staticmethod
    def figures(found: core.Pulse) -> str:
        """The two figures of balance, in words."""
        reached = (
            f"Reached this quarter ({found.quarter}): {found.reached:,} of {found.network:,}"
            f" people ({_percent(found.reached_share)})"
        )
        if found.reply_ratio is None:
            ratio = "Replies per message sent: — (nothing sent in 24 months)"
        else:
            ratio = (
                f"Replies per message sent: {found.reply_ratio:.2f}"
                f" ({found.total_received:,} received, {found.total_sent:,} sent in 24 months)"
            )
        return f"{reached}   ·   {ratio}"

    def _draw_months(self, found: core.Pulse) -> None:
        widget = self.query_one("#pulse-months", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        positions = [float(i) for i in range(len(found.months))]
        plt.plot(positions, found.sent, label="sent", marker="braille")
        plt.plot(positions, found.received, label="received", marker="braille")
        ticks = [*positions[::6], positions[-1]]
        plt.xticks(ticks, [found.months[int(i)] for i in ticks])
        plt.title("Messages per month (24 months)")
        widget.refresh()

    def _draw_rates(self, kind: str, rates: list[core.ReplyRate]) -> None:
        widget = self.query_one(f"#pulse-{kind}", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        shown = rates[:BARS]
        plt.title(f"Reply % by {kind}")
        if shown:
            plt.bar(
                [_label(r.label) for r in shown],
                [round(r.rate * 100) for r in shown],
                orientation="horizontal",
                width=0.3,
            )
            plt.xlim(0, 100)
        widget.refresh()
