"""The draft opens in LibreOffice as a reader would open it: converted to PDF, its pages hold the
contents, the chapters and the figures, and render (pdftoppm) to pages that are not blank."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.io.test_report_docx import figures
from workbench.core.report import build_report
from workbench.io.report_docx import write_report
from workbench.io.report_docx.convert import page_texts, render_pages, soffice, to_pdf

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(
        soffice() is None or shutil.which("pdftoppm") is None,
        reason="LibreOffice / poppler 未安装 / not installed: apt install libreoffice-writer-nogui poppler-utils",
    ),
]


def _ink(pdf: Path, page: int, tmp: Path) -> float:
    """Share of dark pixels on a page, from pdftoppm's greyscale PGM (plain bytes, no decoder)."""
    stem = tmp / f"grey-{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-gray",
            "-r",
            "30",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
    )
    data = stem.with_suffix(".pgm").read_bytes()
    magic, width, height, _maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    pixels = pixels[: int(width) * int(height)]
    return sum(1 for b in pixels if b < 160) / len(pixels)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_opens_the_draft(sample_project, tmp_path: Path, lang: str) -> None:
    report = build_report(sample_project, "基准方案", lang)
    docx = write_report(report, tmp_path / "draft.docx", figures(report))
    pdf = to_pdf(docx, tmp_path / "pdf")
    texts = page_texts(pdf)
    assert len(texts) >= 10
    joined = "\n".join(texts)
    for section in report.sections:
        assert section.heading.split("、")[-1][:4] in joined
    assert report.labels["toc"].replace(" ", "") in texts[1].replace(" ", "")
    figure = report.labels["figure"]
    with_figure = [i + 1 for i, t in enumerate(texts) if f"{figure} 1" in t]
    assert with_figure, "no page shows figure 1"
    pages = [1, with_figure[0], len(texts)]
    assert all(p.stat().st_size > 0 for p in render_pages(pdf, pages, tmp_path / "png", dpi=30))
    for page in pages:
        assert _ink(pdf, page, tmp_path) > 0.002, page  # text, tables or a chart: not blank
