"""Inflating and CRC-checking a big zip part with ISA-L (``isal``) where it is installed.

A first read of an xlsx inflates its worksheet part before calamine may parse it (the size
guard checks every cell reference first, ``sheet_guard``), and each parallel run's stored copy
gets a CRC (``xlsx_parallel``). With the standard zlib, a 4 MB sheet took ~6 ms to inflate and
~1 ms per CRC, a tenth of a whole first read; ISA-L's inflate (the library made for fast
deflate, Intel's, with wheels for Windows, Linux and macOS) does the same in ~2.5 ms and the
CRC in 0.1 ms, giving the same bytes. Where it is not installed the standard zlib serves, as
before. Everything else (zipfile's own reads of small parts) uses zlib.
"""

from __future__ import annotations

import zlib
from typing import Any

try:
    from isal import isal_zlib as _impl

    ERRORS: tuple[type[Exception], ...] = (zlib.error, _impl.error)
    FAST = True
except ImportError:  # not installed: the standard library's zlib
    _impl = zlib
    ERRORS = (zlib.error,)
    FAST = False


def raw_decompressor() -> Any:
    """A decompressor for raw deflate data (zip's method 8): ``decompress(data, max_length)``,
    ``unconsumed_tail`` and ``eof`` as ``zlib.decompressobj(-15)`` has them. Its errors are
    among ``ERRORS``."""
    return _impl.decompressobj(-15)


def crc32(data: Any, value: int = 0) -> int:
    """``zlib.crc32``: the same checksum."""
    return _impl.crc32(data, value)
