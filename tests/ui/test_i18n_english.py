"""The English UI reads as English: no Chinese punctuation, "..." for an ellipsis (a CJK font's "…"
is centred like "⋯"), and sectors by their English names."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.assumptions import SECTOR_DEFAULTS
from workbench.core.sectors import SECTOR_EN, sector_label
from workbench.io.project_file import load
from workbench.ui import i18n

# CJK symbols and punctuation, full-width forms, the midline ellipsis.
CJK_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uffef\u22ef]")
UI = Path(__file__).parents[2] / "workbench" / "ui"


@pytest.fixture
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("zh")


def test_english_strings_have_no_chinese_punctuation(english):
    for key, (_zh, en) in i18n.STRINGS.items():
        assert not CJK_PUNCT.search(en), key
        assert "…" not in i18n.english(en), key


def test_english_ellipsis_is_three_dots(english):
    assert i18n.tr("act.open") == "Open..."
    assert i18n.pick("浏览…", "Browse…") == "Browse..."
    i18n.set_language("zh")
    assert i18n.tr("act.open") == "打开…"


def _english_literals(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and len(node.args) == 2:
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name == "pick":
                for n in ast.walk(node.args[1]):
                    if isinstance(n, ast.Constant) and isinstance(n.value, str):
                        yield node.lineno, n.value


def test_english_arguments_of_pick_have_no_chinese_punctuation():
    """Every ``pick(zh, en)`` in the UI code: the English half uses English punctuation."""
    found = []
    for f in sorted(UI.rglob("*.py")):
        for line, text in _english_literals(ast.parse(f.read_text(encoding="utf-8"))):
            if CJK_PUNCT.search(text):
                found.append(f"{f.name}:{line} {text!r}")
    assert not found


def test_every_known_sector_has_an_english_name():
    sample = load(SAMPLE_PROJECT)
    names = set(SECTOR_DEFAULTS) | set(sample.sectors) | {c.sector for c in sample.candidates}
    assert names <= set(SECTOR_EN)
    assert sector_label("电子信息", "zh") == "电子信息"
    assert sector_label("新兴产业", "en") == "新兴产业"  # typed by a planner: shown as typed


def test_english_catalogue_shows_sectors_in_english(qtbot, settings, session):
    from PySide6.QtCore import Qt

    from workbench.ui.models.candidates import CandidateTableModel

    i18n.set_language("en")
    model = CandidateTableModel(session)
    col = model.column_of("sector")
    cand = session.project.candidates[0]
    assert model.index(0, col).data() == SECTOR_EN[cand.sector]
    assert model.index(0, col).data(Qt.ItemDataRole.EditRole) == cand.sector  # the stored key
    assert (SECTOR_EN[cand.sector], cand.sector) in model.choices("sector")


def test_sector_parameters_are_labelled_in_english():
    from workbench.core.assumptions import default_assumptions

    a = default_assumptions()["sector.va_ratio.电子信息"]
    assert "Electronics and IT" in a.label_en


def test_a_string_key_defined_in_two_topic_modules_is_refused() -> None:
    """Two modules giving the same key would let one text silently replace the other."""
    from workbench.ui.strings import merged

    assert merged({"a": ("甲", "A")}, {"b": ("乙", "B")}) == {"a": ("甲", "A"), "b": ("乙", "B")}
    with pytest.raises(KeyError, match="'a'"):
        merged({"a": ("甲", "A")}, {"a": ("另一个", "Other")})
