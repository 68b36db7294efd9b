"""What the helper mixins share: splitting a method's arguments into API parameters and
request options, the helper headers, and deferred API calls.

Imported with the resource modules, so it imports nothing beyond the standard library
and the light ``openai._types``.
"""

from __future__ import annotations

from types import MethodType
from typing import (
    Any,
    Awaitable,
    Callable,
    Dict,
    Generator,
    Iterable,
    Mapping,
    Optional,
    TypeVar,
    Union,
    cast,
)

from ..._types import Omit

__all__ = [
    "api_params",
    "helper_headers",
    "Deferred",
    "REQUEST_OPTIONS",
    "undeprecated",
]

_T = TypeVar("_T")

REQUEST_OPTIONS = ("extra_headers", "extra_query", "extra_body", "timeout")


def api_params(
    arguments: Mapping[str, Any], *, drop: Iterable[str] = ()
) -> Dict[str, Any]:
    """The API parameters among a helper's arguments (its ``locals()`` on entry): all but
    ``self``, the four request options and the helper's own arguments in ``drop``.

    The helpers take every parameter of the method they wrap under the same name, so
    forwarding them this way keeps the two in step (a test compares the signatures).
    """
    skip = {"self", *REQUEST_OPTIONS, *drop}
    return {k: v for k, v in arguments.items() if k not in skip}


def helper_headers(
    extra_headers: Optional[Mapping[str, Union[str, Omit]]], **headers: str
) -> Dict[str, Union[str, Omit]]:
    """``headers`` (``X_Stainless_Helper_Method`` -> ``X-Stainless-Helper-Method``) under the
    caller's ``extra_headers``, which win."""
    out: Dict[str, Union[str, Omit]] = {
        k.replace("_", "-"): v for k, v in headers.items()
    }
    if extra_headers:
        out.update(extra_headers)
    return out


class Deferred(Awaitable[_T]):
    """An awaitable that starts ``call()`` only when awaited.

    The async stream managers take the awaitable API request, as in the official
    package; handing them a coroutine made up front would warn "never awaited" when
    a manager is dropped without being entered.
    """

    __slots__ = ("_call",)

    def __init__(self, call: Callable[[], Awaitable[_T]]) -> None:
        self._call = call

    def __await__(self) -> Generator[Any, None, _T]:
        return self._call().__await__()


def undeprecated(method: Callable[..., _T]) -> Callable[..., _T]:
    """``method`` (bound) without the deprecation warning of a generated deprecated method.

    A helper that calls a deprecated generated method (``runs.create``) warns once
    itself when it is deprecated too; the inner call must not warn a second time, from
    inside the package.
    """
    func = getattr(method, "__func__", None)
    wrapped = getattr(func, "__wrapped__", None)
    if wrapped is None or getattr(func, "__deprecated__", None) is None:
        return method
    return cast(Callable[..., _T], MethodType(wrapped, getattr(method, "__self__")))
