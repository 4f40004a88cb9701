"""A sheet that is one list of text rows under a header row (校验, 决策记录).

Such sheets share their whole frame — header, widths from the first rows, frozen header, filter,
a line when the list is empty, print set-up — and differ only in their rows; the frame lives here
once so a new list sheet is its title, its headers and a loop of ``add``.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from workbench.io.excel import styles
from workbench.io.excel.book import Book

WIDTH_SAMPLE = 300  # rows whose text sizes the columns; later rows are not measured


class ListSheet:
    def __init__(self, book: Book, ws: Worksheet, header_row: int, headers: Sequence[str]) -> None:
        self.book, self.ws, self.header_row = book, ws, header_row
        self.n_cols = len(headers)
        self.row = header_row + 1
        self.widths: dict[int, list[object]] = {i: [h] for i, h in enumerate(headers, start=1)}
        styles.header_row(ws, header_row, headers)

    def add(self, values: Sequence[object]) -> int:
        """Write one row of user text (never a live formula); returns its row number."""
        r = self.row
        for col, v in enumerate(values, start=1):
            self.book.text(self.ws, r, col, v)
            if r < self.header_row + WIDTH_SAMPLE:
                self.widths[col].append(v)
        self.row += 1
        return r

    def finish(self, empty_text: str, empty_col: int = 1) -> None:
        """Say so when nothing was listed, then freeze, filter, size and set up printing."""
        ws, h = self.ws, self.header_row
        if self.row == h + 1:
            ws.cell(self.row, empty_col, empty_text)
            self.row += 1
        ws.freeze_panes = ws.cell(h + 1, 1)
        last = get_column_letter(self.n_cols)
        ws.auto_filter.ref = f"A{h}:{last}{max(self.row - 1, h + 1)}"
        styles.fit_widths(ws, self.widths)
        styles.print_setup(ws, f"{h}:{h}")
