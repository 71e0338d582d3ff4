"""Making many objects at once without the cyclic garbage collector rescanning them all.

A 100,000-row import, a 30,000-message compose: each builds several objects per row and none that
form reference cycles, yet every automatic collection walks everything made so far, which makes
those calls about 40% slower. `paused_gc` turns the collector off for the call; what outlives it
goes straight to the oldest generation (freeze then unfreeze moves every object there without
scanning any), so the next collections don't walk 100,000 fresh objects either.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Context manager (and decorator) pausing the cyclic collector; nests safely."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
