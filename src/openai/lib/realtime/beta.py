"""Beta Realtime connections (``client.beta.realtime.connect``), under their official names.

The beta interface sends ``OpenAI-Beta: realtime=v1`` and takes no reconnection
options. ``openai.resources.beta.realtime.realtime`` re-exports every public name here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Union

from ..._types import Headers, Query
from ._connect import (
    AsyncBetaRealtimeConnectMixin as AsyncBetaRealtimeConnectMixin,
    BetaRealtimeConnectMixin as BetaRealtimeConnectMixin,
)
from ._connection import AsyncConnection, SyncConnection
from ._helpers_beta import (
    AsyncRealtimeConnectionHelpers,
    AsyncRealtimeConversationItemResource as AsyncRealtimeConversationItemResource,
    AsyncRealtimeConversationResource as AsyncRealtimeConversationResource,
    AsyncRealtimeInputAudioBufferResource as AsyncRealtimeInputAudioBufferResource,
    AsyncRealtimeOutputAudioBufferResource as AsyncRealtimeOutputAudioBufferResource,
    AsyncRealtimeResponseResource as AsyncRealtimeResponseResource,
    AsyncRealtimeSessionResource as AsyncRealtimeSessionResource,
    AsyncRealtimeTranscriptionSessionResource as AsyncRealtimeTranscriptionSessionResource,
    BaseAsyncRealtimeConnectionResource as BaseAsyncRealtimeConnectionResource,
    BaseRealtimeConnectionResource as BaseRealtimeConnectionResource,
    RealtimeConnectionHelpers,
    RealtimeConversationItemResource as RealtimeConversationItemResource,
    RealtimeConversationResource as RealtimeConversationResource,
    RealtimeInputAudioBufferResource as RealtimeInputAudioBufferResource,
    RealtimeOutputAudioBufferResource as RealtimeOutputAudioBufferResource,
    RealtimeResponseResource as RealtimeResponseResource,
    RealtimeSessionResource as RealtimeSessionResource,
    RealtimeTranscriptionSessionResource as RealtimeTranscriptionSessionResource,
)
from ._manager import AsyncManager, SyncManager

if TYPE_CHECKING:
    from ...types.beta.realtime.realtime_client_event import RealtimeClientEvent  # noqa: F401 - named in string base-class arguments
    from ...types.beta.realtime.realtime_client_event_param import RealtimeClientEventParam  # noqa: F401 - named in string base-class arguments
    from ...types.beta.realtime.realtime_server_event import RealtimeServerEvent  # noqa: F401 - named in string base-class arguments
    from ...types.websocket_connection_options import WebsocketConnectionOptions

__all__ = [
    "RealtimeConnection",
    "AsyncRealtimeConnection",
    "RealtimeConnectionManager",
    "AsyncRealtimeConnectionManager",
    "BetaRealtimeConnectMixin",
    "AsyncBetaRealtimeConnectMixin",
    "BaseRealtimeConnectionResource",
    "RealtimeSessionResource",
    "RealtimeResponseResource",
    "RealtimeInputAudioBufferResource",
    "RealtimeConversationResource",
    "RealtimeConversationItemResource",
    "RealtimeOutputAudioBufferResource",
    "RealtimeTranscriptionSessionResource",
    "BaseAsyncRealtimeConnectionResource",
    "AsyncRealtimeSessionResource",
    "AsyncRealtimeResponseResource",
    "AsyncRealtimeInputAudioBufferResource",
    "AsyncRealtimeConversationResource",
    "AsyncRealtimeConversationItemResource",
    "AsyncRealtimeOutputAudioBufferResource",
    "AsyncRealtimeTranscriptionSessionResource",
]

_SERVER_EVENT = "openai.types.beta.realtime.realtime_server_event:RealtimeServerEvent"
_ClientEvent = Union["RealtimeClientEvent", "RealtimeClientEventParam"]
_BETA_HEADERS = {"OpenAI-Beta": "realtime=v1"}


class RealtimeConnection(RealtimeConnectionHelpers, SyncConnection["RealtimeServerEvent", _ClientEvent]):
    """An open beta Realtime connection."""

    _server_event_ref = _SERVER_EVENT


class AsyncRealtimeConnection(AsyncRealtimeConnectionHelpers, AsyncConnection["RealtimeServerEvent", _ClientEvent]):
    """An open beta Realtime connection of the async client."""

    _server_event_ref = _SERVER_EVENT


def _manager_kwargs(client: Any, model: str, extra_query: Query, extra_headers: Headers, options: Any) -> Any:
    if not isinstance(model, str) or not model:  # pyright: ignore[reportUnnecessaryIsInstance]
        raise ValueError(f"`model` must be a non-empty string, got {model!r}")
    return dict(
        client=client,
        model=model,
        call_id=None,
        extra_query=extra_query,
        extra_headers=extra_headers,
        websocket_connection_options=options,
        on_reconnecting=None,
        max_retries=0,
        initial_delay=0.5,
        max_delay=8.0,
        max_queue_size=1_048_576,
    )


class RealtimeConnectionManager(SyncManager[RealtimeConnection]):
    """Returned by ``client.beta.realtime.connect(...)``; ``with`` it to get a connection."""

    _connection_class = RealtimeConnection
    _resource = "realtime"
    _fixed_headers = _BETA_HEADERS

    def __init__(
        self,
        *,
        client: Any,
        model: str,
        extra_query: Query,
        extra_headers: Headers,
        websocket_connection_options: WebsocketConnectionOptions,
    ) -> None:
        super().__init__(**_manager_kwargs(client, model, extra_query, extra_headers, websocket_connection_options))


class AsyncRealtimeConnectionManager(AsyncManager[AsyncRealtimeConnection]):
    """Returned by ``client.beta.realtime.connect(...)`` on the async client."""

    _connection_class = AsyncRealtimeConnection
    _resource = "realtime"
    _fixed_headers = _BETA_HEADERS

    def __init__(
        self,
        *,
        client: Any,
        model: str,
        extra_query: Query,
        extra_headers: Headers,
        websocket_connection_options: WebsocketConnectionOptions,
    ) -> None:
        super().__init__(**_manager_kwargs(client, model, extra_query, extra_headers, websocket_connection_options))
