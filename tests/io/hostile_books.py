"""Builders of hostile workbooks for tests, made in tmp_path at test time (never committed)."""

from __future__ import annotations

import zipfile
from pathlib import Path

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WB = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
    'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def book(
    path: Path,
    sheet_data: str,
    *,
    name: str = "Sheet1",
    dimension: str = "",
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A minimal xlsx whose one sheet holds ``sheet_data`` (the inside of <sheetData>)."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main">{dim}<sheetData>{sheet_data}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB.format(name=name))
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", xml)
        for part, data in (extra or {}).items():
            z.writestr(part, data)
    return path


def corner_book(path: Path, name: str = "Sheet1") -> Path:
    """Cells in A1 and XFD1048576: calamine would allocate 17 billion cells (512 GiB) and abort."""
    return book(
        path,
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>',
        name=name,
    )


def bomb_book(path: Path, megabytes: int = 40, name: str = "Sheet1") -> Path:
    """A sheet whose XML inflates ~1000x (whitespace between two cells)."""
    pad = " " * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WB.format(name=name))
        z.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>')
            for _ in range(megabytes):
                fh.write(pad.encode())
            fh.write(b"</sheetData></worksheet>")
    return path


XLS_SAMPLE = Path(__file__).parents[1] / "data" / "stats" / "20_Major_GDP.xls"


def hostile_xls(path: Path, how: str) -> Path:
    """The committed sample .xls with one BIFF record patched in place (the compound file stays
    valid): a cell moved to row 65,536 / column 16,384, or DIMENSIONS claiming 4 billion rows."""
    import struct

    data = bytearray(XLS_SAMPLE.read_bytes())
    if how == "cell":
        i = data.find(b"\xfd\x00\x0a\x00", 512)  # a LABELSST record
        struct.pack_into("<HH", data, i + 4, 0xFFFF, 0x3FFF)
    else:
        i = data.find(b"\x00\x02\x0e\x00", 512)  # DIMENSIONS
        struct.pack_into("<IIHH", data, i + 4, 0, 0xFFFFFFF0, 0, 0xFFFF)
    assert i > 0
    path.write_bytes(bytes(data))
    return path
