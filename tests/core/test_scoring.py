"""Weighted candidate scores on a hand-computed catalogue, without Qt.

A planner ranks candidates by this score: the weighted mean of the criteria a candidate has been
scored on, with unscored criteria left out (not counted as zero) and weights that are relative.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from workbench.core.enums import UnitType
from workbench.core.model import Candidate, Criterion, Project
from workbench.core.scoring import criteria_matrix, weighted_scores


def _cand(cid: str, **scores: float) -> Candidate:
    return Candidate(cid, cid, UnitType.TEAM, "510100", "软件", criteria=dict(scores))


@pytest.fixture
def project() -> Project:
    return Project(
        criteria=[
            Criterion("jobs", "就业", "jobs", weight=2.0),
            Criterion("tax", "税收", "tax", weight=1.0),
            Criterion("chain", "链条", "chain", weight=1.0),
        ],
        candidates=[
            _cand("full", jobs=90, tax=60, chain=30),
            _cand("no_tax", jobs=80, chain=40),
            _cand("tax_only", tax=50),
            _cand("unscored"),
            _cand("stray", jobs=10, other=100),  # a key that is no criterion counts for nothing
        ],
    )


def test_matrix_has_nan_where_a_candidate_lacks_a_criterion(project: Project) -> None:
    m = criteria_matrix(project)
    assert m.shape == (5, 3)
    np.testing.assert_array_equal(m[0], [90, 60, 30])
    np.testing.assert_array_equal(np.isnan(m[1]), [False, True, False])
    assert np.isnan(m[3]).all()
    np.testing.assert_array_equal(np.isnan(m[4]), [False, True, True])


def test_weighted_mean_of_the_scored_criteria(project: Project) -> None:
    s = weighted_scores(project)
    assert s[0] == pytest.approx((2 * 90 + 60 + 30) / 4)  # 67.5
    assert s[1] == pytest.approx((2 * 80 + 40) / 3)  # 66.67: tax left out, not counted as 0
    assert s[2] == pytest.approx(50.0)
    assert math.isnan(s[3])  # nothing scored: no score, shown blank
    assert s[4] == pytest.approx(10.0)


def test_weights_are_relative(project: Project) -> None:
    before = weighted_scores(project)
    for c in project.criteria:
        c.weight *= 7.5
    np.testing.assert_allclose(weighted_scores(project), before, equal_nan=True)


def test_changing_a_weight_reranks(project: Project) -> None:
    project.criteria[0].weight = 0.0  # jobs no longer counts
    s = weighted_scores(project)
    assert s[0] == pytest.approx((60 + 30) / 2)
    assert s[1] == pytest.approx(40.0)
    assert math.isnan(s[4])  # its only criterion now weighs nothing


def test_negative_weights_count_as_zero(project: Project) -> None:
    project.criteria[1].weight = -3.0
    s = weighted_scores(project)
    assert s[0] == pytest.approx((2 * 90 + 30) / 3)
    assert math.isnan(s[2])


def test_all_zero_weights_or_no_criteria_give_no_score(project: Project) -> None:
    for c in project.criteria:
        c.weight = 0.0
    assert np.isnan(weighted_scores(project)).all()
    project.criteria = []
    s = weighted_scores(project)
    assert s.shape == (5,) and np.isnan(s).all()


def test_a_cached_matrix_is_used_as_given(project: Project) -> None:
    """The catalogue passes its cached matrix; the scores must come from it, not a fresh read."""
    m = criteria_matrix(project)
    m[3] = [100, 100, 100]
    s = weighted_scores(project, m)
    assert s[3] == pytest.approx(100.0)
    assert s[0] == pytest.approx(67.5)
