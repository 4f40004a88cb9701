"""Region colours: fixed per region, never by rank; every planning unit its own colour."""

from __future__ import annotations

from workbench.core import colours
from workbench.core.gazetteer import default_gazetteer
from workbench.core.model import Project


def test_every_planning_unit_has_its_own_colour():
    order = colours.PLANNING_UNITS
    assert len(order) == len(set(order)) == 59
    assert len(order) <= len(colours.PALETTE)
    picked = [colours.region_colour(c) for c in order]
    assert len(set(picked)) == len(picked)
    assert colours.OTHER_COLOUR not in colours.PALETTE
    assert len(set(colours.PALETTE)) == len(colours.PALETTE)


def test_planning_units_are_the_gazetteers():
    project = Project(name="t", regions=default_gazetteer().project_regions())
    units = set(project.planning_units().values()) - {"510000", "500000"}
    assert units == set(colours.PLANNING_UNITS)


def test_colour_is_a_function_of_the_code_alone():
    assert colours.region_colour("510100") == colours.PALETTE[0]  # 成都市 leads the order
    assert colours.region_colour("X-01") == colours.region_colour("X-01")  # stable, not hash()
    assert colours.region_colour("X-01") in colours.PALETTE
