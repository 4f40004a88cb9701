"""Importing workbench turns numpy's huge-page advice off (first touch of big arrays stalled on
compacting kernels: see ``workbench/__init__.py``), unless the user set it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

_PROBE = "import workbench, numpy as np; print(np._core.multiarray._get_madvise_hugepage())"


def _hugepage(env_value: str | None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "NUMPY_MADVISE_HUGEPAGE"}
    if env_value is not None:
        env["NUMPY_MADVISE_HUGEPAGE"] = env_value
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, env=env, timeout=60
    )
    if "has no attribute" in out.stderr:
        pytest.skip("this numpy has no madvise switch to read")
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="numpy advises huge pages on Linux"
)
def test_workbench_turns_numpy_huge_page_advice_off() -> None:
    assert _hugepage(None) == "False"


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="numpy advises huge pages on Linux"
)
def test_a_users_own_setting_wins() -> None:
    assert _hugepage("1") == "True"
