"""Every table fits its content or says what it cut.

Fixed pixel widths were chosen for Chinese at one window size; English labels, a new partner's
name or a two-digit sum then showed as "…" with nothing to hover. The rule now, for every table
in the data panels: a column is as wide as its header and its content (measured with the view's
font metrics, bold rows included); only text columns have a cap, and a cell that can exceed it
carries its full text as tooltip (models do that: ``common.with_full_text``). Numbers never get a
cap, so a figure is never cut. One column may be "elastic": it takes the width the others leave
(down to a minimum, cutting its text with a tooltip), so a window of ordinary width shows every
year without scrolling and a wide one has no empty band on the right.

``ColumnFitter`` re-measures when the model resets or its layout changes and widens (never
narrows) a column when an edit makes its content longer, so typing does not make columns jump.
``unreadable_cells`` is the check tests (and a debugging eye) use.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractProxyModel, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

TEXT_CAP = 320  # px: the widest a text column grows from its content (longer text: tooltip)
MIN_WIDTH = 36
SAMPLE_ROWS = 150  # rows measured per column (a 5,000-row catalogue is measured on its head)


def text_margin(view: QAbstractItemView) -> int:
    """Pixels a cell keeps free on each side of its text (Qt's item text margin)."""
    style = view.style()
    return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1


def _numeric(model: Any, col: int, row: int) -> bool:
    align = model.index(row, col).data(Qt.ItemDataRole.TextAlignmentRole)
    return align is not None and bool(int(align) & int(Qt.AlignmentFlag.AlignRight))


def _advance(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0)


def cell_text_width(
    view: QAbstractItemView, row: int, col: int, model: Any = None, margin: int | None = None
) -> int:
    """Width the text of cell (row, col) needs, margins included (0 for an empty cell)."""
    idx = (model or view.model()).index(row, col)
    text = idx.data(Qt.ItemDataRole.DisplayRole)
    if text is None or text == "":
        return 0
    font = idx.data(Qt.ItemDataRole.FontRole)
    metrics = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
    pad = 2 * (text_margin(view) if margin is None else margin) + 2
    return _advance(metrics, str(text)) + pad


def _source(model: Any) -> Any:
    """The model under any filter/sort proxies: measuring there skips the proxies' mapping
    (the columns are the same; which rows are sampled does not matter)."""
    while isinstance(model, QAbstractProxyModel) and model.sourceModel() is not None:
        model = model.sourceModel()
    return model


def header_width(view: QTableView, col: int) -> int:
    header = view.horizontalHeader()
    text = view.model().headerData(col, Qt.Orientation.Horizontal) or ""
    style = header.style()
    # No room is kept for a sort arrow: it shows on one column at a time, and a header it
    # squeezes still says everything in its tooltip.
    pad = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 8
    return _advance(header.fontMetrics(), str(text)) + pad


def header_height(view: QTableView) -> int:
    """Height the horizontal header needs for its tallest (multi-line) label; the header's own
    size hint is cached and can lag a model reset that made a label two lines tall."""
    header = view.horizontalHeader()
    model = view.model()
    lines = max(
        (
            str(model.headerData(c, Qt.Orientation.Horizontal) or "").count("\n") + 1
            for c in range(model.columnCount())
        ),
        default=1,
    )
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    need = header.fontMetrics().lineSpacing() * lines + 2 * margin + 2
    return max(header.sizeHint().height(), need)


def column_need(
    view: QTableView, col: int, rows: int = SAMPLE_ROWS, cache: dict[Any, int] | None = None
) -> tuple[int, bool]:
    """(width the header and the first ``rows`` cells need, whether the column holds numbers).

    A model with ``display_cells(col, rows)`` (the small tables' base model) hands over its
    texts and fonts directly: a problems list re-fitted after every edit then costs no
    ``QModelIndex`` per cell. ``cache`` keeps text advances between fits (keyed by font).
    """
    model = _source(view.model())
    n = min(model.rowCount(), rows)
    need = header_width(view, col)
    numeric = n > 0 and _numeric(model, col, 0)
    margin = text_margin(view)
    cells = getattr(model, "display_cells", None)
    if cells is None:
        for r in range(n):
            need = max(need, cell_text_width(view, r, col, model, margin))
        return need, numeric
    pad = 2 * margin + 2
    widths = {} if cache is None else cache
    view_font = view.font().key()
    for text, font in cells(col, n):
        if text is None or text == "":
            continue
        text = str(text)
        font_key = font.key() if isinstance(font, QFont) else view_font
        width = widths.get((font_key, text))
        if width is None:
            metrics = QFontMetrics(font) if isinstance(font, QFont) else view.fontMetrics()
            width = widths[(font_key, text)] = _advance(metrics, text)
        need = max(need, width + pad)
    return need, numeric


class ColumnFitter(QObject):
    """Keeps ``view``'s columns fitted to header and content (see the module docstring)."""

    def __init__(
        self,
        view: QTableView,
        *,
        elastic: int | None = None,
        elastic_min: int = 120,
        cap: int = TEXT_CAP,
        caps: dict[int, int] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.elastic = elastic
        self.elastic_min = elastic_min
        self.cap = cap
        self.caps = dict(caps or {})
        self._needs: dict[int, int] = {}
        self._advances: dict[Any, int] = {}  # (font key, text) -> px, kept across fits
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.fit)
        model = view.model()
        source = _source(model)
        # A reset re-measures at once (views sized from column widths read them right after);
        # row inserts come in bursts and are measured once the burst is over. What is measured
        # is the source model, so only its own changes count: a filter/sort proxy re-filtering
        # after an edit (layoutChanged, rows in or out) changes nothing measured, and refitting
        # then cost a full measure per keystroke.
        for sig in (model.modelReset, model.headerDataChanged, source.layoutChanged):
            sig.connect(self._now)
        if source is not model:
            source.modelReset.connect(self._now)
        source.rowsInserted.connect(self._later)
        source.dataChanged.connect(self._grow)
        view.viewport().installEventFilter(self)
        self.fit()

    def _now(self, *_args: Any) -> None:
        self.fit()

    def _later(self, *_args: Any) -> None:
        self._timer.start(0)

    def fit(self) -> None:
        """Measure every column again and set its width."""
        self._timer.stop()
        view = self.view
        self._needs = {}
        if len(self._advances) > 20_000:
            self._advances.clear()
        for c in range(view.model().columnCount()):
            need, numeric = column_need(view, c, cache=self._advances)
            if not numeric:
                need = min(need, self.caps.get(c, self.cap))
            self._needs[c] = max(need, MIN_WIDTH)
            if c != self.elastic:
                view.setColumnWidth(c, self._needs[c])
        self._fit_elastic()

    def _grow(self, top_left: Any, bottom_right: Any, roles: Any = ()) -> None:
        if roles and Qt.ItemDataRole.DisplayRole not in roles:
            return
        view = self.view
        model = top_left.model()  # the source model (see __init__)
        for c in range(top_left.column(), bottom_right.column() + 1):
            need = max(
                (
                    cell_text_width(view, r, c, model)
                    for r in range(top_left.row(), bottom_right.row() + 1)
                ),
                default=0,
            )
            if not _numeric(model, c, top_left.row()):
                need = min(need, self.caps.get(c, self.cap))
            if need > self._needs.get(c, 0):
                self._needs[c] = need
                if c == self.elastic:
                    self._fit_elastic()
                else:
                    view.setColumnWidth(c, need)

    def _fit_elastic(self) -> None:
        c = self.elastic
        if c is None or c >= self.view.model().columnCount():
            return
        others = sum(self.view.columnWidth(i) for i in self._needs if i != c)
        room = self.view.viewport().width() - others
        need = self._needs.get(c, self.elastic_min)
        self.view.setColumnWidth(c, max(room, min(self.elastic_min, need)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.elastic is not None:
            self._fit_elastic()
        return False


def fit_table(view: QTableView, **kw: Any) -> ColumnFitter:
    """Fit ``view``'s columns now and whenever its model changes; returns the fitter. Every
    fitted table also gets 复制 / Ctrl+C (``table_copy.install_copy``)."""
    from workbench.ui.table_copy import install_copy

    install_copy(view)
    return ColumnFitter(view, **kw)


def visible_rows(view: QTableView) -> range:
    """Rows at least partly in the viewport (all rows of a view never shown: it has no size)."""
    n = view.model().rowCount()
    if not view.isVisible():
        return range(n)
    first = view.rowAt(0)
    last = view.rowAt(view.viewport().height() - 1)
    return range(max(first, 0), (last if last >= 0 else n - 1) + 1)


def unreadable_cells(view: QTableView) -> list[tuple[int, int, str]]:
    """Visible cells whose text is wider than their column and whose tooltip lacks it.

    Headers count too (row -1). An empty list means the table is readable: everything fits, or
    hovering shows what was cut.
    """
    model = view.model()
    out: list[tuple[int, int, str]] = []
    for c in range(model.columnCount()):
        if view.isColumnHidden(c):
            continue
        width = view.columnWidth(c)
        header = str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        tip = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        if header_width(view, c) > width and header not in str(tip or ""):
            out.append((-1, c, header))
        for r in visible_rows(view):
            if cell_text_width(view, r, c) <= width:
                continue
            idx = model.index(r, c)
            text = str(idx.data(Qt.ItemDataRole.DisplayRole))
            if text not in str(idx.data(Qt.ItemDataRole.ToolTipRole) or ""):
                out.append((r, c, text))
    return out
