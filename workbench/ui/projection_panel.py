"""The name the main window, the screenshots and the UI benchmark import the 预测 panel by; the
panel lives in ``workbench.ui.projection``."""

from workbench.ui.projection.panel import ProjectionPanel

__all__ = ["ProjectionPanel"]
