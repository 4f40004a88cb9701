"""What the planner asks the optimiser for: an objective (or a target to reach with the least
money) and the extra limits on top of the fund's own rules, as plain data.

Kept apart from the model builder so the CLI, the dialog and the tests can parse, show and store a
request without importing scipy. Text forms (CLI and dialog share them)::

    gdp_net:2030            net value added in 2030, whole circle
    gdp_net:2026-2030       the same summed over the years
    tax_local:2030@510100   city/district-tier tax in 2030, 成都 only
    jobs:2030               net jobs in 2030
    score                   money weighted by each candidate's criteria score (0–1 per 亿元)
    gdp_net:2030=80         (a target) reach at least 80 亿元
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.core.enums import Status
from workbench.core.model import PLAN_YEARS

# key -> (metric, basis, zh, en, unit)
OBJECTIVES: dict[str, tuple[str, str, str, str, str]] = {
    "gdp_net": ("gdp", "location", "净增加值（GDP）", "net value added (GDP)", "亿元"),
    "tax_local": (
        "tax",
        "fiscal",
        "地方税收（市/区县级）",
        "local tax (city/district tier)",
        "亿元",
    ),
    "jobs": ("jobs", "location", "净就业", "net jobs", "人"),
    "score": ("score", "", "评分加权投资额", "score-weighted money", "亿元·分"),
}


class SpecError(ValueError):
    """A request that cannot be understood; ``zh``/``en`` say why in one line."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


@dataclass(frozen=True)
class Objective:
    key: str = "gdp_net"  # one of OBJECTIVES
    years: tuple[int, ...] = (2030,)  # summed when several
    region: str | None = None  # a planning-unit code; None = the whole circle

    @property
    def metric(self) -> str:
        return OBJECTIVES[self.key][0]

    @property
    def basis(self) -> str:
        return OBJECTIVES[self.key][1]

    @property
    def unit(self) -> str:
        return OBJECTIVES[self.key][4]

    def label(self, lang: str = "zh") -> str:
        zh, en = OBJECTIVES[self.key][2:4]
        if self.key == "score":
            return zh if lang == "zh" else en
        span = str(self.years[0]) if len(self.years) == 1 else f"{self.years[0]}–{self.years[-1]}"
        where = f" @{self.region}" if self.region else ""
        return f"{zh if lang == 'zh' else en} {span}{where}"

    def text(self) -> str:
        if self.key == "score":
            return "score"
        span = str(self.years[0]) if len(self.years) == 1 else f"{self.years[0]}-{self.years[-1]}"
        return f"{self.key}:{span}" + (f"@{self.region}" if self.region else "")


@dataclass(frozen=True)
class Target:
    objective: Objective
    value: float


@dataclass
class Spec:
    """The request. Amounts in 亿元; ``None`` or empty means "no such limit"."""

    objective: Objective = field(default_factory=Objective)
    target: Target | None = None  # set: minimise money subject to reaching it
    statuses: tuple[Status, ...] = (Status.APPROVED,)
    lift_requests: bool = False  # allow more than each unit requested
    min_ticket: float = 0.0  # a funded unit gets nothing or at least this much (whole period)
    city_min: dict[str, float] = field(default_factory=dict)  # planning unit -> 亿元
    city_max: dict[str, float] = field(default_factory=dict)
    sector_max: dict[str, float] = field(default_factory=dict)  # sector -> 亿元
    budget: float | None = None  # at most this much in total (below the fund's own limit)
    return_multiple: float | None = None  # 返投 ×; None = the fund rules' min_return_share
    locked: dict[tuple[str, int, str], float] = field(default_factory=dict)  # cell -> 亿元
    years: tuple[int, ...] = PLAN_YEARS
    instruments: tuple[str, ...] = ("equity", "technology", "talent")
    gap: float = 0.005  # relative optimality gap the solver may stop at
    time_limit: float = 60.0  # seconds


def parse_objective(text: str) -> Objective:
    """``key[:year|:y1-y2][@region]``; see the module docstring."""
    t = text.strip()
    region = None
    if "@" in t:
        t, region = (s.strip() for s in t.split("@", 1))
    key, _, span = t.partition(":")
    key = key.strip()
    if key not in OBJECTIVES:
        names = ", ".join(OBJECTIVES)
        raise SpecError(
            f"未知的目标“{key}”（可用：{names}）", f"unknown objective {key!r} ({names})"
        )
    if key == "score":
        return Objective("score", (PLAN_YEARS[-1],), region or None)
    try:
        if not span:
            years = (PLAN_YEARS[-1],)
        elif "-" in span:
            a, b = (int(s) for s in span.split("-", 1))
            years = tuple(range(a, b + 1))
        else:
            years = (int(span),)
    except ValueError:
        raise SpecError(f"目标年份“{span}”无效", f"bad objective year {span!r}") from None
    if not years or years[0] < PLAN_YEARS[0] or years[-1] > 2035:
        raise SpecError(
            f"目标年份“{span}”须在 2026–2035 之间",
            f"objective years {span!r} must lie in 2026–2035",
        )
    return Objective(key, years, region or None)


def parse_target(text: str) -> Target:
    """``objective=value``, e.g. ``gdp_net:2030=80`` or ``gdp_net:2030@510100=5``."""
    head, sep, value = text.rpartition("=")
    if not sep:
        raise SpecError(f"目标“{text}”缺少“=数值”", f"target {text!r} lacks '=value'")
    try:
        v = float(value)
    except ValueError:
        raise SpecError(
            f"目标值“{value}”不是数字", f"target value {value!r} is not a number"
        ) from None
    if v != v or v in (float("inf"), float("-inf")):
        raise SpecError(f"目标值“{value}”无效", f"target value {value!r} is not finite")
    return Target(parse_objective(head), v)


_STATUS_WORDS = {
    "approved": Status.APPROVED,
    "批准": Status.APPROVED,
    "shortlisted": Status.SHORTLISTED,
    "入围": Status.SHORTLISTED,
    "candidate": Status.CANDIDATE,
    "候选": Status.CANDIDATE,
}
CONSTRAINT_HELP = (
    "status=approved,shortlisted | lift_requests | min_ticket=0.5 | budget=100 | return=1.5 | "
    "city_min:510100=10 | city_max:510100=20 | sector_max:数字经济=15 | "
    "lock:MC-0001:2027:equity=1.2 | years=2026-2028 | instruments=equity,technology | "
    "gap=0.005 | time=60"
)


def _number(text: str, what: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise SpecError(f"{what}“{text}”不是数字", f"{what}: {text!r} is not a number") from None
    if v != v or v in (float("inf"), float("-inf")) or v < 0:
        raise SpecError(
            f"{what}“{text}”须为非负数", f"{what}: {text!r} must be a non-negative number"
        )
    return v


def apply_constraint(spec: Spec, text: str) -> None:
    """Add one ``--constraint`` (see ``CONSTRAINT_HELP``) to ``spec``."""
    head, _, value = text.strip().partition("=")
    name, _, arg = head.strip().partition(":")
    name, value = name.strip(), value.strip()
    if name == "lift_requests":
        spec.lift_requests = True
    elif name == "status":
        words = [w.strip() for w in value.replace("，", ",").split(",") if w.strip()]
        bad = [w for w in words if w not in _STATUS_WORDS]
        if bad or not words:
            raise SpecError(f"未知的状态“{'、'.join(bad) or value}”", f"unknown status {value!r}")
        spec.statuses = tuple(dict.fromkeys(_STATUS_WORDS[w] for w in words))
    elif name in ("min_ticket", "budget", "return", "gap", "time"):
        v = _number(value, name)
        attr = {"return": "return_multiple", "time": "time_limit"}.get(name, name)
        setattr(spec, attr, v)
    elif name in ("city_min", "city_max", "sector_max") and arg:
        getattr(spec, name)[arg.strip()] = _number(value, name)
    elif name == "lock" and arg.count(":") == 2:
        cid, year, inst = (s.strip() for s in arg.split(":"))
        if inst not in ("equity", "technology", "talent") or not year.isdigit():
            raise SpecError(f"锁定单元格“{arg}”无效", f"bad locked cell {arg!r}")
        spec.locked[(cid, int(year), inst)] = _number(value, "lock")
    elif name == "years":
        a, _, b = value.partition("-")
        try:
            years = tuple(range(int(a), int(b or a) + 1))
        except ValueError:
            raise SpecError(f"年份“{value}”无效", f"bad years {value!r}") from None
        spec.years = tuple(y for y in years if y in PLAN_YEARS)
    elif name == "instruments":
        insts = tuple(w.strip() for w in value.split(",") if w.strip())
        if not insts or any(i not in ("equity", "technology", "talent") for i in insts):
            raise SpecError(f"工具“{value}”无效", f"bad instruments {value!r}")
        spec.instruments = insts
    else:
        raise SpecError(
            f"无法识别的约束“{text}”（可用：{CONSTRAINT_HELP}）",
            f"unknown constraint {text!r} ({CONSTRAINT_HELP})",
        )
