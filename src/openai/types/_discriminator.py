"""Tag lookup for unions whose variants may omit their tag (handwritten).

Generated models use ``Field(discriminator="type")`` where every variant
requires its literal tag. Where the spec lets one variant omit it, pydantic
needs a function instead: ``by_tag("type", default="audio/pcm")`` reads the tag
from a dict or an object and assumes ``default`` when it is absent.
"""

from __future__ import annotations

from typing import Any, Optional

from pydantic import Discriminator

__all__ = ["by_tag"]


def by_tag(prop: str, default: Optional[str] = None) -> Discriminator:
    def tag_of(value: Any) -> Optional[str]:
        if isinstance(value, dict):
            tag = value.get(prop)  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
        else:
            tag = getattr(value, prop, None)
        if tag is None:
            return default
        return tag if isinstance(tag, str) else None

    return Discriminator(tag_of)
