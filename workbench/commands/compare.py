"""``workbench compare PROJECT --scenarios A B [C…] --out diff.csv``: the 方案对比 table.

One row per scenario pair (each later scenario against the first) × region × year × metric ×
basis × component, with value_a, value_b, difference and its split into due_to_allocations and
due_to_assumptions (switching one set at a time, both orders averaged; the two add up to the
difference). UTF-8 with a byte-order mark for Excel. Bad input: one line, exit 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands._common import EXIT_OK, EXIT_UNUSABLE, fail, load_project

NAME = "compare"
HELP = "方案对比：逐城市逐年的差异及其来源（分配/参数）/ compare scenarios, with the split of each difference"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument(
        "--scenarios",
        nargs="+",
        required=True,
        help="两个或更多方案，第一个为对照 / two or more scenarios, the first is the reference",
    )
    p.add_argument("--out", required=True, help="输出 CSV 文件 / output CSV file")
    p.add_argument("--until", type=int, default=2030, help="预测截止年份 / last projection year")


def run(args: argparse.Namespace) -> int:
    from workbench.core.comparison import compare
    from workbench.core.comparison.tables import UnknownScenario
    from workbench.io.csv_out import write_csv

    if len(args.scenarios) < 2:
        return fail("至少需要两个方案 | at least two scenarios are needed")
    if len(set(args.scenarios)) != len(args.scenarios):
        return fail("方案名称重复 | a scenario is named twice")
    if not 2030 <= args.until <= 2060:
        return fail(f"--until 应在 2030–2060 之间：{args.until} | --until must be 2030–2060")
    project = load_project(args.project)
    if project is None:
        return EXIT_UNUSABLE
    out = Path(args.out)
    if not out.parent.exists():
        return fail(f"文件夹不存在：{out.parent} | folder does not exist: {out.parent}")
    try:
        table = compare(project, args.scenarios, args.until)
    except UnknownScenario as e:
        return fail(str(e))
    try:
        write_csv(table, out)
    except OSError as e:
        return fail(f"无法写入 {out}：{e.strerror} | cannot write {out}: {e.strerror}")
    print(
        f"已写入 {out}：{len(table)} 行，{len(args.scenarios) - 1} 组对比 | wrote {out}: "
        f"{len(table)} rows, {len(args.scenarios) - 1} pairs"
    )
    return EXIT_OK
