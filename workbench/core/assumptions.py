"""Default model parameters, each with its unit and where it comes from.

A parameter with an empty ``source`` is the team's own assumption and the UI labels it so. The
projection issue owns most of these; keep every entry citable or honestly marked.
"""

from __future__ import annotations

from workbench.core.model import Assumption

_DEFAULTS: list[Assumption] = [
    Assumption(
        "tax.vat_central_share", 50.0, "%", "增值税中央分享比例", "VAT: central government share",
        source="国务院《全面推开营改增试点后调整中央与地方增值税收入划分过渡方案》（国发〔2016〕26号）：中央与地方五五分享",
        group="tax",
    ),
    Assumption(
        "tax.cit_central_share", 60.0, "%", "企业所得税中央分享比例", "Corporate income tax: central share",
        source="国务院《所得税收入分享改革方案》（国发〔2001〕37号）：自2003年起中央分享60%、地方40%",
        group="tax",
    ),
]


def default_assumptions() -> dict[str, Assumption]:
    """A fresh copy of the defaults, keyed by parameter key."""
    return {a.key: Assumption(**vars(a)) for a in _DEFAULTS}
