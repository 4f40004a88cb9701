"""Spillover matrices that cannot be inverted, as data for ``validation`` (never an exception)."""

from __future__ import annotations

from workbench.core.addresses import FieldPath
from workbench.core.model import Project
from workbench.core.projections.parameters import read_parameters
from workbench.core.projections.structure import build_structure


def spillover_problems(project: Project) -> list[tuple[FieldPath, str, str, str]]:
    """(path, code, zh, en) for each chain or network matrix with spectral radius ≥ 1.

    Checked with the project's assumptions and with every scenario's overrides, since a scenario
    may scale link strengths or the network share.
    """
    try:
        s = build_structure(project)
    except Exception as e:  # a malformed draft: other rules report its cause
        return [
            (
                ("project",),
                "spillover.unchecked",
                f"无法检查外溢矩阵：{e}",
                f"cannot check spillover: {e}",
            )
        ]
    out: list[tuple[FieldPath, str, str, str]] = []
    seen: set[tuple] = set()
    for sc in [None, *project.scenarios]:
        p = read_parameters(project, sc)
        chain = s.chain(p.chain_scale, p.link_terms)
        if not chain.check.ok and ("chain", p.chain_scale) not in seen:
            seen.add(("chain", p.chain_scale))
            overridden = sc is not None and "chain.strength_scale" in sc.assumption_overrides
            path = (
                ("scenarios", sc.name, "assumption_overrides", "chain.strength_scale")
                if overridden and sc
                else ("links",)
            )
            out.append(
                (path, "spillover.chain_radius", chain.check.reason_zh, chain.check.reason_en)
            )
        net = s.network(p.network_share, p.network_decay_km, p.multiplier)
        key = ("network", p.network_share, p.network_decay_km, net.source)
        if not net.check.ok and key not in seen:
            seen.add(key)
            if net.source == "mrio":
                path = ("mrio",)
            elif sc is not None and "network.spillover_share" in sc.assumption_overrides:
                path = ("scenarios", sc.name, "assumption_overrides", "network.spillover_share")
            else:
                path = ("assumptions", "network.spillover_share", "value")
            out.append((path, "spillover.network_radius", net.check.reason_zh, net.check.reason_en))
    return out
