"""The Responses stream helper: ``client.responses.stream()``."""

from ._events import (
    ResponseCompletedEvent as ResponseCompletedEvent,
    ResponseFunctionCallArgumentsDeltaEvent as ResponseFunctionCallArgumentsDeltaEvent,
    ResponseStreamEvent as ResponseStreamEvent,
    ResponseTextDeltaEvent as ResponseTextDeltaEvent,
    ResponseTextDoneEvent as ResponseTextDoneEvent,
)
from ._responses import (
    AsyncResponseStream as AsyncResponseStream,
    AsyncResponseStreamManager as AsyncResponseStreamManager,
    ResponseStream as ResponseStream,
    ResponseStreamManager as ResponseStreamManager,
    ResponseStreamState as ResponseStreamState,
)

__all__ = [
    "AsyncResponseStream",
    "AsyncResponseStreamManager",
    "ResponseCompletedEvent",
    "ResponseFunctionCallArgumentsDeltaEvent",
    "ResponseStream",
    "ResponseStreamEvent",
    "ResponseStreamManager",
    "ResponseStreamState",
    "ResponseTextDeltaEvent",
    "ResponseTextDoneEvent",
]
