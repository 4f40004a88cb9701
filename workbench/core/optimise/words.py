"""Rules of the optimiser's model in words, for an infeasible request's explanation."""

from __future__ import annotations

from workbench.core.model import Project

# family -> (zh, en); "{key}" is filled with the name of what the row is about
FAMILIES: dict[str, tuple[str, str]] = {
    "budget": (
        "基金可投资金（扣除管理费与基金+园区）",
        "the fund's investable money (after fees and fund parks)",
    ),
    "tranche": ("{key} 年末已开放分期（扣除管理费）", "tranches open by {key} (after fees)"),
    "gate": ("{key} 年分期的投放门槛", "the investment gate of the {key} tranche"),
    "request": ("“{key}”的申请资金上限", "what {key} requested"),
    "project_cap": ("“{key}”的单个项目上限", "the per-project cap for {key}"),
    "ticket": ("“{key}”的最低投资额", "the minimum ticket for {key}"),
    "equity": ("“{key}”的持股比例上限", "the investee-equity cap for {key}"),
    "type": ("{key}类单元的上限", "the limit on {key} units"),
    "city": ("{key} 的单个城市上限", "the city limit of {key}"),
    "city_max": ("{key} 的最高投资额（本次设定）", "the maximum set for {key}"),
    "city_min": ("{key} 的最低投资额（本次设定）", "the minimum set for {key}"),
    "return": ("{key} 的返投要求", "the 返投 (return investment) rule for {key}"),
    "sector": ("{key} 行业上限", "the sector limit for {key}"),
    "target": ("目标 {key}", "the target {key}"),
    "not_eligible": ("“{key}”不在可投范围（状态）", "{key} is not eligible (status)"),
    "bounds": ("“{key}”的锁定或可投范围", "the locked or allowed cells of {key}"),
}


def _name(project: Project | None, family: str, key: str) -> str:
    if project is None:
        return key
    if family in ("request", "project_cap", "ticket", "equity", "not_eligible", "bounds"):
        c = project.candidate(key)
        return f"{c.name}" if c else key
    if family in ("city", "city_max", "city_min", "return"):
        r = project.region(key)
        return r.name if r else key
    if family == "type":
        from workbench.core.enums import UnitType

        try:
            return UnitType(key).zh
        except ValueError:
            return key
    return key


def binding_text(binding, project: Project | None = None, lang: str = "zh") -> str:
    """One line: which rule binds and by how much it would have to give."""
    zh, en = FAMILIES.get(binding.family, (binding.family + " {key}", binding.family + " {key}"))
    what = (zh if lang == "zh" else en).format(key=_name(project, binding.family, binding.key))
    unit = "" if binding.family == "target" else " 亿元"
    if binding.amount == 0:
        return f"{what}：已到上限" if lang == "zh" else f"{what}: at its limit"
    if lang == "zh":
        return f"{what}：差 {binding.amount:,.4g}{unit}"
    return f"{what}: short by {binding.amount:,.4g}" + (" (100M yuan)" if unit else "")


def family_totals(bindings) -> list[tuple[str, int, float]]:
    """(family, rows, total amount) per rule family, largest total first: the headline of an
    infeasible request before the row-by-row list."""
    out: dict[str, list[float]] = {}
    for b in bindings:
        out.setdefault(b.family, []).append(b.amount)
    return sorted(((f, len(v), sum(v)) for f, v in out.items()), key=lambda t: -t[2])


def family_label(family: str, lang: str = "zh") -> str:
    zh, en = FAMILY_NAMES.get(family, (family, family))
    return zh if lang == "zh" else en


FAMILY_NAMES: dict[str, tuple[str, str]] = {
    "budget": ("基金可投资金", "investable money"),
    "tranche": ("已开放分期", "tranches open"),
    "gate": ("分期投放门槛", "tranche gates"),
    "request": ("申请资金上限", "requested amounts"),
    "project_cap": ("单个项目上限", "per-project cap"),
    "ticket": ("最低投资额", "minimum ticket"),
    "equity": ("持股比例上限", "investee-equity cap"),
    "type": ("单元类型上限", "unit-type limits"),
    "city": ("单个城市上限", "city limits"),
    "city_max": ("城市最高额", "city maximums"),
    "city_min": ("城市最低额", "city minimums"),
    "return": ("返投要求", "返投 (return investment)"),
    "sector": ("行业上限", "sector limits"),
    "target": ("目标", "target"),
}
