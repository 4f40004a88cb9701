"""Garbage collection paused while a burst of long-lived objects is made.

Python's collector runs every 700 new container objects and, every tenth time, walks every
young object again; a read that makes tens of thousands of tuples, lists and dataclasses (the
gazetteer's index, a table's region matches and decisions) paid for 40-odd collections that
found nothing, 5-10 ms of a first read in a fresh process (issue 16). Such code makes no
reference cycles, so pausing the collector loses nothing: it resumes afterwards, as the
window's start-up does (``ui.app``).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_collection() -> Iterator[None]:
    """No collection inside; the collector is left as found (two threads pausing at once leave
    it enabled once both are done, or when the first that found it enabled is)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
