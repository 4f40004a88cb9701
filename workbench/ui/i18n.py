"""UI strings in Chinese (default) and English.

The language is chosen once at start-up from the settings (设置 → 语言 applies after a restart), so
widgets read their text when they are built and never need re-translating live. Keys are English
identifiers; a missing key is a bug and raises.
"""

from __future__ import annotations

from workbench.core.enums import Labelled
from workbench.core.sectors import sector_label
from workbench.ui.strings import STRINGS

__all__ = ["STRINGS", "english", "label", "language", "pick", "sector_name", "set_language", "tr"]

_lang = "zh"


def set_language(lang: str) -> None:
    """Choose the UI language for this run (called once at start-up)."""
    global _lang
    _lang = lang if lang in ("zh", "en") else "zh"


def language() -> str:
    return _lang


def english(text: str) -> str:
    """English text as shown: "…" becomes "...". The window's font list starts with Chinese fonts
    (see ``app.FONT_FAMILIES``), whose "…" is centred like "⋯" — "Open⋯" read as Chinese
    punctuation in the English UI. Three dots look the same in every font."""
    return text.replace("…", "...")


def pick(zh: str, en: str) -> str:
    """One of a bilingual pair in the current language: for labels that core data carries in both
    languages (projection vocabulary, enum labels), so no caller keeps its own language flag."""
    return zh if _lang == "zh" else english(en)


def tr(key: str, **fmt: object) -> str:
    zh, en = STRINGS[key]
    text = zh if _lang == "zh" else english(en)
    return text.format(**fmt) if fmt else text


def label(member: Labelled) -> str:
    """The label of an enum member in the UI language."""
    return member.label(_lang)


def sector_name(name: str) -> str:
    """A sector (stored by its Chinese name) in the UI language; see ``core.sectors``."""
    return sector_label(name, _lang)
