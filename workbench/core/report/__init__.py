"""The plan-draft report (规划草案) as data: ``build_report`` → ``Report``.

Chapters: cover, 一 总体思路, 二 基金方案, 三 单元清单, 四 园区共建, 五 预期成效, 六 风险与不确定性,
附表, 附注. Qt-free and Word-free: ``workbench.io.report_docx`` writes it, ``workbench.ui.figures``
draws the ``Report.figures`` it asks for, and later features add their blocks with
``Report.extend(chapter, ...)`` and their pictures as ``Figure(chapter=...)``.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from workbench.core.report.effect_chapters import (
    annex,
    effects,
    figure_specs,
    headline,
    notes,
    risks,
)
from workbench.core.report.fmt import Fmt
from workbench.core.report.model import (
    Figure,
    FigureSlot,
    FigureSpec,
    Paragraph,
    Report,
    Section,
    Table,
)
from workbench.core.report.plan_chapters import approach, fund, parks, unit_list, units
from workbench.core.report.sharing_chapters import fund_return_blocks, settlement_section

if TYPE_CHECKING:
    from workbench.core.model import Project
    from workbench.core.projections import ProjectionEngine

__all__ = [
    "Figure",
    "FigureSlot",
    "FigureSpec",
    "Fmt",
    "Paragraph",
    "Report",
    "Section",
    "Table",
    "build_report",
]


def _labels(f: Fmt) -> dict[str, str]:
    return {
        "toc": f.pick("目  录", "Contents"),
        "toc_hint": f.pick(
            "（打开文档时更新目录；如未更新，请右键目录选择“更新域”。）",
            "(The table of contents updates when the document opens; if not, right-click it and "
            "choose Update Field.)",
        ),
        "figure": f.pick("图", "Figure"),
        "table": f.pick("表", "Table"),
        "unit": f.pick("单位", "Unit"),
        "figure_units": f.pick("图的单位", "Units of the figures"),
        "page": f.pick("第 {n} 页", "Page {n}"),
        "no_figures": f.pick("（本节暂无图。）", "(No figures in this section.)"),
    }


def build_report(
    project: Project,
    scenario: str,
    lang: str = "zh",
    engine: ProjectionEngine | None = None,
    ranges: str | None = None,
    today: _dt.date | None = None,
) -> Report:
    """The draft for ``scenario`` in ``lang`` ("zh" or "en"). ``engine``: the caller's own
    (projections already computed are reused); ``ranges``: the sentence about P10–P90 ranges,
    once uncertainty analysis exists (None: the draft says it is a point estimate)."""
    from workbench.core.projections import ProjectionEngine, ScenarioNotFound
    from workbench.core.validation import Severity, validate

    sc = project.scenario(scenario)
    if sc is None:
        raise ScenarioNotFound(scenario)
    engine = engine or ProjectionEngine(project)
    f = Fmt(lang)
    problems = validate(project)
    counts = (
        sum(p.severity is Severity.ERROR for p in problems),
        sum(p.severity is Severity.WARNING for p in problems),
    )
    date = (today or _dt.date.today()).isoformat()
    line = headline(project, sc, engine, f)
    fund_section = fund(project, sc, engine, f).add(*fund_return_blocks(project, sc, f))
    fund_section.add(FigureSlot("fund"))
    parks_section = parks(project, sc, f)
    settled = settlement_section(project, sc, engine, f)
    if settled is not None:
        parks_section.subsections.append(settled)
    sections = [
        approach(project, sc, f, line),
        fund_section,
        units(project, sc, f),
        parks_section,
        effects(project, sc, engine, f, ranges),
        risks(project, sc, f, counts),
        annex(project, sc, engine, f, unit_list(project, sc, f)),
        notes(project, sc, f),
    ]
    for section in sections:  # builders name the model's unit; the draft states its own (万人)
        for table in section.tables():
            table.unit = f.unit(table.unit)
    cover = [
        f.pick(f"方案：{sc.name}", f"Scenario: {sc.name}"),
        f.pick("规划期：2026—2030 年（“十五五”）", "Plan period: 2026–2030 (15th Five-Year Plan)"),
        f.pick(f"生成日期：{date}", f"Prepared: {date}"),
    ]
    if any(c.illustrative for c in project.candidates) or project.illustrative_note.strip():
        cover.append(
            f.pick(
                "含示例数据，仅供演示与培训",
                "Contains illustrative data: for demonstration and training only",
            )
        )
    return Report(
        lang=lang,
        title=project.name,
        subtitle=f.pick("规划草案（征求意见稿）", "Plan draft (for consultation)"),
        scenario=sc.name,
        date=date,
        cover_lines=cover,
        sections=sections,
        figures=figure_specs(f),
        labels=_labels(f),
    )
