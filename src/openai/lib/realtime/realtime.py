"""Realtime API connections (``client.realtime.connect``), under their official names.

``openai.resources.realtime.realtime`` re-exports every public name of this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from ..._types import Headers, Omit, Query, omit
from ._connect import (
    AsyncRealtimeConnectMixin as AsyncRealtimeConnectMixin,
    RealtimeConnectMixin as RealtimeConnectMixin,
)
from ._connection import AsyncConnection, OnReconnecting, SyncConnection
from ._helpers_realtime import (
    AsyncRealtimeConnectionHelpers,
    AsyncRealtimeConversationItemResource as AsyncRealtimeConversationItemResource,
    AsyncRealtimeConversationResource as AsyncRealtimeConversationResource,
    AsyncRealtimeInputAudioBufferResource as AsyncRealtimeInputAudioBufferResource,
    AsyncRealtimeOutputAudioBufferResource as AsyncRealtimeOutputAudioBufferResource,
    AsyncRealtimeResponseResource as AsyncRealtimeResponseResource,
    AsyncRealtimeSessionResource as AsyncRealtimeSessionResource,
    BaseAsyncRealtimeConnectionResource as BaseAsyncRealtimeConnectionResource,
    BaseRealtimeConnectionResource as BaseRealtimeConnectionResource,
    RealtimeConnectionHelpers,
    RealtimeConversationItemResource as RealtimeConversationItemResource,
    RealtimeConversationResource as RealtimeConversationResource,
    RealtimeInputAudioBufferResource as RealtimeInputAudioBufferResource,
    RealtimeOutputAudioBufferResource as RealtimeOutputAudioBufferResource,
    RealtimeResponseResource as RealtimeResponseResource,
    RealtimeSessionResource as RealtimeSessionResource,
)
from ._manager import AsyncManager, SyncManager
from ._send_queue import DEFAULT_MAX_QUEUE_SIZE

if TYPE_CHECKING:
    from ...types.realtime.realtime_client_event import RealtimeClientEvent  # noqa: F401 - named in string base-class arguments
    from ...types.realtime.realtime_client_event_param import RealtimeClientEventParam  # noqa: F401 - named in string base-class arguments
    from ...types.realtime.realtime_server_event import RealtimeServerEvent  # noqa: F401 - named in string base-class arguments
    from ...types.websocket_connection_options import WebSocketConnectionOptions

__all__ = [
    "RealtimeConnection",
    "AsyncRealtimeConnection",
    "RealtimeConnectionManager",
    "AsyncRealtimeConnectionManager",
    "RealtimeConnectMixin",
    "AsyncRealtimeConnectMixin",
    "BaseRealtimeConnectionResource",
    "RealtimeSessionResource",
    "RealtimeResponseResource",
    "RealtimeInputAudioBufferResource",
    "RealtimeConversationResource",
    "RealtimeConversationItemResource",
    "RealtimeOutputAudioBufferResource",
    "BaseAsyncRealtimeConnectionResource",
    "AsyncRealtimeSessionResource",
    "AsyncRealtimeResponseResource",
    "AsyncRealtimeInputAudioBufferResource",
    "AsyncRealtimeConversationResource",
    "AsyncRealtimeConversationItemResource",
    "AsyncRealtimeOutputAudioBufferResource",
]

_SERVER_EVENT = "openai.types.realtime.realtime_server_event:RealtimeServerEvent"
_ClientEvent = Union["RealtimeClientEvent", "RealtimeClientEventParam"]


class RealtimeConnection(RealtimeConnectionHelpers, SyncConnection["RealtimeServerEvent", _ClientEvent]):
    """An open Realtime connection: ``send``, ``recv``, iteration, and typed helpers
    (``connection.session.update(...)``, ``connection.response.create()``, ...)."""

    _server_event_ref = _SERVER_EVENT


class AsyncRealtimeConnection(AsyncRealtimeConnectionHelpers, AsyncConnection["RealtimeServerEvent", _ClientEvent]):
    """An open Realtime connection of the async client (every send helper is awaited)."""

    _server_event_ref = _SERVER_EVENT


class RealtimeConnectionManager(SyncManager[RealtimeConnection]):
    """Returned by ``client.realtime.connect(...)``; ``with`` it to get a :class:`RealtimeConnection`."""

    _connection_class = RealtimeConnection
    _resource = "realtime"

    def __init__(
        self,
        *,
        client: Any,
        call_id: Union[str, Omit] = omit,
        model: Union[str, Omit] = omit,
        extra_query: Query,
        extra_headers: Headers,
        websocket_connection_options: WebSocketConnectionOptions,
        on_reconnecting: Optional[OnReconnecting] = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = DEFAULT_MAX_QUEUE_SIZE,
    ) -> None:
        super().__init__(
            client=client,
            model=model,
            call_id=call_id,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
            on_reconnecting=on_reconnecting,
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            max_queue_size=max_queue_size,
        )


class AsyncRealtimeConnectionManager(AsyncManager[AsyncRealtimeConnection]):
    """Returned by ``client.realtime.connect(...)`` on the async client; ``async with`` it."""

    _connection_class = AsyncRealtimeConnection
    _resource = "realtime"

    def __init__(
        self,
        *,
        client: Any,
        call_id: Union[str, Omit] = omit,
        model: Union[str, Omit] = omit,
        extra_query: Query,
        extra_headers: Headers,
        websocket_connection_options: WebSocketConnectionOptions,
        on_reconnecting: Optional[OnReconnecting] = None,
        max_retries: int = 5,
        initial_delay: float = 0.5,
        max_delay: float = 8.0,
        max_queue_size: int = DEFAULT_MAX_QUEUE_SIZE,
    ) -> None:
        super().__init__(
            client=client,
            model=model,
            call_id=call_id,
            extra_query=extra_query,
            extra_headers=extra_headers,
            websocket_connection_options=websocket_connection_options,
            on_reconnecting=on_reconnecting,
            max_retries=max_retries,
            initial_delay=initial_delay,
            max_delay=max_delay,
            max_queue_size=max_queue_size,
        )
