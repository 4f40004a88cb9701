"""The detected shape of a table: which rows are title, header, data and notes, and what each
column holds. Filled by ``table_rows``/``table_columns``; read by the tidy-table builder, the
report and the wizard's preview.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.io.stats_import.axes import Axis


def col_letter(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


@dataclass
class Column:
    """What one column of the table holds."""

    col: int
    axis: Axis  # key columns: what their cells name; value columns: Axis.SKIP
    is_value: bool
    path: list[str] = field(default_factory=list)  # header texts top to bottom, Chinese parts
    english: str = ""  # the English gloss, if the header is bilingual
    year: int | None = None
    region_label: str = ""  # value columns of a regions-as-columns table
    # the regions printed over ``region_label`` (成都市 merged over 锦江区 | 青羊区), outermost
    # first: its parents, to look it up in and to add it up to
    region_parents: tuple[str, ...] = ()
    indicator_path: list[str] = field(default_factory=list)
    unit_text: str = ""  # unit printed in the header (inline or a unit row)
    empty: bool = False  # a value column with no figure at all (e.g. the latest year)
    # -1: the year before its table's (上年同期), applied to the row's or the table's year;
    # already in ``year`` when the header names one (2023年 over 上年同期 → 2022)
    year_offset: int = 0
    part_year: str = ""  # the header's part of a year (本月, 1-6月): such figures get no year

    @property
    def label(self) -> str:
        return "/".join(self.path)


@dataclass
class Layout:
    first_row: int = 0
    titles: list[str] = field(default_factory=list)
    english_titles: list[str] = field(default_factory=list)
    table_number: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    unit_statement: str = ""
    unit_tokens: list[str] = field(default_factory=list)
    title_unit: str = ""  # a unit printed in brackets at the end of the title, as printed
    title_unit_tokens: list[str] = field(default_factory=list)
    header_rows: list[int] = field(default_factory=list)
    data_rows: list[int] = field(default_factory=list)
    footer_rows: list[int] = field(default_factory=list)
    footer_texts: list[str] = field(default_factory=list)
    skipped_rows: list[tuple[int, str, str]] = field(default_factory=list)
    columns: list[Column] = field(default_factory=list)
    row_axes: list[Axis] = field(default_factory=list)
    col_axis: Axis | None = None
    orientation: str = ""
    notes: list[tuple[str, str]] = field(default_factory=list)
    merged_known: bool = True
    # the title (or unit line) of a further table printed below this one on the sheet
    next_table: int | None = None

    @property
    def key_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.is_value and c.axis is not Axis.SKIP]

    @property
    def value_columns(self) -> list[Column]:
        return [c for c in self.columns if c.is_value]


class NoTable(Exception):
    """No rows with numbers: the caller turns this into a StatsImportError."""
