"""Page and type of the draft, after GB/T 9704 (党政机关公文格式), set on the document's styles.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (a 156 × 225 mm type area); title
in 方正小标宋简体 二号, level-1 headings 黑体, level-2 楷体, body 仿宋 三号 (16 pt) at a fixed line
pitch of 28.95 pt (22 lines a page), first lines indented two characters.

Chinese type is chosen by the *East Asian* font of a run (``w:eastAsia``); Word, WPS and
LibreOffice all pick CJK glyphs from it and ignore the ASCII font for them, so every style names
its Chinese face there. Where a machine lacks a face (方正小标宋 is not on stock Windows), the font
table (``word/fontTable.xml``) names its fallback (``w:altName``, charset GB2312 and a generic
family), which WPS and LibreOffice read; fontconfig substitutes the rest on Linux.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TITLE_FONT = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体"
FANG = "仿宋"
SONG = "宋体"
LATIN = "Times New Roman"
# Each face the draft names -> (fallback face, family) declared in the font table.
FALLBACKS: dict[str, tuple[str, str]] = {
    TITLE_FONT: ("华文中宋", "roman"),  # then 宋体 by the family
    HEI: ("SimHei", "modern"),
    KAI: ("KaiTi", "modern"),
    FANG: ("FangSong", "modern"),
    SONG: ("SimSun", "roman"),
}


@dataclass(frozen=True)
class Look:
    """Sizes in points, per language: the Chinese draft follows GB/T 9704; the English one
    keeps the page and headings but sets body text at a size English documents use."""

    body_pt: float
    line_pt: float
    title_pt: float
    h1_pt: float
    h2_pt: float
    table_pt: float
    first_indent_pt: float


LOOKS = {
    "zh": Look(16, 28.95, 22, 16, 16, 10.5, 32),
    "en": Look(12, 20, 20, 14, 13, 9, 0),
}


def set_run_fonts(rpr_parent, east_asia: str, latin: str = LATIN) -> None:
    """Name ``east_asia`` for CJK text and ``latin`` for the rest on a style's or run's rPr."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]  # a theme font would override the named face
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _style(doc, name: str, east_asia: str, size: float, bold: bool = False):
    st = doc.styles[name]
    st.font.size = Pt(size)
    st.font.bold = bold
    st.font.italic = False
    st.font.color.rgb = RGBColor(0, 0, 0)
    set_run_fonts(st.element, east_asia)
    return st


def setup(doc, lang: str) -> Look:
    look = LOOKS[lang]
    for section in doc.sections:
        page(section)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr, val in (("ascii", LATIN), ("hAnsi", LATIN), ("cs", LATIN), ("eastAsia", FANG)):
        fonts.set(qn(f"w:{attr}"), val)
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is not None:
        lang_el.set(qn("w:eastAsia"), "zh-CN")
        lang_el.set(qn("w:val"), "zh-CN" if lang == "zh" else "en-US")
    normal = _style(doc, "Normal", FANG, look.body_pt)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(look.line_pt)
    pf.space_after = Pt(0)
    pf.space_before = Pt(0)
    pf.first_line_indent = Pt(look.first_indent_pt)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, face, size, bold in (
        ("Title", TITLE_FONT, look.title_pt, False),
        ("Heading 1", HEI, look.h1_pt, lang == "en"),
        ("Heading 2", KAI, look.h2_pt, lang == "en"),
        ("Heading 3", FANG, look.body_pt, True),
    ):
        st = _style(doc, name, face, size, bold)
        st.paragraph_format.first_line_indent = Pt(0 if name == "Title" else look.first_indent_pt)
        st.paragraph_format.space_before = Pt(6)
        st.paragraph_format.space_after = Pt(6 if name != "Title" else 18)
        st.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        st.paragraph_format.line_spacing = Pt(max(look.line_pt, size * 1.5))
        st.paragraph_format.keep_with_next = True
    title = doc.styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ppr = title.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)  # the default template underlines its title
    caption = _style(doc, "Caption", HEI, look.table_pt + 1.5)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    for name in ("Header", "Footer"):
        _style(doc, name, SONG, 14)
    _theme_lang(doc)
    return look


def page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    margins(section)


def margins(section) -> None:
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25)


def _theme_lang(doc) -> None:
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def declare_fallbacks(doc) -> None:
    """Add each face with its ``w:altName`` fallback to the font table (WPS, LibreOffice)."""
    from lxml import etree

    part = next(
        (p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"),
        None,
    )
    if part is None:
        return
    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for face, (alt, family) in FALLBACKS.items():
        font = etree.SubElement(root, f"{{{w}}}font")
        font.set(f"{{{w}}}name", face)
        for tag, val in (
            ("altName", alt),
            ("charset", "86"),
            ("family", family),
            ("pitch", "variable"),
        ):
            etree.SubElement(font, f"{{{w}}}{tag}").set(f"{{{w}}}val", val)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
