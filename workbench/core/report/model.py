"""The plan-draft report as data: chapters of paragraphs, tables and figure slots, no Word.

The report's words and numbers are decided here, in core, so that what a planner reads in the
draft is testable without python-docx and the same content could be written to another format.
The writer (``workbench.io.report_docx``) only lays these blocks out. Figures are not drawn here:
a chapter holds a ``FigureSlot`` where figures belong, and whoever has the pictures (the window's
offscreen plots, the map, the tornado) passes ``Figure``s to the writer naming that chapter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body | note | bullet


@dataclass
class Table:
    """Cells as display text (numbers already formatted with their unit in the header)."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    unit: str = ""  # the unit as the draft states it (亿元, 万人, 100M yuan), said in the caption
    total: list[str] | None = None  # a final 合计 row, set apart by the writer
    note: str = ""  # a line under the table (source, what is not summed)


@dataclass(frozen=True)
class FigureSlot:
    """Where the figures passed for ``chapter`` go (in the order passed)."""

    chapter: str


@dataclass(frozen=True)
class FigureSpec:
    """A figure the report wants from the app's own plots (``workbench.ui.figures`` draws it)."""

    key: str  # uplift_city | uplift_component | fund | tax_city ...
    chapter: str
    caption: str
    unit: str
    metric: str = "gdp"
    basis: str = "location"
    by: str = "city"
    gross: bool = False


@dataclass(frozen=True)
class Figure:
    """A picture for the writer: PNG bytes with its caption and unit, placed in ``chapter``."""

    caption: str
    png: bytes
    unit: str = ""
    chapter: str = "effects"


Block = Paragraph | Table | FigureSlot


@dataclass
class Section:
    key: str  # stable identifier: approach, fund, units, parks, effects, risks, annex, notes
    heading: str
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self

    def tables(self) -> list[Table]:
        out = [b for b in self.blocks if isinstance(b, Table)]
        for s in self.subsections:
            out += s.tables()
        return out


@dataclass
class Report:
    lang: str
    title: str
    subtitle: str
    scenario: str
    date: str  # ISO date the draft was made
    cover_lines: list[str]
    sections: list[Section]
    figures: list[FigureSpec] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # 目录, 图, 表, 第 {n} 页 …
    # Frames behind figures that are not the engine's own blocks (``"tornado"``): the drawer
    # shows exactly the numbers the tables print.
    data: dict[str, Any] = field(default_factory=dict)

    def section(self, key: str) -> Section:
        """The chapter ``key``; others extend it (the tornado table goes into ``risks``)."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def extend(self, chapter: str, *blocks: Block) -> None:
        """Add blocks to a chapter, before its notes: how later features (ranges, the tornado)
        put their tables into the draft without the chapter builders knowing them. Blocks go in
        before the chapter's figure slot, so tables stay next to the tables they qualify."""
        section = self.section(chapter)
        slot = next((i for i, b in enumerate(section.blocks) if isinstance(b, FigureSlot)), None)
        if slot is None:
            section.add(*blocks)
        else:
            section.blocks[slot:slot] = list(blocks)
