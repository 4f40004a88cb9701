"""``workbench params PROJECT [--scenario S] [--set KEY=VALUE ...] [--out F.csv]``: the parameters.

Lists every parameter the engine may use — the project's own and the shipped defaults an older
file lacks — with its value (the scenario's override applied when ``--scenario`` is given), unit,
range, distribution and source, or 假设 where it is the team's assumption. ``--set`` applies a
what-if to a copy in memory (the file is never written); ``projections`` and ``export`` take the
same option through ``add_set_argument``/``apply_set``.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

import pandas as pd

from workbench.commands._common import (
    EXIT_OK,
    EXIT_UNUSABLE,
    fail,
    load_scenario_project,
)
from workbench.core.model import Project
from workbench.core.param_table import (
    OverrideError,
    ParameterRow,
    apply_overrides,
    parameter_rows,
    parse_assignments,
)

NAME = "params"
HELP = (
    "列出全部模型参数（取值、范围、来源或假设） / list every model parameter with range and source"
)
ASSUMED = ("假设", "assumption")
CSV_COLUMNS = (
    "key",
    "group",
    "label_zh",
    "label_en",
    "value",
    "project_value",
    "overridden",
    "unit",
    "low",
    "high",
    "distribution",
    "source",
    "is_assumption",
)


def add_set_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="临时修改参数（可重复，不改文件；见 workbench params） / what-if parameter value "
        "(repeatable; the file is not changed)",
    )


def apply_set(project: Project, scenario: str | None, texts: list[str]) -> Project | None:
    """The project with the ``--set`` values in force, or None after printing one line."""
    if not texts:
        return project
    try:
        result = apply_overrides(project, scenario, parse_assignments(texts))
    except OverrideError as e:
        fail(e.line())
        return None
    for zh, en in result.warnings:
        print(f"注意：{zh} | note: {en}", file=sys.stderr)
    return result.project


def load_what_if(args: argparse.Namespace) -> Project | int:
    """``args.project`` with ``args.scenario`` checked and the ``--set`` values in force, or the
    exit code after the one line that says why not."""
    project = load_scenario_project(args.project, args.scenario)
    if isinstance(project, int):
        return project
    project = apply_set(project, args.scenario, args.set)
    return EXIT_UNUSABLE if project is None else project


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument(
        "--scenario",
        default=None,
        help="方案名称（应用其参数覆盖） / scenario whose overrides apply",
    )
    p.add_argument("--out", default=None, help="输出 CSV 文件（默认打印表格） / output CSV file")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="表格语言 / table language")
    add_set_argument(p)


def run(args: argparse.Namespace) -> int:
    project = load_what_if(args)
    if isinstance(project, int):
        return project
    rows = parameter_rows(project, project.scenario(args.scenario) if args.scenario else None)
    if args.out is None:
        print(format_table(rows, args.lang))
        return EXIT_OK
    out = Path(args.out)
    if not out.parent.exists():
        return fail(f"文件夹不存在：{out.parent} | folder does not exist: {out.parent}")
    try:
        frame(rows).to_csv(out, index=False, encoding="utf-8-sig")
    except OSError as e:
        return fail(f"无法写入 {out}：{e.strerror} | cannot write {out}: {e.strerror}")
    print(f"已写入 {out}：{len(rows)} 个参数 | wrote {out}: {len(rows)} parameters")
    return EXIT_OK


def frame(rows: list[ParameterRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            (
                r.key,
                r.group,
                r.label_zh,
                r.label_en,
                r.value,
                r.project_value,
                r.overridden,
                r.unit,
                r.low,
                r.high,
                r.distribution.value,
                r.source,
                r.is_assumption,
            )
            for r in rows
        ],
        columns=CSV_COLUMNS,
    )


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * (width - _width(text))
    return gap + text if right else text + gap


def format_table(rows: list[ParameterRow], lang: str = "zh") -> str:
    """Aligned plain-text table (CJK characters count as two columns)."""
    en = lang == "en"
    head = (
        ("key", "label", "value", "unit", "low", "high", "distribution", "source")
        if en
        else ("键", "参数", "取值", "单位", "低", "高", "分布", "来源")
    )
    body = []
    for r in rows:
        value = f"{r.value:g}" + ("*" if r.overridden else "")
        dist = r.distribution.en if en else r.distribution.zh
        source = r.source if r.source.strip() else ASSUMED[1 if en else 0]
        label = (r.label_en or r.label_zh) if en else r.label_zh
        body.append((r.key, label, value, r.unit, f"{r.low:g}", f"{r.high:g}", dist, source))
    table = [head, *body]
    widths = [max(_width(row[i]) for row in table) for i in range(len(head) - 1)]
    numeric = {2, 4, 5}
    lines = [
        "  ".join(
            [*(_pad(c, widths[i], i in numeric) for i, c in enumerate(row[:-1])), row[-1]]
        ).rstrip()
        for row in table
    ]
    note = "* = scenario override" if en else "* = 方案覆盖值"
    return "\n".join([*lines, note])
