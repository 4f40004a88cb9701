"""Footnote marks on printed region names: dropped for lookup, kept everywhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.core.gazetteer import (
    default_gazetteer,
    has_footnote,
    name_key,
    normalize_name,
    strip_footnote,
)

MARKED = [
    "德阳市①",
    "德阳市⑳",
    "德阳市⑴",
    "德阳市(1)",
    "德阳市（1）",
    "德阳市*",
    "德阳市＊",
    "德阳市※",
    "德阳市△",
    "德阳市▲",
    "德阳市†",
    "德阳市¹",
    "德阳市²³",
    "德阳市[1]",
    "德阳市［1］",
    "德阳市注1",
    "德阳市注①",
    "德阳市2",
    "德阳市２",
    "德阳市❶",
    "德阳市 ①",
    "德阳市①*",
    "德阳市(含旌阳区)①",
    "德阳市①(含旌阳区)",
]


@pytest.mark.parametrize("printed", MARKED)
def test_a_footnote_mark_is_no_part_of_the_name(printed: str) -> None:
    assert name_key(printed) == "德阳市"
    assert has_footnote(printed)
    got = default_gazetteer().lookup(printed)
    assert (got.code, got.query) == ("510600", printed)  # the query stays as printed


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("510681", "510681"),  # a division code printed in the name column
        ("2022", "2022"),
        ("ＡＢＣ１２３", "ABC123"),  # Latin letters keep their digits
        ("Region 1", "Region1"),
        ("德阳市", "德阳市"),
        ("第1区", "第1区"),  # a digit inside a label is not a mark after it
        ("#其中：锦江区", "锦江区"),
        ("", ""),
    ],
)
def test_text_that_is_not_a_marked_name_keeps_its_digits(text: str, key: str) -> None:
    assert name_key(text) == key
    assert not has_footnote(text)


def test_normalize_name_is_unchanged_for_names_that_are_not_places() -> None:
    # a project's candidates are told apart by normalize_name: 物流园1 and 物流园2 stay two
    assert normalize_name("物流园2") == "物流园2"
    assert normalize_name("物流园1") != normalize_name("物流园2")
    assert strip_footnote("全　省①") == "全省"


def test_a_mark_does_not_hide_the_parents_a_remark_names() -> None:
    got = default_gazetteer().lookup("江北区（浙江省·宁波市）①")
    assert got.code == "330205"


def test_the_cached_index_is_keyed_on_the_module_that_builds_it(monkeypatch) -> None:
    """The stored index is made by ``name_key``: its key covers gazetteer.py (and a format
    bumped with the footnote marks), so an index built by the old normal form is never read."""
    from workbench import derived_cache
    from workbench.bundled import GAZETTEER_DIR
    from workbench.core import gazetteer

    seen: dict[str, object] = {}

    def spy(parts: tuple[object, ...], files: list[Path]) -> str:
        seen["parts"], seen["files"] = parts, [Path(f).resolve() for f in files]
        return "k"

    monkeypatch.setattr(derived_cache, "key_of", spy)
    assert gazetteer._cache_key(GAZETTEER_DIR) == "k"
    assert Path(gazetteer.__file__).resolve() in seen["files"]
    assert seen["parts"] == ("gazetteer", gazetteer._CACHE_FORMAT) and gazetteer._CACHE_FORMAT >= 3
