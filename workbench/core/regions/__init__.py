"""Regions: the county and metro-area economy (都市区经济) put to work.

* ``region_profile(project, code, scenario=None)`` — one region whole (``profile``);
* ``compare_regions(project, scenario=None, members=None)`` — a ranked table (``compare``);
* ``similarity(project)`` — 产业同构: Krugman / cosine of sector shares (``indicators``);
* ``centrality(project, scenario=None)`` — degree and betweenness on the chain-link graph;
* planning levels and roll-ups (``levels``), statistics with provenance and their edits
  (``stats``). Methods and sources: docs/regions.md.

Names resolve on first use: pandas and the projection engine load only when asked for.
"""

from __future__ import annotations

from workbench.lazy_exports import lazy_exports

_LAZY = {
    "region_profile": "profile",
    "RegionProfile": "profile",
    "compare_regions": "compare",
    "similarity": "indicators",
    "centrality": "indicators",
    "roll_up": "levels",
    "level_of": "levels",
    "set_levels_edit": "levels",
}

__all__ = sorted(_LAZY)


__getattr__ = lazy_exports(__name__, _LAZY, globals())
