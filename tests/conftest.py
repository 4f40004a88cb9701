"""Shared fixtures. Qt runs offscreen everywhere so the suite works on machines without a screen."""

from __future__ import annotations

import atexit
import copy
import os
import shutil
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.model import Project
from workbench.io.project_file import load

# derived data (the gazetteer's index) is cached in a folder of the run's own, not the user's
_CACHE = None if "WORKBENCH_CACHE_DIR" in os.environ else tempfile.mkdtemp(prefix="wb-test-cache-")
if _CACHE:
    os.environ["WORKBENCH_CACHE_DIR"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, True)

_SAMPLE: Project | None = None


@pytest.fixture
def sample_project() -> Project:
    """A fresh copy of the bundled sample (loaded once per session, copied per test)."""
    global _SAMPLE
    if _SAMPLE is None:
        _SAMPLE = load(SAMPLE_PROJECT)
    return copy.deepcopy(_SAMPLE)
