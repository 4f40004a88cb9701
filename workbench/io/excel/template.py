"""The candidate submission template (申报表) districts fill in instead of paper forms.

Drop-down lists come from the project itself (its unit types, regions and sectors), so what a
district picks is exactly what the importer accepts; numbers are validated in the sheet, and the
importer checks everything again because WPS and older Excel versions let pasted values through.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbench.core.enums import Level, UnitType
from workbench.core.model import Project, Region
from workbench.io.excel import styles
from workbench.io.excel.book import Book
from workbench.io.excel.layout import (
    SUB_HEADERS,
    SUB_JOBS,
    SUB_NAME,
    SUB_NOTES,
    SUB_OUTPUT,
    SUB_REGION,
    SUB_REQUEST,
    SUB_SECTOR,
    SUB_TAX,
    SUB_TYPE,
    TEMPLATE_FIRST_ROW,
    TEMPLATE_HEADER_ROW,
    TEMPLATE_HELP,
    TEMPLATE_LISTS,
    TEMPLATE_SHEET,
)

TEMPLATE_ROWS = 500  # rows pre-formatted with validation; more can be added by copying a row

COLUMN_HELP: dict[str, tuple[str, str]] = {
    SUB_NAME: (
        "必填。微核单元的名称，如“某某街区数字经济楼宇”。同一地区内名称不能与已有候选重复。",
        "Required. Name of the unit; must not repeat an existing candidate in the same region.",
    ),
    SUB_TYPE: ("必填。从下拉列表选择：街区、园区、楼宇、团队。", "Required. Pick from the list."),
    SUB_REGION: (
        "必填。从下拉列表选择所在区（县）或市，括号内为统计用区划代码。",
        "Required. Pick the district/county (or city) from the list; the code is in brackets.",
    ),
    SUB_SECTOR: (
        "必填。从下拉列表选择主导产业。",
        "Required. Pick the leading sector from the list.",
    ),
    SUB_OUTPUT: (
        "选填。最近一年的产出（营业收入或增加值口径请在备注中注明），单位：亿元/年，不能为负。",
        "Optional. Latest annual output, 100M yuan per year; state the basis in the notes.",
    ),
    SUB_JOBS: ("选填。现有就业人数，单位：人，不能为负。", "Optional. Current jobs, persons."),
    SUB_TAX: (
        "选填。最近一年税收，单位：亿元/年，不能为负。",
        "Optional. Latest annual tax, 100M yuan.",
    ),
    SUB_REQUEST: (
        "选填。2026–2030 年申请的基金支持合计，单位：亿元，不能为负。",
        "Optional. Fund support requested over 2026–2030, 100M yuan.",
    ),
    SUB_NOTES: (
        "选填。申报单位、联系人、数据口径等。以 = + - @ 开头的内容按文本保存。",
        "Optional. Applicant, contact, data basis. Text is kept as text.",
    ),
}


def region_label(r: Region) -> str:
    """How a region appears in the drop-down; the code in brackets makes it unambiguous."""
    return f"{r.name}（{r.code}）"


def template_regions(project: Project) -> list[Region]:
    return sorted(
        (r for r in project.regions if r.level is not Level.PROVINCE), key=lambda r: r.code
    )


def write_submission_template(project: Project, path: Path | str) -> None:
    book = Book()
    _write_form(book, project)
    _write_help(book, project)
    _write_lists(book, project)
    book.save(path)


def _write_form(book: Book, project: Project) -> None:
    ws = book.sheet(TEMPLATE_SHEET)
    styles.title(ws, "微核单元候选申报表")
    book.text(
        ws,
        2,
        1,
        f"项目：{project.name}。带 * 为必填；单位见表头；类型、地区、产业请从下拉列表选择。"
        "填写说明见“填表说明”表。",
    ).font = styles.NOTE_FONT
    styles.header_row(ws, TEMPLATE_HEADER_ROW, SUB_HEADERS)
    first, last = TEMPLATE_FIRST_ROW, TEMPLATE_FIRST_ROW + TEMPLATE_ROWS - 1
    col = {h: get_column_letter(i) for i, h in enumerate(SUB_HEADERS, start=1)}
    regions = template_regions(project)
    _form_validation(ws, col, first, last, len(regions), len(project.sectors))
    for r in range(first, last + 1):
        for header, fmt in (
            (SUB_OUTPUT, styles.MONEY),
            (SUB_TAX, styles.MONEY),
            (SUB_REQUEST, styles.MONEY),
            (SUB_JOBS, styles.PEOPLE),
        ):
            ws[f"{col[header]}{r}"].number_format = fmt
        ws[f"{col[SUB_NOTES]}{r}"].number_format = "@"  # text, so "=..." typed by a user stays text
        ws[f"{col[SUB_NAME]}{r}"].number_format = "@"
    widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(SUB_HEADERS, start=1)}
    widths[1].append("某某街区数字经济楼宇")
    widths[3].extend(region_label(r) for r in regions[:50])
    widths[4].extend(project.sectors)
    widths[len(SUB_HEADERS)].append("x" * 36)
    styles.fit_widths(ws, widths, minimum=10)
    ws.freeze_panes = ws.cell(first, 2)
    ws.auto_filter.ref = f"A{TEMPLATE_HEADER_ROW}:{col[SUB_NOTES]}{last}"
    styles.print_setup(ws, f"{TEMPLATE_HEADER_ROW}:{TEMPLATE_HEADER_ROW}")


def _form_validation(
    ws: Worksheet, col: dict[str, str], first: int, last: int, n_regions: int, n_sectors: int
) -> None:
    """Drop-down lists for type, region and sector; number and name checks on the other inputs."""
    n_types = len(UnitType)

    def add(dv: DataValidation, header: str) -> None:
        dv.add(f"{col[header]}{first}:{col[header]}{last}")
        ws.add_data_validation(dv)

    def choice(ref: str, what_zh: str, what_en: str) -> DataValidation:
        return DataValidation(
            type="list",
            formula1=ref,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"{what_zh}无效",
            error=f"请从下拉列表选择{what_zh} / pick a {what_en} from the list",
        )

    add(choice(f"'{TEMPLATE_LISTS}'!$A$2:$A${n_types + 1}", "单元类型", "unit type"), SUB_TYPE)
    add(choice(f"'{TEMPLATE_LISTS}'!$B$2:$B${n_regions + 1}", "所在地区", "region"), SUB_REGION)
    if n_sectors:
        add(choice(f"'{TEMPLATE_LISTS}'!$C$2:$C${n_sectors + 1}", "产业", "sector"), SUB_SECTOR)
    for header, unit in ((SUB_OUTPUT, "亿元/年"), (SUB_TAX, "亿元/年"), (SUB_REQUEST, "亿元")):
        add(
            DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="数值无效",
                error=f"请填写不小于 0 的数字（单位：{unit}） / a number ≥ 0 ({unit})",
            ),
            header,
        )
    add(
        DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="人数无效",
            error="请填写不小于 0 的整数（单位：人） / a whole number ≥ 0 (persons)",
        ),
        SUB_JOBS,
    )
    add(
        DataValidation(
            type="textLength",
            operator="between",
            formula1="1",
            formula2="100",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="名称无效",
            error="名称应为 1–100 个字 / 1–100 characters",
        ),
        SUB_NAME,
    )


def _write_help(book: Book, project: Project) -> None:
    ws = book.sheet(TEMPLATE_HELP)
    styles.title(ws, "填表说明 / How to fill in the form")
    lines = [
        f"本表用于向“{project.name}”申报微核单元候选。每行一个候选，从“{TEMPLATE_SHEET}”表第 {TEMPLATE_FIRST_ROW} 行开始填写。",
        "请勿修改表头文字和顺序；可以增加行（复制已有行），不要合并单元格。",
        "金额单位为亿元（1 亿元 = 1 亿人民币），人数单位为人；不能为负数。",
        "与已有候选同名且同地区的行将被标为“重复”，不会重复添加；有错误的行会连同行号和原因一起列出，不会被猜测补全。",
        "导入后新候选的状态为“候选”，评分与立项由投资决策委员会在程序中完成。",
    ]
    r = 3
    for line in lines:
        book.text(ws, r, 1, line).alignment = styles.WRAP
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        ws.row_dimensions[r].height = 30
        r += 1
    r += 1
    styles.header_row(ws, r, ("栏目 Column", "说明", "Notes (English)"))
    header_at = r
    for h in SUB_HEADERS:
        r += 1
        zh, en = COLUMN_HELP[h]
        ws.cell(r, 1, h).font = styles.BOLD_FONT
        ws.cell(r, 2, zh).alignment = styles.WRAP
        ws.cell(r, 3, en).alignment = styles.WRAP
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 70
    ws.column_dimensions["C"].width = 50
    styles.print_setup(ws, f"{header_at}:{header_at}", landscape=False)


def _write_lists(book: Book, project: Project) -> None:
    ws = book.sheet(TEMPLATE_LISTS)
    styles.header_row(ws, 1, ("单元类型", "所在地区（代码）", "产业"))
    for i, t in enumerate(UnitType, start=2):
        ws.cell(i, 1, t.zh)
    for i, reg in enumerate(template_regions(project), start=2):
        book.text(ws, i, 2, region_label(reg))
    for i, s in enumerate(project.sectors, start=2):
        book.text(ws, i, 3, s)
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 16
    ws.freeze_panes = "A2"
    ws.sheet_state = "visible"
