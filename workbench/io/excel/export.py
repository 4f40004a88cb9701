"""``export_workbook``: the allocation workbook, sheet by sheet, with progress and cancel.

Cancel is checked between sheets (each sheet is quick; a half-written sheet is never saved), and
the file is written only at the end and atomically, so cancelling or failing leaves any existing
file untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from workbench.core.model import Project, Scenario, UncertaintySettings
from workbench.core.validation import validate
from workbench.io.bulk_work import bulk_work
from workbench.io.excel.book import Book
from workbench.io.excel.context import ExportContext
from workbench.io.excel.errors import ExportCancelled
from workbench.io.excel.projections import projection_tables
from workbench.io.excel.sheet_allocations import write_allocations
from workbench.io.excel.sheet_checks import write_checks
from workbench.io.excel.sheet_cities import write_cities
from workbench.io.excel.sheet_compare import write_compare
from workbench.io.excel.sheet_cover import write_cover
from workbench.io.excel.sheet_decisions import write_decisions
from workbench.io.excel.sheet_net import write_net
from workbench.io.excel.sheet_parks import write_parks
from workbench.io.excel.sheet_projections import write_projections
from workbench.io.excel.sheet_regions import write_regions
from workbench.io.excel.sheet_sensitivity import write_sensitivity
from workbench.io.excel.sheet_sources import write_sources

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


def build_workbook(
    project: Project,
    scenario: Scenario | str,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    compare: Sequence[str] | None = None,
    uncertainty: UncertaintySettings | None = None,
    drawn: Any = None,
) -> Book:
    """The workbook in memory (tests inspect ``Book.cached``); ``export_workbook`` saves it.
    ``compare``: scenario names (the first is the reference) for a 方案对比 sheet;
    ``uncertainty`` (draws > 0): P10/P50/P90 columns on 预测 and the 敏感性 sheet; ``drawn``: the
    draws already computed for them (``io.excel.projections.projection_tables``)."""
    sc = _scenario(project, scenario)
    with bulk_work():
        return _build(project, sc, progress, cancel, compare, uncertainty, drawn)


def _build(
    project: Project,
    sc: Scenario,
    progress: Progress | None,
    cancel: Cancel | None,
    compare: Sequence[str] | None = None,
    uncertainty: UncertaintySettings | None = None,
    drawn: Any = None,
) -> Book:
    book = Book()
    ctx = ExportContext.build(project, sc, book)
    tables = (
        projection_tables(project, sc, uncertainty, drawn)
        if uncertainty is not None
        else projection_tables(project, sc)
    )
    tornado = tables.tornado if tables is not None else None

    steps: list[tuple[str, Callable[[], None]]] = [
        (
            "说明 cover",
            lambda: write_cover(
                ctx,
                has_projections=tables is not None,
                has_compare=bool(compare),
                has_sensitivity=tornado is not None,
            ),
        ),
        ("资金来源 sources", lambda: write_sources(ctx)),
        ("资金分配 allocations", lambda: write_allocations(ctx)),
        (
            "城市收支 by city",
            lambda: write_cities(ctx, tables.city_benefits if tables is not None else None),
        ),
        ("园区共建 parks", lambda: write_parks(ctx)),
        ("利益分享 settlement", lambda: _sharing(book, project, sc)),
    ]
    if tables is not None:
        steps.append(("预测 projections", lambda: write_projections(ctx, tables)))
        steps.append(("净效益 gross and net", lambda: write_net(ctx, tables)))
        if tornado is not None:
            steps.append(("敏感性 sensitivity", lambda: write_sensitivity(ctx, tornado)))
    steps.append(("地区 regions", lambda: write_regions(ctx)))
    steps.append(("决策记录 decisions", lambda: write_decisions(ctx)))
    if compare:
        steps.append(("方案对比 comparison", lambda: write_compare(ctx, compare)))
    steps.append(("校验 checks", lambda: write_checks(ctx, validate(project))))
    for i, (label, step) in enumerate(steps):
        if cancel is not None and cancel():
            raise ExportCancelled
        if progress is not None:
            progress(i / (len(steps) + 1), label)
        step()
    # Sheet order: the cover first, checks last, as listed on the cover.
    if cancel is not None and cancel():
        raise ExportCancelled
    return book


def _sharing(book: Book, project: Project, sc: Scenario) -> None:
    """统计分算 and 税收结算 (core.sharing); imported here to keep the sheet list one hunk."""
    from workbench.core.sharing import settlement_tables
    from workbench.io.excel.sheet_sharing import write_sharing

    write_sharing(book, settlement_tables(project, sc.name), sc.name)


def export_workbook(
    project: Project,
    scenario: Scenario | str,
    path: Path | str,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    compare: Sequence[str] | None = None,
    uncertainty: UncertaintySettings | None = None,
    drawn: Any = None,
) -> None:
    """Write the allocation workbook for ``scenario`` to ``path`` (xlsx)."""
    book = build_workbook(
        project,
        scenario,
        progress=progress,
        cancel=cancel,
        compare=compare,
        uncertainty=uncertainty,
        drawn=drawn,
    )
    if progress is not None:
        progress(0.9, "保存 saving")
    book.save(path)
    if progress is not None:
        progress(1.0, "完成 done")


def _scenario(project: Project, scenario: Scenario | str) -> Scenario:
    if isinstance(scenario, Scenario):
        return scenario
    sc = project.scenario(scenario)
    if sc is None:
        names = "、".join(s.name for s in project.scenarios) or "（无）"
        raise KeyError(f"项目中没有方案“{scenario}”（现有：{names}） | no scenario {scenario!r}")
    return sc
