"""Edits (``core.edits``) ⇄ JSON, for the crash-recovery journal.

The project codec (``io.codec``) decodes by the model's type hints; an edit's value has no fixed
type (``SetValue.value`` may be a float, a ``Status``, a list of ``Decision``s, a whole
``Candidate``) and its paths hold tuples and integer keys, so this codec tags what JSON cannot say:
``{"$t": [...]}`` a tuple, ``{"$d": [[key, value], ...]}`` a dict, ``{"$e": "Status", "v": ...}``
an enum, ``{"$c": "Candidate", "f": {...}}`` a dataclass, ``{"$delete": true}`` the ``DELETE``
marker. Only classes of the model, its enums and the edits are ever built from a journal.
"""

from __future__ import annotations

import dataclasses
import enum
from typing import Any

from workbench.core import edits, enums, model
from workbench.core.sharing import model as sharing_model

_CLASSES: dict[str, type] = {}
for _module in (model, sharing_model, enums, edits):
    for _name, _obj in vars(_module).items():
        if isinstance(_obj, type) and _obj.__module__ == _module.__name__:
            _CLASSES[_name] = _obj


class EditCodecError(ValueError):
    """A journal entry that is not an edit this version can rebuild."""


def encode_edit(value: Any) -> Any:
    """Edit (or any value inside one) → JSON-ready value."""
    if value is edits.DELETE:
        return {"$delete": True}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, enum.Enum):
        return {"$e": type(value).__name__, "v": value.value}
    if isinstance(value, int):
        return value
    if isinstance(value, float):  # NaN too: an undo may restore one a file held
        return value
    if isinstance(value, tuple):
        return {"$t": [encode_edit(v) for v in value]}
    if isinstance(value, list):
        return [encode_edit(v) for v in value]
    if isinstance(value, dict):
        return {"$d": [[encode_edit(k), encode_edit(v)] for k, v in value.items()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        if _CLASSES.get(name) is not type(value):
            raise EditCodecError(f"cannot journal a {name}")
        fields = {f.name: encode_edit(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$c": name, "f": fields}
    raise EditCodecError(f"cannot journal a {type(value).__name__}")


def decode_edit(value: Any) -> Any:
    """The inverse of ``encode_edit``; raises ``EditCodecError`` on anything else."""
    if isinstance(value, list):
        return [decode_edit(v) for v in value]
    if not isinstance(value, dict):
        return value
    try:
        if value.get("$delete") is True:
            return edits.DELETE
        if "$t" in value:
            return tuple(decode_edit(v) for v in value["$t"])
        if "$d" in value:
            return {_hashable(decode_edit(k)): decode_edit(v) for k, v in value["$d"]}
        if "$e" in value:
            cls = _CLASSES[value["$e"]]
            if not issubclass(cls, enum.Enum):
                raise EditCodecError(f"{value['$e']} is not an enum")
            return cls(value["v"])
        if "$c" in value:
            cls = _CLASSES[value["$c"]]
            if not dataclasses.is_dataclass(cls):
                raise EditCodecError(f"{value['$c']} is not a model class")
            fields = {k: decode_edit(v) for k, v in value["f"].items()}
            return cls(**fields)
    except (KeyError, TypeError, ValueError) as e:
        raise EditCodecError(f"unreadable journal value: {e}") from None
    raise EditCodecError("unreadable journal value")


def _hashable(key: Any) -> Any:
    if isinstance(key, list):
        raise EditCodecError("a list cannot be a key")
    return key
