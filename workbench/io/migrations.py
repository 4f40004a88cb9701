"""Step-by-step upgrades of project documents (plain dicts) to the current format.

Each step takes the document of version N and returns version N+1; ``migrate`` chains them. Old
steps are never edited once released: a golden file per old version under ``tests/data`` proves
they still work.

Format history
- v0 (pre-release prototype, 2026-09): flat document ``{"version": 0, "name", "candidates",
  "allocations", "fund", "parks"}``. Money in 万元 (fields ending ``_wan``), candidate keys
  ``type`` and ``region``, one implicit scenario, no regions (the built-in gazetteer was implied),
  no assumptions.
- v1: ``{"format_version": 1, "app", "saved_at", "project": {...}}`` with the model of
  ``workbench.core.model``: money in 亿元, scenarios holding their allocations, regions and
  assumptions stored in the file.
- v2 (issue 14): benefit sharing becomes its own object. A park's ``gdp_rule``, ``gdp_split``,
  ``existing_tax_base`` and ``tax_split`` move out of the park into ``project.agreements`` (one
  agreement per park, coverage ``park``, parties host + partners, settled by direct division):
  the same rules, read by the engine from the agreement, so the projection is unchanged.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from workbench.io.codec import DecodeError, encode

CURRENT_VERSION = 2

Doc = dict[str, Any]

WAN_PER_YI = 10_000.0  # 1 亿元 = 10,000 万元


V0_KEYS = frozenset(
    {
        "version",
        "format_version",
        "app",
        "saved_at",
        "name",
        "candidates",
        "allocations",
        "fund",
        "parks",
    }
)


def _v0_shape(doc: Doc) -> None:
    """A v0 body is flat; anything else (a current ``project`` body under ``format_version: 0``)
    would migrate to an empty project, so it is refused here, naming the key and the entry."""
    unknown = sorted(str(k) for k in set(doc) - V0_KEYS)
    if unknown:
        raise DecodeError(
            (unknown[0],),
            f"v0 格式文件中出现未知字段“{unknown[0]}”（format_version 与文件内容不符？）",
            f"unknown field {unknown[0]!r} in a v0 file (format_version does not match the body?)",
        )
    for key, kind in (("candidates", list), ("allocations", list), ("fund", dict)):
        if key in doc and not isinstance(doc[key], kind):
            raise DecodeError((key,), "类型不对", f"expected a {kind.__name__}")
    for key, need in (
        ("candidates", ("id", "name", "type", "region")),
        ("allocations", ("candidate", "year")),
    ):
        for i, item in enumerate(doc.get(key, [])):
            if not isinstance(item, dict):
                raise DecodeError((key, i), "应为对象", "expected an object")
            for n in need:
                if n not in item:
                    raise DecodeError((key, i, n), "缺少必填字段", "required field is missing")
    contributions = doc.get("fund", {}).get("contributions_wan", {})
    if not isinstance(contributions, dict):
        raise DecodeError(("fund", "contributions_wan"), "应为对象", "expected an object")


def _v0_to_v1(doc: Doc) -> Doc:
    _v0_shape(doc)
    return _v0_body(doc)


def _v0_body(doc: Doc) -> Doc:
    from workbench.core.assumptions import default_assumptions
    from workbench.core.gazetteer import default_gazetteer

    g = default_gazetteer()

    def yi(d: dict[str, Any], key: str) -> float:
        return float(d.get(key, 0.0)) / WAN_PER_YI

    candidates = []
    for c in doc.get("candidates", []):
        candidates.append(
            {
                "id": c["id"],
                "name": c["name"],
                "unit_type": c["type"],
                "region_code": c["region"],
                "sector": c.get("sector", ""),
                "baseline_output": yi(c, "output_wan"),
                "baseline_jobs": float(c.get("jobs", 0)),
                "baseline_tax": yi(c, "tax_wan"),
                "requested_funding": yi(c, "request_wan"),
                "status": c.get("status", "candidate"),
                "notes": c.get("notes", ""),
            }
        )
    fund_v0 = doc.get("fund", {})
    fund = {
        "name": fund_v0.get("name", "成渝微核股权基金"),
        "size": yi(fund_v0, "size_wan"),
        "contributions": [
            {"region_code": code, "amount": float(v) / WAN_PER_YI}
            for code, v in fund_v0.get("contributions_wan", {}).items()
        ],
    }
    allocations = [
        {
            "candidate_id": a["candidate"],
            "year": a["year"],
            "amount": yi(a, "amount_wan"),
            "instrument": a.get("instrument", "equity"),
        }
        for a in doc.get("allocations", [])
    ]
    sectors = sorted({c["sector"] for c in candidates if c["sector"]})
    project = {
        "name": doc.get("name", "未命名项目"),
        "regions": encode(g.project_regions()),
        "adjacency": encode(g.adjacency("planning_unit")),
        "sectors": sectors,
        "candidates": candidates,
        "fund": fund,
        "scenarios": [
            {"name": "基准方案", "description": "由 v0 文件迁移", "allocations": allocations}
        ],
        "assumptions": {k: encode(a) for k, a in default_assumptions().items()},
    }
    return {"format_version": 1, "app": doc.get("app", "prototype"), "project": project}


_PARK_RULE_FIELDS = ("gdp_rule", "gdp_split", "existing_tax_base", "tax_split")


def _v1_to_v2(doc: Doc) -> Doc:
    """Park GDP/tax rules -> one agreement per park (see the format history)."""
    project = doc.get("project")
    if not isinstance(project, dict):
        return {**doc, "format_version": 2}
    parks = project.get("parks", [])
    agreements = project.setdefault("agreements", [])
    used = {a.get("id") for a in agreements if isinstance(a, dict)}
    for park in parks if isinstance(parks, list) else []:
        if not isinstance(park, dict):
            continue
        rules = {k: park.pop(k) for k in _PARK_RULE_FIELDS if k in park}
        pid = str(park.get("id", ""))
        aid, n = f"AG-{pid}", 1
        while aid in used:
            n += 1
            aid = f"AG-{pid}-{n}"
        used.add(aid)
        host = park.get("host", "")
        partners = park.get("partners", [])
        parties = (
            [host, *[p for p in partners if p != host]] if isinstance(partners, list) else [host]
        )
        agreements.append(
            {
                "id": aid,
                "name": f"{park.get('name', pid)}利益分享",
                "coverage": "park",
                "parties": parties,
                "park_id": pid,
                **rules,
                "illustrative": bool(park.get("illustrative", False)),
            }
        )
    return {**doc, "format_version": 2}


STEPS: dict[int, Callable[[Doc], Doc]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(doc: Doc) -> Doc:
    """The document at the current version; the caller's ``doc`` is never changed.

    A current document is returned as it is (steps would copy it; nothing else writes to it). A
    migration that turns a file holding candidates or allocations into a project without any is
    an error: saving its result would wipe the file."""
    version = doc.get("format_version", doc.get("version", 0))
    if version >= CURRENT_VERSION:
        return doc
    doc = copy.deepcopy(doc)
    before = _content(doc)
    while version < CURRENT_VERSION:
        doc = STEPS[version](doc)
        version = doc["format_version"]
    if before and not _content(doc.get("project")):
        raise DecodeError(
            ("format_version",),
            f"迁移后项目为空，但文件中有 {before} 项内容（format_version 与文件内容不符？）；文件未作改动",
            f"migration produced an empty project from a file holding {before} items "
            "(format_version does not match the body?); the file was not changed",
        )
    return doc


def _content(doc: Any) -> int:
    """Candidates plus allocations a document holds, in any version's shape."""
    if not isinstance(doc, dict):
        return 0
    n = 0
    for key in ("candidates", "allocations"):
        if isinstance(doc.get(key), list):
            n += len(doc[key])
    for sc in doc.get("scenarios", []) if isinstance(doc.get("scenarios"), list) else []:
        if isinstance(sc, dict) and isinstance(sc.get("allocations"), list):
            n += len(sc["allocations"])
    return n + (_content(doc["project"]) if "project" in doc else 0)
