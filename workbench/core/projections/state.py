"""A scenario's cached projection arrays, shared by the engine (which computes and updates them)
and the views that read them (fund, deployment): its own module so that neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from workbench.core.model import Scenario
from workbench.core.projections.direct import AllocationArrays
from workbench.core.projections.parameters import Parameters
from workbench.core.projections.parks import ParkArrays
from workbench.core.projections.structure import Chain, Network

if TYPE_CHECKING:
    import pandas as pd

# Internal metric rows: output, value added, jobs, tax raised, local share of tax raised.
MET = ("output", "gdp", "jobs", "tax", "tax_local")
ROW = {m: i for i, m in enumerate(MET)}


@dataclass
class ScenarioState:
    scenario: Scenario
    params: Parameters
    arr: AllocationArrays
    k: np.ndarray  # (metrics × candidates) coefficients per 亿元 of output
    agg: sp.csr_matrix  # (metrics·units × candidates): region sums weighted by k
    chain: Chain
    network: Network
    direct: np.ndarray  # (metrics, units, years)
    chained: np.ndarray  # after the chain inverse
    total: np.ndarray  # after the network inverse
    invested: np.ndarray  # (units, years) fund money, 亿元
    parks: ParkArrays
    notes: list[tuple[str, str]] = field(default_factory=list)
    table: pd.DataFrame | None = None
