"""Work a read does not need the cells for, done while calamine parses them.

calamine releases the GIL while it parses a sheet, most of a first read's time; a thread started
just before can meanwhile load the gazetteer and read the cell formats instead of after the
parse (on a 2-core PC a first read of a 100,000-cell sheet is ~6 ms shorter). The work is a
prefetch into its callee's own memo (``default_gazetteer``, ``sheet_formats``' cache): a failure
there is dropped, and the read asks again afterwards and meets the error on its own path.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def _quietly(work: Callable[[], object]) -> None:
    try:
        work()
    except Exception:  # a prefetch: the read repeats the call and reports what went wrong
        return


def while_parsing(parse: Callable[[Callable[[], None]], T], work: Callable[[], object] | None) -> T:
    """``parse(begin)`` (which releases the GIL) with ``work()`` running beside it from when
    ``parse`` calls ``begin()`` (at the latest when it returns); returns once both have ended.
    A parse that first needs the GIL for a while (``xlsx_parallel`` cutting a sheet and
    starting its runs) calls ``begin`` once that is done, so the work does not hold it up."""
    if work is None:
        return parse(_nothing)
    side = threading.Thread(target=_quietly, args=(work,), name="read-prefetch", daemon=True)
    lock = threading.Lock()

    def begin() -> None:
        with lock:
            if side.ident is None:  # not started yet
                side.start()

    try:
        return parse(begin)
    finally:
        begin()
        side.join()


def _nothing() -> None:
    return None
