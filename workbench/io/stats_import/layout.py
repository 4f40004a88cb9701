"""Finding the table inside a sheet made for printing: title, meta and unit rows, the header
rows (merged cells filled), the data rows, the notes at the bottom, and what each column holds.

The reading is the analyst's: the data start at the first row that holds numbers; the header is
the block of labelled rows right above it; anything above that is a title, a table number, an
English title, a ``指标：…``/``地区：…`` meta line or a ``单位：…`` statement. Columns whose cells
are mostly text are keys (region, indicator, year, unit); the others hold values, and their header
path says which indicator, year or region each holds. Everything inferred is written down in
``notes`` for the report; ``ImportOverrides`` can correct any of it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from workbench.io.stats_import import indicators
from workbench.io.stats_import.cells import Sheet
from workbench.io.stats_import.regions import aggregate_kind
from workbench.io.stats_import.units import is_unit_text, unit_statement
from workbench.io.stats_import.values import MISSING_MARKERS, cell_text, parse_value, year_of


class Axis(StrEnum):
    REGION = "region"
    INDICATOR = "indicator"
    YEAR = "year"
    UNIT = "unit"
    CODE = "code"
    SKIP = "skip"


AXIS_LABELS = {
    Axis.REGION: ("地区", "regions"),
    Axis.INDICATOR: ("指标", "indicators"),
    Axis.YEAR: ("年份", "years"),
    Axis.UNIT: ("单位", "units"),
    Axis.CODE: ("区划代码", "division codes"),
    Axis.SKIP: ("忽略", "ignored"),
}

ORIENTATIONS = (
    "regions_by_indicators",
    "regions_by_years",
    "indicators_by_years",
    "indicators_by_regions",
    "years_by_regions",
    "years_by_indicators",
    "long",
)

_KEY_NAMES: dict[str, Axis] = {}
for _n in (
    "地区",
    "地区名称",
    "地名",
    "城市",
    "市州",
    "市(州)",
    "区县",
    "区(县)",
    "县(市、区)",
    "县(市,区)",
    "区县(市)",
    "行政区划",
    "行政区",
    "地区名",
    "区域",
    "市、县",
    "市县",
    "region",
    "area",
    "city",
    "district",
    "省份",
    "省",
    "各地区",
    "各市",
    "各区县",
):
    _KEY_NAMES[_n] = Axis.REGION
for _n in ("指标", "指标名称", "项目", "主要指标", "指标名", "item", "indicator", "项 目", "类别"):
    _KEY_NAMES[_n] = Axis.INDICATOR
for _n in ("年份", "年度", "年", "时间", "统计年度", "year", "报告期"):
    _KEY_NAMES[_n] = Axis.YEAR
for _n in ("单位", "计量单位", "unit"):
    _KEY_NAMES[_n] = Axis.UNIT
for _n in ("代码", "区划代码", "行政区划代码", "统计用区划代码", "地区代码", "code"):
    _KEY_NAMES[_n] = Axis.CODE
for _n in ("序号", "编号", "no", "no.", "排名", "位次", "行次", "栏次"):
    _KEY_NAMES[_n] = Axis.SKIP

_META = re.compile(r"^\s*(指标|地区|时间|数据库|统计范围|口径|报告期|频度)\s*[:：]\s*(.*)$")
_TABLE_NO = re.compile(
    r"^\s*(?:表\s*)?([0-9]{1,2}\s*[-—–－.]\s*[0-9]{1,3}(?:\s*[-—–－]\s*[0-9]{1,2})?)\s*(.*)$"
)
_FOOTER = re.compile(
    r"^\s*(?:注\s*[:：0-9①-⑳]|注释|资料来源|数据来源|来源[:：]|说明[:：]|备注|附注|附[:：]|"
    r"note|source|[*＊①-⑳])",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


def _empty(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


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
    indicator_path: list[str] = field(default_factory=list)
    unit_text: str = ""  # unit printed in the header (inline or a unit row)
    empty: bool = False  # a value column with no figure at all (e.g. the latest year)

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

    @property
    def key_columns(self) -> list[Column]:
        return [c for c in self.columns if not c.is_value and c.axis is not Axis.SKIP]

    @property
    def value_columns(self) -> list[Column]:
        return [c for c in self.columns if c.is_value]


class NoTable(Exception):
    """No rows with numbers: the caller turns this into a StatsImportError."""


def _row_cells(row: list[Any]) -> list[tuple[int, Any]]:
    return [(c, v) for c, v in enumerate(row) if not _empty(v)]


class _LazyCells:
    """Non-empty cells of a row, computed only for the rows that are looked at closely."""

    def __init__(self, rows: list[list[Any]]) -> None:
        self.rows = rows
        self.cache: dict[int, list[tuple[int, Any]]] = {}

    def __getitem__(self, r: int) -> list[tuple[int, Any]]:
        got = self.cache.get(r)
        if got is None:
            got = self.cache[r] = _row_cells(self.rows[r])
        return got


def _is_number(v: Any) -> bool:
    if type(v) is float or type(v) is int:
        return True
    return isinstance(v, str) and parse_value(v).value is not None


def _is_year_row(cells: list[tuple[int, Any]]) -> bool:
    years = [y for _, v in cells if (y := year_of(v)) is not None]
    rest = len(cells) - 1
    return len(years) >= 2 and len(set(years)) == len(years) and len(years) >= 0.6 * rest


def _is_statement(text: str) -> bool:
    t = unicodedata.normalize("NFKC", text)
    return bool(_META.match(t) or unit_statement(t) is not None or _FOOTER.match(t))


def _data_like(cells: list[tuple[int, Any]]) -> bool:
    if not cells or _is_year_row(cells):
        return False
    if len(cells) == 1 and isinstance(cells[0][1], str):
        return False
    nums = sum(1 for _, v in cells if _is_number(v) and year_of(v) is None)
    if nums == 0:
        return False
    first = cells[0][1]
    if isinstance(first, str) and _is_statement(first) and len(cells) <= 2:
        return False
    return nums >= max(1, 0.2 * (len(cells) - 1))


def _column_numbers(cells: list[tuple[int, Any]]) -> bool:
    """A row numbering the columns (甲 乙 1 2 3 …) under the header."""
    nums = [v for _, v in cells if _is_number(v)]
    labels = [v for _, v in cells if isinstance(v, str) and not _is_number(v)]
    if len(nums) < 3 or any(
        str(x).strip() not in ("甲", "乙", "丙", "A", "B", "C", "栏次") for x in labels
    ):
        return False
    vals = [parse_value(v).value for v in nums]
    return vals == [
        float(i) for i in range(int(vals[0] or 0), int(vals[0] or 0) + len(vals))
    ] and vals[0] in (0.0, 1.0)


def detect(sheet: Sheet, *, header_rows: list[int] | None = None) -> Layout:
    rows = sheet.rows
    lay = Layout(merged_known=sheet.merged is not None)
    n = len(rows)
    cells_of = _LazyCells(rows)

    # 1. first data row
    if header_rows:
        first = max(header_rows) + 1
        lay.notes.append(("表头行由用户指定", "header rows set by the user"))
    else:
        first = next((r for r in range(n) if _data_like(cells_of[r])), -1)
        if first < 0:
            raise NoTable
        if _column_numbers(cells_of[first]):
            lay.skipped_rows.append((first, "栏次（列序号）行", "column-number row"))
            first = next((r for r in range(first + 1, n) if _data_like(cells_of[r])), -1)
            if first < 0:
                raise NoTable
    lay.first_row = first

    # 2. header rows: labelled rows right above the data
    if header_rows:
        hdr = sorted(h for h in set(header_rows) if 0 <= h < n)
    else:
        hdr = []
        r = first - 1
        while r >= 0 and len(hdr) < 8:
            cells = cells_of[r]
            if not cells:
                if hdr:
                    break
                r -= 1
                continue
            texts = [cell_text(v) for _, v in cells]
            if any(
                unit_statement(t) is not None or _META.match(unicodedata.normalize("NFKC", t))
                for t in texts
            ):
                break
            if len(cells) == 1 and cells[0][0] == 0 and not _spans(sheet, r, 0):
                break
            hdr.insert(0, r)
            r -= 1
    lay.header_rows = hdr

    # 3. preamble: title, table number, English title, meta, unit
    top = hdr[0] if hdr else first
    for r in range(top):
        _read_preamble_row(lay, cells_of[r])
    for r in hdr:  # a unit statement can sit in a header row's corner
        for _, v in cells_of[r]:
            u = unit_statement(cell_text(v))
            if u is not None and not lay.unit_tokens:
                lay.unit_statement, lay.unit_tokens = cell_text(v).strip(), u

    # 4. data rows and footer. Most rows start with a label followed by numbers: decide those
    # from their first cells and look at the whole row only when the label could be a note.
    footer_at = n
    for r in range(first, n):
        row = rows[r]
        head_c = next((c for c, v in enumerate(row) if not _empty(v)), -1)
        if head_c < 0:
            continue
        head_v = row[head_c]
        nxt = row[head_c + 1] if head_c + 1 < len(row) else ""
        if isinstance(head_v, str) and (
            len(head_v) >= 20 or _FOOTER.match(unicodedata.normalize("NFKC", head_v.strip()))
        ):
            cells = cells_of[r]
            head = head_v.strip()
            nums = sum(1 for _, v in cells if _is_number(v))
            if _FOOTER.match(unicodedata.normalize("NFKC", head)) and (
                nums == 0 or len(cells) == 1
            ):
                footer_at = r
                break
            if len(cells) == 1 and nums == 0 and len(head) >= 20:
                footer_at = r
                break
        if (
            r > first
            and type(nxt) is not float
            and year_of(nxt) is not None
            and _is_year_row(cells_of[r])
        ):
            lay.skipped_rows.append((r, "重复的表头行", "repeated header row"))
            continue
        lay.data_rows.append(r)
    for r in range(footer_at, n):
        if cells_of[r]:
            lay.footer_rows.append(r)
            lay.footer_texts.append(" ".join(cell_text(v).strip() for _, v in cells_of[r]))
    if any(any(_is_number(v) for _, v in cells_of[r]) for r in lay.footer_rows[1:]):
        lay.notes.append(
            (
                "注释行之后还有数字，未导入（可能是第二张表）",
                "numbers below the notes were not imported (a second table?)",
            )
        )
    _columns(lay, sheet, cells_of)
    return lay


def _spans(sheet: Sheet, r: int, c: int) -> bool:
    """Whether the cell is the top-left of a merge spanning several columns in row r (a header
    cell merged across, rather than a title)."""
    for (r0, c0), (r1, c1) in sheet.merged or []:
        if r0 <= r <= r1 and c0 <= c <= c1:
            return r1 > r0 and c1 - c0 < max(1, sheet.width - 1)
    return False


def _read_preamble_row(lay: Layout, cells: list[tuple[int, Any]]) -> None:
    for _, v in cells:
        text = cell_text(v).strip()
        if not text:
            continue
        norm = unicodedata.normalize("NFKC", text)
        u = unit_statement(norm)
        m = _META.match(norm)
        if m and m.group(1) != "单位":
            lay.meta[m.group(1)] = m.group(2).strip()
            continue
        if u is not None:
            if not lay.unit_tokens:
                lay.unit_statement, lay.unit_tokens = text, u
            before = norm.split("单位")[0].strip()
            if before:
                _title_text(lay, before)
            continue
        _title_text(lay, text)


def _title_text(lay: Layout, text: str) -> None:
    norm = unicodedata.normalize("NFKC", text).strip()
    m = _TABLE_NO.match(norm)
    if m and not lay.table_number:
        lay.table_number = re.sub(r"\s+", "", m.group(1))
        norm = m.group(2).strip()
        if not norm:
            return
        text = norm
    if indicators.is_english(text):
        lay.english_titles.append(text.strip())
    else:
        lay.titles.append(text.strip())


def _header_grid(lay: Layout, sheet: Sheet, width: int) -> list[list[str]]:
    grid = [
        [
            cell_text(v).strip() if c < len(sheet.rows[r]) else ""
            for c, v in enumerate(sheet.rows[r][:width])
        ]
        + [""] * (width - len(sheet.rows[r][:width]))
        for r in lay.header_rows
    ]
    index = {r: i for i, r in enumerate(lay.header_rows)}
    for (r0, c0), (r1, c1) in sheet.merged or []:
        top = (
            cell_text(sheet.rows[r0][c0]).strip()
            if r0 < len(sheet.rows) and c0 < len(sheet.rows[r0])
            else ""
        )
        for r in range(r0, r1 + 1):
            i = index.get(r)
            if i is None:
                continue
            for c in range(c0, min(c1, width - 1) + 1):
                if not grid[i][c]:
                    grid[i][c] = top
    return grid


def _left_fill(lay: Layout, grid: list[list[str]], value_cols: set[int]) -> None:
    """A group header typed once over several columns (not merged): fill it rightwards while the
    row below keeps naming sub-columns. Recorded in the notes, since it is an inference."""
    filled = 0
    for i in range(len(grid) - 1):
        row = grid[i]
        for c in sorted(value_cols):
            if row[c] or c - 1 not in value_cols or not row[c - 1]:
                continue
            below_here = any(grid[k][c] for k in range(i + 1, len(grid)))
            below_left = any(grid[k][c - 1] for k in range(i + 1, len(grid)))
            if below_here and below_left:
                row[c] = row[c - 1]
                filled += 1
    if filled:
        lay.notes.append(
            (
                f"有 {filled} 个表头单元格按左侧的分组标题补齐（未合并的分组表头）",
                f"{filled} header cells filled from the group title on their left (unmerged group header)",
            )
        )


def _columns(lay: Layout, sheet: Sheet, cells_of: _LazyCells) -> None:
    # Column roles from a sample of the data rows (all of them in any table of ordinary size).
    data = lay.data_rows
    sample = data if len(data) <= 600 else data[:400] + data[-200:]
    width = 0
    for r in (*lay.header_rows, *sample):
        row = sheet.rows[r]
        last = len(row) - 1
        while last >= 0 and _empty(row[last]):
            last -= 1
        width = max(width, last + 1)
    grid = _header_grid(lay, sheet, width)
    rows = sheet.rows
    stats = []
    for c in range(width):
        n = num = yrs = text = eng = 0
        for r in sample:
            row = rows[r]
            if c >= len(row):
                continue
            v = row[c]
            if type(v) is float:
                n += 1
                num += 1
                if 1900 <= v <= 2100 and v.is_integer():
                    yrs += 1
                continue
            if _empty(v):
                continue
            n += 1
            if year_of(v) is not None:
                yrs += 1
            if type(v) is int:
                num += 1
                continue
            s = str(v).strip()
            if s in MISSING_MARKERS:
                continue
            if parse_value(v).value is not None:
                num += 1
            else:
                text += 1
                if indicators.is_english(s):
                    eng += 1
        stats.append((n, num, yrs, text, eng))

    english_rows = {
        i
        for i, row in enumerate(grid)
        if any(row) and all(not t or indicators.is_english(t) for t in row)
    }
    cols: list[Column] = []
    for c in range(width):
        n, num, yrs, text, eng = stats[c]
        raw_path = [grid[i][c] for i in range(len(grid)) if i not in english_rows and grid[i][c]]
        path: list[str] = []
        for t in raw_path:
            zh = indicators.chinese_part(t)
            if zh and (not path or path[-1] != zh):
                path.append(zh)
        english = " ".join(grid[i][c] for i in sorted(english_rows) if grid[i][c])
        leaf = _SPACES.sub("", unicodedata.normalize("NFKC", path[-1])).lower() if path else ""
        named = _KEY_NAMES.get(leaf) or _KEY_NAMES.get(re.sub(r"[(（].*$", "", leaf))
        if n == 0 and not path:
            continue
        col = Column(c, Axis.SKIP, False, path, english)
        first_value = next(
            (k for k in range(width) if stats[k][1] > stats[k][3] and stats[k][1] > stats[k][2]),
            width,
        )
        if named is not None and not (named is Axis.YEAR and num > yrs):
            col.axis = named
        elif n and text >= 0.5 * n:
            col.axis = Axis.SKIP if eng >= 0.6 * n else Axis.INDICATOR  # refined below
            col.axis = Axis.SKIP if eng >= 0.6 * n else _content_axis(sheet, data, c)
        elif (
            n and yrs == n and c < first_value and (not path or indicators.match_path(path) is None)
        ):
            col.axis = Axis.YEAR
        else:
            col.is_value = True
            col.empty = num == 0
        cols.append(col)
    lay.columns = cols
    _describe_value_columns(lay)


def _content_axis(sheet: Sheet, data: list[int], c: int) -> Axis:
    labels: list[str] = []
    seen = set()
    for r in data:
        row = sheet.rows[r]
        if c < len(row) and isinstance(row[c], str) and row[c].strip():
            s = row[c].strip()
            if s not in seen:
                seen.add(s)
                labels.append(s)
    if not labels:
        return Axis.SKIP
    if sum(1 for s in labels if year_of(s) is not None) >= 0.8 * len(labels):
        return Axis.YEAR
    if sum(1 for s in labels if is_unit_text(s)) >= 0.6 * len(labels):
        return Axis.UNIT
    sample = labels[:40]
    if sum(1 for s in sample if indicators.match_path([s])) > 0.5 * len(sample):
        return Axis.INDICATOR
    if _regionish(sample) >= 0.5 * len(sample):
        return Axis.REGION
    return Axis.INDICATOR


def _regionish(labels: list[str]) -> int:
    from workbench.core.gazetteer import default_gazetteer

    g = default_gazetteer()
    hits = 0
    for s in labels:
        if aggregate_kind(s):
            hits += 1
            continue
        r = g.lookup(s)
        if r.code or r.candidates:
            hits += 1
    return hits


def _describe_value_columns(lay: Layout) -> None:
    values = lay.value_columns
    leaves = [c.path[-1] for c in values if c.path]
    if leaves:
        yearish = sum(1 for t in leaves if year_of(t) is not None)
        if yearish >= 0.6 * len(leaves):
            lay.col_axis = Axis.YEAR
        elif (
            len(leaves) >= 2
            and not any(indicators.match_path([t]) for t in leaves)
            and _regionish(leaves[:30]) >= 0.6 * min(len(leaves), 30)
        ):
            lay.col_axis = Axis.REGION
        else:
            lay.col_axis = Axis.INDICATOR
    for col in values:
        rest: list[str] = []
        for t in col.path:
            y = year_of(t)
            if y is not None:
                col.year = y
                continue
            if is_unit_text(t):
                col.unit_text = t
                continue
            rest.append(t)
        if lay.col_axis is Axis.REGION and rest:
            col.region_label = rest.pop()
        col.indicator_path = rest
        if not col.unit_text:
            for t in reversed(rest):
                u = indicators.inline_unit(t)
                if u:
                    col.unit_text = u
                    break
    lay.row_axes = [c.axis for c in lay.key_columns]
    lay.orientation = orientation_of(lay.row_axes, lay.col_axis)


def orientation_of(row_axes: list[Axis], col_axis: Axis | None) -> str:
    dims = {a for a in row_axes if a in (Axis.REGION, Axis.INDICATOR, Axis.YEAR, Axis.CODE)}
    dims = {Axis.REGION if a is Axis.CODE else a for a in dims}
    if len(dims) >= 2:
        return "long"
    row = next(iter(dims), None)
    name = {Axis.REGION: "regions", Axis.INDICATOR: "indicators", Axis.YEAR: "years"}
    if row is None:
        return f"values_by_{name.get(col_axis, 'indicators') if col_axis else 'indicators'}"
    if col_axis is None or col_axis is row:
        return f"{name[row]}_by_indicators" if row is not Axis.INDICATOR else "indicators_by_years"
    return f"{name[row]}_by_{name[col_axis]}"


def force_orientation(lay: Layout, orientation: str) -> None:
    """Apply the user's reading of the table: which axis the rows and the columns hold."""
    if orientation not in ORIENTATIONS or orientation == "long":
        return
    row_name, col_name = orientation.split("_by_")
    to_axis = {"regions": Axis.REGION, "indicators": Axis.INDICATOR, "years": Axis.YEAR}
    keys = [c for c in lay.columns if not c.is_value and c.axis is not Axis.SKIP]
    if keys:
        keys[0].axis = to_axis[row_name]
    elif lay.columns:
        first = lay.columns[0]
        first.is_value, first.axis = False, to_axis[row_name]
    lay.col_axis = to_axis[col_name]
    for col in lay.value_columns:
        col.year, col.region_label = None, ""
        col.unit_text = ""
    _describe_value_columns_forced(lay)
    lay.notes.append(("表格方向由用户指定", "orientation set by the user"))


def _describe_value_columns_forced(lay: Layout) -> None:
    forced = lay.col_axis
    _describe_value_columns(lay)
    if forced is not None and lay.col_axis is not forced:
        lay.col_axis = forced
        for col in lay.value_columns:
            col.year, col.region_label, col.unit_text = None, "", ""
            rest = [t for t in col.path if not is_unit_text(t)]
            if forced is Axis.YEAR and rest:
                col.year = year_of(rest[-1])
                rest = rest[:-1]
            elif forced is Axis.REGION and rest:
                col.region_label = rest.pop()
            col.indicator_path = rest
            for t in reversed(col.path):
                u = indicators.inline_unit(t) or (t if is_unit_text(t) else "")
                if u:
                    col.unit_text = u
                    break
        lay.row_axes = [c.axis for c in lay.key_columns]
        lay.orientation = orientation_of(lay.row_axes, lay.col_axis)
