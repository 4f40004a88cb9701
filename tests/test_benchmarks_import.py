"""The benchmark scripts hold the performance targets; they are not run by the suite (they take
minutes and print ratios, never assert times), so at least every one of them must import
against the code as it is: a renamed helper once left ``bench_export`` failing at its first
line unnoticed."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCH = sorted(p.stem for p in (Path(__file__).parents[1] / "benchmarks").glob("*.py"))


@pytest.mark.parametrize("name", BENCH)
def test_every_benchmark_imports(name: str) -> None:
    module = importlib.import_module(f"benchmarks.{name}")
    assert module.__doc__, f"{name} says what it measures and its target"
