"""决策 (decide): the 方案对比 view and the 优化 dialog. Built when first opened, never at start-up;
all computing is in ``workbench.core.comparison`` and ``workbench.core.optimise``."""
