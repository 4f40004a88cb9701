"""Put the app's computed value into every formula cell of a saved workbook.

openpyxl writes a formula with an empty value (``<f>SUM(A1:A3)</f><v/>``), so readers that do not
recalculate — previews, python-calamine, pandas, mobile viewers — show blanks. Excel itself stores
both the formula and its last result; we do the same by filling ``<v>`` in the sheet XML after
openpyxl has saved. The cell references come from openpyxl's own output, so the rewrite is a
targeted substitution, not an XML re-serialisation of the sheet.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from xml.sax.saxutils import escape

# openpyxl writes ``<v/>`` with the standard library's XML writer and ``<v></v>`` when lxml is
# installed (python-docx brings it): both are an empty value.
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>([^<]*)</f>(?:<v\s*/>|<v>\s*</v>)')

CachedValue = float | int | str | bool


def _value_xml(value: CachedValue) -> tuple[bytes, bytes]:
    """(type attribute, <v> content) for one cached value."""
    if isinstance(value, bool):
        return b' t="b"', b"1" if value else b"0"
    if isinstance(value, (int, float)):
        x = float(value)
        if not math.isfinite(x):
            return b' t="e"', b"#NUM!"
        return b"", repr(x).encode()
    return b' t="str"', escape(str(value)).encode("utf-8")


def fill_sheet(xml: bytes, values: dict[str, CachedValue]) -> bytes:
    def sub(m: re.Match[bytes]) -> bytes:
        ref = m.group(1).decode()
        if ref not in values:
            return m.group(0)
        t, v = _value_xml(values[ref])
        return (
            b'<c r="'
            + m.group(1)
            + b'"'
            + m.group(2)
            + t
            + b"><f>"
            + m.group(3)
            + b"</f><v>"
            + v
            + b"</v>"
        )

    return _FORMULA_CELL.sub(sub, xml)


def fill_workbook(data: bytes, per_sheet: dict[int, dict[str, CachedValue]]) -> bytes:
    """Return the xlsx ``data`` with cached values filled; ``per_sheet`` is keyed by 1-based sheet
    number (openpyxl names parts ``xl/worksheets/sheet{n}.xml`` in workbook order)."""
    targets = {f"xl/worksheets/sheet{n}.xml": v for n, v in per_sheet.items() if v}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as zin,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zout,
    ):
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename in targets:
                content = fill_sheet(content, targets[info.filename])
            zout.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
