"""Resolving region names as yearbooks print them, and refusing to guess."""

from __future__ import annotations

import pytest

from workbench.core.enums import Level, Membership, MetroRole
from workbench.core.gazetteer import default_gazetteer, normalize_name, short_name


@pytest.fixture(scope="module")
def g():
    return default_gazetteer()


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("成都市", "510100"),
        ("成都", "510100"),
        ("自　贡", "510300"),  # full-width space padding
        ("攀枝花", "510400"),
        ("  渝北区", "500112"),  # indentation
        ("渝北", "500112"),
        ("#都江堰市", "510181"),  # yearbook "of which" marker
        ("其中：双流区", "510116"),
        ("郫县", "510117"),  # renamed 郫都区 in 2016
        ("会理县", "513402"),  # became 会理市 in 2021 (old code 513425)
        ("开县", "500154"),
        ("阿坝州", "513200"),
        ("石柱县", "500240"),
        ("重庆", "500000"),
        ("广州", "440100"),  # national major-city tables
        ("ＡＢ成都市"[2:], "510100"),
        ("綦江区(含万盛)", "500110"),
    ],
)
def test_lookup_resolves_messy_names(g, printed, code):
    res = g.lookup(printed)
    assert res.ok, (printed, res)
    assert res.code == code


def test_same_name_in_two_provinces_prefers_sichuan_chongqing_but_says_so(g):
    res = g.lookup("江北区")
    assert res.code == "500105"
    assert res.matched_by == "scope"
    assert "330205" in res.candidates  # 宁波江北区 is reported, not hidden


def test_scope_restricts_to_a_province(g):
    assert g.lookup("江北区", within="330000").code == "330205"
    assert g.lookup("双桥区", within="500000").code == "500111"


def test_former_unit_shadowed_by_a_current_one_elsewhere_is_ambiguous(g):
    res = g.lookup("双桥区")  # 承德双桥区 today; 重庆双桥区 merged into 大足区 in 2011
    assert res.code is None
    assert set(res.candidates) == {"130802", "500111"}


def test_ambiguous_short_name_is_not_guessed(g):
    res = g.lookup("阿坝")  # prefecture 阿坝州 or county 阿坝县
    assert res.code is None
    assert set(res.candidates) == {"513200", "513231"}
    assert len(res.suggestions) == 2


def test_unknown_name_gives_suggestions(g):
    res = g.lookup("成都是")
    assert not res.ok
    assert res.suggestions


def test_aggregate_labels_do_not_resolve(g):
    for label in ("全省", "合计", "主城都市区", "市辖区"):
        assert not g.lookup(label).ok


def test_normalize_and_short_names():
    assert normalize_name("　自　贡　") == "自贡"
    assert normalize_name("ＡＢＣ１２３") == "ABC123"
    assert short_name("阿坝藏族羌族自治州") == "阿坝"
    assert short_name("忠县") == "忠县"
    assert short_name("渝北区") == "渝北"


def test_project_regions_cover_both_provinces_with_membership(g):
    regions = {r.code: r for r in g.project_regions()}
    assert regions["510100"].level is Level.PREFECTURE
    assert regions["510100"].cce is Membership.FULL
    assert regions["510104"].chengdu_metro is MetroRole.CORE
    assert regions["500103"].chongqing_metro is True
    assert regions["500103"].cq_grouping == "主城都市区-中心城区"
    assert regions["500154"].cce is Membership.PARTIAL  # 开州: 部分地区
    assert regions["513200"].cce is Membership.NO  # 阿坝 is outside the circle
    counties = [r for r in regions.values() if r.level is Level.COUNTY]
    assert len(counties) == 221
    chongqing_members = [
        r for r in counties if r.code.startswith("50") and r.cce is not Membership.NO
    ]
    assert len(chongqing_members) == 29  # 27 full + 开州, 云阳 partial
    assert all(r.lat and r.lon for r in counties)
    assert "郫县" in regions["510117"].aliases


def test_adjacency_is_symmetric_data_with_known_neighbours(g):
    pairs = {(a.code_a, a.code_b) for a in g.adjacency("county")}
    assert ("500101", "500154") in pairs or ("500154", "500101") in pairs  # 万州–开州
    units = g.adjacency("planning_unit")
    assert any({a.code_a, a.code_b} == {"510100", "510600"} for a in units)  # 成都–德阳
    assert all(a.shared_border_km > 0 for a in units)


def test_every_adjacency_code_is_a_current_region(g):
    codes = {r.code for r in g.project_regions()}
    for a in g.adjacency("county") + g.adjacency("planning_unit"):
        assert a.code_a in codes and a.code_b in codes, a


def test_indexed_suggestions_equal_difflib_and_cost_far_less() -> None:
    """Issue 10 point 9: unknown labels are matched through a character index, with exactly the
    suggestions a full difflib scan gives (the cost is printed by benchmarks/bench_import.py)."""
    import difflib
    import random

    g = default_gazetteer()
    names = g._names
    rnd = random.Random(7)
    chars = "".join(sorted(set("".join(names))))
    queries = []
    for n in rnd.sample(names, 150):
        q = list(n)
        for _ in range(rnd.randint(1, 3)):
            i = rnd.randrange(len(q) + 1)
            q.insert(i, rnd.choice(chars)) if rnd.random() < 0.5 or not q else q.pop(
                min(i, len(q) - 1)
            )
        queries.append("".join(q))
    queries += ["".join(rnd.choice(chars) for _ in range(rnd.randint(1, 9))) for _ in range(100)]
    full = [difflib.get_close_matches(q, names, n=5, cutoff=0.5) for q in queries]
    assert [g._near.close(q, 5, 0.5) for q in queries] == full
    assert sum(map(bool, full)) > 100  # most queries do have suggestions to compare
