"""Predicates over typing constructs (used by the transform helpers and the model fallback)."""

from __future__ import annotations

import sys
import typing
from typing import Any, Tuple, Type, TypeVar, cast

import typing_extensions
from typing_extensions import Annotated, Required, get_args as _get_args, get_origin as _get_origin

__all__ = [
    "get_args",
    "get_origin",
    "is_annotated_type",
    "is_list_type",
    "is_iterable_type",
    "is_literal_type",
    "is_required_type",
    "is_sequence_type",
    "is_type_alias_type",
    "is_typeddict",
    "is_union",
    "is_union_type",
    "strip_annotated_type",
    "extract_type_arg",
    "extract_type_var_from_base",
]

get_args = _get_args
get_origin = _get_origin

_union_types: Tuple[Any, ...]
if sys.version_info >= (3, 10):
    import types

    _union_types = (typing.Union, types.UnionType)
else:
    _union_types = (typing.Union,)

_TYPE_ALIAS_TYPES: Tuple[Any, ...] = tuple(
    t for t in (getattr(typing, "TypeAliasType", None), getattr(typing_extensions, "TypeAliasType", None)) if t
)


def is_union(tp: Any) -> bool:
    return tp in _union_types


def is_union_type(typ: Any) -> bool:
    return is_union(get_origin(typ))


def is_annotated_type(typ: Any) -> bool:
    return get_origin(typ) is Annotated


def is_list_type(typ: Any) -> bool:
    return (get_origin(typ) or typ) is list


def is_sequence_type(typ: Any) -> bool:
    import collections.abc

    return (get_origin(typ) or typ) in (typing.Sequence, collections.abc.Sequence)


def is_iterable_type(typ: Any) -> bool:
    import collections.abc

    return (get_origin(typ) or typ) in (typing.Iterable, collections.abc.Iterable)


def is_literal_type(typ: Any) -> bool:
    return get_origin(typ) in (typing.Literal, typing_extensions.Literal)


def is_required_type(typ: Any) -> bool:
    return get_origin(typ) in (Required, getattr(typing, "Required", Required))


def is_type_alias_type(tp: Any) -> bool:
    return bool(_TYPE_ALIAS_TYPES) and isinstance(tp, _TYPE_ALIAS_TYPES)


def is_typeddict(typ: Any) -> bool:
    return typing_extensions.is_typeddict(typ)


def strip_annotated_type(typ: Any) -> Any:
    """``Required[Annotated[T, ...]]`` -> ``T``."""
    while is_required_type(typ) or is_annotated_type(typ):
        typ = get_args(typ)[0]
    return typ


def extract_type_arg(typ: Any, index: int) -> Any:
    args = get_args(typ)
    try:
        return args[index]
    except IndexError as err:
        raise RuntimeError(f"Expected type {typ} to have a type argument at index {index} but it did not") from err


_T = TypeVar("_T")


def extract_type_var_from_base(
    typ: Any, *, generic_bases: Tuple[type, ...], index: int, failure_message: str | None = None
) -> Any:
    """The argument at ``index`` of the first parametrized ``generic_bases`` member in ``typ``'s
    ancestry: ``Stream[Chunk]`` -> ``Chunk``, ``class MyStream(Stream[Chunk])`` -> ``Chunk``."""
    cls = cast(Type[Any], get_origin(typ) or typ)
    if cls in generic_bases:
        return extract_type_arg(typ, index)
    for base in getattr(cls, "__orig_bases__", ()):
        origin = get_origin(base)
        if origin in generic_bases:
            arg = extract_type_arg(base, index)
            if not isinstance(arg, TypeVar):
                return arg
        elif origin is not None and isinstance(origin, type):
            try:
                return extract_type_var_from_base(
                    base, generic_bases=generic_bases, index=index, failure_message=failure_message
                )
            except RuntimeError:
                pass
    # pydantic generic models record their parameters in __pydantic_generic_metadata__
    meta = getattr(cls, "__pydantic_generic_metadata__", None)
    if meta and meta.get("args"):
        return meta["args"][index]
    raise RuntimeError(failure_message or f"Could not resolve inner type variable at index {index} for {typ}")
