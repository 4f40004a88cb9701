"""The plan draft as a Word file: it opens with python-docx, has the chapters, figures, fields,
GB/T 9704 page and type, and tables whose totals equal ``workbench projections`` output."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
import numpy as np
import pandas as pd
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from workbench.cli import main
from workbench.core.report import Figure, build_report
from workbench.io.project_file import save
from workbench.io.report_docx import write_report

CHAPTERS_ZH = ["一、总体思路", "二、微核股权基金方案", "三、微核单元清单", "四、园区共建与利益分享",
               "五、预期成效", "六、风险与不确定性", "附表", "附注"]  # fmt: skip


def png(width: int = 40, height: int = 30) -> bytes:
    """A valid grey PNG, so the writer's figure path is tested without Qt."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def figures(report) -> list[Figure]:
    return [Figure(s.caption, png(), "亿元", s.chapter) for s in report.figures]


@pytest.fixture
def draft(sample_project, tmp_path: Path):
    report = build_report(sample_project, "基准方案", "zh")
    extra = Figure("追加图：GDP 净增量", png(), "亿元", "effects")  # a figure passed in by a caller
    path = write_report(report, tmp_path / "规划草案.docx", [*figures(report), extra])
    return report, docx.Document(str(path))


def _headings(doc, level: int) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def test_opens_with_the_chapters_figures_and_captions(draft) -> None:
    report, doc = draft
    assert _headings(doc, 1) == CHAPTERS_ZH
    assert len(doc.inline_shapes) == len(report.figures) + 1 >= 3
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert sum(c.startswith("图 ") for c in captions) == len(doc.inline_shapes)
    assert any("GDP 净增量分布图" in c for c in captions)  # the map is one of the draft's figures
    assert any("追加图：GDP 净增量（单位：亿元）" in c for c in captions)
    body = "\n".join(p.text for p in doc.paragraphs)
    n = len(doc.inline_shapes)  # the passed-in figure comes last in its chapter's figure numbers
    assert any(f"图 {k}  追加图：GDP 净增量：亿元" in body for k in range(1, n + 1))  # 附注


def test_page_type_and_fields_follow_gbt_9704(draft) -> None:
    _report, doc = draft
    first = doc.sections[0]
    sizes = [first.page_width, first.page_height, first.top_margin, first.bottom_margin]
    sizes += [first.left_margin, first.right_margin]
    assert [round(x.mm, 1) for x in sizes] == [210, 297, 37, 35, 28, 26]  # stored in twips
    normal = doc.styles["Normal"]
    assert normal.font.size == Pt(16)
    east_asia = {
        name: doc.styles[name].element.rPr.rFonts.get(qn("w:eastAsia"))
        for name in ("Normal", "Title", "Heading 1", "Heading 2")
    }
    assert east_asia == {
        "Normal": "仿宋",
        "Title": "方正小标宋简体",
        "Heading 1": "黑体",
        "Heading 2": "楷体",
    }
    assert first.different_first_page_header_footer  # the cover has no page number
    assert not doc.sections[-1].different_first_page_header_footer
    footer_xml = first.footer._element.xml
    assert "PAGE" in footer_xml and 'w:fldCharType="begin"' in footer_xml
    body_xml = doc.element.body.xml
    assert 'TOC \\o "1-2"' in body_xml
    assert doc.settings.element.find(qn("w:updateFields")) is not None
    font_table = next(
        p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"
    )
    assert b'w:name="\xe6\x96\xb9\xe6\xad\xa3' in font_table.blob and b"altName" in font_table.blob


def test_table_totals_equal_the_projection_csv(sample_project, tmp_path: Path) -> None:
    project = tmp_path / "p.wbp"
    save(sample_project, project)
    csv = tmp_path / "p.csv"
    assert main(["projections", str(project), "--scenario", "基准方案", "--out", str(csv)]) == 0
    table = pd.read_csv(csv, encoding="utf-8-sig")
    report = build_report(sample_project, "基准方案", "zh")
    path = write_report(report, tmp_path / "d.docx", figures(report))
    doc = docx.Document(str(path))
    cases = {"GDP 增量（净效益，属地口径": ("location", "gdp", 1.0),
             "税收增量（净效益，财政口径（市县）": ("fiscal", "tax", 1.0),
             "就业增量（净效益，属地口径": ("location", "jobs", 1e-4)}  # fmt: skip
    captions = [
        p.text for p in doc.paragraphs if p.style.name == "Caption" and p.text.startswith("表")
    ]
    assert len(captions) == len(doc.tables)
    checked = 0
    for caption, t in zip(captions, doc.tables, strict=True):
        key = next((k for k in cases if k in caption), None)
        if key is None:
            continue
        basis, metric, scale = cases[key]
        rows = table[
            (table.basis == basis) & (table.metric == metric) & (table.component == "total")
        ]
        expected = rows.groupby("year").value.sum().to_numpy() * scale
        total = [c.text for c in t.rows[-1].cells]
        assert total[0] == "合计"
        got = np.array([float(x.replace(",", "")) for x in total[1:]])
        np.testing.assert_allclose(got, expected, atol=0.005)
        checked += 1
    assert checked == 3


def test_english_draft(sample_project, tmp_path: Path) -> None:
    report = build_report(sample_project, "基准方案", "en")
    doc = docx.Document(str(write_report(report, tmp_path / "en.docx", figures(report))))
    assert _headings(doc, 1)[:2] == ["1. Overall approach", "2. The micro-core equity fund"]
    assert any(p.text.startswith("Figure 1") for p in doc.paragraphs)


def test_writing_replaces_the_file_whole(sample_project, tmp_path: Path) -> None:
    target = tmp_path / "d.docx"
    target.write_bytes(b"old")
    write_report(build_report(sample_project, "基准方案", "zh"), target)
    assert docx.Document(str(target)).paragraphs
    assert [p.name for p in tmp_path.iterdir()] == ["d.docx"]  # no temp file left behind
