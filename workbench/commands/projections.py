"""``workbench projections PROJECT [--scenario NAME] [--until YEAR] --out FILE.csv``: write the
projection table (net of additionality; gross = total − additionality; % of baseline rows NaN
where a unit has no statistics). ``--draws N [--seed S]`` adds p10, p50, p90 columns from N
Monte Carlo draws (``core.uncertainty``); ``value`` stays the central run.

UTF-8 with a byte-order mark so Excel opens the Chinese text correctly. A project that cannot be
read, an unknown scenario or an unusable input–output table: one clear line and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from workbench.commands._common import (
    EXIT_OK,
    EXIT_UNUSABLE,
    fail,
    load_project,
    refuse_unknown_scenario,
)
from workbench.commands.params import add_set_argument, apply_set
from workbench.commands.sensitivity import add_draws_arguments, draws_and_bands
from workbench.core.projections import ProjectionEngine, ScenarioNotFound, vocabulary
from workbench.core.projections.finite import nonfinite_message
from workbench.io.csv_out import write_csv
from workbench.io.mrio import MrioError, load_mrio

NAME = "projections"
HELP = "计算预测（GDP、税收、就业，含外溢与园区分成）并导出 CSV / write the projection table to CSV"


def columns_legend() -> str:
    """What the CSV's key columns hold, from the projection vocabulary (shown by --help)."""
    parts = [
        ("metric", vocabulary.METRICS),
        ("basis", vocabulary.BASES),
        ("component", vocabulary.COMPONENTS),
    ]
    return "; ".join(
        f"{col}: " + ", ".join(f"{t.key} {t.zh}/{t.en}" for t in terms) for col, terms in parts
    )


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.epilog = columns_legend()
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument(
        "--scenario", default=None, help="方案名称（默认：全部方案） / scenario name (default: all)"
    )
    p.add_argument("--out", required=True, help="输出 CSV 文件 / output CSV file")
    p.add_argument(
        "--mrio",
        default=None,
        help="用此投入产出表（CSV/Excel，地区×地区系数）代替默认区域网络 / use this MRIO table instead of the network",
    )
    p.add_argument(
        "--until",
        type=int,
        default=2030,
        help="预测截止年份（默认 2030；2035 为远景年）/ last projection year (default 2030; 2035 is the 远景 year)",
    )
    add_set_argument(p)
    add_draws_arguments(p)


def run(args: argparse.Namespace) -> int:
    project = load_project(args.project)
    if project is None:
        return EXIT_UNUSABLE
    if args.mrio:
        try:
            project.mrio = load_mrio(args.mrio, project)
        except MrioError as e:
            return fail(e.message("zh") + " | " + e.message("en"))
    refused = refuse_unknown_scenario(project, args.scenario)
    if refused is not None:
        return refused
    project = apply_set(project, args.scenario, args.set)
    if project is None:
        return EXIT_UNUSABLE
    if not 2030 <= args.until <= 2060:
        return fail(
            f"--until 应在 2030–2060 之间：{args.until} | --until must be 2030–2060: {args.until}"
        )
    out = Path(args.out)
    if not out.parent.exists():
        return fail(f"文件夹不存在：{out.parent} | folder does not exist: {out.parent}")
    try:
        with np.errstate(all="ignore"):  # overflow is reported below, in one line
            table = ProjectionEngine(project, args.until).results(args.scenario)
    except ScenarioNotFound as e:
        return fail(str(e))
    if args.draws is not None:
        banded = draws_and_bands(project, args, table)
        if isinstance(banded, int):
            return banded
        table = banded
    bad = nonfinite_message(project, table)
    if bad is not None:  # never write blank or infinite cells silently
        return fail(f"{bad[0]} | {bad[1]}")
    try:
        write_csv(table, out)
    except OSError as e:
        return fail(f"无法写入 {out}：{e.strerror} | cannot write {out}: {e.strerror}")
    for zh, en in table.attrs.get("notes", []):
        print(f"注意：{zh} | note: {en}", file=sys.stderr)
    n_sc = table["scenario"].nunique() if len(table) else 0
    print(
        f"已写入 {out}：{len(table)} 行，{n_sc} 个方案 | wrote {out}: {len(table)} rows, {n_sc} scenarios"
    )
    return EXIT_OK
