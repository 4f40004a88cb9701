"""Sector names in both languages.

A project's sectors are Chinese names (the key stored on candidates and parks, and in the
parameter keys ``sector.va_ratio.电子信息``); the English UI shows them through this table.
A sector not listed here (a planner may type a new one) shows as typed in both languages.
"""

from __future__ import annotations

SECTOR_EN: dict[str, str] = {
    "电子信息": "Electronics and IT",
    "装备制造": "Equipment manufacturing",
    "汽车": "Automotive",
    "食品饮料": "Food and beverages",
    "先进材料": "Advanced materials",
    "能源化工": "Energy and chemicals",
    "生物医药": "Biomedicine",
    "数字经济": "Digital economy",
    "现代服务业": "Modern services",
    "文化旅游": "Culture and tourism",
    "现代农业": "Modern agriculture",
}


def sector_label(name: str, lang: str) -> str:
    """The sector ``name`` (a stored Chinese key) in ``lang``."""
    return name if lang == "zh" else SECTOR_EN.get(name, name)
