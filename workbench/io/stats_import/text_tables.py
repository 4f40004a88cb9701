"""Reading a plain-text table (csv/txt) into a sheet's cell grid: decoding, delimiter, columns.

A text file says nothing of its encoding or its delimiter, and bureaus' exports differ in both:
UTF-8 with or without BOM, UTF-16 with or without BOM (Excel's and database tools' "Unicode
text"), GBK (read as GB18030, its superset); commas, tabs, semicolons or bars; an old system's
report aligned with spaces and no delimiter at all; a European-locale export with decimal commas.
Working each out from the text itself is its own job, apart from reading workbooks (``cells``,
which sniffs the file and hands text here); a ``Sheet`` comes out either way, so the table
readers never see which it was. Every failure is a ``StatsImportError`` saying what to do.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from pathlib import Path
from typing import Any

from workbench.io.sheet_guard import cell_name
from workbench.io.stats_import.errors import StatsImportError
from workbench.io.stats_import.sheet import Sheet


def _fail(path: Path, zh: str, en: str) -> StatsImportError:
    return StatsImportError(path, zh, en)


def utf16_without_bom(head: bytes) -> str:
    """'utf-16-le' or 'utf-16-be' for UTF-16 text written without a byte-order mark (some
    database tools save "Unicode" text so): the zero high bytes of its ASCII characters (digits,
    delimiters, line ends) fall on one side only. Else ""."""
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return ""
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    if odd >= 0.2 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.2 * pairs and odd == 0:
        return "utf-16-be"
    return ""


def zero_padded(path: Path, zeros: int) -> StatsImportError:
    """Text that ends in zero bytes is a file whose end was never written (a download or copy
    cut short into a file made at full size): its last rows are missing or cut, so it is refused."""
    return _fail(
        path,
        f"文件末尾是 {zeros} 个空字节，文件不完整（下载或保存未完成）；请重新下载或导出",
        f"the file ends in {zeros} zero bytes: it is incomplete (the download or save did not "
        "finish); download or export it again",
    )


def file_bytes(path: Path) -> bytes:
    """The whole file, or the user's message saying why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as e:
        raise _fail(
            path, f"无法读取文件（{e.strerror or e}）", f"cannot read the file ({e.strerror or e})"
        ) from None


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    bare = utf16_without_bom(data[:4096])
    if bare:
        return data.decode(bare), f"{bare.upper()} (no BOM)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as e:
        if _chinese_utf8(data[: e.start]):
            # Chinese text read fine as UTF-8 up to here: a damaged or mixed file, not GBK;
            # read as GB18030 it would turn every name into other characters.
            line = data.count(b"\n", 0, e.start) + 1
            raise _fail(
                path,
                f"文本为 UTF-8 编码，但第 {line} 行有无法识别的字节（文件可能混用了 UTF-8 与 "
                "GBK 编码，或已损坏）；请用文本编辑器检查该行后另存为 UTF-8",
                f"the text is UTF-8 but line {line} holds bytes that are not (a file mixing UTF-8 "
                "and GBK, or damaged?); check that line in a text editor and save as UTF-8",
            ) from None
    try:
        return data.decode("gb18030"), "GB18030/GBK"
    except UnicodeDecodeError:
        raise _fail(
            path,
            "无法识别文本编码（支持 UTF-8、GBK/GB18030、UTF-16）",
            "unknown text encoding (UTF-8, GBK/GB18030 and UTF-16 are supported)",
        ) from None


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_NOT_GBK_LOOKING = re.compile(r"[\u0080-\u07ff]")


def _chinese_utf8(prefix: bytes) -> bool:
    """Whether the bytes before a UTF-8 error are Chinese text in UTF-8: several CJK characters
    and none of the two-byte Latin/Greek/Hebrew ones that GBK bytes happen to form when read as
    UTF-8 (指 in GBK is a valid UTF-8 pair)."""
    text = prefix.decode("utf-8", errors="replace")
    return len(_CJK.findall(text)) >= 4 and not _NOT_GBK_LOOKING.search(text)


def read_text(path: Path) -> Sheet:
    """The file's one sheet: decoded, split at the delimiter most lines share (or at the blank
    columns of a space-aligned table), padded to a rectangle, with decimal commas read as points
    where the file shows that is what they are."""
    data = file_bytes(path)
    try:
        text, encoding = _decode(path, data)
    except UnicodeDecodeError:
        raise _fail(
            path, "文本编码有误，文件可能已损坏", "bad text encoding; the file may be damaged"
        ) from None
    if "\x00" in text and "\x00" not in text.rstrip("\x00"):
        raise zero_padded(path, len(text) - len(text.rstrip("\x00")))
    if "\x00" in text:
        raise _fail(
            path,
            "不是电子表格或文本表格（含二进制内容）",
            "not a spreadsheet or text table (binary content)",
        )
    sample = text[:20000]
    delim = max((",", "\t", ";", "|"), key=lambda d: _consistency(sample, d))
    try:
        csv.field_size_limit(10_000_000)
        rows: list[list[Any]] = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
    except csv.Error as e:
        raise _fail(path, f"CSV 格式有误（{e}）", f"malformed CSV ({e})") from None
    notes: list[tuple[str, str]] = []
    if _unsplit(rows) and len(_ALIGNED.findall(sample)) >= 2:
        rows = _space_aligned(path, text)
        notes.append(SPACE_ALIGNED_NOTE)
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    sheet = Sheet(path.stem, rows, [], width, encoding, notes)
    if delim != "," and _COMMA_DIGIT.search(sample):
        _decimal_commas(sheet)
    return sheet


# A figure after two or more spaces (or ideographic spaces): a line of a space-aligned table.
_ALIGNED = re.compile(r"[^\s\u3000][ \u3000]{2,}[+\-(（]?[0-9０-９]")
_RULE = re.compile(r"^[\s\u3000\-=_—─━═┄┈+|│┃┼]*$")
_BLANK = frozenset(" \u3000\u00a0")
_TOKEN_GAP = re.compile(r"[ \u3000\u00a0]{2,}")
SPACE_ALIGNED_NOTE = (
    "以空格对齐的文本表格：按各数据行共同的空白列分列（汉字按两个字符宽计）",
    "a text table aligned with spaces: split into columns where every data row is blank "
    "(Chinese characters counted two wide)",
)


def _unsplit(rows: list[list[Any]]) -> bool:
    """Whether the delimiter split (almost) nothing: most non-empty lines are one cell."""
    lines = [r for r in rows if any(x.strip() for x in r)]
    multi = sum(1 for r in lines if sum(1 for x in r if x.strip()) > 1)
    return bool(lines) and multi < 0.5 * len(lines)


def _width(ch: str) -> int:
    """Display width: Chinese and full-width characters are two columns wide."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _positions(line: str) -> list[int]:
    """Each character's display column."""
    out, x = [], 0
    for ch in line:
        out.append(x)
        x += _width(ch)
    return out


def _tokens(line: str, pos: list[int]) -> list[tuple[int, int, str]]:
    """The line's words split at runs of two or more blanks: (first column, end column, text)."""
    out = []
    start = 0
    for m in [*_TOKEN_GAP.finditer(line), None]:
        end = m.start() if m is not None else len(line)
        word = line[start:end]
        if word.strip():
            lead = len(word) - len(word.lstrip(" \u3000\u00a0"))
            a = start + lead
            b = start + len(word.rstrip(" \u3000\u00a0"))
            out.append((pos[a], pos[b - 1] + _width(line[b - 1]), line[a:b]))
        if m is not None:
            start = m.end()
    return out


def _space_aligned(path: Path, text: str) -> list[list[Any]]:
    """Columns of a text table aligned with spaces (an old system's .txt report), found where
    every data line (a line ending in a figure) is blank in display columns, two or more wide.
    Header words go to the column they overlap most; other lines (title, unit, notes) are one
    cell. Refused with a message saying how to resave when no such columns are found."""
    from workbench.io.stats_import.values import parse_value

    lines = text.splitlines()
    pos = [_positions(ln) for ln in lines]
    toks = [_tokens(ln, p) for ln, p in zip(lines, pos, strict=True)]
    data = [
        i for i, t in enumerate(toks) if len(t) >= 2 and parse_value(t[-1][2]).value is not None
    ]
    width = max((t[-1][1] for i in data for t in [toks[i]]), default=0)
    if len(data) >= 2:
        blank = [True] * width
        for i in data:
            for ch, x in zip(lines[i], pos[i], strict=True):
                if ch not in _BLANK:
                    for k in range(x, min(x + _width(ch), width)):
                        blank[k] = False
        spans: list[tuple[int, int]] = []
        x = 0
        while x < width:
            if blank[x]:
                x += 1
                continue
            a = x
            while x < width and (not blank[x] or (x + 1 < width and not blank[x + 1])):
                x += 1  # a single blank column stays inside a word (成 都 市, 2 140.3)
            spans.append((a, x))
        if len(spans) >= 2 and all(toks[i][0][0] < spans[0][1] for i in data):
            rows = _cut(lines, pos, toks, set(data), spans)
            # sound only if no figure ran into another: right of the label column, every data
            # line has one word per non-empty column (a label may hold padding: 自　　贡)
            if all(
                sum(1 for c in rows[i][1:] if c) == sum(1 for t in toks[i] if t[0] >= spans[1][0])
                for i in data
            ):
                return rows
    raise _fail(
        path,
        "这是以空格对齐的文本表格（没有分隔符），无法可靠地分列：请在 Excel 中用“数据 → 分列 → "
        "固定宽度”打开，核对各列后另存为 .xlsx，或另存为以制表符分隔的文本",
        "this is a text table aligned with spaces (no delimiter) whose columns cannot be told "
        "apart reliably: open it in Excel with Data → Text to Columns → Fixed width, check the "
        "columns, and save it as .xlsx or as tab-delimited text",
    )


def _cut(
    lines: list[str],
    pos: list[list[int]],
    toks: list[list[tuple[int, int, str]]],
    data: set[int],
    spans: list[tuple[int, int]],
) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i, line in enumerate(lines):
        row = [""] * len(spans)
        if i in data:  # cut at the blank columns: a name keeps its inner spaces (自　贡)
            for ch, x in zip(line, pos[i], strict=True):
                k = next((k for k, (a, b) in enumerate(spans) if a <= x < b), -1)
                if k >= 0:
                    row[k] += ch
            row = [c.strip(" \u3000\u00a0") for c in row]
        elif len(toks[i]) >= 2:  # a header line: each word to the column it overlaps most
            for a, b, word in toks[i]:
                k = max(
                    range(len(spans)),
                    key=lambda k: (
                        min(b, spans[k][1]) - max(a, spans[k][0]),
                        -abs((a + b) - sum(spans[k])),
                    ),
                )
                row[k] = f"{row[k]} {word}".strip() if row[k] else word
        elif toks[i] and not _RULE.match(line):  # a ruled line (────, ====) is blank
            row[0] = line.strip(" \u3000\u00a0")
        rows.append(row)
    return rows


_COMMA_DIGIT = re.compile(r"\d,\d")
_DEC_COMMA = re.compile(r"^[+-]?(?:\d+|\d{1,3}(?:\.\d{3})+),(\d+)%?$")
_DOT_GROUPS = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.(\d+)%?$")


def _decimal_commas(sheet: Sheet) -> None:
    """A ';'- or tab-delimited export from a European-locale system writes ``20817,5`` (and
    ``20.817,5``): the comma is the decimal point. Decided for the whole file: when some figure
    can only be read so (not three digits after the comma, or points grouping thousands) and no
    figure uses a point as its decimal point, every such figure is rewritten with a point (and
    ``2.816`` is 2816), said in the notes. Figures that read either way (only ``2,816``) stay
    thousands, as before, with a warning naming one."""
    dec: list[tuple[int, int]] = []
    groups: list[tuple[int, int]] = []
    sure = point = False
    for r, row in enumerate(sheet.rows):
        for c, v in enumerate(row):
            if not v or ("," not in v and "." not in v):
                continue
            t = v.strip()
            m = _DEC_COMMA.match(t)
            if m is not None:
                dec.append((r, c))
                sure = sure or len(m.group(1)) != 3 or "." in t or t.lstrip("+-").startswith("0,")
                continue
            if _DOT_GROUPS.match(t):
                groups.append((r, c))
                continue
            d = _DOT_DECIMAL.match(t)
            if d is not None and len(d.group(1)) != 3:
                point = True
    if not dec:
        return
    r0, c0 = dec[0]
    eg, at = sheet.rows[r0][c0].strip(), cell_name(r0 + 1, c0 + 1)
    if not sure or point:
        sheet.notes.append(
            (
                f"分隔符不是逗号，数字中的逗号（如 {at}“{eg}”）可能是小数点，"
                "按千位分隔符读取，请核对",
                f"the delimiter is not a comma; the comma in figures such as {at} "
                f"'{eg}' may be a decimal comma; read as a thousands separator — please check",
            )
        )
        return
    for r, c in dec:
        sheet.rows[r][c] = sheet.rows[r][c].strip().replace(".", "").replace(",", ".")
    for r, c in groups:
        sheet.rows[r][c] = sheet.rows[r][c].strip().replace(".", "")
    sheet.notes.append(
        (
            f"数字以逗号为小数点（欧洲区域格式，如 {at}“{eg}”读作 "
            f"{sheet.rows[r0][c0]}），{len(dec) + len(groups)} 个数字按此读取",
            f"figures use a decimal comma (European locale, e.g. {at} '{eg}' read "
            f"as {sheet.rows[r0][c0]}); {len(dec) + len(groups)} figures read so",
        )
    )


def _consistency(sample: str, delim: str) -> float:
    lines = [ln for ln in sample.splitlines()[:60] if ln.strip()]
    counts = [ln.count(delim) for ln in lines]
    if not counts or max(counts) == 0:
        return 0.0
    multi = sum(1 for c in counts if c > 0)
    return multi + max(counts) / 1000
