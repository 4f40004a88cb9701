"""The 预测 (projections) dock: ``panel`` (session sync and drawing), ``controls`` (the control
bar), ``plots`` (bars, axes, ranges) and ``hover``. Chart data are shaped in
``workbench.core.projections.views``; this package only draws them."""

from workbench.ui.projection.panel import ProjectionPanel

__all__ = ["ProjectionPanel"]
