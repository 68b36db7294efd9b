"""Query strings in the bracket style the API expects (``include[]=a``, ``metadata[key]=v``)."""

from __future__ import annotations

from typing import Any, List, Mapping, Tuple
from urllib.parse import quote, urlencode

from typing_extensions import Literal

from ._types import NotGiven, Omit

__all__ = ["stringify", "stringify_items", "Querystring"]

ArrayFormat = Literal["brackets", "repeat", "comma", "indices"]
NestedFormat = Literal["brackets", "dots"]


def _primitive(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def stringify_items(
    params: Mapping[str, object], *, array_format: ArrayFormat = "brackets", nested_format: NestedFormat = "brackets"
) -> List[Tuple[str, str]]:
    """Flatten ``params`` into ``(key, value)`` pairs, dropping ``None`` and not-given values."""
    out: List[Tuple[str, str]] = []
    for key, value in params.items():
        _flatten(out, key, value, array_format, nested_format)
    return out


def _flatten(out: List[Tuple[str, str]], key: str, value: object, array_format: str, nested_format: str) -> None:
    if value is None or isinstance(value, (NotGiven, Omit)):
        return
    if isinstance(value, Mapping):
        for sub_key, sub_value in value.items():  # pyright: ignore[reportUnknownVariableType]
            nested = f"{key}.{sub_key}" if nested_format == "dots" else f"{key}[{sub_key}]"
            _flatten(out, nested, sub_value, array_format, nested_format)
        return
    if isinstance(value, (list, tuple)):
        items: List[Any] = list(value)  # pyright: ignore[reportUnknownArgumentType]
        if array_format == "comma":
            joined = ",".join(_primitive(v) for v in items if v is not None)
            if joined:
                out.append((key, joined))
            return
        for index, item in enumerate(items):
            if array_format == "brackets":
                item_key = f"{key}[]"
            elif array_format == "indices":
                item_key = f"{key}[{index}]"
            else:
                item_key = key
            _flatten(out, item_key, item, array_format, nested_format)
        return
    out.append((key, _primitive(value)))


def stringify(
    params: Mapping[str, object], *, array_format: ArrayFormat = "brackets", nested_format: NestedFormat = "brackets"
) -> str:
    """Encode ``params`` as a query string: ``include[]=a`` goes out as ``include%5B%5D=a``,
    byte for byte what the official client sends."""
    items = stringify_items(params, array_format=array_format, nested_format=nested_format)
    return urlencode(items, quote_via=quote)


class Querystring:
    """Kept for code that builds query strings the way the official package does."""

    def __init__(self, *, array_format: ArrayFormat = "brackets", nested_format: NestedFormat = "brackets") -> None:
        self.array_format: ArrayFormat = array_format
        self.nested_format: NestedFormat = nested_format

    def stringify(self, params: Mapping[str, object]) -> str:
        return stringify(params, array_format=self.array_format, nested_format=self.nested_format)

    def stringify_items(self, params: Mapping[str, object]) -> List[Tuple[str, str]]:
        return stringify_items(params, array_format=self.array_format, nested_format=self.nested_format)

    def parse(self, query: str) -> Mapping[str, object]:
        from urllib.parse import parse_qs

        return parse_qs(query)
