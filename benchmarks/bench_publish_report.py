"""The plan-draft part of ``bench_publish.py``: the sample's Word draft against one projection.

Target (issue 18): the report for the sample, with its charts, in ≤ 5 s. Printed as seconds and
as a ratio to one full projection of the same scenario (a cold engine: structure, scenario,
table), so the figure means the same on a faster or a busier machine. Steps timed apart:

* projection: ``ProjectionEngine(project).results(scenario)``, cold — the unit of the ratios;
* content: ``build_report`` with that engine (chapters, tables, validation);
* charts: the report's figures drawn offscreen (``ui.figures``);
* Word: ``write_report`` (python-docx, in memory and to disk);
* whole: all of the above from a fresh engine, as 文件 › 生成规划草案 does.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

TARGET_S = 5.0


def _median(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def report(repeat: int = 3) -> None:
    from workbench.bundled import SAMPLE_PROJECT
    from workbench.core.projections import ProjectionEngine
    from workbench.core.report import build_report
    from workbench.io.project_file import load
    from workbench.io.report_docx import report_bytes, write_report
    from workbench.ui.app import ensure_application
    from workbench.ui.figures import render_all

    ensure_application()
    project = load(SAMPLE_PROJECT)
    scenario = project.scenarios[0].name
    import docx  # noqa: F401  a one-off import cost, not the draft's

    projection = _median(lambda: ProjectionEngine(project).results(scenario), repeat)
    engine = ProjectionEngine(project)
    engine.results(scenario)
    content = _median(lambda: build_report(project, scenario, "zh", engine=engine), repeat)
    draft = build_report(project, scenario, "zh", engine=engine)
    charts = _median(lambda: render_all(engine, scenario, draft.figures), repeat)
    figures = render_all(engine, scenario, draft.figures)
    word = _median(lambda: report_bytes(draft, figures), repeat)

    def whole() -> None:
        e = ProjectionEngine(project)
        r = build_report(project, scenario, "zh", engine=e)
        with tempfile.TemporaryDirectory() as tmp:
            write_report(r, Path(tmp) / "draft.docx", render_all(e, scenario, r.figures))

    total = _median(whole, repeat)
    print("== plan draft (Word) for the sample ==")
    print(f"{'one full projection (cold)':<36} {projection:7.3f} s  = 1 projection")
    for label, s in (("content (chapters, tables)", content), ("charts offscreen", charts),
                     ("Word file", word), ("whole draft, from a fresh engine", total)):  # fmt: skip
        print(f"{label:<36} {s:7.3f} s  = {s / projection:6.1f} projections")
    verdict = "met" if total <= TARGET_S else "NOT met"
    print(
        f"target: whole draft ≤ {TARGET_S:g} s ({TARGET_S / projection:.0f} projections): {verdict}"
    )
