"""Typed access to parsed YAML/JSON values (the spec and our config).

Parsed documents are ``Any``; these helpers narrow them to the shapes the
generator expects, so the rest of the code stays fully typed.
"""

from __future__ import annotations

from typing import Any

from typing_extensions import TypeGuard

JsonDict = dict[str, Any]


def is_dict(value: object) -> TypeGuard[JsonDict]:
    return isinstance(value, dict)


def is_list(value: object) -> TypeGuard[list[Any]]:
    return isinstance(value, list)


def as_dict(value: object) -> JsonDict:
    return value if is_dict(value) else {}


def as_list(value: object) -> list[Any]:
    return value if is_list(value) else []


def get_dict(node: object, key: str) -> JsonDict:
    return as_dict(as_dict(node).get(key))


def get_list(node: object, key: str) -> list[Any]:
    return as_list(as_dict(node).get(key))


def get_str(node: object, key: str) -> str | None:
    value = as_dict(node).get(key)
    return value if isinstance(value, str) else None


def str_list(value: object) -> list[str]:
    return [v for v in as_list(value) if isinstance(v, str)]


def str_dict(value: object) -> dict[str, str]:
    return {k: v for k, v in as_dict(value).items() if isinstance(v, str)}


def empty_dict() -> dict[str, Any]:
    return {}


def empty_str_dict() -> dict[str, str]:
    return {}


def empty_str_list() -> list[str]:
    return []
