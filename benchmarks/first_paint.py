"""The child processes whose first frames benchmarks/tui_bench.py times (and
tests/tui/test_first_paint.py reads): each prints one JSON line when its first frame is drawn.

Marks are wall-clock times (`time.time()`, compared with the parent's own before the spawn) of
the app module imported, the first frame, the first frame holding contact rows ("painted"), and
the process's CPU seconds then ("cpu"). The app's line also says whether the rows came from the
snapshot file and which modules were imported by then (listed after the marks are taken).
"""

MARKS = ("imported", "first_frame", "painted", "cpu")

# The real entry point (`handpicked --workspace DIR`), headless at 120x40, printing the wall time
# of the first frame that holds contact rows, and where the time went. The app is patched when
# the CLI imports it (an import hook), not imported up front: start-up is measured as it runs.
FIRST_PAINT = r"""
import importlib.abc, importlib.machinery, json, sys, time

marks = {}

def patch(app_module):
    from handpicked.tui.screens.contacts import ContactsScreen

    HandpickedApp = app_module.HandpickedApp
    marks["imported"] = time.time()
    original_display, original_run = HandpickedApp._display, HandpickedApp.run

    def display(self, screen, renderable):
        original_display(self, screen, renderable)
        if "first_frame" not in marks and renderable is not None:
            marks["first_frame"] = time.time()
        if renderable is not None and isinstance(screen, ContactsScreen) and screen.result is not None:
            if len(screen.result) and "painted" not in marks:
                marks["painted"] = time.time()
                marks["cpu"] = time.process_time()
                seen = {"from_snapshot": screen.index.from_snapshot, "modules": sorted(sys.modules)}
                print(json.dumps({**marks, **seen}), flush=True)
                self.call_after_refresh(self.exit)  # not mid-frame: the first may be the one

    def run(self, *args, **kwargs):
        return original_run(self, headless=True, size=(120, 40))

    HandpickedApp._display, HandpickedApp.run = display, run


class PatchApp(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "handpicked.tui.app":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run_module = spec.loader.exec_module

        def exec_module(module):
            run_module(module)
            patch(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, PatchApp())
from handpicked.cli import main
sys.exit(main(["--workspace", sys.argv[1]]))
"""


# The yardstick for first paint: a hello-world Textual app, started and timed the same way.
HELLO = r"""
import json, sys, time
from textual.app import App
from textual.widgets import Static

marks = {"imported": time.time()}

class Hello(App):
    def compose(self):
        yield Static("hello, world")

    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None and "painted" not in marks:
            marks["painted"] = marks["first_frame"] = time.time()
            marks["cpu"] = time.process_time()
            print(json.dumps(marks), flush=True)
            self.exit()

Hello().run(headless=True, size=(120, 40))
"""
