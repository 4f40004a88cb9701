"""成渝微核规划工作台 — Chengdu–Chongqing micro-core planning workbench."""

__version__ = "0.1.0"
