"""Rules on the chain-link network: link ends and strengths, and the spillover matrix they build."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.core.model import Project
from workbench.core.validation.problems import Problem, bad_number, err
from workbench.core.validation.registry import rule


@rule("links", "candidates")
def _links(project: Project) -> Iterator[Problem]:
    ids = {c.id for c in project.candidates}
    for link in project.links:
        base = ("links", link.id)
        for end in ("source", "target"):
            if getattr(link, end) not in ids:
                yield err(
                    (*base, end),
                    "link.dangling",
                    f"链接 {link.id} 指向不存在的候选“{getattr(link, end)}”",
                    f"link {link.id} points to a missing candidate {getattr(link, end)!r}",
                )
        if link.source == link.target:
            yield err(
                base,
                "link.self",
                f"链接 {link.id} 首尾是同一候选",
                f"link {link.id} links a candidate to itself",
            )
        if bad_number(link.strength) or not 0 <= link.strength <= 1:
            yield err(
                (*base, "strength"),
                "link.strength",
                f"链接 {link.id} 强度 {link.strength} 应在 0–1 之间",
                f"link {link.id} strength {link.strength} must be between 0 and 1",
            )


@rule(
    "links", "candidates", "assumptions", "scenarios", "regions", "adjacency", "mrio", derived=True
)
def _spillover_radius(project: Project) -> Iterator[Problem]:
    """(I − S)⁻¹ exists only for spectral radius < 1; the projection engine leaves such spillover out."""
    from workbench.core.projections.checks import spillover_problems  # numpy/scipy only when used

    for path, code, zh, en in spillover_problems(project):
        yield err(path, code, zh, en)
