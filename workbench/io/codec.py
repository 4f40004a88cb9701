"""Dataclass ⇄ plain JSON values, driven by the model's type hints.

One generic codec instead of hand-written to_dict/from_dict pairs: a field added to the model is
saved and loaded without touching this file, and a wrong value in a hand-edited file is reported
with the path of the field (``candidates[3].unit_type``) instead of a traceback.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from enum import Enum
from functools import cache
from typing import Any, Union

JsonTrail = tuple[str | int, ...]  # a position inside a JSON document: candidates[3].unit_type


class DecodeError(ValueError):
    """A value that does not fit the model; ``path`` says where, message is Chinese + English."""

    def __init__(self, path: JsonTrail, zh: str, en: str) -> None:
        super().__init__(en)
        self.path = path
        self.zh = zh
        self.en = en


def format_path(path: JsonTrail) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out or "(根)"


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def encode(obj: Any) -> Any:
    """Model object → JSON-ready value. Dict keys become strings; enums their values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, dict):
        return {str(k): encode(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [encode(v) for v in obj]
    if isinstance(obj, float) and not math.isfinite(obj):
        raise ValueError(f"non-finite number {obj!r} cannot be saved")
    return obj


@cache
def _fields(cls: type) -> tuple[tuple[tuple[str, Any, bool], ...], frozenset[str]]:
    """(name, type, required) per field and the set of names: looked up once per class."""
    hints = _hints(cls)
    fields = dataclasses.fields(cls)
    spec = tuple(
        (
            f.name,
            hints[f.name],
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in fields
    )
    return spec, frozenset(f.name for f in fields)


@cache
def _shape(tp: Any) -> tuple[str, tuple[Any, ...]]:
    """What kind of type ``tp`` is and its arguments, looked up once per type."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        return "union", typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return "dataclass", ()
    if origin in (list, tuple, dict):
        return origin.__name__, typing.get_args(tp)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "enum", ()
    return "other", ()


def decode(tp: Any, value: Any, path: JsonTrail = ()) -> Any:
    """JSON value → instance of ``tp``; raises DecodeError naming the path on a mismatch."""
    # Most values are plain text and numbers: answer those before the generic type inspection
    # (a project file holds ~10,000 of them, and opening it is on the start-up path).
    kind = type(value)
    if (tp is str and kind is str) or (tp is int and kind is int):
        return value
    if tp is float and (kind is float or kind is int):
        return float(value)
    shape, args = _shape(tp)
    if shape == "union":
        if value is None and type(None) in args:
            return None
        errors = []
        for a in args:
            if a is type(None):
                continue
            try:
                return decode(a, value, path)
            except DecodeError as e:
                errors.append(e)
        raise errors[0]
    if shape == "dataclass":
        return _decode_dataclass(tp, value, path)
    if shape == "list":
        if not isinstance(value, list):
            raise DecodeError(
                path, f"应为列表，实际为 {_kind(value)}", f"expected a list, got {_kind(value)}"
            )
        (item,) = args
        return [decode(item, v, (*path, i)) for i, v in enumerate(value)]
    if shape == "tuple":
        if not isinstance(value, list):
            raise DecodeError(path, "应为列表", "expected a list")
        return tuple(decode(args[0], v, (*path, i)) for i, v in enumerate(value))
    if shape == "dict":
        return _decode_dict(args, value, path)
    if shape == "enum":
        try:
            return tp(value)
        except ValueError:
            allowed = "、".join(m.value for m in tp)
            raise DecodeError(
                path,
                f"取值“{value}”无效，应为：{allowed}",
                f"invalid value {value!r}; expected one of {allowed}",
            ) from None
    return _decode_scalar(tp, value, path)


def _decode_scalar(tp: Any, value: Any, path: JsonTrail) -> Any:
    """bool, int, float, str and Any past the fast path: keys that arrive as text, and the errors."""
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise DecodeError(
            path,
            f"应为 true/false，实际为 {_kind(value)}",
            f"expected true/false, got {_kind(value)}",
        )
    if tp is int:
        if isinstance(value, str):  # dict keys (years) arrive as strings
            try:
                return int(value)
            except ValueError:
                pass
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise DecodeError(
            path, f"应为整数，实际为 {_kind(value)}", f"expected an integer, got {_kind(value)}"
        )
    if tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                return float(value)
            except OverflowError:  # an integer of 309+ digits
                raise DecodeError(
                    path, "数值过大，超出范围", "number too large to represent"
                ) from None
        raise DecodeError(
            path, f"应为数字，实际为 {_kind(value)}", f"expected a number, got {_kind(value)}"
        )
    if tp is str:
        if isinstance(value, str):
            return value
        raise DecodeError(
            path, f"应为文本，实际为 {_kind(value)}", f"expected text, got {_kind(value)}"
        )
    if tp is Any:
        return value
    raise TypeError(f"codec does not handle {tp!r}")  # a model change the codec must learn


def _decode_dataclass(tp: Any, value: Any, path: JsonTrail) -> Any:
    if not isinstance(value, dict):
        raise DecodeError(
            path, f"应为对象，实际为 {_kind(value)}", f"expected an object, got {_kind(value)}"
        )
    fields, names = _fields(tp)
    kwargs = {}
    for name, hint, required in fields:
        if name in value:
            kwargs[name] = decode(hint, value[name], (*path, name))
        elif required:
            raise DecodeError((*path, name), "缺少必填字段", "required field is missing")
    unknown = sorted(set(value) - names)
    if unknown:
        raise DecodeError(
            (*path, unknown[0]), f"未知字段“{unknown[0]}”", f"unknown field {unknown[0]!r}"
        )
    return tp(**kwargs)


def _decode_dict(args: tuple, value: Any, path: JsonTrail) -> dict:
    if not isinstance(value, dict):
        raise DecodeError(
            path, f"应为对象，实际为 {_kind(value)}", f"expected an object, got {_kind(value)}"
        )
    kt, vt = args
    out = {}
    for k, v in value.items():
        out[decode(kt, k, (*path, str(k))) if kt is not str else k] = decode(vt, v, (*path, str(k)))
    return out


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "object", list: "list", str: "text", bool: "true/false"}.get(
        type(value), f"{type(value).__name__} {value!r}"[:40]
    )
