"""``.with_streaming_response``: the response before its body is read.

Used as a context manager; the body is read only when asked for (``read``,
``text``, ``json``, ``iter_*``, ``parse``) and the connection is released on exit.
"""

from __future__ import annotations

import datetime
import functools
import json
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Dict,
    Generic,
    Iterator,
    Optional,
    Type,
    TypeVar,
    cast,
)

import httpx
from typing_extensions import ParamSpec

from ._constants import RAW_RESPONSE_HEADER

if TYPE_CHECKING:
    from ._options import FinalRequestOptions

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "BinaryAPIResponse",
    "AsyncBinaryAPIResponse",
    "StreamedBinaryAPIResponse",
    "AsyncStreamedBinaryAPIResponse",
    "ResponseContextManager",
    "AsyncResponseContextManager",
    "to_streamed_response_wrapper",
    "async_to_streamed_response_wrapper",
    "to_custom_streamed_response_wrapper",
    "async_to_custom_streamed_response_wrapper",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_APIResponseT = TypeVar("_APIResponseT", bound="APIResponse[Any]")
_AsyncAPIResponseT = TypeVar("_AsyncAPIResponseT", bound="AsyncAPIResponse[Any]")


class BaseAPIResponse(Generic[_R]):
    http_response: httpx.Response
    retries_taken: int

    def __init__(
        self,
        *,
        raw: httpx.Response,
        cast_to: Any,
        client: Any,
        stream: bool,
        stream_cls: Any,
        options: FinalRequestOptions,
        retries_taken: int = 0,
    ) -> None:
        self._cast_to = cast_to
        self._client = client
        self._parsed_by_type: Dict[Any, Any] = {}
        self._is_sse_stream = stream
        self._stream_cls = stream_cls
        self._options = options
        self.http_response = raw
        self.retries_taken = retries_taken

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def http_request(self) -> httpx.Request:
        return self.http_response.request

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_request.method

    @property
    def http_version(self) -> str:
        return self.http_response.http_version

    @property
    def elapsed(self) -> datetime.timedelta:
        return self.http_response.elapsed

    @property
    def is_closed(self) -> bool:
        return self.http_response.is_closed

    @property
    def request_id(self) -> Optional[str]:
        return self.http_response.headers.get("x-request-id")

    def _parse(self, to: Optional[Any]) -> Any:
        from ._parse import parse_body

        key = to if to is not None else self._cast_to
        if key in self._parsed_by_type:
            return self._parsed_by_type[key]
        parsed = parse_body(
            client=self._client,
            response=self.http_response,
            cast_to=key,
            options=self._options,
            stream=self._is_sse_stream and to is None,
            stream_cls=self._stream_cls,
        )
        self._parsed_by_type[key] = parsed
        return parsed

    def __repr__(self) -> str:
        return (
            f"<{self.__class__.__name__} [{self.status_code} {self.http_response.reason_phrase}] type={self._cast_to}>"
        )


class APIResponse(BaseAPIResponse[_R]):
    def parse(self, *, to: Optional[Any] = None) -> Any:
        """Read the body (unless it is an event stream) and return the typed result."""
        if not self._is_sse_stream or to is not None:
            self.read()
        return self._parse(to)

    def read(self) -> bytes:
        try:
            return self.http_response.read()
        except httpx.StreamConsumed as err:
            raise RuntimeError(
                "Didn't read the response body before it was closed. Use `.read()` before iterating or closing."
            ) from err

    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> object:
        return json.loads(self.read())

    def close(self) -> None:
        self.http_response.close()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        yield from self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        yield from self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        yield from self.http_response.iter_lines()


class AsyncAPIResponse(BaseAPIResponse[_R]):
    async def parse(self, *, to: Optional[Any] = None) -> Any:
        if not self._is_sse_stream or to is not None:
            await self.read()
        return self._parse(to)

    async def read(self) -> bytes:
        try:
            return await self.http_response.aread()
        except httpx.StreamConsumed as err:
            raise RuntimeError(
                "Didn't read the response body before it was closed. Use `.read()` before iterating or closing."
            ) from err

    async def text(self) -> str:
        await self.read()
        return self.http_response.text

    async def json(self) -> object:
        return json.loads(await self.read())

    async def close(self) -> None:
        await self.http_response.aclose()

    async def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        async for chunk in self.http_response.aiter_bytes(chunk_size):
            yield chunk

    async def iter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]:
        async for chunk in self.http_response.aiter_text(chunk_size):
            yield chunk

    async def iter_lines(self) -> AsyncIterator[str]:
        async for line in self.http_response.aiter_lines():
            yield line


class BinaryAPIResponse(APIResponse[bytes]):
    """A binary body, with a helper to save it."""

    def write_to_file(self, file: Any) -> None:
        with open(file, mode="wb") as f:
            for data in self.iter_bytes():
                f.write(data)


class AsyncBinaryAPIResponse(AsyncAPIResponse[bytes]):
    async def write_to_file(self, file: Any) -> None:
        import anyio

        path = anyio.Path(file)
        async with await path.open(mode="wb") as f:
            async for data in self.iter_bytes():
                await f.write(data)


class StreamedBinaryAPIResponse(APIResponse[bytes]):
    def stream_to_file(self, file: Any, *, chunk_size: Optional[int] = None) -> None:
        with open(file, mode="wb") as f:
            for data in self.iter_bytes(chunk_size):
                f.write(data)


class AsyncStreamedBinaryAPIResponse(AsyncAPIResponse[bytes]):
    async def stream_to_file(self, file: Any, *, chunk_size: Optional[int] = None) -> None:
        import anyio

        path = anyio.Path(file)
        async with await path.open(mode="wb") as f:
            async for data in self.iter_bytes(chunk_size):
                await f.write(data)


class ResponseContextManager(Generic[_APIResponseT]):
    """Sends the request on ``__enter__`` and closes the response on ``__exit__``."""

    def __init__(self, request_func: Callable[[], _APIResponseT]) -> None:
        self._request_func = request_func
        self.__response: Optional[_APIResponseT] = None

    def __enter__(self) -> _APIResponseT:
        self.__response = self._request_func()
        return self.__response

    def __exit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], exc_tb: Optional[TracebackType]
    ) -> None:
        if self.__response is not None:
            self.__response.close()


class AsyncResponseContextManager(Generic[_AsyncAPIResponseT]):
    def __init__(self, api_request: Awaitable[_AsyncAPIResponseT]) -> None:
        self._api_request = api_request
        self.__response: Optional[_AsyncAPIResponseT] = None

    async def __aenter__(self) -> _AsyncAPIResponseT:
        self.__response = await self._api_request
        return self.__response

    async def __aexit__(
        self, exc_type: Optional[Type[BaseException]], exc: Optional[BaseException], exc_tb: Optional[TracebackType]
    ) -> None:
        if self.__response is not None:
            await self.__response.close()


def _stream_kwargs(kwargs: Dict[str, Any], response_cls: Any = None) -> Dict[str, Any]:
    headers: Dict[str, Any] = dict(kwargs.get("extra_headers") or {})
    headers[RAW_RESPONSE_HEADER] = "stream"
    kwargs["extra_headers"] = headers
    return kwargs


def to_streamed_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, ResponseContextManager[APIResponse[_R]]]:
    """Wrap a resource method so it returns a context manager over an ``APIResponse``."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> ResponseContextManager[APIResponse[_R]]:
        kw = _stream_kwargs(kwargs)
        return ResponseContextManager(cast(Callable[[], APIResponse[_R]], functools.partial(func, *args, **kw)))

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, AsyncResponseContextManager[AsyncAPIResponse[_R]]]:
    """The async twin of :func:`to_streamed_response_wrapper`."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncResponseContextManager[AsyncAPIResponse[_R]]:
        kw = _stream_kwargs(kwargs)
        return AsyncResponseContextManager(cast(Awaitable[AsyncAPIResponse[_R]], _awaitable(func(*args, **kw))))

    return wrapped


async def _awaitable(value: Any) -> Any:
    # list methods return an AsyncPaginator (awaitable), others a coroutine
    return await value


def _convert(response: Any, response_cls: Any) -> Any:
    if isinstance(response, response_cls):
        return response
    converted = response_cls.__new__(response_cls)
    converted.__dict__.update(response.__dict__)
    return converted


def to_custom_streamed_response_wrapper(
    func: Callable[_P, object], response_cls: Any
) -> Callable[_P, ResponseContextManager[Any]]:
    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> ResponseContextManager[Any]:
        kw = _stream_kwargs(kwargs)
        return ResponseContextManager(lambda: _convert(func(*args, **kw), response_cls))

    return wrapped


def async_to_custom_streamed_response_wrapper(
    func: Callable[_P, Awaitable[object]], response_cls: Any
) -> Callable[_P, AsyncResponseContextManager[Any]]:
    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncResponseContextManager[Any]:
        kw = _stream_kwargs(kwargs)

        async def run() -> Any:
            return _convert(await func(*args, **kw), response_cls)

        return AsyncResponseContextManager(run())

    return wrapped


def to_custom_raw_response_wrapper(func: Callable[_P, object], response_cls: Any) -> Callable[_P, Any]:
    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> Any:
        kw = _stream_kwargs(kwargs)
        response = _convert(func(*args, **kw), response_cls)
        response.read()
        return response

    return wrapped


def async_to_custom_raw_response_wrapper(
    func: Callable[_P, Awaitable[object]], response_cls: Any
) -> Callable[_P, Awaitable[Any]]:
    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> Any:
        kw = _stream_kwargs(kwargs)
        response = _convert(await func(*args, **kw), response_cls)
        await response.read()
        return response

    return wrapped


def extract_response_type(typ: Type[BaseAPIResponse[Any]]) -> type:
    from ._utils._typing import extract_type_var_from_base

    return cast(
        type,
        extract_type_var_from_base(
            typ, generic_bases=cast("tuple[type, ...]", (BaseAPIResponse, APIResponse, AsyncAPIResponse)), index=0
        ),
    )
