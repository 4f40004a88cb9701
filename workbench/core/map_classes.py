"""Class breaks for a choropleth: quantiles, natural breaks (Jenks) or equal intervals.

Kept apart from the map's data so that the renderer (which colour a class gets) and the scheme
(where the breaks fall) change independently, as QGIS keeps them. Natural breaks are computed
here (Fisher–Jenks by dynamic programming over the sorted values, O(k·n²) — n is at most the 59
planning units, so well under a millisecond); ``mapclassify`` is not needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

METHODS = {
    "quantile": ("分位数", "Quantiles"),
    "natural": ("自然断点", "Natural breaks"),
    "equal": ("等间距", "Equal intervals"),
}
# Sequential blues (light = low) for values of one sign; diverging brown–teal around 0 when a
# choropleth has both losses and gains (a net uplift may be negative).
SEQUENTIAL = ("#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b")
DIVERGING_NEG = ("#8c510a", "#bf812d", "#dfc27d", "#f6e8c3")
DIVERGING_POS = ("#c7eae5", "#80cdc1", "#35978f", "#01665e")
NO_DATA = "#e0e0e0"


@dataclass(frozen=True)
class Classes:
    # k+1 ascending edges; class i is (breaks[i], breaks[i+1]], the first closed below (as
    # mapclassify counts them); 0 where classes split at it (losses | gains) opens the gains
    breaks: np.ndarray
    colours: tuple[str, ...]  # one per class
    method: str

    @property
    def k(self) -> int:
        return len(self.colours)

    def index(self, values: np.ndarray) -> np.ndarray:
        """Class of each value (-1: no data)."""
        v = np.asarray(values, dtype=float)
        out = np.full(v.shape, -1, dtype=int)
        ok = np.isfinite(v)
        if self.k and ok.any():
            idx = np.clip(np.searchsorted(self.breaks[1:-1], v[ok], side="left"), 0, self.k - 1)
            zero = np.flatnonzero(self.breaks[1:-1] == 0)
            if zero.size:  # a unit with nothing is not a loss
                idx[v[ok] == 0] = zero[0] + 1
            out[ok] = idx
        return out

    def colour_of(self, values: np.ndarray) -> list[str]:
        return [self.colours[i] if i >= 0 else NO_DATA for i in self.index(values)]

    def labels(self, fmt) -> list[str]:
        """One legend label per class, "a – b" formatted by ``fmt(number) -> str``."""
        b = self.breaks
        return [f"{fmt(b[i])} – {fmt(b[i + 1])}" for i in range(self.k)]


def breaks(values: np.ndarray, k: int, method: str) -> np.ndarray:
    """k+1 ascending class edges spanning the finite values (fewer classes when there are fewer
    distinct values). The first edge is the minimum and the last the maximum."""
    v = np.sort(np.asarray(values, dtype=float)[np.isfinite(values)])
    if v.size == 0:
        return np.zeros(0)
    distinct = np.unique(v)
    k = max(1, min(int(k), len(distinct)))
    lo, hi = float(v[0]), float(v[-1])
    if k == 1 or hi == lo:
        return np.array([lo, hi])
    if method == "equal":
        edges = np.linspace(lo, hi, k + 1)
    elif method == "quantile":
        edges = np.quantile(v, np.linspace(0, 1, k + 1))
    elif method == "natural":
        edges = np.array([lo, *_jenks_upper(v, k)[:-1], hi])
    else:
        raise KeyError(method)
    edges = np.unique(edges)  # ties (many equal values) merge classes rather than empty ones
    return edges if len(edges) >= 2 else np.array([lo, hi])


def _jenks_upper(v: np.ndarray, k: int) -> list[float]:
    """Upper bounds of the k classes minimising the within-class sum of squared deviations."""
    n = len(v)
    s1 = np.concatenate([[0.0], np.cumsum(v)])
    s2 = np.concatenate([[0.0], np.cumsum(v * v)])

    def ssd(i: int, j: np.ndarray) -> np.ndarray:  # cost of v[i:j] for many j
        m = j - i
        s = s1[j] - s1[i]
        return (s2[j] - s2[i]) - s * s / np.maximum(m, 1)

    inf = np.inf
    cost = np.full((k + 1, n + 1), inf)
    cut = np.zeros((k + 1, n + 1), dtype=int)
    cost[0, 0] = 0.0
    ends = np.arange(n + 1)
    for c in range(1, k + 1):
        for i in range(c - 1, n):  # the class starts at i
            if not np.isfinite(cost[c - 1, i]):
                continue
            j = ends[i + 1 :]
            total = cost[c - 1, i] + ssd(i, j)
            better = total < cost[c, i + 1 :]
            cost[c, i + 1 :][better] = total[better]
            cut[c, i + 1 :][better] = i
    uppers, j = [], n
    for c in range(k, 0, -1):
        uppers.append(float(v[j - 1]))
        j = cut[c, j]
    return uppers[::-1]


def palette(lo: float, hi: float, k: int) -> tuple[str, ...]:
    """k colours: sequential when the values have one sign, diverging around 0 otherwise."""
    if lo < 0 < hi:
        return _diverging(k)
    seq = _spread(SEQUENTIAL, k)
    return tuple(reversed(seq)) if hi <= 0 else seq  # losses only: darker = larger loss


def _spread(colours: tuple[str, ...], k: int) -> tuple[str, ...]:
    if k <= 0:
        return ()
    idx = np.round(np.linspace(0, len(colours) - 1, k)).astype(int)
    return tuple(colours[i] for i in idx)


def _diverging(k: int) -> tuple[str, ...]:
    neg = k // 2
    return (*_spread(DIVERGING_NEG, neg), *_spread(DIVERGING_POS, k - neg))


def classify(values: np.ndarray, k: int = 5, method: str = "quantile") -> Classes:
    """Breaks and colours for ``values``. A diverging palette's classes are split at 0, so that
    a loss never shares a colour with a gain."""
    v = np.asarray(values, dtype=float)
    finite = v[np.isfinite(v)]
    if finite.size == 0:
        return Classes(np.zeros(0), (), method)
    lo, hi = float(finite.min()), float(finite.max())
    if lo < 0 < hi:
        kn = max(1, round(k * (finite < 0).mean()))
        kp = max(1, k - kn)
        neg = breaks(finite[finite < 0], kn, method)
        pos = breaks(finite[finite >= 0], kp, method)
        neg = np.append(neg[:-1], 0.0) if neg[-1] < 0 else neg
        pos = np.insert(pos[1:], 0, 0.0) if pos[0] > 0 else pos
        edges = np.unique(np.concatenate([neg, pos]))
        n_neg = int((edges[:-1] < 0).sum())
        colours = (*_spread(DIVERGING_NEG, n_neg), *_spread(DIVERGING_POS, len(edges) - 1 - n_neg))
        return Classes(edges, colours, method)
    edges = breaks(finite, k, method)
    return Classes(edges, palette(lo, hi, len(edges) - 1), method)
