"""``.with_raw_response``: the response object with headers and status, body already read.

``LegacyAPIResponse.parse()`` returns what the method would have returned.
``HttpxBinaryResponseContent`` is the return type of binary endpoints.
"""

from __future__ import annotations

import functools
import os
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Dict,
    Iterator,
    Optional,
    TypeVar,
    Union,
    cast,
)

import httpx
from typing_extensions import ParamSpec

from ._constants import RAW_RESPONSE_HEADER
from ._response import BaseAPIResponse

if TYPE_CHECKING:
    pass

__all__ = [
    "LegacyAPIResponse",
    "HttpxBinaryResponseContent",
    "to_raw_response_wrapper",
    "async_to_raw_response_wrapper",
    "to_custom_raw_response_wrapper",
    "async_to_custom_raw_response_wrapper",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_T = TypeVar("_T")


class LegacyAPIResponse(BaseAPIResponse[_R]):
    """The raw HTTP response of a call, body already read. ``parse()`` gives the typed result.

    ``retries_taken`` says how many times the request was retried before this response.
    """

    def parse(self, *, to: Optional[Any] = None) -> Any:
        """The typed result (cached). ``to`` parses into another type instead."""
        return self._parse(to)

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self) -> Any:
        return self.http_response.json()


class MissingStreamClassError(TypeError):
    def __init__(self) -> None:
        super().__init__("The `stream` argument was set to `True` but the `stream_cls` argument was not given")


def _with_header(kwargs: Dict[str, Any], value: str) -> Dict[str, Any]:
    headers: Dict[str, Any] = dict(kwargs.get("extra_headers") or {})
    headers[RAW_RESPONSE_HEADER] = value
    kwargs["extra_headers"] = headers
    return kwargs


def to_raw_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, LegacyAPIResponse[_R]]:
    """Wrap a resource method so it returns the ``LegacyAPIResponse``."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> LegacyAPIResponse[_R]:
        return cast(LegacyAPIResponse[_R], func(*args, **_with_header(kwargs, "raw")))

    return wrapped


def async_to_raw_response_wrapper(func: Callable[_P, Awaitable[_R]]) -> Callable[_P, Awaitable[LegacyAPIResponse[_R]]]:
    """The async twin of :func:`to_raw_response_wrapper`."""

    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> LegacyAPIResponse[_R]:
        return cast(LegacyAPIResponse[_R], await func(*args, **_with_header(kwargs, "raw")))

    return wrapped


def to_custom_raw_response_wrapper(func: Callable[_P, object], response_cls: Any) -> Callable[_P, Any]:
    """Like :func:`to_raw_response_wrapper`, returning ``response_cls`` (a binary response class)."""
    from ._response import to_custom_raw_response_wrapper as wrap

    return wrap(func, response_cls)


def async_to_custom_raw_response_wrapper(
    func: Callable[_P, Awaitable[object]], response_cls: Any
) -> Callable[_P, Awaitable[Any]]:
    from ._response import async_to_custom_raw_response_wrapper as wrap

    return wrap(func, response_cls)


class HttpxBinaryResponseContent:
    """The body of a binary endpoint (audio, file contents)."""

    response: httpx.Response

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def content(self) -> bytes:
        return self.response.content

    @property
    def text(self) -> str:
        return self.response.text

    @property
    def encoding(self) -> Optional[str]:
        return self.response.encoding

    @property
    def charset_encoding(self) -> Optional[str]:
        return self.response.charset_encoding

    def json(self, **kwargs: Any) -> Any:
        return self.response.json(**kwargs)

    def read(self) -> bytes:
        return self.response.read()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return self.response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        return self.response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        return self.response.iter_lines()

    def iter_raw(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        return self.response.iter_raw(chunk_size)

    def write_to_file(self, file: Union[str, os.PathLike[str]]) -> None:
        """Write the whole body to ``file``."""
        with open(file, mode="wb") as f:
            for data in self.response.iter_bytes():
                f.write(data)

    def stream_to_file(self, file: Union[str, os.PathLike[str]], *, chunk_size: Optional[int] = None) -> None:
        """Write the body to ``file`` chunk by chunk, as it arrives."""
        with open(file, mode="wb") as f:
            for data in self.response.iter_bytes(chunk_size):
                f.write(data)

    def close(self) -> None:
        return self.response.close()

    async def aread(self) -> bytes:
        return await self.response.aread()

    async def aiter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        return self.response.aiter_bytes(chunk_size)

    async def aiter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]:
        return self.response.aiter_text(chunk_size)

    async def aiter_lines(self) -> AsyncIterator[str]:
        return self.response.aiter_lines()

    async def aiter_raw(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        return self.response.aiter_raw(chunk_size)

    async def astream_to_file(self, file: Union[str, os.PathLike[str]], *, chunk_size: Optional[int] = None) -> None:
        """Write the body to ``file`` as it arrives, without blocking the event loop on disk writes."""
        import anyio

        path = anyio.Path(file)
        async with await path.open(mode="wb") as f:
            async for data in self.response.aiter_bytes(chunk_size):
                await f.write(data)

    async def aclose(self) -> None:
        return await self.response.aclose()
