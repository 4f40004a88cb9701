"""Load a multi-regional input–output table (region × region coefficients) from CSV or Excel.

Layout: the first row names the columns (a corner cell, then one region per column), the first
column names the rows in the same regions, and each cell is a technical coefficient a[i][j]: the
input bought from row region i per 1 of output in column region j. Regions are planning units
(Sichuan prefectures, Chongqing districts/counties), given by 6-digit code or by name; names go
through the gazetteer, so 成都, 成都市 and 510100 all work. Columns may be in a different order
from rows. Anything unusable is refused with the cell it concerns; nothing is guessed.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from workbench.core.gazetteer import default_gazetteer
from workbench.core.model import MrioTable, Project
from workbench.io.sheet_guard import SheetGuardError, cell_name, check_workbook


class MrioError(ValueError):
    """A table that cannot be used; zh/en say what and where."""

    def __init__(self, file: Path | str, zh: str, en: str) -> None:
        self.file = str(file)
        self.zh = zh
        self.en = en
        super().__init__(self.message("zh"))

    def message(self, lang: str = "zh") -> str:
        if lang == "zh":
            return f"无法读取投入产出表 {self.file}：{self.zh}"
        return f"cannot read input–output table {self.file}: {self.en}"


def _cell(row: int, col: int) -> str:
    letters = ""
    c = col + 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def _read_grid(path: Path) -> list[list[object]]:
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            bad = [
                f"{name}!{cell_name(r, c)} {code}"
                for name, s in check_workbook(path).sheets.items()
                for (r, c), code in list(s.bad.items())[:1]
            ]
            if bad:
                raise MrioError(
                    path,
                    f"含错误单元格或无结果公式（{bad[0]}），系数不能按空白或 0 读取",
                    f"holds an error cell or a formula without a result ({bad[0]}); "
                    "coefficients are never read as blank or 0",
                )
            df = pd.read_excel(path, header=None, engine="calamine", dtype=object)
        else:
            try:
                df = pd.read_csv(
                    path, header=None, dtype=str, encoding="utf-8-sig", keep_default_na=False
                )
            except UnicodeDecodeError:
                df = pd.read_csv(
                    path, header=None, dtype=str, encoding="gb18030", keep_default_na=False
                )
    except FileNotFoundError:
        raise MrioError(path, "文件不存在", "file not found") from None
    except pd.errors.EmptyDataError:
        raise MrioError(path, "文件为空", "the file is empty") from None
    except SheetGuardError as e:
        raise MrioError(path, e.zh, e.en) from None
    except MrioError:
        raise
    except Exception as e:  # a broken workbook or CSV: one clear line, never a traceback
        raise MrioError(
            path, f"文件无法解析（{type(e).__name__}）", f"the file cannot be parsed ({e})"
        ) from None
    return df.where(pd.notna(df), "").values.tolist()


def _number(text: object, path: Path, r: int, c: int) -> float:
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        v = float(text)
    else:
        s = str(text).strip().replace(",", "")
        if not s:
            return 0.0
        try:
            v = float(s)
        except ValueError:
            raise MrioError(
                path,
                f"单元格 {_cell(r, c)} 的“{text}”不是数字",
                f"cell {_cell(r, c)}: {text!r} is not a number",
            ) from None
    if not math.isfinite(v):
        raise MrioError(
            path, f"单元格 {_cell(r, c)} 数值无效", f"cell {_cell(r, c)}: invalid number"
        )
    if v < 0:
        raise MrioError(
            path,
            f"单元格 {_cell(r, c)} 的系数 {v:g} 为负数，系数不能为负",
            f"cell {_cell(r, c)}: coefficient {v:g} is negative",
        )
    return v


def _resolve(label: object, project: Project, path: Path, where: tuple[str, str]) -> str:
    """``where`` is the cell's description in (Chinese, English)."""
    where_zh, where_en = where
    text = str(label).strip()
    if isinstance(label, float) and label.is_integer():
        text = str(int(label))
    units = project.planning_units()
    if text.isdigit() and len(text) == 6:
        code = text
    else:
        res = default_gazetteer().lookup(text)
        if not res.ok:
            hint = "、".join(res.suggestions[:3])
            raise MrioError(
                path,
                f"{where_zh}的地区“{text}”无法识别" + (f"（是否为：{hint}？）" if hint else ""),
                f"{where_en}: region {text!r} not recognised"
                + (f" (did you mean {hint}?)" if hint else ""),
            )
        code = res.code or ""
    if code not in units or units[code] != code or code.endswith("0000"):
        raise MrioError(
            path,
            f"{where_zh}的“{text}”不是本项目的规划单元（四川的市州、重庆的区县）",
            f"{where_en}: {text!r} is not a planning unit of this project (Sichuan prefecture or Chongqing district/county)",
        )
    return code


def load_mrio(path: Path | str, project: Project, *, name: str = "", source: str = "") -> MrioTable:
    """Read and check a table; raise MrioError naming the cell when it cannot be used."""
    path = Path(path)
    grid = [row for row in _read_grid(path) if any(str(x).strip() for x in row)]
    if len(grid) < 2 or len(grid[0]) < 2:
        raise MrioError(
            path,
            "表格至少需要一行表头、一列地区和一个系数",
            "needs a header row, a region column and coefficients",
        )
    header = grid[0]
    last = max(i for i, x in enumerate(header) if str(x).strip())
    cols = [
        _resolve(header[j], project, path, (f"表头 {_cell(0, j)}", f"header {_cell(0, j)}"))
        for j in range(1, last + 1)
    ]
    rows = [
        _resolve(grid[i][0], project, path, (f"单元格 {_cell(i, 0)}", f"cell {_cell(i, 0)}"))
        for i in range(1, len(grid))
    ]
    for what, labels in (("行", rows), ("列", cols)):
        dup = {c for c in labels if labels.count(c) > 1}
        if dup:
            raise MrioError(
                path,
                f"{what}中地区重复：{'、'.join(sorted(dup))}",
                f"duplicate regions in the {(what == '行' and 'rows') or 'columns'}: {', '.join(sorted(dup))}",
            )
    if set(rows) != set(cols):
        only = sorted(set(rows) ^ set(cols))
        raise MrioError(
            path,
            f"行与列的地区不一致：{'、'.join(only)}",
            f"rows and columns name different regions: {', '.join(only)}",
        )
    col_of = {c: j + 1 for j, c in enumerate(cols)}
    coefficients = []
    for i in range(1, len(rows) + 1):
        row = grid[i]
        coefficients.append(
            [
                _number(row[col_of[c]] if col_of[c] < len(row) else "", path, i, col_of[c])
                for c in rows
            ]
        )
    return MrioTable(name=name or path.stem, regions=rows, coefficients=coefficients, source=source)
