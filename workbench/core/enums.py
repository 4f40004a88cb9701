"""Closed vocabularies of the domain, each with Chinese and English labels.

Values are stable English identifiers: they are what the project file stores, so renaming a label
never breaks a saved file.
"""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a Chinese and an English label."""

    @property
    def zh(self) -> str:
        return _LABELS[type(self).__name__][self.value][0]

    @property
    def en(self) -> str:
        return _LABELS[type(self).__name__][self.value][1]

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def parse(cls, text: str) -> Labelled:
        """Accept the stored value or either label (case-insensitive for English)."""
        t = str(text).strip()
        for m in cls:
            if t in (m.value, m.zh) or t.lower() == m.en.lower():
                return m
        raise ValueError(f"{cls.__name__}: unknown value {text!r}")


class Level(Labelled):
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"


class Membership(Labelled):
    FULL = "full"
    PARTIAL = "partial"
    NO = "no"


class MetroRole(Labelled):
    CORE = "core"
    EXTENDED = "extended"
    NO = "no"


class UnitType(Labelled):
    STREET = "street"
    PARK = "park"
    BUILDING = "building"
    TEAM = "team"


class Status(Labelled):
    CANDIDATE = "candidate"
    SHORTLISTED = "shortlisted"
    APPROVED = "approved"
    REJECTED = "rejected"


class ChainKind(Labelled):
    VALUE = "value"
    SUPPLY = "supply"
    INNOVATION = "innovation"


class Instrument(Labelled):
    EQUITY = "equity"
    TECHNOLOGY = "technology"
    TALENT = "talent"


class ParkModel(Labelled):
    ENCLAVE = "enclave"
    CO_BUILT = "co_built"
    FUND_PARK = "fund_park"


class GdpRule(Labelled):
    LOCATION = "location"
    SPLIT = "split"
    FULL_BOTH = "full_both"


class Coverage(Labelled):
    """What a benefit-sharing agreement covers (core.sharing)."""

    PARK = "park"
    CANDIDATES = "candidates"
    RELOCATION = "relocation"
    INNOVATION = "innovation"


class SettlementMethod(Labelled):
    DIRECT = "direct"  # the tax authority divides the local share at source (直接划分)
    TRANSFER = "transfer"  # the collecting treasury pays the others (财政转移支付结算)


class Distribution(Labelled):
    """How a parameter is drawn between its low and high (mode = its value for triangular)."""

    TRIANGULAR = "triangular"
    UNIFORM = "uniform"
    FIXED = "fixed"


class Severity(Labelled):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "Level": {
        "province": ("省级", "province"),
        "prefecture": ("地级", "prefecture"),
        "county": ("县级", "county"),
    },
    "Membership": {
        "full": ("全域纳入", "full"),
        "partial": ("部分纳入", "partial"),
        "no": ("未纳入", "not included"),
    },
    "MetroRole": {
        "core": ("核心范围", "core"),
        "extended": ("拓展范围", "extended"),
        "no": ("否", "no"),
    },
    "UnitType": {
        "street": ("街区", "street"),
        "park": ("园区", "park"),
        "building": ("楼宇", "building"),
        "team": ("团队", "team or person"),
    },
    "Status": {
        "candidate": ("候选", "candidate"),
        "shortlisted": ("入围", "shortlisted"),
        "approved": ("批准", "approved"),
        "rejected": ("否决", "rejected"),
    },
    "ChainKind": {
        "value": ("价值链", "value chain"),
        "supply": ("供应链", "supply chain"),
        "innovation": ("创新链", "innovation chain"),
    },
    "Instrument": {
        "equity": ("资本注入", "equity injection"),
        "technology": ("技术支持", "technology support"),
        "talent": ("人才培训", "talent training"),
    },
    "ParkModel": {
        "enclave": ("飞地园区", "enclave park"),
        "co_built": ("共建园", "co-built park"),
        "fund_park": ("基金+园区", "fund + park"),
    },
    "GdpRule": {
        "location": ("按属地统计", "by location"),
        "split": ("按比例分计", "split by ratio"),
        "full_both": ("双方全额计入（不可加总）", "counted in full by both (not summable)"),
    },
    "Coverage": {
        "park": ("园区", "park"),
        "candidates": ("基金投资项目", "fund-invested units"),
        "relocation": ("招商项目异地流转", "relocated project"),
        "innovation": ("创新成果跨区域转化", "innovation transfer"),
    },
    "SettlementMethod": {
        "direct": ("直接划分", "direct division"),
        "transfer": ("财政转移支付结算", "treasury transfer"),
    },
    "Distribution": {
        "triangular": ("三角分布", "triangular"),
        "uniform": ("均匀分布", "uniform"),
        "fixed": ("固定（法定）", "fixed (statutory)"),
    },
    "Severity": {
        "error": ("错误", "error"),
        "warning": ("警告", "warning"),
        "info": ("提示", "info"),
    },
}
