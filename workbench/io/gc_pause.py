"""Python's cycle collector held back during a bulk read or write.

An Excel export or a statistics import allocates hundreds of thousands of objects that live on
(cells, rows of values, the tidy table's strings) and creates no garbage cycles worth collecting
meanwhile; each few hundred container allocations trigger a collection that traverses the young
ones again (a first import of a 100,000-cell sheet spent ~6 ms of its ~110 ms in 35 collections).

Pauses nest and may overlap across threads (the import wizard reads in a worker while the window
exports): the collector is switched off by the first pause and back on by the last one to end,
and only if it was on before the first began.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()
_DEPTH = 0
_WAS_ENABLED = False


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """The block runs with the cyclic collector off (see the module docstring)."""
    global _DEPTH, _WAS_ENABLED
    with _LOCK:
        if _DEPTH == 0:
            _WAS_ENABLED = gc.isenabled()
            gc.disable()
        _DEPTH += 1
    try:
        yield
    finally:
        with _LOCK:
            _DEPTH -= 1
            if _DEPTH == 0 and _WAS_ENABLED:
                gc.enable()
