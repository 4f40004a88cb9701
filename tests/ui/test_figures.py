"""The draft's charts are the panel's plots drawn offscreen: PNG of the set size, not blank,
in the UI language."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from workbench.core.projections import ProjectionEngine
from workbench.core.report import build_report
from workbench.ui import figures, i18n


def _colours(img: QImage, step: int = 9) -> int:
    return len(
        {img.pixel(x, y) for y in range(0, img.height(), step) for x in range(0, img.width(), step)}
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_requested_figure_is_a_real_chart(qapp, sample_project, lang: str) -> None:
    i18n.set_language(lang)
    try:
        engine = ProjectionEngine(sample_project)
        report = build_report(sample_project, "基准方案", lang, engine=engine)
        out = figures.render_all(engine, "基准方案", report.figures)
    finally:
        i18n.set_language("zh")
    assert [f.caption for f in out] == [s.caption for s in report.figures]
    for fig, spec in zip(out, report.figures, strict=True):
        img = QImage.fromData(fig.png, "PNG")
        assert img.width() == figures.WIDTH * figures.SCALE, spec.key
        assert img.height() >= figures.HEIGHT * figures.SCALE
        assert _colours(img) > 8, spec.key  # bars, axes and a legend, not a blank plot
        assert fig.unit == ("亿元" if lang == "zh" else "100M yuan")
        assert fig.chapter == spec.chapter


def test_an_empty_scenario_draws_an_empty_chart_not_an_error(qapp, sample_project) -> None:
    sample_project.scenario("基准方案").allocations.clear()
    sample_project.scenario("基准方案").park_ids.clear()
    engine = ProjectionEngine(sample_project)
    spec = build_report(sample_project, "基准方案", "zh", engine=engine).figures[0]
    img = QImage.fromData(figures.render(engine, "基准方案", spec).png, "PNG")
    assert not img.isNull() and img.width() == figures.WIDTH * figures.SCALE
