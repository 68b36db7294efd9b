"""The connection engine shared by Realtime, beta Realtime and Responses connections.

One sync and one async twin. Each owns a ``websockets`` connection, turns incoming
messages into typed events, and, when the server closes with a recoverable code and
the caller passed ``on_reconnecting``, reconnects with backoff while holding back
outgoing messages in a bounded queue.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import logging
import random
import threading
import time
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    ClassVar,
    Dict,
    Generic,
    Iterator,
    Mapping,
    Optional,
    TypeVar,
    Union,
)

from ..._exceptions import OpenAIError, WebSocketConnectionClosedError
from ..._types import Headers, NotGiven, Omit, Query
from ...types.websocket_reconnection import ReconnectingEvent, ReconnectingOverrides, is_recoverable_close
from ._handlers import HandlerRegistry, register
from ._send_queue import SendQueue
from ._ws import close_code, closed_error, load_websockets

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection as AsyncWebSocketConnection
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import ClientConnection as WebSocketConnection

__all__ = ["SyncConnection", "AsyncConnection", "encode_event", "backoff_delay", "OnReconnecting"]

log = logging.getLogger("openai.realtime")

ServerEventT = TypeVar("ServerEventT")
ClientEventT = TypeVar("ClientEventT")
OnReconnecting = Callable[[ReconnectingEvent], Optional[ReconnectingOverrides]]
Handler = Callable[..., Any]


def encode_event(event: object) -> str:
    """A client event (dict or model) as the JSON text sent over the socket."""
    dump_json = getattr(event, "model_dump_json", None)
    if dump_json is not None:
        return dump_json(by_alias=True, exclude_unset=True)
    if not isinstance(event, Mapping):
        raise TypeError(f"`event` must be a dict or an event model, got {type(event).__name__}")
    from ..._base_client import encode_json

    body = {k: v for k, v in event.items() if not isinstance(v, (Omit, NotGiven))}  # pyright: ignore[reportUnknownVariableType]
    return encode_json(body).decode("utf-8")


def backoff_delay(attempt: int, initial_delay: float, max_delay: float) -> float:
    """Exponential backoff from ``initial_delay``, capped at ``max_delay``, less up to 25% jitter."""
    delay = min(initial_delay * 2 ** (attempt - 1), max_delay)
    return delay * (1 - 0.25 * random.random())


def _check_options(max_retries: int, initial_delay: float, max_delay: float) -> None:
    if not isinstance(max_retries, int) or max_retries < 0:  # pyright: ignore[reportUnnecessaryIsInstance]
        raise ValueError(f"`max_retries` must be an int >= 0, got {max_retries!r}")
    if initial_delay < 0:
        raise ValueError(f"`initial_delay` must be >= 0 seconds, got {initial_delay!r}")
    if max_delay < 0:
        raise ValueError(f"`max_delay` must be >= 0 seconds, got {max_delay!r}")


# Errors of one failed connection attempt: the next attempt may succeed.
def _attempt_errors() -> "tuple[type[BaseException], ...]":
    from websockets.exceptions import WebSocketException

    return (OSError, WebSocketException, asyncio.TimeoutError)


class _Common(Generic[ServerEventT, ClientEventT]):
    """What the sync and async connections share: options, parsing, handlers, close bookkeeping."""

    _server_event_ref: ClassVar[str] = ""
    """``"module:Name"`` of the server event union, imported on first parse."""
    _server_event_type: ClassVar[Any] = None

    _queue: SendQueue
    _handlers: HandlerRegistry

    def _init_common(
        self,
        *,
        on_reconnecting: Optional[OnReconnecting],
        can_reconnect: bool,
        max_retries: int,
        initial_delay: float,
        max_delay: float,
        extra_query: Query,
        extra_headers: Headers,
        send_queue: Optional[SendQueue],
    ) -> None:
        _check_options(max_retries, initial_delay, max_delay)
        if on_reconnecting is not None and not callable(on_reconnecting):
            raise TypeError(f"`on_reconnecting` must be callable, got {type(on_reconnecting).__name__}")
        self._on_reconnecting = on_reconnecting
        self._can_reconnect_at_all = can_reconnect and on_reconnecting is not None and max_retries > 0
        self._max_retries = max_retries
        self._initial_delay = initial_delay
        self._max_delay = max_delay
        self._extra_query: Dict[str, object] = dict(extra_query)
        self._extra_headers: Dict[str, Any] = dict(extra_headers)
        self._queue = send_queue if send_queue is not None else SendQueue()
        self._handlers = HandlerRegistry()
        self._reconnecting = False
        self._closed_by_user = False

    @classmethod
    def _event_type(cls) -> Any:
        event_type = cls.__dict__.get("_server_event_type")
        if event_type is None:
            module, _, name = cls._server_event_ref.partition(":")
            event_type = getattr(importlib.import_module(module), name)
            cls._server_event_type = event_type
        return event_type

    def parse_event(self, data: Union[str, bytes]) -> ServerEventT:
        """Turn one raw message (``str`` or ``bytes``, e.g. from ``recv_bytes()``) into a typed event."""
        from ..._models import parse_json

        return parse_json(self._event_type(), data)  # type: ignore[no-any-return]

    def _should_reconnect(self, code: int) -> bool:
        return self._can_reconnect_at_all and not self._closed_by_user and is_recoverable_close(code)

    def _give_up_note(self, code: int) -> Optional[str]:
        if self._closed_by_user or not is_recoverable_close(code):
            return None
        if self._on_reconnecting is None:
            return "The close code is recoverable: pass `on_reconnecting=` to `connect()` to reconnect automatically."
        return None

    def _next_attempt(self, attempt: int, code: int) -> Optional[float]:
        """Ask ``on_reconnecting`` about ``attempt``; the delay to wait, or None when it aborts."""
        assert self._on_reconnecting is not None
        delay = backoff_delay(attempt, self._initial_delay, self._max_delay)
        event = ReconnectingEvent(
            attempt=attempt,
            max_attempts=self._max_retries,
            delay=delay,
            close_code=code,
            extra_query=dict(self._extra_query),
            extra_headers=dict(self._extra_headers),
        )
        overrides = self._on_reconnecting(event)
        if overrides:
            if overrides.get("abort"):
                return None
            if "extra_query" in overrides:
                self._extra_query = dict(overrides["extra_query"])
            if "extra_headers" in overrides:
                self._extra_headers = dict(overrides["extra_headers"])
        log.info(
            "WebSocket closed with code %s; reconnecting (attempt %s of %s) in %.2fs",
            code,
            attempt,
            self._max_retries,
            delay,
        )
        return delay

    def _errors_to_raise(self, event: Any) -> Optional[OpenAIError]:
        # dispatch_events() raises an error event nobody listens to, so it is not lost
        if getattr(event, "type", None) == "error" and not (self._handlers.has("error") or self._handlers.has("event")):
            return OpenAIError(f"WebSocket error event with no 'error' handler registered: {event}")
        return None

    def on(self, event_type: str, handler: Optional[Handler] = None) -> Any:
        """Call ``handler(event)`` for each event of ``event_type`` seen by ``dispatch_events()``.

        ``"event"`` matches every event. Usable as a method (returns the connection, for
        chaining) or as a decorator (``@connection.on("response.done")``).
        """
        return register(self._handlers, self, event_type, handler, once=False)

    def once(self, event_type: str, handler: Optional[Handler] = None) -> Any:
        """Like :meth:`on`, for the next matching event only."""
        return register(self._handlers, self, event_type, handler, once=True)

    def off(self, event_type: str, handler: Handler) -> Any:
        """Remove a handler added with :meth:`on` or :meth:`once`."""
        self._handlers.remove(event_type, handler)
        return self


def _is_normal(error: WebSocketConnectionClosedError) -> bool:
    from websockets.exceptions import ConnectionClosedOK

    return isinstance(error, ConnectionClosedOK)


class SyncConnection(_Common[ServerEventT, ClientEventT]):
    """A WebSocket connection for the sync client (safe to send from other threads)."""

    def __init__(
        self,
        connection: WebSocketConnection,
        *,
        make_ws: Optional[Callable[[Query, Headers], WebSocketConnection]] = None,
        on_reconnecting: Optional[OnReconnecting] = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        extra_query: Query = {},  # noqa: B006 - copied, never mutated
        extra_headers: Headers = {},  # noqa: B006 - copied, never mutated
        send_queue: Optional[SendQueue] = None,
    ) -> None:
        load_websockets()
        self._connection = connection
        self._make_ws = make_ws
        self._lock = threading.RLock()
        self._init_common(
            on_reconnecting=on_reconnecting,
            can_reconnect=make_ws is not None,
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            extra_query=extra_query,
            extra_headers=extra_headers,
            send_queue=send_queue,
        )

    # --- receiving ----------------------------------------------------------------

    def __iter__(self) -> Iterator[ServerEventT]:
        """Typed events until the connection closes normally (an abnormal close raises)."""
        while True:
            try:
                yield self.recv()
            except WebSocketConnectionClosedError as error:
                if _is_normal(error):
                    return
                raise

    def recv(self) -> ServerEventT:
        """The next server event (``error`` events included: they are returned, not raised)."""
        return self.parse_event(self._receive())

    def recv_bytes(self) -> bytes:
        """The next raw message, as bytes."""
        data = self._receive()
        return data if isinstance(data, bytes) else data.encode("utf-8")

    def _receive(self) -> Union[str, bytes]:
        from websockets.exceptions import ConnectionClosed

        while True:
            try:
                return self._connection.recv()  # no `decode=`: websockets 13 lacks it
            except ConnectionClosed as exc:
                self._after_close(exc)

    def _after_close(self, exc: ConnectionClosed) -> None:
        """Reconnect (and return) if allowed, else raise the close."""
        code = close_code(exc)
        note = self._give_up_note(code)
        if self._should_reconnect(code):
            note = self._reconnect(code)
            if note is None:
                return
        with self._lock:
            unsent = self._queue.drain()
        raise closed_error(exc, unsent=unsent, note=note) from exc

    def _reconnect(self, code: int) -> Optional[str]:
        """Reopen the socket; None on success, else why not."""
        assert self._make_ws is not None
        with self._lock:
            self._reconnecting = True
        last_error: Optional[BaseException] = None
        try:
            for attempt in range(1, self._max_retries + 1):
                delay = self._next_attempt(attempt, code)
                if delay is None:
                    return "`on_reconnecting` aborted the reconnection."
                time.sleep(delay)
                try:
                    connection = self._make_ws(self._extra_query, self._extra_headers)
                except _attempt_errors() as err:
                    last_error = err
                    log.info("Reconnection attempt %s failed: %r", attempt, err)
                    continue
                with self._lock:
                    self._connection = connection
                    if self._flush_locked():
                        return None
            reason = f" (last error: {type(last_error).__name__}: {last_error})" if last_error is not None else ""
            return f"Reconnection failed after {self._max_retries} attempt(s){reason}."
        finally:
            with self._lock:
                self._reconnecting = False

    # --- sending ------------------------------------------------------------------

    def send(self, event: ClientEventT) -> None:
        """Send a client event, given as a dict or an event model."""
        self.send_raw(encode_event(event))

    def send_raw(self, data: Union[bytes, str]) -> None:
        """Send a message as is (``str`` as a text frame, ``bytes`` as a binary frame).

        While the connection reconnects, the message is queued (see ``max_queue_size``).
        """
        from websockets.exceptions import ConnectionClosed

        with self._lock:
            if self._reconnecting or len(self._queue):
                self._queue.put(data)
                return
            try:
                self._connection.send(data)
                return
            except ConnectionClosed as exc:
                closed = exc
                if self._should_reconnect(close_code(exc)):
                    # the receiving side reconnects when it sees the close; keep it for then
                    self._queue.put(data)
                    return
                unsent = [*self._queue.drain(), data if isinstance(data, str) else data.decode("utf-8", "replace")]
        raise closed_error(closed, unsent=unsent, note=self._give_up_note(close_code(closed))) from closed

    def _flush_locked(self) -> bool:
        """Send the queued messages in order; False if the socket closed meanwhile."""
        from websockets.exceptions import ConnectionClosed

        queue = self._queue
        while len(queue):
            try:
                self._connection.send(queue.peek())
            except ConnectionClosed:
                return False
            queue.pop()
        return True

    def _start(self) -> None:
        """Send what was queued before the connection opened."""
        with self._lock:
            self._flush_locked()

    # --- handlers and closing ---------------------------------------------------------

    def dispatch_events(self) -> None:
        """Receive events and run the handlers registered with ``on``/``once`` until the connection closes.

        An ``error`` event with no ``"error"`` (or ``"event"``) handler raises ``OpenAIError``.
        """
        for event in self:
            error = self._errors_to_raise(event)
            if error is not None:
                raise error
            for handler in self._handlers.take(getattr(event, "type", "")):
                handler(event)

    def close(self, *, code: int = 1000, reason: str = "") -> None:
        """Close the connection (no reconnection follows)."""
        self._closed_by_user = True
        self._connection.close(code, reason)


class AsyncConnection(_Common[ServerEventT, ClientEventT]):
    """A WebSocket connection for the async client."""

    def __init__(
        self,
        connection: AsyncWebSocketConnection,
        *,
        make_ws: Optional[Callable[[Query, Headers], Awaitable[AsyncWebSocketConnection]]] = None,
        on_reconnecting: Optional[OnReconnecting] = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        extra_query: Query = {},  # noqa: B006 - copied, never mutated
        extra_headers: Headers = {},  # noqa: B006 - copied, never mutated
        send_queue: Optional[SendQueue] = None,
    ) -> None:
        load_websockets()
        self._connection = connection
        self._make_ws = make_ws
        self._init_common(
            on_reconnecting=on_reconnecting,
            can_reconnect=make_ws is not None,
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            extra_query=extra_query,
            extra_headers=extra_headers,
            send_queue=send_queue,
        )

    async def __aiter__(self) -> AsyncIterator[ServerEventT]:
        """Typed events until the connection closes normally (an abnormal close raises)."""
        while True:
            try:
                yield await self.recv()
            except WebSocketConnectionClosedError as error:
                if _is_normal(error):
                    return
                raise

    async def recv(self) -> ServerEventT:
        """The next server event (``error`` events included: they are returned, not raised)."""
        return self.parse_event(await self._receive())

    async def recv_bytes(self) -> bytes:
        """The next raw message, as bytes."""
        data = await self._receive()
        return data if isinstance(data, bytes) else data.encode("utf-8")

    async def _receive(self) -> Union[str, bytes]:
        from websockets.exceptions import ConnectionClosed

        while True:
            try:
                return await self._connection.recv()  # no `decode=`: websockets 13 lacks it
            except ConnectionClosed as exc:
                await self._after_close(exc)

    async def _after_close(self, exc: ConnectionClosed) -> None:
        code = close_code(exc)
        note = self._give_up_note(code)
        if self._should_reconnect(code):
            note = await self._reconnect(code)
            if note is None:
                return
        raise closed_error(exc, unsent=self._queue.drain(), note=note) from exc

    async def _reconnect(self, code: int) -> Optional[str]:
        assert self._make_ws is not None
        self._reconnecting = True
        last_error: Optional[BaseException] = None
        try:
            for attempt in range(1, self._max_retries + 1):
                delay = self._next_attempt(attempt, code)
                if delay is None:
                    return "`on_reconnecting` aborted the reconnection."
                await asyncio.sleep(delay)
                try:
                    connection = await self._make_ws(self._extra_query, self._extra_headers)
                except _attempt_errors() as err:
                    last_error = err
                    log.info("Reconnection attempt %s failed: %r", attempt, err)
                    continue
                self._connection = connection
                # sends from other tasks keep queueing until the backlog is out, so order holds
                if await self._flush():
                    return None
            reason = f" (last error: {type(last_error).__name__}: {last_error})" if last_error is not None else ""
            return f"Reconnection failed after {self._max_retries} attempt(s){reason}."
        finally:
            self._reconnecting = False

    async def send(self, event: ClientEventT) -> None:
        """Send a client event, given as a dict or an event model."""
        await self.send_raw(encode_event(event))

    async def send_raw(self, data: Union[bytes, str]) -> None:
        """Send a message as is (``str`` as a text frame, ``bytes`` as a binary frame).

        While the connection reconnects, the message is queued (see ``max_queue_size``).
        """
        from websockets.exceptions import ConnectionClosed

        if self._reconnecting or len(self._queue):
            self._queue.put(data)
            return
        try:
            await self._connection.send(data)
            return
        except ConnectionClosed as exc:
            if self._should_reconnect(close_code(exc)):
                self._queue.put(data)
                return
            unsent = [*self._queue.drain(), data if isinstance(data, str) else data.decode("utf-8", "replace")]
            raise closed_error(exc, unsent=unsent, note=self._give_up_note(close_code(exc))) from exc

    async def _flush(self) -> bool:
        from websockets.exceptions import ConnectionClosed

        queue = self._queue
        while len(queue):
            try:
                await self._connection.send(queue.peek())
            except ConnectionClosed:
                return False
            queue.pop()
        return True

    async def _start(self) -> None:
        await self._flush()

    async def dispatch_events(self) -> None:
        """Receive events and run the handlers registered with ``on``/``once`` until the connection closes.

        Handlers may be plain functions or coroutine functions. An ``error`` event with
        no ``"error"`` (or ``"event"``) handler raises ``OpenAIError``.
        """
        async for event in self:
            error = self._errors_to_raise(event)
            if error is not None:
                raise error
            for handler in self._handlers.take(getattr(event, "type", "")):
                result = handler(event)
                if inspect.isawaitable(result):
                    await result

    async def close(self, *, code: int = 1000, reason: str = "") -> None:
        """Close the connection (no reconnection follows)."""
        self._closed_by_user = True
        await self._connection.close(code, reason)
