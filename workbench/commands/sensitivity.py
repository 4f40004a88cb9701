"""``workbench sensitivity PROJECT [--scenario S] [--metric gdp] [--year 2030] [--region CODE]
[--basis location] [--gross] [--sobol N] --out FILE.csv``: the tornado of one output.

Each uncertain parameter moved alone from its low to its high (``core.uncertainty.tornado``):
parameter, labels, unit, low value, high value, output at low, output at high, swing, rank.
``--sobol N`` writes first-order and total Sobol indices instead (SALib; N·(P + 2) runs, N a power
of two). Also home of the ``--draws``/``--seed`` options of ``workbench projections``. Bad
arguments: one line, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.commands._common import (
    EXIT_OK,
    fail,
)
from workbench.commands.params import add_set_argument, load_what_if
from workbench.core.projections import vocabulary
from workbench.io.csv_out import write_csv

NAME = "sensitivity"
HELP = "敏感性分析：各参数单独取低/高值时的输出摆幅（龙卷风图）并导出 CSV / tornado of one output to CSV"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", help="项目文件 (.wbp)")
    p.add_argument("--scenario", default=None, help="方案名称（默认：第一个方案） / scenario")
    metrics = ", ".join(m.key for m in vocabulary.METRICS)
    bases = ", ".join(b.key for b in vocabulary.BASES)
    p.add_argument("--metric", default="gdp", help=f"指标 / metric: {metrics} (default gdp)")
    p.add_argument("--year", default="2030", help="年份（默认 2030） / year (default 2030)")
    p.add_argument("--region", default=None, help="规划单元代码（默认：全圈合计） / unit code")
    p.add_argument("--basis", default="location", help=f"口径 / basis: {bases}")
    p.add_argument("--gross", action="store_true", help="毛效益（默认净效益） / gross, not net")
    p.add_argument(
        "--sobol",
        default=None,
        metavar="N",
        help="改为计算 Sobol 指数（N 为 2 的幂）/ Sobol indices instead (N a power of 2)",
    )
    p.add_argument("--seed", default=None, help="Sobol 随机种子 / Sobol seed")
    p.add_argument("--out", required=True, help="输出 CSV 文件 / output CSV file")
    add_set_argument(p)


def add_draws_arguments(p: argparse.ArgumentParser) -> None:
    """``--draws N [--seed S]`` of ``workbench projections``."""
    p.add_argument(
        "--draws",
        default=None,
        metavar="N",
        help="蒙特卡洛抽样次数，增加 p10/p50/p90 列 / Monte Carlo draws: adds p10, p50, p90",
    )
    p.add_argument("--seed", default=None, metavar="S", help="随机种子（默认 20260101） / seed")


def _whole(text: str | None, name: str, lo: int, hi: int) -> int | str:
    """The option as a whole number in [lo, hi], or the one line saying why not."""
    try:
        value = int(str(text).strip())
    except ValueError:
        value = None
    if value is None or not lo <= value <= hi:
        return f"{name} 应为 {lo}–{hi} 之间的整数：{text} | {name} must be a whole number {lo}–{hi}: {text}"
    return value


def draws_and_bands(project, args: argparse.Namespace, table):
    """The table with p10/p50/p90 joined, or an exit code after one line."""
    from workbench.core.uncertainty import DEFAULT_SEED, run_draws, with_bands
    from workbench.core.uncertainty.space import MAX_DRAWS

    draws = _whole(args.draws, "--draws", 1, MAX_DRAWS)
    seed = DEFAULT_SEED if args.seed is None else _whole(args.seed, "--seed", 0, 2**32 - 1)
    for v in (draws, seed):
        if isinstance(v, str):
            return fail(v)
    bands = run_draws(project, args.scenario, draws=draws, seed=seed, until=args.until)
    print(
        f"p10/p50/p90 来自 {draws} 次抽样（种子 {seed}） | p10/p50/p90 from {draws} draws (seed {seed})",
        file=sys.stderr,
    )
    return with_bands(table, bands)


def export_uncertainty(project, args: argparse.Namespace):
    """``workbench export --draws N [--seed S]``: the settings to export bands with, None
    without ``--draws``, or an exit code after one line."""
    from workbench.core.model import UncertaintySettings
    from workbench.core.uncertainty.space import MAX_DRAWS

    if args.draws is None:
        return None
    draws = _whole(args.draws, "--draws", 1, MAX_DRAWS)
    seed = (
        project.uncertainty.seed if args.seed is None else _whole(args.seed, "--seed", 0, 2**32 - 1)
    )
    for v in (draws, seed):
        if isinstance(v, str):
            return fail(v)
    return UncertaintySettings(draws, seed)


def run(args: argparse.Namespace) -> int:
    from workbench.core.uncertainty.sensitivity import OutputError, sobol, tornado

    year = _whole(args.year, "--year", 2026, 2060)
    if isinstance(year, str):
        return fail(year)
    if args.metric not in vocabulary.METRIC:
        return fail(f"未知指标：{args.metric} | unknown metric: {args.metric}")
    if args.basis not in vocabulary.BASIS:
        return fail(f"未知口径：{args.basis} | unknown basis: {args.basis}")
    n = None
    if args.sobol is not None:
        n = _whole(args.sobol, "--sobol", 2, 65536)
        if isinstance(n, str) or n & (n - 1):
            return fail(
                f"--sobol 应为 2 的幂：{args.sobol} | --sobol must be a power of 2: {args.sobol}"
            )
    seed = None if args.seed is None else _whole(args.seed, "--seed", 0, 2**32 - 1)
    if isinstance(seed, str):
        return fail(seed)
    out = Path(args.out)
    if not out.parent.exists():
        return fail(f"文件夹不存在：{out.parent} | folder does not exist: {out.parent}")
    project = load_what_if(args)
    if isinstance(project, int):
        return project
    what = dict(
        metric=args.metric, year=year, region=args.region, basis=args.basis, net=not args.gross
    )
    try:
        if n is None:
            df = tornado(project, args.scenario, **what)
        else:
            extra = {} if seed is None else {"seed": seed}
            df = sobol(project, args.scenario, n=n, **what, **extra)
    except OutputError as e:
        return fail(f"{e.zh} | {e.en}")
    try:
        write_csv(df, out)
    except OSError as e:
        return fail(f"无法写入 {out}：{e.strerror} | cannot write {out}: {e.strerror}")
    print(f"已写入 {out}：{len(df)} 个参数 | wrote {out}: {len(df)} parameters")
    return EXIT_OK
