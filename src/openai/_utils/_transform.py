"""``PropertyInfo`` metadata and ``transform``: apply it to a params dict.

The request path does not use ``transform``: the generator writes the few
transforms a method needs as plain code. ``transform``/``maybe_transform`` remain
for code written against the official package, which calls them on params
TypedDicts. They walk annotations, so they are slow by nature; the hints of each
TypedDict are cached.
"""

from __future__ import annotations

import base64
import io
import os
import pathlib
from datetime import date, datetime
from typing import Any, Dict, Mapping, Optional, TypeVar, cast

from typing_extensions import Literal, get_type_hints

from ._typing import (
    get_args,
    is_annotated_type,
    is_iterable_type,
    is_list_type,
    is_required_type,
    is_sequence_type,
    is_typeddict,
    is_union_type,
    strip_annotated_type,
)

__all__ = ["PropertyInfo", "transform", "maybe_transform", "async_transform", "async_maybe_transform"]

_T = TypeVar("_T")
PropertyFormat = Literal["iso8601", "base64", "custom"]


class PropertyInfo:
    """Metadata for ``Annotated`` fields: the API name (``alias``), a value ``format``, or a
    union ``discriminator``."""

    __slots__ = ("alias", "format", "format_template", "discriminator")

    def __init__(
        self,
        *,
        alias: Optional[str] = None,
        format: Optional[PropertyFormat] = None,
        format_template: Optional[str] = None,
        discriminator: Optional[str] = None,
    ) -> None:
        self.alias = alias
        self.format = format
        self.format_template = format_template
        self.discriminator = discriminator

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__ if getattr(self, k) is not None)
        return f"PropertyInfo({parts})"

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, PropertyInfo) and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, k) for k in self.__slots__))


_hints_cache: Dict[Any, Dict[str, Any]] = {}


def _hints(typ: Any) -> Dict[str, Any]:
    cached = _hints_cache.get(typ)
    if cached is None:
        cached = get_type_hints(typ, include_extras=True)
        _hints_cache[typ] = cached
    return cached


def _infos(typ: Any) -> list[PropertyInfo]:
    while is_required_type(typ):
        typ = get_args(typ)[0]
    if not is_annotated_type(typ):
        return []
    return [m for m in get_args(typ)[1:] if isinstance(m, PropertyInfo)]


def _format(value: object, fmt: str, template: Optional[str]) -> object:
    if isinstance(value, (date, datetime)):
        if fmt == "iso8601":
            return value.isoformat()
        if fmt == "custom" and template is not None:
            return value.strftime(template)
    if fmt == "base64":
        if isinstance(value, os.PathLike):
            value = pathlib.Path(value).read_bytes()
        elif isinstance(value, io.IOBase):
            value = cast(Any, value).read()
        if isinstance(value, str):
            value = value.encode()
        if isinstance(value, (bytes, bytearray)):
            return base64.b64encode(value).decode("ascii")
    return value


def _transform_value(value: object, annotation: Any) -> object:
    infos = _infos(annotation)
    stripped = strip_annotated_type(annotation)
    if is_typeddict(stripped) and isinstance(value, Mapping):
        return _transform_typeddict(cast("Mapping[str, object]", value), stripped)
    if (is_list_type(stripped) or is_iterable_type(stripped) or is_sequence_type(stripped)) and isinstance(
        value, (list, tuple)
    ):
        args = get_args(stripped)
        inner = args[0] if args else Any
        return [_transform_value(v, inner) for v in cast("list[object]", value)]
    if is_union_type(stripped):
        for variant in get_args(stripped):
            value = _transform_value(value, variant)
    for info in infos:
        if info.format is not None:
            value = _format(value, info.format, info.format_template)
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(exclude_unset=True, mode="json", by_alias=True)
    return value


def _transform_typeddict(data: Mapping[str, object], typ: Any) -> Dict[str, object]:
    from .._types import NotGiven, Omit

    hints = _hints(typ)
    out: Dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, (NotGiven, Omit)):
            continue
        annotation = hints.get(key)
        if annotation is None:
            out[key] = value
            continue
        name = key
        for info in _infos(annotation):
            if info.alias is not None:
                name = info.alias
        out[name] = _transform_value(value, annotation)
    return out


def transform(data: _T, expected_type: object) -> _T:
    """Apply the aliases and formats that ``expected_type`` (a TypedDict) declares to ``data``."""
    return cast(_T, _transform_value(data, expected_type))


def maybe_transform(data: object, expected_type: object) -> Any | None:
    return None if data is None else transform(data, expected_type)


async def async_transform(data: _T, expected_type: object) -> _T:
    return transform(data, expected_type)


async def async_maybe_transform(data: object, expected_type: object) -> Any | None:
    return None if data is None else transform(data, expected_type)
