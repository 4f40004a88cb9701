"""Structure indicators: is the circle building the same industries everywhere (产业同构), and do
its chain links form a network with several centres or a hub (多中心—网络式)?

Similarity of sector shares between two regions i, j (shares s_ik sum to 1 over sectors k):

* Krugman dissimilarity K_ij = Σ_k |s_ik − s_jk| (0 identical … 2 nothing in common);
  Krugman, *Geography and Trade* (MIT Press, 1991), ch. 3.
* Cosine similarity C_ij = Σ_k s_ik s_jk / (‖s_i‖ ‖s_j‖) — the 产业结构相似系数 of UNIDO's
  International Centre for Industrial Studies (1979), customary in Chinese studies of 产业同构;
  C ≥ 0.9 is read as highly similar (FLAG).

Shares come from imported statistics when at least two regions have the same year of
gdp_primary / gdp_secondary / gdp_tertiary (provinces aside; three sectors: coarse, near 1 for most pairs), else
from the candidates' sectors (baseline output, not rejected) by city (Sichuan prefecture,
Chongqing district), for cities with at least MIN_CANDIDATES candidates; ``basis`` says which.

Network: one node per planning unit, an edge for each chain link between candidates in different
units (undirected; a link inside a unit counts for that unit's internal links only). Degree = the
links touching a unit; betweenness = Brandes (2001), "A faster algorithm for betweenness
centrality", J. Math. Sociol. 25(2), on the unweighted undirected graph, normalised by
(n − 1)(n − 2) / 2. ``centres_for_half``: the fewest units whose degrees reach half of all link
ends — 1 or 2 is a hub, more is a polycentric network.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.core.baseline import figure_rank
from workbench.core.enums import Level, Status
from workbench.core.model import Project
from workbench.core.regions.levels import prefecture_of

if TYPE_CHECKING:
    import pandas as pd

FLAG = 0.9
MIN_CANDIDATES = 3  # a city with one or two candidates has no "structure" to compare
THREE_SECTORS = ("gdp_primary", "gdp_secondary", "gdp_tertiary")


@dataclass
class Similarity:
    basis: str  # "statistics" or "candidates"
    shares: pd.DataFrame  # region × sector, rows sum to 1
    krugman: pd.DataFrame  # region × region
    cosine: pd.DataFrame  # region × region
    flagged: list[tuple[str, str, float]]  # pairs with cosine ≥ FLAG
    reading_zh: str
    reading_en: str


def krugman(a: list[float], b: list[float]) -> float:
    return float(sum(abs(x - y) for x, y in zip(a, b, strict=True)))


def cosine(a: list[float], b: list[float]) -> float:
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    if na == 0 or nb == 0:
        return math.nan
    return float(sum(x * y for x, y in zip(a, b, strict=True)) / (na * nb))


def _sector_series(stats, indicator: str) -> dict[int, float]:
    """Year -> value (亿元) by the baseline's rule for several figures of one year."""
    best: dict[int, tuple[int, float]] = {}
    for s in stats:
        if s.indicator != indicator or s.unit.strip() != "亿元" or not math.isfinite(s.value):
            continue
        if s.year not in best or figure_rank(s) >= best[s.year][0]:
            best[s.year] = (figure_rank(s), s.value)
    return {y: v for y, (_, v) in best.items()}


def _from_statistics(project: Project) -> dict[str, dict[str, float]]:
    by_year: dict[int, dict[str, dict[str, float]]] = {}
    for r in project.regions:
        if r.level is Level.PROVINCE:  # provinces are not compared with their own cities
            continue
        series = [_sector_series(r.statistics, k) for k in THREE_SECTORS]
        for y in set.intersection(*(set(s) for s in series)) if all(series) else set():
            by_year.setdefault(y, {})[r.code] = {
                k: s[y] for k, s in zip(THREE_SECTORS, series, strict=True)
            }
    best = max(by_year, key=lambda y: (len(by_year[y]), y), default=None)
    return by_year[best] if best is not None and len(by_year[best]) >= 2 else {}


def _from_candidates(project: Project) -> dict[str, dict[str, float]]:
    """Sector mix of the candidates (not rejected; baseline output, 1 when it is unknown) by city
    — Sichuan prefecture or Chongqing district — for cities with at least MIN_CANDIDATES."""
    city = prefecture_of(project)
    out: dict[str, dict[str, float]] = {}
    count: dict[str, int] = {}
    for c in project.candidates:
        if c.status is Status.REJECTED:
            continue
        u = city.get(c.region_code, c.region_code)
        w = c.baseline_output if c.baseline_output > 0 else 1.0
        out.setdefault(u, {})
        out[u][c.sector] = out[u].get(c.sector, 0.0) + w
        count[u] = count.get(u, 0) + 1
    return {u: mix for u, mix in out.items() if count[u] >= MIN_CANDIDATES}


def similarity(project: Project) -> Similarity:
    import pandas as pd

    raw, basis = _from_statistics(project), "statistics"
    if not raw:
        raw, basis = _from_candidates(project), "candidates"
    shares = pd.DataFrame.from_dict(raw, orient="index").fillna(0.0)
    shares = shares.div(shares.sum(axis=1), axis=0).sort_index()
    names = {r.code: r.name for r in project.regions}
    codes = list(shares.index)
    vec = {c: list(shares.loc[c]) for c in codes}
    k = pd.DataFrame([[krugman(vec[a], vec[b]) for b in codes] for a in codes], codes, codes)
    cs = pd.DataFrame([[cosine(vec[a], vec[b]) for b in codes] for a in codes], codes, codes)
    flagged = [
        (a, b, float(cs.loc[a, b]))
        for i, a in enumerate(codes)
        for b in codes[i + 1 :]
        if cs.loc[a, b] >= FLAG
    ]
    pairs = len(codes) * (len(codes) - 1) // 2
    src_zh = "导入统计（三次产业）" if basis == "statistics" else "候选项目行业（无分行业统计）"
    src_en = (
        "imported statistics (three sectors)"
        if basis == "statistics"
        else ("candidates' sectors (no sector statistics)")
    )
    top = ", ".join(f"{names.get(a, a)}—{names.get(b, b)}" for a, b, _ in flagged[:3])
    zh = (
        f"依据{src_zh}：{pairs} 对地区中 {len(flagged)} 对结构相似系数 ≥ {FLAG}，"
        f"提示产业同构风险{('，如 ' + top) if top else ''}。"
    )
    en = (
        f"From {src_en}: {len(flagged)} of {pairs} pairs have cosine ≥ {FLAG}, "
        f"a sign of duplicated structures{(' (e.g. ' + top + ')') if top else ''}."
    )
    return Similarity(basis, shares, k, cs, flagged, zh, en)


def brandes(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, float]:
    """Betweenness (unnormalised, undirected: each pair counted once) by Brandes' algorithm."""
    adj: dict[str, set[str]] = {n: set() for n in nodes}
    for a, b in edges:
        if a != b:
            adj[a].add(b)
            adj[b].add(a)
    bc = dict.fromkeys(nodes, 0.0)
    for s in nodes:
        stack: list[str] = []
        pred: dict[str, list[str]] = {n: [] for n in nodes}
        sigma = dict.fromkeys(nodes, 0.0)
        dist = dict.fromkeys(nodes, -1)
        sigma[s], dist[s] = 1.0, 0
        queue = deque([s])
        while queue:
            v = queue.popleft()
            stack.append(v)
            for w in adj[v]:
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
                    pred[w].append(v)
        delta = dict.fromkeys(nodes, 0.0)
        while stack:
            w = stack.pop()
            for v in pred[w]:
                delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
            if w != s:
                bc[w] += delta[w]
    return {n: v / 2 for n, v in bc.items()}  # each undirected path was seen from both ends


@dataclass
class Centrality:
    table: pd.DataFrame  # per unit: region, degree, links_in, links_out, internal, betweenness
    centres_for_half: int
    reading_zh: str
    reading_en: str


def _links(project: Project, scenario) -> list[tuple[str, str]]:
    """(source unit, target unit) of the links the draft builds: both ends funded in the
    scenario when one is given, else both ends not rejected."""
    units = project.planning_units()
    cands = {c.id: c for c in project.candidates}
    if scenario is not None:
        sc = scenario if not isinstance(scenario, str) else project.scenario(scenario)
        keep = {a.candidate_id for a in sc.allocations if a.amount > 0} if sc else set()
    else:
        keep = {c.id for c in project.candidates if c.status is not Status.REJECTED}
    out = []
    for lk in project.links:
        if lk.source in keep and lk.target in keep and lk.source in cands and lk.target in cands:
            a, b = cands[lk.source].region_code, cands[lk.target].region_code
            out.append((units.get(a, a), units.get(b, b)))
    return out


def centrality(project: Project, scenario=None) -> Centrality:
    import pandas as pd

    links = _links(project, scenario)
    nodes = sorted({x for pair in links for x in pair})
    cross = [(a, b) for a, b in links if a != b]
    deg = dict.fromkeys(nodes, 0)
    lin, lout, own = dict.fromkeys(nodes, 0), dict.fromkeys(nodes, 0), dict.fromkeys(nodes, 0)
    for a, b in links:
        if a == b:
            own[a] += 1
            continue
        deg[a] += 1
        deg[b] += 1
        lout[a] += 1
        lin[b] += 1
    bc = brandes(nodes, cross)
    n = len(nodes)
    norm = (n - 1) * (n - 2) / 2 if n > 2 else 1.0
    names = {r.code: r.name for r in project.regions}
    table = pd.DataFrame(
        {
            "region": [names.get(c, c) for c in nodes],
            "degree": [deg[c] for c in nodes],
            "links_in": [lin[c] for c in nodes],
            "links_out": [lout[c] for c in nodes],
            "internal": [own[c] for c in nodes],
            "betweenness": [bc[c] / norm for c in nodes],
        },
        index=pd.Index(nodes, name="region_code"),
    ).sort_values(["degree", "betweenness"], ascending=False)
    total, acc, k = sum(deg.values()), 0, 0
    for d in table["degree"]:
        if total == 0 or acc >= total / 2:
            break
        acc += d
        k += 1
    hub = k <= 2
    zh = f"{k} 个地区承担了半数以上跨地区链接端，" + (
        "网络偏向单中心（枢纽）结构。" if hub else "呈多中心—网络式结构。"
    )
    en = f"{k} regions carry half of the cross-region link ends: " + (
        "a hub rather than a polycentric network." if hub else "a polycentric network."
    )
    if total == 0:
        zh, en = "尚无跨地区链接。", "No cross-region links yet."
    return Centrality(table, k, zh, en)
