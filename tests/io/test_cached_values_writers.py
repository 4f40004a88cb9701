"""Cached formula results are filled whichever XML writer openpyxl used: its own writes an empty
value as ``<v/>``, with lxml installed (python-docx depends on it) it writes ``<v></v>``."""

from __future__ import annotations

import pytest

from workbench.io.excel.cached_values import fill_sheet


@pytest.mark.parametrize("empty", [b"<v/>", b"<v />", b"<v></v>"])
def test_empty_value_forms_are_filled(empty: bytes) -> None:
    xml = (
        b'<row r="2"><c r="A2"><f>SUM(A1:A1)</f>'
        + empty
        + b'</c><c r="B2" t="n"><v>3</v></c></row>'
    )
    out = fill_sheet(xml, {"A2": 1.5, "B2": 9.0})
    assert (
        out
        == b'<row r="2"><c r="A2"><f>SUM(A1:A1)</f><v>1.5</v></c><c r="B2" t="n"><v>3</v></c></row>'
    )
