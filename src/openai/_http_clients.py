"""httpx clients with this package's defaults, and the aiohttp-backed async client."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from ._constants import DEFAULT_CONNECTION_LIMITS, DEFAULT_TIMEOUT

__all__ = ["DefaultHttpxClient", "DefaultAsyncHttpxClient", "DefaultAioHttpClient"]


def _with_defaults(kwargs: Any) -> Any:
    kwargs.setdefault("timeout", DEFAULT_TIMEOUT)
    kwargs.setdefault("follow_redirects", True)
    if "transport" not in kwargs:
        kwargs.setdefault("limits", DEFAULT_CONNECTION_LIMITS)
    return kwargs


class DefaultHttpxClient(httpx.Client):
    """``httpx.Client`` with our timeout, redirect and pool defaults; takes every httpx argument."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_with_defaults(kwargs))


class DefaultAsyncHttpxClient(httpx.AsyncClient):
    """``httpx.AsyncClient`` with our timeout, redirect and pool defaults; takes every httpx argument."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_with_defaults(kwargs))


class SyncHttpxClientWrapper(DefaultHttpxClient):
    """The client a client builds for itself: closed when garbage collected."""

    def __del__(self) -> None:
        if self.is_closed:
            return
        try:
            self.close()
        except Exception:
            pass


def _close_sockets_without_loop(client: httpx.AsyncClient) -> None:
    """Close the pool's sockets directly, for a client collected after its loop is gone.

    Going through the transports would need the (closed) loop and print
    "Event loop is closed"; closing the sockets lets the transports be collected quietly.
    """
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    for connection in list(getattr(pool, "_connections", None) or ()):
        inner = getattr(connection, "_connection", None)
        stream = getattr(inner, "_network_stream", None)
        if stream is None:
            continue
        try:
            sock = stream.get_extra_info("socket")
        except Exception:
            sock = None
        transport = getattr(getattr(stream, "_stream", None), "_transport", None)
        for target in (transport, sock):
            if target is None:
                continue
            try:
                if target is transport:
                    # detach the socket so the transport's own __del__ has nothing to do
                    sock_attr = getattr(target, "_sock", None)
                    if sock_attr is not None:
                        sock_attr.close()
                else:
                    target.close()
            except Exception:
                pass


class AsyncHttpxClientWrapper(DefaultAsyncHttpxClient):
    """The client an async client builds for itself: closed when garbage collected."""

    def __del__(self) -> None:
        if self.is_closed:
            return
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None and not loop.is_closed():
            try:
                loop.create_task(self.aclose())
                return
            except Exception:
                pass
        _close_sockets_without_loop(self)


def _build_aiohttp_client_class() -> type:
    try:
        import httpx_aiohttp
    except ImportError:

        class _MissingAioHttpClient(httpx.AsyncClient):
            def __init__(self, **_kwargs: Any) -> None:
                raise RuntimeError(
                    "DefaultAioHttpClient needs the optional aiohttp transport. "
                    "Install it with: pip install 'openai[aiohttp]'"
                )

        return _MissingAioHttpClient

    class _AioHttpClient(httpx_aiohttp.HttpxAiohttpClient):  # type: ignore[misc, name-defined]
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**_with_defaults(kwargs))  # pyright: ignore

    return _AioHttpClient


_aiohttp_class: Any = None


def __getattr__(name: str) -> Any:
    # aiohttp is heavy (~75 ms): load it only when someone asks for this client
    global _aiohttp_class
    if name == "DefaultAioHttpClient":
        if _aiohttp_class is None:
            _aiohttp_class = _build_aiohttp_client_class()
            _aiohttp_class.__name__ = "DefaultAioHttpClient"
            _aiohttp_class.__qualname__ = "DefaultAioHttpClient"
        return _aiohttp_class
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    DefaultAioHttpClient = DefaultAsyncHttpxClient
