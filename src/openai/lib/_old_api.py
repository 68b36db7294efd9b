"""Compatibility module: the pre-1.0 names (``openai.ChatCompletion``, ...).

Thin compatibility layer (issue 8), loaded only when one of these names is read
from ``openai``. Version 1.0 removed these classes; 2.38 keeps the names as
placeholders that raise ``APIRemovedInV1`` when used, so code written for 0.x
fails with a pointer to the new interface instead of an ``AttributeError``, and
``hasattr(openai, "ChatCompletion")`` stays true. Ours does the same.
"""

from __future__ import annotations

from typing import NoReturn

from .._exceptions import OpenAIError

__all__ = ["APIRemovedInV1", "APIRemovedInV1Proxy"]

_SYMBOLS = (
    "Edit",
    "File",
    "Audio",
    "Image",
    "Model",
    "Engine",
    "Customer",
    "FineTune",
    "Embedding",
    "Completion",
    "Deployment",
    "Moderation",
    "ErrorObject",
    "FineTuningJob",
    "ChatCompletion",
)


class APIRemovedInV1(OpenAIError):
    """Raised when a pre-1.0 name (``openai.ChatCompletion``, ...) is used."""

    def __init__(self, *, symbol: str) -> None:
        super().__init__(
            f"openai.{symbol} was removed in openai 1.0 and is not available in this version. "
            "Use a client instead, for example `openai.OpenAI().chat.completions.create(...)` "
            "for `openai.ChatCompletion.create(...)`; `openai migrate` rewrites old code "
            "automatically, or pin `openai==0.28` to keep the old interface."
        )
        self.symbol = symbol


class APIRemovedInV1Proxy:
    """Stands for a removed pre-1.0 class: any use raises ``APIRemovedInV1``."""

    __slots__ = ("_symbol",)

    def __init__(self, symbol: str) -> None:
        self._symbol = symbol

    def _removed(self) -> NoReturn:
        raise APIRemovedInV1(symbol=self._symbol)

    def __getattr__(self, attr: str) -> NoReturn:
        self._removed()

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        self._removed()

    def __repr__(self) -> str:
        return "APIRemovedInV1Proxy"


def __getattr__(name: str) -> APIRemovedInV1Proxy:
    if name in _SYMBOLS:
        proxy = APIRemovedInV1Proxy(name)
        globals()[name] = proxy
        return proxy
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
