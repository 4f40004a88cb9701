"""Weighted candidate scores (0–100 分) from the project's criteria weights.

A candidate's score is the weighted mean of the criteria it has been scored on: a criterion
nobody has scored yet is left out of that candidate's mean rather than counted as zero, so an
incomplete dossier is not silently punished (it shows fewer scored criteria instead). Weights are
relative; all-zero weights give no score (NaN), which the window shows as blank.
"""

from __future__ import annotations

import numpy as np

from workbench.core.model import Project


def criteria_matrix(project: Project) -> np.ndarray:
    """Scores as a (candidates × criteria) array, NaN where a candidate lacks a criterion."""
    keys = [c.key for c in project.criteria]
    out = np.full((len(project.candidates), len(keys)), np.nan)
    for i, cand in enumerate(project.candidates):
        for j, k in enumerate(keys):
            v = cand.criteria.get(k)
            if v is not None:
                out[i, j] = v
    return out


def weighted_scores(project: Project, matrix: np.ndarray | None = None) -> np.ndarray:
    """One score per candidate, in candidate order. Pass ``matrix`` to reuse a cached one."""
    m = criteria_matrix(project) if matrix is None else matrix
    w = np.array([max(c.weight, 0.0) for c in project.criteria], dtype=float)
    if m.size == 0:
        return np.full(len(project.candidates), np.nan)
    present = ~np.isnan(m)
    wsum = (present * w).sum(axis=1)
    num = np.where(present, m, 0.0) @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(wsum > 0, num / np.where(wsum > 0, wsum, 1.0), np.nan)
