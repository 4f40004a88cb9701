"""Default parameters of benefit sharing and of the fund's own returns.

None of these has a source that states the number: relocation splits in the 成渝 region are
negotiated case by case (the 高竹/遂潼 drafts cover co-built zones, not relocated projects), and
no exit-multiple or holding-period statistics for Chinese guidance-fund deals were found (清科's
3.44× is the paper multiple of *IPO* exits only, model_sources §7). Every default is therefore
labelled 假设 (empty source) with a wide range, for the planner to replace.
"""

from __future__ import annotations

from workbench.core.assumptions_net import PCT, param
from workbench.core.model import Assumption

# unit type -> (years from investment to exit, exit multiple on cost)
EXIT_DEFAULTS: dict[str, tuple[float, float]] = {
    "street": (8.0, 1.2),
    "park": (8.0, 1.3),
    "building": (6.0, 1.5),
    "team": (5.0, 2.0),
}
_TYPE_LABELS = {
    "street": ("街区", "street"),
    "park": ("园区", "park"),
    "building": ("楼宇", "building"),
    "team": ("团队", "team"),
}


def sharing_defaults() -> list[Assumption]:
    out = [
        param(
            "sharing.relocation.origin_tax_share",
            40.0,
            PCT,
            "异地流转：迁出地分享新增地方税收比例（默认协议）",
            "Relocation: origin's share of the new local tax (default agreement)",
            "sharing",
            0.0,
            60.0,
        ),
        param(
            "sharing.relocation.years",
            3.0,
            "年",
            "异地流转：迁出地分享年限（默认协议，到期后归属地）",
            "Relocation: years the origin shares (default agreement; then all to the host)",
            "sharing",
            1.0,
            5.0,
        ),
        param(
            "fund.dividend_yield",
            2.0,
            PCT,
            "基金股权投资：持有期间每年分红占投资成本比例",
            "Fund equity: yearly dividends while held, % of cost",
            "fund_returns",
            0.0,
            10.0,
        ),
        param(
            "fund.recycle_share",
            0.0,
            PCT,
            "基金：投资期内回收资金留存再投资比例",
            "Fund: share of proceeds in the investment period kept for reinvestment",
            "fund_returns",
            0.0,
            50.0,
        ),
    ]
    for t, (years, multiple) in EXIT_DEFAULTS.items():
        zh, en = _TYPE_LABELS[t]
        out.append(
            param(
                f"fund.exit_years.{t}",
                years,
                "年",
                f"基金退出：{zh}类项目投资后退出年限",
                f"Fund exits: years from investment to exit, {en}",
                "fund_returns",
                max(years - 3.0, 2.0),
                years + 3.0,
            )
        )
        out.append(
            param(
                f"fund.exit_multiple.{t}",
                multiple,
                "倍",
                f"基金退出：{zh}类项目退出回报倍数（含失败项目的期望值）",
                f"Fund exits: exit multiple on cost, {en} (expected, failures included)",
                "fund_returns",
                0.5,
                multiple * 2.0,
            )
        )
    return out
