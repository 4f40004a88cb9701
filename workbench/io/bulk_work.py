"""What a bulk read or write of a file sets up: the cycle collector held back, and (on Linux)
freed memory kept in the process for the next allocation.

An Excel export or a statistics import allocates hundreds of thousands of objects that live on
(cells, rows of values, the tidy table's strings) and creates no garbage cycles worth collecting
meanwhile; each few hundred container allocations trigger a collection that traverses the young
ones again (a first import of a 100,000-cell sheet spent ~6 ms of its ~110 ms in 35 collections).
Pauses nest and may overlap across threads (the import wizard reads in a worker while the window
exports): the collector is switched off by the first pause and back on by the last one to end,
and only if it was on before the first began.

glibc gives every block over 128 KB its own mapping and unmaps it when freed, so each large
array of a read (the size guard's inflated sheet, the tidy table's 8 MB of columns) starts on
fresh pages, and faulting them in cost a first read ~3,000 page faults (~7 ms of ~85). Raising
the mapping and trim thresholds keeps such blocks in the heap for the next allocation (the 4 MB
of sheet XML the guard inflates serve the read that follows: ~1,000 fewer faults), as the
Windows heap does by default. Set once per process, only where glibc's ``mallopt`` exists and
the user has not tuned malloc through its environment variables.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
from collections.abc import Iterator

_LOCK = threading.Lock()
_DEPTH = 0
_WAS_ENABLED = False
_TUNED = False
# A read's threads (the prefetch beside calamine, calamine's runs in ``xlsx_parallel``) each
# need the GIL for short spells; at Python's default 5 ms switch interval a thread asking for
# it while another computes in Python waited up to 5 ms each time (a parse run ~6 ms to start).
SWITCH_INTERVAL = 0.0005
_INTERVAL = 0.005

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters
MMAP_THRESHOLD = 32 * 1024 * 1024  # glibc's largest accepted value on 64-bit systems
TRIM_THRESHOLD = 64 * 1024 * 1024  # free memory kept at the heap's top


def keep_freed_memory() -> bool:
    """Tune glibc's malloc as the module docstring says (once); whether it is now tuned."""
    global _TUNED
    if _TUNED or not sys.platform.startswith("linux"):
        return _TUNED
    if any(k.startswith("MALLOC_") and "THRESHOLD" in k for k in os.environ):
        return False  # the user's own settings win
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    _TUNED = bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )
    return _TUNED


@contextlib.contextmanager
def bulk_work() -> Iterator[None]:
    """The block runs with the cyclic collector off, malloc tuned (see the module docstring)
    and threads handing over the GIL every ``SWITCH_INTERVAL``; all restored by the last block
    to end, however blocks nest or overlap across threads."""
    global _DEPTH, _WAS_ENABLED, _INTERVAL
    keep_freed_memory()
    with _LOCK:
        if _DEPTH == 0:
            _WAS_ENABLED = gc.isenabled()
            gc.disable()
            _INTERVAL = sys.getswitchinterval()
            sys.setswitchinterval(min(_INTERVAL, SWITCH_INTERVAL))
        _DEPTH += 1
    try:
        yield
    finally:
        with _LOCK:
            _DEPTH -= 1
            if _DEPTH == 0:
                sys.setswitchinterval(_INTERVAL)
                if _WAS_ENABLED:
                    gc.enable()
