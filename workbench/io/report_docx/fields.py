"""Word fields the draft needs: the page number in the footer and the table of contents.

A field is begin / instruction / separate / result / end runs. The result is what a reader sees
until the field is updated: for the contents it is the static list of headings, so LibreOffice
(which shows the stored result) and a viewer that updates nothing still show the chapters, and
Word, told by ``w:updateFields`` in the settings, rebuilds it with page numbers on opening.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

# Settings children that must follow w:updateFields (schema order of CT_Settings).
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
)


def _fld_char(run, kind: str) -> None:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    run._r.append(el)


def _instr(run, text: str) -> None:
    el = OxmlElement("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = f" {text} "
    run._r.append(el)


def page_number_footer(section, lang: str) -> None:
    """「— 3 —」 centred in the footer (GB/T 9704 puts the number in dashes); "Page 3" in English."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    footer = section.footer
    para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    para.paragraph_format.first_line_indent = Pt(0)
    para.add_run("— " if lang == "zh" else "Page ")
    run = para.add_run()
    _fld_char(run, "begin")
    _instr(para.add_run(), "PAGE")
    _fld_char(para.add_run(), "separate")
    para.add_run("1")
    _fld_char(para.add_run(), "end")
    if lang == "zh":
        para.add_run(" —")


def table_of_contents(doc, entries: list[tuple[int, str]]) -> None:
    """A TOC field over heading levels 1–2 whose stored result is ``entries`` (level, text)."""
    if not entries:
        entries = [(1, "")]
    paras = []
    for level, text in entries:
        p = doc.add_paragraph(style="Normal")
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.left_indent = Pt(0 if level == 1 else 32)
        paras.append((p, text))
    first = paras[0][0]
    begin = first.add_run()
    _fld_char(begin, "begin")
    _instr(first.add_run(), 'TOC \\o "1-2" \\h \\z \\u')
    _fld_char(first.add_run(), "separate")
    for p, text in paras:
        p.add_run(text)
    _fld_char(paras[-1][0].add_run(), "end")


def update_fields_on_open(doc) -> None:
    settings = doc.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    el = OxmlElement("w:updateFields")
    el.set(qn("w:val"), "true")
    for tag in _AFTER_UPDATE_FIELDS:
        anchor = settings.find(qn(f"w:{tag}"))
        if anchor is not None:
            anchor.addprevious(el)
            return
    settings.append(el)
