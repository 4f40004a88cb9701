"""``workbench report PROJECT [--scenario S] [--lang zh|en] [--draws N] --out 规划草案.docx``:
write the plan draft (规划草案) in Word.

The same draft as 文件 › 生成规划草案: chapters from ``core.report``, the app's own charts drawn
offscreen (``ui.figures``; the one command that draws, hence the one import of the UI a command
makes, declared in pyproject's import contract), written by ``io.report_docx``. Where Qt cannot
start the draft is written without figures and one line says so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.commands._common import (
    EXIT_OK,
    EXIT_UNUSABLE,
    fail,
    load_scenario_project,
)
from workbench.commands.params import add_set_argument, apply_set

NAME = "report"
HELP = "生成规划草案（Word）/ write the plan draft as a Word document"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument(
        "--scenario",
        default=None,
        help="方案名称（默认：第一个方案） / scenario (default: the first)",
    )
    p.add_argument("--out", required=True, help="输出 .docx 文件 / output .docx file")
    p.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="草案语言 / language of the draft"
    )
    p.add_argument(
        "--draws",
        type=int,
        default=None,
        help="不确定性分析抽样次数（给出 P10–P90 区间）/ uncertainty draws for P10–P90 ranges",
    )
    add_set_argument(p)


def _figures(engine, scenario: str, report) -> list:
    try:
        from workbench.ui.figures import render_headless
    except ImportError as e:  # Qt or its system libraries are missing
        print(
            f"注意：无法绘图（{e}），草案不含图 | note: cannot draw ({e}); the draft has no figures",
            file=sys.stderr,
        )
        return []
    return render_headless(engine, scenario, report.figures, report.lang, report.data)


def run(args: argparse.Namespace) -> int:
    from workbench.core.projections import ProjectionEngine, ScenarioNotFound
    from workbench.core.report.ranges import draft
    from workbench.io.report_docx import write_report

    project = load_scenario_project(args.project, args.scenario)
    if isinstance(project, int):
        return project
    if not project.scenarios:
        return fail("项目中没有方案 | the project has no scenario")
    scenario = args.scenario or project.scenarios[0].name
    project = apply_set(project, scenario, args.set)
    if project is None:
        return EXIT_UNUSABLE
    out = Path(args.out)
    if out.suffix.lower() != ".docx":
        return fail(f"输出文件应为 .docx：{out} | the output must be a .docx file: {out}")
    if not out.parent.exists():
        return fail(f"文件夹不存在：{out.parent} | folder does not exist: {out.parent}")
    if args.draws is not None and args.draws < 1:
        return fail(f"--draws 应为正整数：{args.draws} | --draws must be positive: {args.draws}")
    engine = ProjectionEngine(project)
    try:
        report = draft(project, scenario, args.lang, engine=engine, draws=args.draws)
    except ScenarioNotFound as e:
        return fail(str(e))
    except ValueError as e:  # draws out of the range the uncertainty package accepts
        return fail(f"{e}")
    figures = _figures(engine, scenario, report)
    try:
        write_report(report, out, figures)
    except OSError as e:
        return fail(f"无法写入 {out}：{e.strerror} | cannot write {out}: {e.strerror}")
    n_tables = sum(len(s.tables()) for s in report.sections)
    if args.draws:
        print(
            f"区间：{args.draws} 次抽样，随机种子 {project.uncertainty.seed} | ranges: "
            f"{args.draws} draws, seed {project.uncertainty.seed}"
        )
    print(
        f"已写入 {out}：方案“{scenario}”，{len(figures)} 幅图，{n_tables} 张表 | wrote {out}: "
        f"scenario {scenario}, {len(figures)} figures, {n_tables} tables"
    )
    return EXIT_OK
