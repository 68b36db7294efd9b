"""The events a chat completion stream helper yields (``event.type`` tells them apart)."""

from __future__ import annotations

from typing import Generic, List, Optional, TypeVar, Union

from typing_extensions import Literal, TypeAlias

from ...._models import BaseModel
from ....types.chat.chat_completion_chunk import ChatCompletionChunk
from ....types.chat.chat_completion_token_logprob import ChatCompletionTokenLogprob
from ._types import ParsedChatCompletionSnapshot

__all__ = [
    "ChatCompletionStreamEvent",
    "ChunkEvent",
    "ContentDeltaEvent",
    "ContentDoneEvent",
    "RefusalDeltaEvent",
    "RefusalDoneEvent",
    "FunctionToolCallArgumentsDeltaEvent",
    "FunctionToolCallArgumentsDoneEvent",
    "LogprobsContentDeltaEvent",
    "LogprobsContentDoneEvent",
    "LogprobsRefusalDeltaEvent",
    "LogprobsRefusalDoneEvent",
]

ResponseFormatT = TypeVar("ResponseFormatT")


class ChunkEvent(BaseModel):
    """Every chunk, with the completion accumulated so far."""

    type: Literal["chunk"]
    chunk: ChatCompletionChunk
    snapshot: ParsedChatCompletionSnapshot


class ContentDeltaEvent(BaseModel):
    """New content text."""

    type: Literal["content.delta"]
    delta: str
    snapshot: str
    parsed: Optional[object] = None
    """The partial JSON value of the content so far (structured outputs only)."""


class ContentDoneEvent(BaseModel, Generic[ResponseFormatT]):
    """The content is complete (once per choice)."""

    type: Literal["content.done"]
    content: str
    parsed: Optional[ResponseFormatT] = None
    """The content validated into the ``response_format`` type (structured outputs only)."""


class RefusalDeltaEvent(BaseModel):
    type: Literal["refusal.delta"]
    delta: str
    snapshot: str


class RefusalDoneEvent(BaseModel):
    type: Literal["refusal.done"]
    refusal: str


class FunctionToolCallArgumentsDeltaEvent(BaseModel):
    type: Literal["tool_calls.function.arguments.delta"]
    name: str
    index: int
    arguments: str
    """The arguments text so far."""
    parsed_arguments: object = None
    """Their partial JSON value (strict and pydantic function tools only)."""
    arguments_delta: str


class FunctionToolCallArgumentsDoneEvent(BaseModel):
    type: Literal["tool_calls.function.arguments.done"]
    name: str
    index: int
    arguments: str
    parsed_arguments: object = None
    """The decoded arguments: an instance of the tool's model for a pydantic function tool."""


class LogprobsContentDeltaEvent(BaseModel):
    type: Literal["logprobs.content.delta"]
    content: List[ChatCompletionTokenLogprob]
    snapshot: List[ChatCompletionTokenLogprob]


class LogprobsContentDoneEvent(BaseModel):
    type: Literal["logprobs.content.done"]
    content: List[ChatCompletionTokenLogprob]


class LogprobsRefusalDeltaEvent(BaseModel):
    type: Literal["logprobs.refusal.delta"]
    refusal: List[ChatCompletionTokenLogprob]
    snapshot: List[ChatCompletionTokenLogprob]


class LogprobsRefusalDoneEvent(BaseModel):
    type: Literal["logprobs.refusal.done"]
    refusal: List[ChatCompletionTokenLogprob]


ChatCompletionStreamEvent: TypeAlias = Union[
    ChunkEvent,
    ContentDeltaEvent,
    ContentDoneEvent[ResponseFormatT],
    RefusalDeltaEvent,
    RefusalDoneEvent,
    FunctionToolCallArgumentsDeltaEvent,
    FunctionToolCallArgumentsDoneEvent,
    LogprobsContentDeltaEvent,
    LogprobsContentDoneEvent,
    LogprobsRefusalDeltaEvent,
    LogprobsRefusalDoneEvent,
]
