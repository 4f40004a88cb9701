"""Find the line of a value inside JSON text, so an error can say "line 812" and not only a path.

Only used when a file is already known to be wrong, so clarity beats speed.
"""

from __future__ import annotations

import json

from workbench.io.codec import JsonTrail

_decoder = json.JSONDecoder()
_WS = " \t\r\n"


def line_of(text: str, trail: JsonTrail) -> int | None:
    """1-based line where the value at ``trail`` starts (or the deepest existing parent)."""
    try:
        pos = _find(text, _skip(text, 0), list(trail))
    except (ValueError, IndexError):
        return None
    return text.count("\n", 0, pos) + 1


def _skip(text: str, i: int) -> int:
    while i < len(text) and text[i] in _WS:
        i += 1
    return i


def _end_of_value(text: str, i: int) -> int:
    _, end = _decoder.raw_decode(text, i)
    return end


def _find(text: str, i: int, trail: list[str | int]) -> int:
    if not trail:
        return i
    head, *rest = trail
    if text[i] == "{":
        i = _skip(text, i + 1)
        while text[i] != "}":
            key, i = json.decoder.scanstring(text, i + 1)
            i = _skip(text, i)
            i = _skip(text, i + 1)  # ':'
            if key == str(head):
                return _find(text, i, rest)
            i = _skip(text, _end_of_value(text, i))
            if text[i] == ",":
                i = _skip(text, i + 1)
        return i
    if text[i] == "[" and isinstance(head, int):
        i = _skip(text, i + 1)
        n = 0
        while text[i] != "]":
            if n == head:
                return _find(text, i, rest)
            i = _skip(text, _end_of_value(text, i))
            if text[i] == ",":
                i = _skip(text, i + 1)
            n += 1
    return i
