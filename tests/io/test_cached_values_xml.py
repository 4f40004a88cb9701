"""Formula cells get the app's value whichever XML writer openpyxl used (stdlib or lxml)."""

from __future__ import annotations

import pytest

from workbench.io.excel.cached_values import fill_sheet


@pytest.mark.parametrize(
    "empty_value",
    [b"<v/>", b"<v />", b"<v></v>", b"<v> </v>"],
    ids=["stdlib", "stdlib-spaced", "lxml", "lxml-space"],
)
def test_empty_value_of_either_writer_is_filled(empty_value: bytes) -> None:
    xml = b'<row r="2"><c r="A2"><f>SUM(A1:A1)</f>' + empty_value + b"</c></row>"
    out = fill_sheet(xml, {"A2": 0.62})
    assert out == b'<row r="2"><c r="A2"><f>SUM(A1:A1)</f><v>0.62</v></c></row>'


def test_text_result_is_escaped_and_typed() -> None:
    xml = b'<c r="B3"><f>"a"&amp;"b"</f><v></v></c>'
    assert (
        fill_sheet(xml, {"B3": "a<b"}) == b'<c r="B3" t="str"><f>"a"&amp;"b"</f><v>a&lt;b</v></c>'
    )


def test_cell_without_a_value_for_it_is_left_alone() -> None:
    xml = b'<c r="C4"><f>SUM(C1:C3)</f><v></v></c>'
    assert fill_sheet(xml, {"A1": 1.0}) == xml
