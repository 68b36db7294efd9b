"""The chat completion stream helper: ``client.chat.completions.stream()``."""

from ._completions import (
    AsyncChatCompletionStream as AsyncChatCompletionStream,
    AsyncChatCompletionStreamManager as AsyncChatCompletionStreamManager,
    ChatCompletionStream as ChatCompletionStream,
    ChatCompletionStreamManager as ChatCompletionStreamManager,
    ChatCompletionStreamState as ChatCompletionStreamState,
)
from ._events import (
    ChatCompletionStreamEvent as ChatCompletionStreamEvent,
    ChunkEvent as ChunkEvent,
    ContentDeltaEvent as ContentDeltaEvent,
    ContentDoneEvent as ContentDoneEvent,
    FunctionToolCallArgumentsDeltaEvent as FunctionToolCallArgumentsDeltaEvent,
    FunctionToolCallArgumentsDoneEvent as FunctionToolCallArgumentsDoneEvent,
    LogprobsContentDeltaEvent as LogprobsContentDeltaEvent,
    LogprobsContentDoneEvent as LogprobsContentDoneEvent,
    LogprobsRefusalDeltaEvent as LogprobsRefusalDeltaEvent,
    LogprobsRefusalDoneEvent as LogprobsRefusalDoneEvent,
    RefusalDeltaEvent as RefusalDeltaEvent,
    RefusalDoneEvent as RefusalDoneEvent,
)
from ._types import (
    ParsedChatCompletionMessageSnapshot as ParsedChatCompletionMessageSnapshot,
    ParsedChatCompletionSnapshot as ParsedChatCompletionSnapshot,
    ParsedChoiceSnapshot as ParsedChoiceSnapshot,
)

__all__ = [
    "AsyncChatCompletionStream",
    "AsyncChatCompletionStreamManager",
    "ChatCompletionStream",
    "ChatCompletionStreamEvent",
    "ChatCompletionStreamManager",
    "ChatCompletionStreamState",
    "ChunkEvent",
    "ContentDeltaEvent",
    "ContentDoneEvent",
    "FunctionToolCallArgumentsDeltaEvent",
    "FunctionToolCallArgumentsDoneEvent",
    "LogprobsContentDeltaEvent",
    "LogprobsContentDoneEvent",
    "LogprobsRefusalDeltaEvent",
    "LogprobsRefusalDoneEvent",
    "ParsedChatCompletionMessageSnapshot",
    "ParsedChatCompletionSnapshot",
    "ParsedChoiceSnapshot",
    "RefusalDeltaEvent",
    "RefusalDoneEvent",
]
