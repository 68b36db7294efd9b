"""Typed views of decoded JSON: request bodies arrive as `Any`; these narrow them
without sprinkling casts through the handlers."""

from __future__ import annotations

from typing import Any, cast

JSON = dict[str, Any]


def as_obj(value: object) -> JSON | None:
    """`value` if it is a JSON object, else None."""
    return cast(JSON, value) if isinstance(value, dict) else None


def as_list(value: object) -> list[Any] | None:
    """`value` if it is a JSON array, else None."""
    return cast(list[Any], value) if isinstance(value, list) else None  # type: ignore[redundant-cast]


def array(value: object) -> list[Any]:
    """`value` if it is a JSON array, else []."""
    return cast(list[Any], value) if isinstance(value, list) else []  # type: ignore[redundant-cast]


def objs(value: object) -> list[JSON]:
    """The JSON objects in `value` if it is an array (other entries skipped), else []."""
    return [cast(JSON, v) for v in array(value) if isinstance(v, dict)]


def get(value: object, key: str, default: Any = None) -> Any:
    """`value[key]` if `value` is a JSON object that has it, else `default`."""
    found = as_obj(value)
    return default if found is None else found.get(key, default)
