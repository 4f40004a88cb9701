"""The 地区 (regions) dock: a region's profile, the comparison table, the statistics table with
provenance, and the structure indicators; plus the double-click route and the planning-level
setting. Built deferred (never before the window's first paint)."""
