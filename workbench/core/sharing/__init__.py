"""利益分享: benefit-sharing agreements, their settlement forms and the fund's own returns.

``settlement_tables(project, scenario=None, year=None)`` -> {"statistics", "tax", "transfers"}
DataFrames; ``fund_accounts(project, scenario=None)`` -> per-city fund account by year;
``fund_performance(project, scenario=None)`` -> the fund's IRR and DPI. The agreement object
itself is ``sharing.model.Agreement``; ``sharing.rules`` answers who gets what share in a year.

Names resolve lazily: ``core.model`` imports ``sharing.model`` while the rest of this package
imports ``core.model``, so nothing but the model may load with the package.
"""

from __future__ import annotations

from workbench.lazy_exports import lazy_exports

_LAZY = {
    "settlement_tables": "settlement",
    "fund_accounts": "fund_returns",
    "fund_performance": "fund_returns",
    "fund_distributions": "fund_returns",
    "effective_agreements": "rules",
    "park_agreement": "rules",
}

__all__ = sorted(_LAZY)


__getattr__ = lazy_exports(__name__, _LAZY, globals())
