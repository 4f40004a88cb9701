"""帮助 › 使用指南: the bundled user guide (Markdown with screenshots) in a QTextBrowser.

The guide is ``workbench/guide/{zh,en}.md`` with images under ``img/`` (made by
``python -m workbench.ui.screenshots --guide``, so they never go stale); links between sections
stay inside the browser, links to the web open in the system browser.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from workbench.bundled import GUIDE_DIR
from workbench.ui.i18n import pick


def guide_file(lang: str):
    """The guide in ``lang``, else the Chinese one (the guide is written in Chinese first)."""
    path = GUIDE_DIR / f"{lang}.md"
    return path if path.is_file() else GUIDE_DIR / "zh.md"


class _Browser(QTextBrowser):
    resized = Signal()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None, lang: str) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(pick("使用指南", "User guide"))
        self.resize(900, 700)
        lay = QVBoxLayout(self)
        self.browser = _Browser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(GUIDE_DIR)])
        path = guide_file(lang)
        if path.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(path)))
        else:
            self.browser.setPlainText(
                pick(f"找不到使用指南：{path}", f"The user guide is missing: {path}")
            )
        lay.addWidget(self.browser)
        self._fitted = 0
        self.browser.resized.connect(self.fit_images)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def fit_images(self) -> None:
        """Scale the pictures to the browser's width (screenshots are wider than the dialog)."""
        from PySide6.QtGui import QTextCursor, QTextDocument

        width = max(self.browser.viewport().width() - 24, 200)
        if width == self._fitted:
            return
        self._fitted = width
        doc = self.browser.document()
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                fmt = frag.charFormat()
                if fmt.isImageFormat():
                    img_fmt = fmt.toImageFormat()
                    url = self.browser.source().resolved(QUrl(img_fmt.name()))
                    image = doc.resource(QTextDocument.ResourceType.ImageResource.value, url)
                    natural = image.width() if image is not None and hasattr(image, "width") else 0
                    if natural:
                        img_fmt.setWidth(min(natural, width))
                        cursor = QTextCursor(doc)
                        cursor.setPosition(frag.position())
                        cursor.setPosition(
                            frag.position() + frag.length(), QTextCursor.MoveMode.KeepAnchor
                        )
                        cursor.setCharFormat(img_fmt)
                it += 1
            block = block.next()
