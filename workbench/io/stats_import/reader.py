"""``read_table``: one sheet of a statistics-bureau file → a tidy table and a report.

The steps are separate modules (cells → layout → regions → values and units → checks); this one
joins them: it decides, for every value cell, which region, indicator, year and unit it belongs
to, converts it to the canonical unit, and writes down every cell it could not use and why.
Decisions are made once per (row signature, column), not per cell, so a 100,000-cell yearbook is
read in little more time than calamine takes to parse it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from workbench.core.gazetteer import default_gazetteer
from workbench.io.stats_import import checks, indicators, units
from workbench.io.stats_import.cells import Sheet, is_note_sheet, read_sheets, sniff
from workbench.io.stats_import.errors import StatsImportError
from workbench.io.stats_import.layout import (
    ORIENTATIONS,
    Axis,
    Column,
    Layout,
    NoTable,
    col_letter,
    detect,
    force_orientation,
)
from workbench.io.stats_import.regions import AGGREGATE, RegionMatch, RegionMatcher
from workbench.io.stats_import.report import (
    AggregateRow,
    CheckFailure,
    ColumnReading,
    ImportReport,
    SkippedValue,
    UnmatchedRegion,
)
from workbench.io.stats_import.values import (
    cell_text,
    decimals_of,
    parse_value,
    single_year_in,
    year_of,
)

TIDY_COLUMNS = (
    "region_code",
    "region",
    "level",
    "indicator",
    "indicator_label",
    "year",
    "value",
    "unit",
    "source_file",
    "sheet",
    "cell",
    "original_unit",
)
_RATE = re.compile(r"增长|增速|增幅|比重|占比|率|%|％|百分")


@dataclass
class ImportOverrides:
    """Corrections from the import wizard for what was misread.

    ``header_rows``: 0-based sheet rows that form the header (the data start below the last).
    ``unit``: the table's unit (replaces a ``单位：`` statement; units printed in a header or a unit
    column still apply to their own cells). ``orientation``: one of ``layout.ORIENTATIONS``.
    ``year``: the table's year when it holds one year; when its columns or rows name years, only
    that year is kept. ``region_matches``: printed label → division code, or ``"aggregate"`` to
    mark a group row. ``region``: the code a single-region table is about.
    """

    header_rows: list[int] | None = None
    unit: str | None = None
    orientation: str | None = None
    year: int | None = None
    region_matches: dict[str, str] = field(default_factory=dict)
    region: str | None = None


@dataclass
class ImportResult:
    tidy: pd.DataFrame
    report: ImportReport
    preview: list[list[Any]]  # the sheet's raw cells, rows × columns ("" when empty)
    layout: Layout | None = None


@dataclass(frozen=True)
class _Decision:
    """Everything a value column (for rows of one signature) needs besides the region."""

    indicator: str = ""
    label: str = ""
    year: int = 0
    unit: str = ""
    original_unit: str = ""
    factor: float = 1.0
    kind: units.Kind | None = None
    skip: str = ""  # a values.REASONS key when every cell here is skipped
    percent_ok: bool = False  # a "12%" cell fits here
    additive: bool = False


def _format_of(path: Path, kind: str) -> str:
    if kind == "text":
        return "csv"
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("xlsx", "xlsm", "ods") else "xlsx/ods"


def read_table(
    path: Path | str,
    sheet: str | int | None = None,
    year: int | None = None,
    overrides: ImportOverrides | None = None,
) -> ImportResult:
    """Read one table. Raises ``StatsImportError`` only when the file cannot be read at all."""
    p = Path(path)
    ov = overrides or ImportOverrides()
    if year is not None and ov.year is None:
        ov = ImportOverrides(
            ov.header_rows, ov.unit, ov.orientation, year, ov.region_matches, ov.region
        )
    if ov.orientation and ov.orientation not in ORIENTATIONS:
        raise ValueError(f"orientation must be one of {ORIENTATIONS}")
    kind = sniff(p)
    sheets, _names = read_sheets(p, sheet)
    report = ImportReport(file=p.name, format=_format_of(p, kind))
    chosen: Sheet | None = None
    layout: Layout | None = None
    for s in sheets:
        if sheet is None and is_note_sheet(s.name):
            report.sheets_skipped.append((s.name, "说明页", "notes sheet"))
            continue
        try:
            layout = detect(s, header_rows=ov.header_rows)
        except NoTable:
            report.sheets_skipped.append((s.name, "没有数据表", "no table"))
            continue
        chosen = s
        break
    if chosen is None or layout is None:
        where = "、".join(s.name for s in sheets)
        raise StatsImportError(
            p,
            f"没有找到含数字的数据表（工作表：{where}）",
            f"no table with numbers found (sheets: {where})",
        )
    if ov.orientation:
        force_orientation(layout, ov.orientation)
    report.sheet = chosen.name
    report.encoding = chosen.encoding
    for a, b in chosen.notes:
        report.inferred.append((a, b))
    tidy = _Builder(p, chosen, layout, ov, report).run()
    return ImportResult(tidy, report, chosen.rows, layout)


class _Builder:
    def __init__(
        self, path: Path, sheet: Sheet, lay: Layout, ov: ImportOverrides, report: ImportReport
    ):
        self.path, self.sheet, self.lay, self.ov, self.report = path, sheet, lay, ov, report
        self.g = default_gazetteer()
        self.matcher = RegionMatcher(self.g, ov.region_matches)
        self.skipped: list[SkippedValue] = []
        self.counts: Counter[str] = Counter()

    # ------------------------------------------------------------------ context
    def _context(self) -> None:
        lay, rep, ov = self.lay, self.report, self.ov
        rep.title = " ".join(lay.titles)
        rep.english_title = " ".join(lay.english_titles)
        rep.table_number = lay.table_number
        rep.meta = dict(lay.meta)
        rep.header_rows = list(lay.header_rows)
        if lay.data_rows:
            rep.data_rows = (lay.data_rows[0], lay.data_rows[-1])
        rep.footer = list(lay.footer_texts)
        rep.orientation = lay.orientation
        rep.inferred.extend(lay.notes)
        for r, a, b in lay.skipped_rows:
            rep.inferred.append((f"第 {r + 1} 行：{a}，已跳过", f"row {r + 1}: {b}, skipped"))
        # year
        self.ctx_year: int | None = None
        if ov.year is not None:
            self.ctx_year, rep.year_source = ov.year, "user"
        else:
            t_year = single_year_in(" ".join(lay.titles)) if lay.titles else None
            m_year = single_year_in(lay.meta.get("时间", "")) if lay.meta.get("时间") else None
            if m_year is not None:
                self.ctx_year, rep.year_source = m_year, "meta"
            elif t_year is not None:
                self.ctx_year, rep.year_source = t_year, "title"
        rep.year = self.ctx_year
        # indicator from the meta line or the title
        self.ctx_ind: list[str] = []
        if lay.meta.get("指标"):
            self.ctx_ind = [lay.meta["指标"]]
        elif lay.titles:
            key = indicators.in_title(" ".join(lay.titles))
            if key:
                self.ctx_ind = [indicators.BY_KEY[key].zh]
                self.title_indicator = True
        # unit
        self.table_units: list[str] = []
        if ov.unit:
            self.table_units = units.unit_tokens(ov.unit) or [ov.unit]
            rep.unit, rep.unit_source = ov.unit, ("用户指定", "given by the user")
        elif lay.unit_tokens:
            self.table_units = lay.unit_tokens
            rep.unit = lay.unit_statement
        self.ctx_unit = indicators.inline_unit(self.ctx_ind[0]) if self.ctx_ind else None
        if not rep.unit and self.ctx_unit:
            rep.unit, rep.unit_source = self.ctx_unit, ("取自“指标”行", "from the 指标 line")
        # the region a single-region table is about
        self.ctx_region: RegionMatch | None = None
        label = ""
        if ov.region:
            m = RegionMatch(label=ov.region)
            self.matcher._fill(m, ov.region, "manual")
            self.ctx_region = m
        elif lay.meta.get("地区"):
            label = lay.meta["地区"]
        elif (
            lay.titles
            and Axis.REGION not in lay.row_axes
            and Axis.CODE not in lay.row_axes
            and lay.col_axis is not Axis.REGION
        ):
            label = self._region_in_title(" ".join(lay.titles))
        if label:
            self.ctx_region = self.matcher.match_all([label], hierarchy=False)[0]
            if self.ctx_region.code:
                rep.inferred.append(
                    (
                        f"整表地区：{self.ctx_region.name}（{self.ctx_region.code}）",
                        f"whole table is about {self.ctx_region.name} ({self.ctx_region.code})",
                    )
                )

    def _region_in_title(self, title: str) -> str:
        t = unicodedata.normalize("NFKC", title).strip()
        t = re.sub(r"^[0-9\-—–.\s表]+", "", t)
        for n in range(min(len(t), 12), 1, -1):
            prefix = t[:n]
            if prefix[-1] in "省市区县州" and self.g.lookup(prefix).code:
                return prefix
        return ""

    # --------------------------------------------------------------- decisions
    def _decide(
        self, row_path: tuple[str, ...], row_year: int | None, row_unit: str, col: Column | None
    ) -> _Decision:
        col_path = list(col.indicator_path) if col else []
        if col_path and all(indicators.is_generic(t) for t in col_path):
            col_path = []
        path = [*row_path, *col_path] or list(self.ctx_ind)
        path = [p for p in path if p]
        key = indicators.match_path(path) if path else None
        label = "/".join(path)
        if not key and col and row_path and col.indicator_path and not col_path:
            key = indicators.match_path(list(row_path))
        if not key:
            key = indicators.normalize_label(label) and label
        if not key:
            return _Decision(skip="no_indicator", label=label)
        y = (
            row_year
            if row_year is not None
            else (col.year if col and col.year is not None else None)
        )
        if y is None:
            y = self.ctx_year
        elif self.ov.year is not None and y != self.ov.year:
            return _Decision(skip="other_year", label=label, indicator=key)
        if y is None:
            return _Decision(skip="no_year", label=label, indicator=key)
        # unit: a unit column, then a unit printed in the labels, then the table's statement
        text = row_unit
        if not text:
            for t in reversed(row_path):
                text = indicators.inline_unit(t) or ""
                if text:
                    break
        if not text and col is not None:
            text = col.unit_text
        if not text and self.ctx_unit and not row_path and not col_path:
            text = self.ctx_unit
        tokens = units.unit_tokens(text) if text else list(self.table_units)
        if not tokens and text:
            tokens = [text]
        ind = indicators.BY_KEY.get(key)
        rate = bool(_RATE.search(label)) and not (
            ind and ind.kinds and units.Kind.PERCENT not in ind.kinds
        )
        if len(tokens) > 1:
            fits = [
                t
                for t in tokens
                if (u := units.resolve(t)) is not None
                and (
                    (ind is not None and u.kind in ind.kinds)
                    or (ind is None and (u.kind is units.Kind.PERCENT) == rate)
                )
            ]
            if ind is not None and units.Kind.PER_CAPITA in ind.kinds:
                fits = [t for t in tokens if t in ("元", "元/人", "万元")][:1]
            if len(fits) != 1:
                return _Decision(skip="unit_ambiguous", label=label, indicator=key, year=y)
            tokens = fits
        per_capita = key == "gdp_per_capita" or "人均" in label
        printed = tokens[0] if tokens else ""
        u = units.resolve(printed, per_capita=per_capita) if printed else None
        if ind is not None and ind.kinds:
            if u is None:
                return _Decision(skip="unit_ambiguous", label=label, indicator=key, year=y)
            if u.kind not in ind.kinds:
                return _Decision(
                    skip="unit_mismatch", label=label, indicator=key, year=y, original_unit=printed
                )
        if u is None:
            return _Decision(
                key,
                label,
                y,
                printed,
                printed,
                1.0,
                None,
                percent_ok=not printed or rate,
                additive=False,
            )
        additive = u.kind in (units.Kind.MONEY, units.Kind.USD, units.Kind.PEOPLE) and (
            ind.additive if ind is not None else not rate
        )
        return _Decision(
            key,
            label,
            y,
            u.canonical,
            printed,
            u.factor,
            u.kind,
            percent_ok=u.kind is units.Kind.PERCENT,
            additive=additive,
        )

    # --------------------------------------------------------------------- run
    def run(self) -> pd.DataFrame:
        lay, rows = self.lay, self.sheet.rows
        self._context()
        keys = lay.key_columns
        values = lay.value_columns
        data = lay.data_rows
        region_cols = [c.col for c in keys if c.axis is Axis.REGION]
        code_cols = [c.col for c in keys if c.axis is Axis.CODE]
        ind_cols = [c.col for c in keys if c.axis is Axis.INDICATOR]
        year_cols = [c.col for c in keys if c.axis is Axis.YEAR]
        unit_cols = [c.col for c in keys if c.axis is Axis.UNIT]
        label_col = keys[0].col if keys else None

        def at(r: int, c: int) -> Any:
            row = rows[r]
            return row[c] if c < len(row) else ""

        # regions of rows
        row_region: dict[int, int] = {}
        matches: list[RegionMatch] = []
        if region_cols or code_cols:
            raw = []
            for r in data:
                lab: Any = ""
                for c in reversed(region_cols):
                    v = at(r, c)
                    if cell_text(v).strip():
                        lab = v
                        break
                raw.append(lab)
            matches = self.matcher.match_all(raw)
            for k, r in enumerate(data):
                if code_cols:
                    code = re.sub(r"\D", "", cell_text(at(r, code_cols[0])))[:12]
                    code = code[:6] if len(code) > 6 and code[6:].strip("0") == "" else code
                    if code in self.g.divisions and matches[k].level != AGGREGATE:
                        matches[k].label = matches[k].label or code
                        self.matcher._fill(matches[k], code, "code")
                row_region[r] = k
        col_region: dict[int, int] = {}
        if lay.col_axis is Axis.REGION:
            cms = self.matcher.match_all([c.region_label for c in values], hierarchy=False)
            for c, m in zip(values, cms, strict=True):
                col_region[c.col] = len(matches)
                matches.append(m)
        ctx_idx = None
        if self.ctx_region is not None:
            ctx_idx = len(matches)
            matches.append(self.ctx_region)
        if self.matcher.scope:
            d = self.g.divisions.get(self.matcher.scope)
            self.report.region_scope = f"{self.matcher.scope} {d.name if d else ''}".strip()

        # row signatures: indicator path, year, unit from key columns
        sig_rows: dict[tuple[tuple[str, ...], int | None, str], list[int]] = {}
        last_ind: list[str] = [""] * len(ind_cols)
        for r in data:
            path = []
            for k, c in enumerate(ind_cols):
                t = cell_text(at(r, c)).strip()
                if t:
                    last_ind[k] = t
                    last_ind[k + 1 :] = [""] * (len(ind_cols) - k - 1)
                path.append(last_ind[k] if k < len(ind_cols) - 1 else t)
            yr = None
            for c in year_cols:
                yr = year_of(at(r, c))
            unit = ""
            for c in unit_cols:
                unit = cell_text(at(r, c)).strip()
            sig = (tuple(p for p in path if p), yr, unit)
            sig_rows.setdefault(sig, []).append(r)

        decisions: list[_Decision] = []
        dec_index: dict[_Decision, int] = {}
        out_r: list[int] = []
        out_c: list[int] = []
        out_v: list[float] = []
        out_d: list[int] = []
        out_g: list[int] = []
        skipped, counts = self.skipped, self.counts
        col_read: dict[int, _Decision] = {}
        col_all: dict[int, set[tuple[str, str]]] = {}
        col_seen: set[int] = set()  # value columns with at least one non-empty cell
        region_values: Counter[int] = Counter()
        unmatched_rows = set()

        for sig, srows in sig_rows.items():
            row_path, row_year, row_unit = sig
            pairs = []
            for r in srows:
                g = row_region.get(r, -1)
                pairs.append((r, g))
            # Rows whose region is known (or comes from the column/context): the fast path below
            # copies a whole column of plain numbers at once.
            srow_objs = [rows[r] for r in srows]
            rows_good = bool(row_region) and all(g >= 0 and matches[g].ok for _, g in pairs)
            row_gids = [g for _, g in pairs]
            for col in values:
                j = col.col
                dec = self._decide(row_path, row_year, row_unit, col)
                if j not in col_read or (col_read[j].skip and not dec.skip):
                    col_read[j] = dec
                if not dec.skip:
                    col_all.setdefault(j, set()).add((dec.indicator, dec.unit))
                d_id = dec_index.setdefault(dec, len(decisions))
                if d_id == len(decisions):
                    decisions.append(dec)
                cg = col_region.get(j, ctx_idx)
                if not dec.skip:
                    if row_region:
                        good, gids = rows_good, row_gids
                    else:
                        good = cg is not None and cg >= 0 and matches[cg].ok
                        gids = [cg] * len(pairs)  # type: ignore[list-item]
                    if good:
                        try:
                            col_vals = [row[j] for row in srow_objs]
                        except IndexError:
                            col_vals = []
                        if col_vals and set(map(type, col_vals)) == {float}:
                            out_r.extend(srows)
                            out_c.extend([j] * len(srows))
                            out_v.extend(col_vals)
                            out_d.extend([d_id] * len(srows))
                            out_g.extend(gids)
                            col_seen.add(j)
                            continue
                for r, g in pairs:
                    row = rows[r]
                    v = row[j] if j < len(row) else ""
                    if type(v) is float:
                        val = v
                        pct = False
                        col_seen.add(j)
                    elif v == "" or v is None:
                        counts["empty"] += 1
                        continue
                    else:
                        col_seen.add(j)
                        pv = parse_value(v)
                        if pv.value is None:
                            counts[pv.reason] += 1
                            if pv.reason != "empty":
                                skipped.append(self._skip(r, j, label_col, col, v, pv.reason))
                            continue
                        val, pct = pv.value, pv.percent
                    if dec.skip:
                        counts[dec.skip] += 1
                        if dec.skip != "other_year":
                            skipped.append(self._skip(r, j, label_col, col, v, dec.skip))
                        continue
                    if pct and not dec.percent_ok:
                        counts["percent_mismatch"] += 1
                        skipped.append(self._skip(r, j, label_col, col, v, "percent_mismatch"))
                        continue
                    gi = g if g >= 0 else cg
                    if gi is None or gi < 0 or not matches[gi].ok:
                        counts["no_region"] += 1
                        if gi is not None and gi >= 0:
                            region_values[gi] += 1
                            unmatched_rows.add(gi)
                        else:
                            skipped.append(self._skip(r, j, label_col, col, v, "no_region"))
                        continue
                    out_r.append(r)
                    out_c.append(j)
                    out_v.append(val)
                    out_d.append(d_id)
                    out_g.append(gi)

        self._report_regions(
            matches, data, region_cols, code_cols, values, col_region, region_values
        )
        for c in values:
            c.empty = c.col not in col_seen
        self._report_columns(values, col_read, col_all)
        tidy = self._frame(out_r, out_c, out_v, out_d, out_g, decisions, matches)
        if region_cols or code_cols:
            self._checks(data, matches, row_region, values, col_read, tidy)
        rep = self.report
        rep.imported = len(tidy)
        rep.aggregate_values = int((tidy["level"] == AGGREGATE).sum()) if len(tidy) else 0
        counts.pop("other_year", None) if self.ov.year is None else None
        rep.skipped = skipped
        rep.skipped_counts = counts
        self._warnings(tidy)
        return tidy

    def _skip(
        self, r: int, j: int, label_col: int | None, col: Column, v: Any, reason: str
    ) -> SkippedValue:
        row_label = (
            cell_text(self.sheet.rows[r][label_col]).strip()
            if label_col is not None and label_col < len(self.sheet.rows[r])
            else ""
        )
        return SkippedValue(f"{col_letter(j)}{r + 1}", row_label, col.label, cell_text(v), reason)

    # ------------------------------------------------------------------ output
    def _frame(self, out_r, out_c, out_v, out_d, out_g, decisions, matches) -> pd.DataFrame:  # type: ignore[no-untyped-def]
        n = len(out_v)
        if n == 0:
            return pd.DataFrame(
                {
                    c: pd.Series(
                        [],
                        dtype="int64" if c == "year" else ("float64" if c == "value" else object),
                    )
                    for c in TIDY_COLUMNS
                }
            )
        r = np.asarray(out_r, dtype=np.int64)
        c = np.asarray(out_c, dtype=np.int64)
        order = np.lexsort((c, r))
        r, c = r[order], c[order]
        d = np.asarray(out_d, dtype=np.int64)[order]
        g = np.asarray(out_g, dtype=np.int64)[order]
        factors = np.asarray([x.factor for x in decisions], dtype=np.float64)
        v = np.asarray(out_v, dtype=np.float64)[order] * factors[d]

        def obj(values: list[Any]) -> np.ndarray:
            a = np.empty(len(values), dtype=object)
            a[:] = values
            return a

        m_code = obj([m.code for m in matches])
        m_name = obj([m.name if m.code or m.level == AGGREGATE else m.label for m in matches])
        m_level = obj([m.level for m in matches])
        d_ind = obj([x.indicator for x in decisions])
        d_label = obj([x.label for x in decisions])
        d_year = np.asarray([x.year for x in decisions], dtype=np.int64)
        d_unit = obj([x.unit for x in decisions])
        d_orig = obj([x.original_unit for x in decisions])
        letters = obj([col_letter(k) for k in range(int(c.max()) + 1)])
        numbers = obj([str(k + 1) for k in range(int(r.max()) + 1)])
        cells = letters[c] + numbers[r]  # element-wise str concatenation on object arrays
        const_file = obj([self.path.name]).repeat(n)
        const_sheet = obj([self.sheet.name]).repeat(n)
        return pd.DataFrame(
            {
                "region_code": m_code[g],
                "region": m_name[g],
                "level": m_level[g],
                "indicator": d_ind[d],
                "indicator_label": d_label[d],
                "year": d_year[d],
                "value": v,
                "unit": d_unit[d],
                "source_file": const_file,
                "sheet": const_sheet,
                "cell": cells,
                "original_unit": d_orig[d],
            },
            copy=False,
        )

    def _report_regions(
        self, matches, data, region_cols, code_cols, values, col_region, region_values
    ) -> None:  # type: ignore[no-untyped-def]
        rep = self.report
        label_col = region_cols[-1] if region_cols else (code_cols[0] if code_cols else 0)
        by_label: dict[str, UnmatchedRegion] = {}
        cells: list[str] = []
        for r in data[: len(matches)]:
            cells.append(f"{col_letter(label_col)}{r + 1}")
        value_col = {idx: c for c in values if (idx := col_region.get(c.col)) is not None}
        for i, m in enumerate(matches):
            if i < len(cells):
                cell = cells[i]
            elif i in value_col:
                cell = f"{col_letter(value_col[i].col)}{(self.lay.header_rows or [0])[-1] + 1}"
            else:
                cell = "-"
            if m.level == AGGREGATE:
                rep.aggregates.append(AggregateRow(m.label, m.kind, cell))
            elif not m.code and m.label and region_values.get(i, 0) > 0:
                u = by_label.get(m.label)
                if u is None:
                    u = by_label[m.label] = UnmatchedRegion(m.label, [], 0, list(m.suggestions))
                u.cells.append(cell)
                u.values += region_values[i]
            elif m.how in ("level", "scope") or m.how.startswith(("within:", "parent:")):
                how = {
                    "level": ("按本表多数地区的级别", "by the level most rows share"),
                    "scope": ("本省/市优先", "preferring Sichuan/Chongqing"),
                }.get(m.how, ("按所在上级或本表范围", "within the parent or the table's province"))
                rep.inferred.append(
                    (
                        f"“{m.label}”匹配为 {self.g.full_name(m.code)}（{how[0]}）",
                        f"'{m.label}' matched to {self.g.full_name(m.code)} ({how[1]})",
                    )
                )
        rep.unmatched = list(by_label.values())

    def _report_columns(
        self,
        values: list[Column],
        col_read: dict[int, _Decision],
        col_all: dict[int, set[tuple[str, str]]],
    ) -> None:
        hdr = (self.lay.header_rows or [self.lay.first_row])[-1]
        years = {d.year for d in col_read.values() if not d.skip}
        if self.report.year_source == "" and years:
            by_cols = any(c.year is not None for c in values)
            self.report.year_source = "columns" if by_cols else "rows"
        for c in values:
            d = col_read.get(c.col, _Decision())
            seen = col_all.get(c.col, set())
            ind = d.indicator if len({i for i, _ in seen}) <= 1 else "（按行 / per row）"
            unit = d.unit + (
                f"（{d.original_unit}）" if d.original_unit and d.original_unit != d.unit else ""
            )
            if len({u for _, u in seen}) > 1:
                unit = "（按行 / per row）"
            self.report.columns.append(
                ColumnReading(
                    f"{col_letter(c.col)}{hdr + 1}", c.label, ind, d.year or c.year, unit, c.empty
                )
            )
            if c.empty and c.path:
                self.report.inferred.append(
                    (
                        f"列“{c.label}”整列为空（可能尚未公布）",
                        f"column '{c.label}' is empty (not yet published?)",
                    )
                )

    def _checks(self, data, matches, row_region, values, col_read, tidy) -> None:  # type: ignore[no-untyped-def]
        ms = matches[: len(data)]
        grp = checks.groups(ms, self.matcher.scope, self.g, self.report.inferred)
        if not grp:
            return
        rows = self.sheet.rows
        for col in values:
            dec = col_read.get(col.col)
            if dec is None or dec.skip or not dec.additive:
                continue
            j = col.col
            for gp in grp:
                idx = [gp.parent, *gp.children]
                vals = []
                decs = 0
                for k in idx:
                    r = data[k]
                    v = rows[r][j] if j < len(rows[r]) else ""
                    pv = parse_value(v)
                    if pv.value is None:
                        break
                    vals.append(pv.value * dec.factor)
                    decs = max(decs, decimals_of(v))
                else:
                    total, parts = vals[0], vals[1:]
                    s = sum(parts)
                    tol = checks.tolerance(total, decs, len(parts), dec.factor)
                    if abs(s - total) <= tol:
                        self.report.checks_passed += 1
                    else:
                        r = data[gp.parent]
                        self.report.checks_failed.append(
                            CheckFailure(
                                ms[gp.parent].label,
                                f"{col_letter(j)}{r + 1}",
                                dec.indicator,
                                dec.year,
                                total,
                                s,
                                len(parts),
                                tol,
                                dec.unit,
                            )
                        )

    def _warnings(self, tidy: pd.DataFrame) -> None:
        rep = self.report
        c = rep.skipped_counts
        if c.get("no_year"):
            rep.warnings.append(
                (
                    "表中没有找到年份：请在导入时指定年份（--year）",
                    "no year found in the table: give the year (--year)",
                )
            )
        if c.get("unit_ambiguous"):
            rep.warnings.append(
                (
                    "部分数值单位不明确，未导入：请指定单位",
                    "some values have no clear unit and were not imported: give the unit",
                )
            )
        if c.get("unit_mismatch"):
            rep.warnings.append(
                (
                    "部分数值的单位与指标不符（例如人口用亿元），未导入",
                    "some values have a unit that does not fit their indicator (e.g. population in 亿元); not imported",
                )
            )
        if c.get("no_indicator"):
            rep.warnings.append(
                ("部分列没有指标名称，未导入", "some columns have no indicator name; not imported")
            )
        if len(tidy):
            dup = tidy.duplicated(["region", "indicator", "year"], keep=False) & (
                tidy["level"] != AGGREGATE
            )
            if dup.any():
                d = tidy[dup]
                clash = d.groupby(["region", "indicator", "year"])["value"].nunique()
                clash = clash[clash > 1]
                if len(clash):
                    sample = "、".join(f"{a} {b} {y}" for a, b, y in list(clash.index)[:5])
                    rep.warnings.append(
                        (
                            f"同一地区、指标、年份出现多个不同数值：{sample}",
                            f"the same region, indicator and year has different values: {sample}",
                        )
                    )
        if not rep.imported and not rep.warnings:
            rep.warnings.append(("没有导入任何数值", "no value was imported"))
