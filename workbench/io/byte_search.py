"""Substring search in big XML parts that jumps between occurrences of one rare byte.

The size guard looks for a handful of needles (``hidden``, ``t="e"``, ``<f``) in every sheet
part before a read. CPython's ``bytes.find`` of a multi-byte needle runs at ~2 GB/s (2 ms for
a 4 MB sheet, each needle), while a single byte is found with ``memchr`` at tens of GB/s.
In sheet XML most bytes are tags, digits and a few attribute letters: a byte such as ``h`` or
``f`` occurs a handful of times, so hopping between its occurrences and comparing the needle
there costs a few microseconds instead of milliseconds (``t="e"`` among the 2,000 ``e`` of
a sheet's inline strings: 1 ms). A part full of that byte gives up after one try per
``HOP_BYTES`` and finishes with the plain search, so the answer is always ``bytes.find``'s.
"""

from __future__ import annotations

# A try costs ~0.3 µs at Python speed, the plain search ~0.5 ns a byte: hopping pays while
# there is less than one try per ~600 bytes; past one per KiB the plain search takes over.
HOP_BYTES = 1024


def find_by(
    buf: bytes | bytearray,
    needle: bytes,
    key: int,
    start: int = 0,
) -> int:
    """``buf.find(needle, start)``, found by jumping between occurrences of ``needle[key]``
    (pick the needle's rarest byte in the kind of text searched)."""
    byte = needle[key : key + 1]
    n = len(needle)
    pos = buf.find(byte, start + key)
    for _ in range(16 + (len(buf) - start) // HOP_BYTES):
        if pos < 0:
            return -1
        at = pos - key
        if buf[at : at + n] == needle:
            return at
        pos = buf.find(byte, pos + 1)
    return -1 if pos < 0 else buf.find(needle, pos - key)


def contains_by(buf: bytes | bytearray, needle: bytes, key: int) -> bool:
    """``needle in buf``, as ``find_by``."""
    return find_by(buf, needle, key) >= 0
