"""Write a ``core.report.Report`` to Word (.docx) with python-docx: ``write_report``.

Layout only: the words and numbers are the report's (``workbench.core.report``); this package
sets the page and type (``styles``), the page numbers and contents (``fields``) and places each
block. Figures arrive as ``Figure`` (caption, PNG bytes, unit, chapter) from whoever drew them —
the window's plots, the map, the tornado — and go where their chapter's ``FigureSlot`` is (at
the chapter's end if it has none); they are numbered in order and their units are listed in 附注.
python-docx is imported here only, never at window start-up.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from workbench.core.report.model import Figure, FigureSlot, Paragraph, Report, Section, Table

WIDE_COLUMNS = 8  # tables with more columns go to a landscape page (the annex)
FIGURE_WIDTH_MM = 150  # within the 156 mm type area


class _Writer:
    def __init__(self, report: Report, figures: Sequence[Figure]) -> None:
        import docx

        from workbench.io.report_docx import fields, styles

        self.report = report
        self.f = report.labels
        self.doc = docx.Document()
        self.look = styles.setup(self.doc, report.lang)
        styles.declare_fallbacks(self.doc)
        fields.update_fields_on_open(self.doc)
        fields.page_number_footer(self.doc.sections[0], report.lang)
        self.doc.sections[0].different_first_page_header_footer = True  # no number on the cover
        self.figures = list(figures)
        self.slots = _slotted(report)
        self.placed: list[tuple[int, Figure]] = []
        self.n_tables = 0

    # ------------------------------------------------------------------ blocks
    def paragraph(self, block: Paragraph) -> None:
        from docx.shared import Pt

        p = self.doc.add_paragraph(block.text)
        if block.style == "note":
            for run in p.runs:
                run.font.size = Pt(self.look.body_pt - 2)
        elif block.style == "bullet":
            p.paragraph_format.first_line_indent = Pt(self.look.first_indent_pt)
            p.runs[0].text = (
                "（" + str(self._bullet()) + "）" if self.report.lang == "zh" else "– "
            ) + block.text

    def _bullet(self) -> int:
        self._bullets = getattr(self, "_bullets", 0) + 1
        return self._bullets

    def table(self, block: Table) -> None:
        from docx.shared import Pt

        from workbench.io.report_docx.tables import table_element

        self.n_tables += 1
        unit = self._unit(block.unit)
        cap = self.doc.add_paragraph(
            f"{self.f['table']} {self.n_tables}  {block.title}{unit}", style="Caption"
        )
        cap.paragraph_format.keep_with_next = True
        size = self.look.table_pt - (1.5 if len(block.columns) > WIDE_COLUMNS else 0)
        section = self.doc.sections[-1]
        width = int((section.page_width - section.left_margin - section.right_margin) / 635)
        tbl = table_element(block.columns, block.rows, block.total, size, width)  # 635 EMU a twip
        body = self.doc.element.body
        last = body[-1]
        if last.tag.endswith("}sectPr"):
            last.addprevious(tbl)
        else:
            body.append(tbl)
        if block.note:
            note = self.doc.add_paragraph(block.note)
            for run in note.runs:
                run.font.size = Pt(self.look.table_pt)

    def _unit(self, unit: str) -> str:
        if not unit:
            return ""
        if self.report.lang == "zh":
            return f"（{self.f['unit']}：{unit}）"
        return f" ({self.f['unit'].lower()}: {unit})"

    def figure(self, fig: Figure) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        n = len(self.placed) + 1
        self.placed.append((n, fig))
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.line_spacing_rule = None
        p.paragraph_format.line_spacing = 1.0
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(fig.png), width=Mm(FIGURE_WIDTH_MM))
        caption = f"{self.f['figure']} {n}  {fig.caption}{self._unit(fig.unit)}"
        self.doc.add_paragraph(caption, style="Caption")

    # ------------------------------------------------------------------ structure
    def section(self, s: Section, level: int = 1) -> None:
        self.doc.add_heading(s.heading, level)
        self._bullets = 0
        for block in s.blocks:
            if isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, FigureSlot):
                for fig in self._figures_for(block.chapter):
                    self.figure(fig)
        for sub in s.subsections:
            self.section(sub, level + 1)
        if s.key not in self.slots:
            for fig in self._figures_for(s.key):
                self.figure(fig)
        if s.key == "notes":
            self.figure_units()

    def _figures_for(self, chapter: str) -> list[Figure]:
        known = {s.key for s in self.report.sections}
        return [
            f for f in self.figures if (f.chapter if f.chapter in known else "effects") == chapter
        ]

    def figure_units(self) -> None:
        self.doc.add_heading(self.f["figure_units"], 2)
        if not self.placed:
            self.doc.add_paragraph(self.f["no_figures"])
        for n, fig in self.placed:
            self.doc.add_paragraph(
                f"{self.f['figure']} {n}  {fig.caption}：{fig.unit or '—'}"
                if self.report.lang == "zh"
                else f"{self.f['figure']} {n}  {fig.caption}: {fig.unit or '—'}"
            )

    def cover(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
        from docx.shared import Pt

        for _ in range(4):
            self.doc.add_paragraph()
        self.doc.add_paragraph(self.report.title, style="Title")
        sub = self.doc.add_paragraph(self.report.subtitle, style="Title")
        for run in sub.runs:
            run.font.size = Pt(self.look.title_pt - 4)
        for _ in range(3):
            self.doc.add_paragraph()
        for line in self.report.cover_lines:
            p = self.doc.add_paragraph(line)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.first_line_indent = Pt(0)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def contents(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
        from docx.shared import Pt

        from workbench.io.report_docx import fields

        head = self.doc.add_paragraph(self.f["toc"])
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head.paragraph_format.first_line_indent = Pt(0)
        for run in head.runs:
            run.font.size = Pt(self.look.h1_pt)
            run.font.bold = True
        entries = []
        for s in self.report.sections:
            entries.append((1, s.heading))
            entries += [(2, sub.heading) for sub in s.subsections]
        fields.table_of_contents(self.doc, entries)
        hint = self.doc.add_paragraph(self.f["toc_hint"])
        for run in hint.runs:
            run.font.size = Pt(self.look.table_pt)
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def landscape(self) -> None:
        """The annex and notes on landscape pages: their tables have a column per year."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        from workbench.io.report_docx import styles

        sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.different_first_page_header_footer = False  # numbered from its first page
        sec.page_width, sec.page_height = styles.Mm(297), styles.Mm(210)
        sec.top_margin, sec.bottom_margin = styles.Mm(28), styles.Mm(26)
        sec.left_margin, sec.right_margin = styles.Mm(37), styles.Mm(35)

    def write(self) -> bytes:
        self.cover()
        self.contents()
        for s in self.report.sections:
            if s.key == "annex":
                self.landscape()
            self.section(s)
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


def _slotted(report: Report) -> set[str]:
    out: set[str] = set()

    def walk(s: Section) -> None:
        out.update(b.chapter for b in s.blocks if isinstance(b, FigureSlot))
        for sub in s.subsections:
            walk(sub)

    for s in report.sections:
        walk(s)
    return out


def report_bytes(report: Report, figures: Iterable[Figure] = ()) -> bytes:
    """The .docx file's bytes."""
    return _Writer(report, list(figures)).write()


def write_report(
    report: Report, path: str | os.PathLike[str], figures: Iterable[Figure] = ()
) -> Path:
    """Write the draft to ``path`` atomically (a temp file in the same folder, then replace), so
    an open older draft is never left half-written."""
    data = report_bytes(report, figures)
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".docx", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
