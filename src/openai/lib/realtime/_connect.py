"""``connect(...)`` of ``client.realtime``, ``client.beta.realtime`` and ``client.responses``.

The generated resource classes inherit these mixins, so this module is imported with
them: it stays light and imports the connection code only when ``connect`` is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from ..._types import Headers, Omit, Query, omit

if TYPE_CHECKING:
    from ...types.websocket_connection_options import WebSocketConnectionOptions, WebsocketConnectionOptions
    from ._connection import OnReconnecting
    from .beta import (
        AsyncRealtimeConnectionManager as AsyncBetaRealtimeConnectionManager,
        RealtimeConnectionManager as BetaRealtimeConnectionManager,
    )
    from .realtime import AsyncRealtimeConnectionManager, RealtimeConnectionManager
    from .responses import AsyncResponsesConnectionManager, ResponsesConnectionManager

__all__ = [
    "RealtimeConnectMixin",
    "AsyncRealtimeConnectMixin",
    "BetaRealtimeConnectMixin",
    "AsyncBetaRealtimeConnectMixin",
    "ResponsesConnectMixin",
    "AsyncResponsesConnectMixin",
]

# the official default of `max_queue_size` (1 MiB), repeated here to keep this module light
_MAX_QUEUE_SIZE = 1_048_576


class RealtimeConnectMixin:
    """``connect(...)`` of ``client.realtime`` (the generated ``Realtime`` resource inherits it)."""

    _client: Any

    def connect(
        self,
        *,
        call_id: Union[str, Omit] = omit,
        model: Union[str, Omit] = omit,
        extra_query: Query = {},  # noqa: B006 - read only
        extra_headers: Headers = {},  # noqa: B006 - read only
        websocket_connection_options: WebSocketConnectionOptions = {},  # noqa: B006 - read only
        on_reconnecting: Optional[OnReconnecting] = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = _MAX_QUEUE_SIZE,
    ) -> RealtimeConnectionManager:
        """Open a Realtime WebSocket for ``model`` (or join the SIP call ``call_id``).

        Use the result as ``with client.realtime.connect(model=...) as connection:``.
        ``on_reconnecting`` turns on reconnection after a recoverable close: it is
        called before each attempt with a ``ReconnectingEvent`` and may return
        ``ReconnectingOverrides``. Sends made meanwhile wait in a queue of at most
        ``max_queue_size`` bytes.
        """
        from .realtime import RealtimeConnectionManager

        return RealtimeConnectionManager(
            client=self._client,
            call_id=call_id,
            model=model,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
            on_reconnecting=on_reconnecting,
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            max_queue_size=max_queue_size,
        )


class AsyncRealtimeConnectMixin:
    """``connect(...)`` of ``client.realtime`` on the async client."""

    _client: Any

    def connect(
        self,
        *,
        call_id: Union[str, Omit] = omit,
        model: Union[str, Omit] = omit,
        extra_query: Query = {},  # noqa: B006 - read only
        extra_headers: Headers = {},  # noqa: B006 - read only
        websocket_connection_options: WebSocketConnectionOptions = {},  # noqa: B006 - read only
        on_reconnecting: Optional[OnReconnecting] = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = _MAX_QUEUE_SIZE,
    ) -> AsyncRealtimeConnectionManager:
        """Open a Realtime WebSocket for ``model`` (or join the SIP call ``call_id``).

        Use the result as ``async with client.realtime.connect(model=...) as connection:``.
        Reconnection and queued sends work as for the sync client.
        """
        from .realtime import AsyncRealtimeConnectionManager

        return AsyncRealtimeConnectionManager(
            client=self._client,
            call_id=call_id,
            model=model,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
            on_reconnecting=on_reconnecting,
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            max_queue_size=max_queue_size,
        )


class BetaRealtimeConnectMixin:
    """``connect(...)`` of ``client.beta.realtime``."""

    _client: Any

    def connect(
        self,
        *,
        model: str,
        extra_query: Query = {},  # noqa: B006 - read only
        extra_headers: Headers = {},  # noqa: B006 - read only
        websocket_connection_options: WebsocketConnectionOptions = {},  # noqa: B006 - read only
    ) -> BetaRealtimeConnectionManager:
        """Open a beta Realtime WebSocket; use as ``with client.beta.realtime.connect(model=...) as connection:``."""
        from .beta import RealtimeConnectionManager

        return RealtimeConnectionManager(
            client=self._client,
            model=model,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
        )


class AsyncBetaRealtimeConnectMixin:
    """``connect(...)`` of ``client.beta.realtime`` on the async client."""

    _client: Any

    def connect(
        self,
        *,
        model: str,
        extra_query: Query = {},  # noqa: B006 - read only
        extra_headers: Headers = {},  # noqa: B006 - read only
        websocket_connection_options: WebsocketConnectionOptions = {},  # noqa: B006 - read only
    ) -> AsyncBetaRealtimeConnectionManager:
        """Open a beta Realtime WebSocket; use as ``async with ... as connection:``."""
        from .beta import AsyncRealtimeConnectionManager

        return AsyncRealtimeConnectionManager(
            client=self._client,
            model=model,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
        )


class ResponsesConnectMixin:
    """``connect(...)`` of ``client.responses`` (the generated ``Responses`` resource inherits it)."""

    _client: Any

    def connect(
        self,
        extra_query: Query = {},  # noqa: B006 - read only
        extra_headers: Headers = {},  # noqa: B006 - read only
        websocket_connection_options: WebSocketConnectionOptions = {},  # noqa: B006 - read only
        on_reconnecting: Optional[OnReconnecting] = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = _MAX_QUEUE_SIZE,
    ) -> ResponsesConnectionManager:
        """Open a WebSocket to the Responses API; use as ``with client.responses.connect() as connection:``.

        Reconnection and queued sends work as for ``client.realtime.connect``.
        """
        from .responses import ResponsesConnectionManager

        return ResponsesConnectionManager(
            client=self._client,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
            on_reconnecting=on_reconnecting,
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            max_queue_size=max_queue_size,
        )


class AsyncResponsesConnectMixin:
    """``connect(...)`` of ``client.responses`` on the async client."""

    _client: Any

    def connect(
        self,
        extra_query: Query = {},  # noqa: B006 - read only
        extra_headers: Headers = {},  # noqa: B006 - read only
        websocket_connection_options: WebSocketConnectionOptions = {},  # noqa: B006 - read only
        on_reconnecting: Optional[OnReconnecting] = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = _MAX_QUEUE_SIZE,
    ) -> AsyncResponsesConnectionManager:
        """Open a WebSocket to the Responses API; use as ``async with ... as connection:``."""
        from .responses import AsyncResponsesConnectionManager

        return AsyncResponsesConnectionManager(
            client=self._client,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
            on_reconnecting=on_reconnecting,
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            max_queue_size=max_queue_size,
        )
