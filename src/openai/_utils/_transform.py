"""``PropertyInfo``: metadata attached to annotations with ``Annotated``.

The generated params carry it for compatibility with code that inspects the
TypedDicts. Our request path does not walk annotations at call time: the
generator applies aliases and formats statically.
"""

from __future__ import annotations

from typing import Any, Optional

from typing_extensions import Literal

__all__ = ["PropertyInfo"]

PropertyFormat = Literal["iso8601", "base64", "custom"]


class PropertyInfo:
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
