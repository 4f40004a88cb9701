"""Package names imported on first use (PEP 562 module ``__getattr__``).

A package that re-exports names of its modules (``core.projections``, ``core.uncertainty``,
``io.excel``…) imports a module only when one of its names is first read, so importing the
package for one light name does not load pandas, scipy or openpyxl. Outside the layers, like
``bundled``: any layer's package may use it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, where: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """The module ``__getattr__`` of ``package``: ``where`` maps each exported name to the
    submodule defining it; a name read once is kept in ``namespace`` (the package's globals)."""

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return __getattr__
