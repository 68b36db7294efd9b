"""Handwritten helpers layered on the generated surface.

Submodules load on first use: ``import openai.lib.azure`` must not pay for
pydantic-based helpers it does not touch, so the names exported here resolve
lazily through ``__getattr__``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Dict

if TYPE_CHECKING:
    from ._parsing._completions import ResponseFormatT as ResponseFormatT
    from ._tools import pydantic_function_tool as pydantic_function_tool

__all__ = ["ResponseFormatT", "pydantic_function_tool"]

_LAZY: Dict[str, str] = {
    "pydantic_function_tool": "._tools",
    "ResponseFormatT": "._parsing._completions",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
