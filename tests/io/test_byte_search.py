"""``byte_search.find_by`` answers exactly as ``bytes.find`` whatever the text: the size guard's
verdicts (hidden rows, error cells, formulas) rest on it."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.io import byte_search
from workbench.io.byte_search import find_by

NEEDLES = [(b"hidden", 0), (b't="e"', 3), (b"<f", 1), (b"</sheetData>", 3)]


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=300).map(lambda b: b.replace(b"\x00", b"h")),
    st.sampled_from(NEEDLES),
    st.integers(0, 320),
    st.lists(st.integers(0, 300), max_size=4),
)
def test_the_answer_is_bytes_find(
    text: bytes, needle: tuple[bytes, int], start: int, at: list[int]
) -> None:
    word, key = needle
    buf = bytearray(text)
    for i in at:  # the needle planted, whole or cut short at the end
        buf[i:i] = word
    for b in (bytes(buf), buf):
        assert find_by(b, word, key, start) == b.find(word, start)


@pytest.mark.parametrize("word, key", NEEDLES)
def test_a_text_full_of_the_key_byte_gives_up_hopping_and_still_finds_it(
    monkeypatch: pytest.MonkeyPatch, word: bytes, key: int
) -> None:
    """Inline strings full of the key byte: after its tries the plain search takes over, from
    where the hops stopped (a needle just past that point is not skipped)."""
    monkeypatch.setattr(byte_search, "HOP_BYTES", 64)
    rnd = random.Random(7)
    noise = bytes(
        rnd.choice(b'<c r="A1" t="inlineStr"><is><t>heffe</t></is></c>') for _ in range(20_000)
    )
    for pos in (0, 100, 5_000, 19_990, len(noise)):
        text = noise[:pos] + word + noise[pos:]
        assert find_by(text, word, key) == text.find(word)
    assert find_by(noise.replace(word, b""), word, key) == noise.replace(word, b"").find(word)


def test_a_sheet_with_few_key_bytes_is_searched_in_few_tries() -> None:
    """What the module is for: in a numeric sheet's XML the needle's key byte is rare."""
    row = b'<row r="7"><c r="B7"><v>12.5</v></c><c r="C7"><v>3</v></c></row>'
    text = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + row * 20_000
        + b"</sheetData></worksheet>"
    )
    assert find_by(text, b"hidden", 0) == -1
    assert find_by(text, b"</sheetData>", 3) == text.find(b"</sheetData>")
    assert text.count(b"h") == 7  # the namespace's and the two sheetData tags', not the cells'
