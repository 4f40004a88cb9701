"""The wizard's row-list notation ("4-6", "4,5,6", as the sheet shows rows) and shared styles."""

from __future__ import annotations

import re

from workbench.ui.dialogs.common import ERROR_STYLE

__all__ = ["ERROR_STYLE", "format_rows", "parse_rows"]


def parse_rows(text: str) -> list[int] | None:
    """ "4,5,6" or "4-6" (1-based, as the sheet shows them) -> [3, 4, 5]; "" -> None (auto)."""
    text = text.strip().replace("，", ",").replace("–", "-").replace("—", "-")
    if not text:
        return None
    rows: list[int] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        m = re.fullmatch(r"(\d+)\s*(?:-\s*(\d+))?", part)
        if not m:
            raise ValueError(part)
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        if a < 1 or b < a:
            raise ValueError(part)
        rows.extend(range(a - 1, b))
    return sorted(set(rows))


def format_rows(rows: list[int]) -> str:
    return ",".join(str(r + 1) for r in rows)
