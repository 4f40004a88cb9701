"""Shared fixtures. Qt runs offscreen everywhere so the suite works on machines without a screen."""

from __future__ import annotations

import copy
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from workbench.bundled import SAMPLE_PROJECT
from workbench.core.model import Project
from workbench.io.project_file import load

_SAMPLE: Project | None = None


@pytest.fixture
def sample_project() -> Project:
    """A fresh copy of the bundled sample (loaded once per session, copied per test)."""
    global _SAMPLE
    if _SAMPLE is None:
        _SAMPLE = load(SAMPLE_PROJECT)
    return copy.deepcopy(_SAMPLE)
