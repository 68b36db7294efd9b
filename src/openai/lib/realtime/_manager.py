"""What ``connect(...)`` returns: opens the connection on ``with`` / ``async with`` (or ``enter()``)."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Dict, Generic, Mapping, Optional, Type, TypeVar

from ..._exceptions import OpenAIError
from ..._logs import SENSITIVE_HEADERS, register_secret
from ..._types import Headers, NotGiven, Omit, Query
from ._connection import AsyncConnection, OnReconnecting, SyncConnection, encode_event
from ._handlers import HandlerRegistry, register
from ._send_queue import SendQueue
from ._target import async_resolve_target, merge_headers, resolve_target
from ._ws import load_websockets

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection as AsyncWebSocketConnection
    from websockets.sync.client import ClientConnection as WebSocketConnection

__all__ = ["SyncManager", "AsyncManager"]

SyncConnectionT = TypeVar("SyncConnectionT", bound=SyncConnection[Any, Any])
AsyncConnectionT = TypeVar("AsyncConnectionT", bound=AsyncConnection[Any, Any])


def _given(value: Any) -> Optional[str]:
    if value is None or isinstance(value, (Omit, NotGiven)):
        return None
    if not isinstance(value, str):
        raise TypeError(f"expected a str, got {type(value).__name__}")
    return value


class _ManagerCommon:
    _resource: ClassVar[str]
    """The URL path under the base URL: ``realtime`` or ``responses``."""
    _fixed_headers: ClassVar[Mapping[str, str]] = {}
    """Headers this kind of connection always sends (before ``extra_headers``)."""

    def _init_manager(
        self,
        *,
        client: Any,
        model: Any,
        call_id: Any,
        extra_query: Query,
        extra_headers: Headers,
        websocket_connection_options: Mapping[str, Any],
        on_reconnecting: Optional[OnReconnecting],
        max_retries: int,
        initial_delay: float,
        max_delay: float,
        max_queue_size: int,
    ) -> None:
        self._client = client
        self._model = _given(model)
        self._call_id = _given(call_id)
        self._extra_query: Dict[str, object] = dict(extra_query)
        self._extra_headers: Dict[str, Any] = dict(extra_headers)
        self._options: Dict[str, Any] = dict(websocket_connection_options)
        self._on_reconnecting = on_reconnecting
        self._max_retries = max_retries
        self._initial_delay = initial_delay
        self._max_delay = max_delay
        self._queue = SendQueue(max_queue_size)
        self._handlers = HandlerRegistry()

    def _query(self, extra_query: Query) -> Dict[str, object]:
        query: Dict[str, object] = {}
        if self._call_id is not None:
            query["call_id"] = self._call_id
        query.update(extra_query)
        return query

    def _connect_kwargs(self, auth: Dict[str, str], extra_headers: Headers) -> Dict[str, Any]:
        headers = merge_headers(auth, self._fixed_headers, extra_headers)
        for name, value in headers.items():
            if name.lower() in SENSITIVE_HEADERS:
                # websockets logs header values on their own; known secrets are redacted anywhere
                register_secret(value.split(" ", 1)[-1])
        return {"user_agent_header": self._client.user_agent, "additional_headers": headers, **self._options}

    def _connection_kwargs(self) -> Dict[str, Any]:
        return {
            "on_reconnecting": self._on_reconnecting,
            "max_retries": self._max_retries,
            "initial_delay": self._initial_delay,
            "max_delay": self._max_delay,
            "extra_query": self._extra_query,
            "extra_headers": self._extra_headers,
            "send_queue": self._queue,
        }

    def on(self, event_type: str, handler: Any = None) -> Any:
        """Register a handler now; the connection gets it when it opens (see ``connection.on``)."""
        return register(self._handlers, self, event_type, handler, once=False)

    def once(self, event_type: str, handler: Any = None) -> Any:
        """Register a one-time handler now; the connection gets it when it opens."""
        return register(self._handlers, self, event_type, handler, once=True)

    def off(self, event_type: str, handler: Any) -> Any:
        """Remove a handler registered on this manager."""
        self._handlers.remove(event_type, handler)
        return self


class SyncManager(_ManagerCommon, Generic[SyncConnectionT]):
    _connection_class: ClassVar[Type[Any]]

    def __init__(self, **kwargs: Any) -> None:
        self._init_manager(**kwargs)
        self._connection: Optional[SyncConnectionT] = None

    def send(self, event: Any) -> None:
        """Send now if connected, else queue ``event`` until the connection opens."""
        if self._connection is not None:
            self._connection.send(event)
        else:
            self._queue.put(encode_event(event))

    def __enter__(self) -> SyncConnectionT:
        return self.enter()

    def enter(self) -> SyncConnectionT:
        """Open the connection without ``with``; then call ``connection.close()`` yourself."""
        websocket = self._connect_ws(self._extra_query, self._extra_headers)
        connection: SyncConnectionT = self._connection_class(
            websocket, make_ws=self._connect_ws, **self._connection_kwargs()
        )
        self._handlers.merge_into(connection._handlers)
        connection._start()
        self._connection = connection
        return connection

    def _connect_ws(self, extra_query: Query, extra_headers: Headers) -> WebSocketConnection:
        load_websockets()
        from websockets.sync.client import connect

        url, auth = resolve_target(
            self._client, self._resource, model=self._model, query=self._query(extra_query), extra_headers=extra_headers
        )
        # entered by hand: websockets wants its sync connection used as a context manager;
        # the connection object closes it (close() is what __exit__ would call)
        return connect(str(url), **self._connect_kwargs(auth, extra_headers)).__enter__()

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        if self._connection is not None:
            self._connection.close()


class AsyncManager(_ManagerCommon, Generic[AsyncConnectionT]):
    _connection_class: ClassVar[Type[Any]]

    def __init__(self, **kwargs: Any) -> None:
        self._init_manager(**kwargs)
        self._connection: Optional[AsyncConnectionT] = None

    def send(self, event: Any) -> None:
        """Queue ``event`` to be sent as soon as the connection opens (a plain call, as officially)."""
        if self._connection is not None:
            raise OpenAIError("The connection is open: send with `await connection.send(event)` instead.")
        self._queue.put(encode_event(event))

    async def __aenter__(self) -> AsyncConnectionT:
        return await self.enter()

    async def enter(self) -> AsyncConnectionT:
        """Open the connection without ``async with``; then ``await connection.close()`` yourself."""
        websocket = await self._connect_ws(self._extra_query, self._extra_headers)
        connection: AsyncConnectionT = self._connection_class(
            websocket, make_ws=self._connect_ws, **self._connection_kwargs()
        )
        self._handlers.merge_into(connection._handlers)
        await connection._start()
        self._connection = connection
        return connection

    async def _connect_ws(self, extra_query: Query, extra_headers: Headers) -> AsyncWebSocketConnection:
        load_websockets()
        from websockets.asyncio.client import connect

        url, auth = await async_resolve_target(
            self._client, self._resource, model=self._model, query=self._query(extra_query), extra_headers=extra_headers
        )
        return await connect(str(url), **self._connect_kwargs(auth, extra_headers))

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        if self._connection is not None:
            await self._connection.close()
