"""Stream helpers (chat completions, responses, assistants).

Names load on first use: importing this package (``openai.AssistantEventHandler``
resolves through it) costs nothing until a helper is touched.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Dict

if TYPE_CHECKING:
    from ._assistants import (
        AssistantEventHandler as AssistantEventHandler,
        AssistantEventHandlerT as AssistantEventHandlerT,
        AssistantStreamManager as AssistantStreamManager,
        AsyncAssistantEventHandler as AsyncAssistantEventHandler,
        AsyncAssistantEventHandlerT as AsyncAssistantEventHandlerT,
        AsyncAssistantStreamManager as AsyncAssistantStreamManager,
    )

__all__ = [
    "AssistantEventHandler",
    "AssistantEventHandlerT",
    "AssistantStreamManager",
    "AsyncAssistantEventHandler",
    "AsyncAssistantEventHandlerT",
    "AsyncAssistantStreamManager",
]

_LAZY: Dict[str, str] = {name: "._assistants" for name in __all__}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
