"""Running blocking functions from async code, and draining iterators."""

from __future__ import annotations

import functools
from typing import Any, AsyncIterator, Awaitable, Callable, Iterator, TypeVar

from typing_extensions import ParamSpec

_P = ParamSpec("_P")
_R = TypeVar("_R")


def asyncify(function: Callable[_P, _R]) -> Callable[_P, Awaitable[_R]]:
    """Wrap a blocking function so that awaiting it runs it in a worker thread."""

    @functools.wraps(function)
    async def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        import anyio.to_thread

        return await anyio.to_thread.run_sync(functools.partial(function, *args, **kwargs))

    return wrapper


def consume_sync_iterator(iterator: Iterator[Any]) -> None:
    for _ in iterator:
        pass


async def consume_async_iterator(iterator: AsyncIterator[Any]) -> None:
    async for _ in iterator:
        pass
