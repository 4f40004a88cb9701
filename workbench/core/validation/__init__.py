"""Checks a project and returns its problems as data; it never raises on a bad project.

A draft is allowed to be wrong while the planner works on it; the workbench's job is to say what
is wrong, where (a path the UI can jump to) and how badly. Errors block approval-grade exports and
make ``workbench validate`` exit 1; warnings are things a committee would ask about.

Adding a rule: a generator decorated with ``@rule(parts...)`` in the module of its topic (or a new
module imported below), plus a test in ``tests/test_validation.py``. ``registry`` holds the
machinery, ``problems`` the ``Problem`` type and the helpers rules share. The import order below is
the order in which problems are listed.
"""

from workbench.core.validation.problems import TOLERANCE, Problem, Severity, has_errors
from workbench.core.validation.registry import Rule, Validator, rule, validate

# Rule modules register on import; keep this order (it is the order problems are listed in).
from workbench.core.validation import structure  # noqa: F401  isort: skip
from workbench.core.validation import fund  # noqa: F401  isort: skip
from workbench.core.validation import candidates  # noqa: F401  isort: skip
from workbench.core.validation import network  # noqa: F401  isort: skip
from workbench.core.validation import allocations  # noqa: F401  isort: skip
from workbench.core.validation import requests  # noqa: F401  isort: skip
from workbench.core.validation import parks  # noqa: F401  isort: skip
from workbench.core.validation import sharing  # noqa: F401  isort: skip
from workbench.core.validation import scenarios  # noqa: F401  isort: skip
from workbench.core.validation import settings  # noqa: F401  isort: skip
from workbench.core.validation import references  # noqa: F401  isort: skip
from workbench.core.validation import numbers  # noqa: F401  isort: skip

__all__ = [
    "TOLERANCE",
    "Problem",
    "Rule",
    "Severity",
    "Validator",
    "has_errors",
    "rule",
    "validate",
]
