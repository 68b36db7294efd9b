"""The Responses API over a WebSocket (``client.responses.connect``), under its official names.

``openai.resources.responses.responses`` re-exports every public name of this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from ..._types import Headers, Query
from ._connect import (
    AsyncResponsesConnectMixin as AsyncResponsesConnectMixin,
    ResponsesConnectMixin as ResponsesConnectMixin,
)
from ._connection import AsyncConnection, OnReconnecting, SyncConnection
from ._helpers_responses import (
    AsyncResponsesConnectionHelpers,
    AsyncResponsesResponseResource as AsyncResponsesResponseResource,
    BaseAsyncResponsesConnectionResource as BaseAsyncResponsesConnectionResource,
    BaseResponsesConnectionResource as BaseResponsesConnectionResource,
    ResponsesConnectionHelpers,
    ResponsesResponseResource as ResponsesResponseResource,
)
from ._manager import AsyncManager, SyncManager
from ._send_queue import DEFAULT_MAX_QUEUE_SIZE

if TYPE_CHECKING:
    from ...types.responses.responses_client_event import ResponsesClientEvent  # noqa: F401 - named in string base-class arguments
    from ...types.responses.responses_client_event_param import ResponsesClientEventParam  # noqa: F401 - named in string base-class arguments
    from ...types.responses.responses_server_event import ResponsesServerEvent  # noqa: F401 - named in string base-class arguments
    from ...types.websocket_connection_options import WebSocketConnectionOptions

__all__ = [
    "ResponsesConnection",
    "AsyncResponsesConnection",
    "ResponsesConnectionManager",
    "AsyncResponsesConnectionManager",
    "ResponsesConnectMixin",
    "AsyncResponsesConnectMixin",
    "BaseResponsesConnectionResource",
    "ResponsesResponseResource",
    "BaseAsyncResponsesConnectionResource",
    "AsyncResponsesResponseResource",
]

_SERVER_EVENT = "openai.types.responses.responses_server_event:ResponsesServerEvent"
_ClientEvent = Union["ResponsesClientEvent", "ResponsesClientEventParam"]


class ResponsesConnection(ResponsesConnectionHelpers, SyncConnection["ResponsesServerEvent", _ClientEvent]):
    """An open Responses WebSocket: ``connection.response.create(...)``, then iterate the events."""

    _server_event_ref = _SERVER_EVENT


class AsyncResponsesConnection(AsyncResponsesConnectionHelpers, AsyncConnection["ResponsesServerEvent", _ClientEvent]):
    """An open Responses WebSocket of the async client."""

    _server_event_ref = _SERVER_EVENT


def _manager_kwargs(client: Any, **options: Any) -> Any:
    return dict(client=client, model=None, call_id=None, **options)


class ResponsesConnectionManager(SyncManager[ResponsesConnection]):
    """Returned by ``client.responses.connect(...)``; ``with`` it to get a :class:`ResponsesConnection`."""

    _connection_class = ResponsesConnection
    _resource = "responses"

    def __init__(
        self,
        *,
        client: Any,
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
            **_manager_kwargs(
                client,
                extra_query=extra_query,
                extra_headers=extra_headers,
                websocket_connection_options=websocket_connection_options,
                on_reconnecting=on_reconnecting,
                max_retries=max_retries,
                initial_delay=initial_delay,
                max_delay=max_delay,
                max_queue_size=max_queue_size,
            )
        )


class AsyncResponsesConnectionManager(AsyncManager[AsyncResponsesConnection]):
    """Returned by ``client.responses.connect(...)`` on the async client; ``async with`` it."""

    _connection_class = AsyncResponsesConnection
    _resource = "responses"

    def __init__(
        self,
        *,
        client: Any,
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
            **_manager_kwargs(
                client,
                extra_query=extra_query,
                extra_headers=extra_headers,
                websocket_connection_options=websocket_connection_options,
                on_reconnecting=on_reconnecting,
                max_retries=max_retries,
                initial_delay=initial_delay,
                max_delay=max_delay,
                max_queue_size=max_queue_size,
            )
        )
