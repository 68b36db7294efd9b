# Written by openai.lib.realtime._write_helpers from the client event types. Do not edit.
"""Typed send helpers of ``ResponsesConnection`` and ``AsyncResponsesConnection``, grouped as the event names."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Dict

from ..._types import NotGiven, Omit, omit

__all__ = [
    "AsyncResponsesConnectionHelpers",
    "AsyncResponsesResponseResource",
    "BaseAsyncResponsesConnectionResource",
    "BaseResponsesConnectionResource",
    "ResponsesConnectionHelpers",
    "ResponsesResponseResource",
]

if TYPE_CHECKING:
    from typing import Iterable, List, Optional, Union

    from typing_extensions import Literal

    from openai.types.responses import responses_client_event_param

    from .responses import AsyncResponsesConnection, ResponsesConnection


def _event(type: str, **fields: Any) -> Dict[str, Any]:
    event: Dict[str, Any] = {"type": type}
    for key, value in fields.items():
        if not isinstance(value, (Omit, NotGiven)):
            event[key] = value
    return event


class BaseResponsesConnectionResource:
    """Base of the helper groups of ``ResponsesConnection``."""

    def __init__(self, connection: ResponsesConnection) -> None:
        self._connection = connection


class ResponsesResponseResource(BaseResponsesConnectionResource):
    def create(
        self,
        *,
        background: Optional[bool] | Omit = omit,
        context_management: Optional[
            Iterable[responses_client_event_param.ContextManagement]
        ]
        | Omit = omit,
        conversation: Optional[responses_client_event_param.Conversation] | Omit = omit,
        include: Optional[List[responses_client_event_param.ResponseIncludable]]
        | Omit = omit,
        input: Union[str, responses_client_event_param.ResponseInputParam]
        | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_output_tokens: Optional[int] | Omit = omit,
        max_tool_calls: Optional[int] | Omit = omit,
        metadata: Optional[responses_client_event_param.Metadata] | Omit = omit,
        model: responses_client_event_param.ResponsesModel | Omit = omit,
        moderation: Optional[responses_client_event_param.Moderation] | Omit = omit,
        parallel_tool_calls: Optional[bool] | Omit = omit,
        previous_response_id: Optional[str] | Omit = omit,
        prompt: Optional[responses_client_event_param.ResponsePromptParam]
        | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: responses_client_event_param.PromptCacheOptions
        | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning: Optional[responses_client_event_param.Reasoning] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream: Optional[bool] | Omit = omit,
        stream_options: Optional[responses_client_event_param.StreamOptions]
        | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        text: responses_client_event_param.ResponseTextConfigParam | Omit = omit,
        tool_choice: responses_client_event_param.ToolChoice | Omit = omit,
        tools: Iterable[responses_client_event_param.ToolParam] | Omit = omit,
        top_logprobs: int | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation: Optional[Literal["auto", "disabled"]] | Omit = omit,
        user: str | Omit = omit,
    ) -> None:
        """Send the ``response.create`` event."""
        self._connection.send(
            cast_event(
                _event(
                    "response.create",
                    background=background,
                    context_management=context_management,
                    conversation=conversation,
                    include=include,
                    input=input,
                    instructions=instructions,
                    max_output_tokens=max_output_tokens,
                    max_tool_calls=max_tool_calls,
                    metadata=metadata,
                    model=model,
                    moderation=moderation,
                    parallel_tool_calls=parallel_tool_calls,
                    previous_response_id=previous_response_id,
                    prompt=prompt,
                    prompt_cache_key=prompt_cache_key,
                    prompt_cache_options=prompt_cache_options,
                    prompt_cache_retention=prompt_cache_retention,
                    reasoning=reasoning,
                    safety_identifier=safety_identifier,
                    service_tier=service_tier,
                    store=store,
                    stream=stream,
                    stream_options=stream_options,
                    temperature=temperature,
                    text=text,
                    tool_choice=tool_choice,
                    tools=tools,
                    top_logprobs=top_logprobs,
                    top_p=top_p,
                    truncation=truncation,
                    user=user,
                )
            )
        )


class ResponsesConnectionHelpers:
    """The helper groups as attributes of ``ResponsesConnection`` (``connection.response``, ...)."""

    @cached_property
    def response(self) -> ResponsesResponseResource:
        return ResponsesResponseResource(self)  # type: ignore[arg-type]


class BaseAsyncResponsesConnectionResource:
    """Base of the helper groups of ``AsyncResponsesConnection``."""

    def __init__(self, connection: AsyncResponsesConnection) -> None:
        self._connection = connection


class AsyncResponsesResponseResource(BaseAsyncResponsesConnectionResource):
    async def create(
        self,
        *,
        background: Optional[bool] | Omit = omit,
        context_management: Optional[
            Iterable[responses_client_event_param.ContextManagement]
        ]
        | Omit = omit,
        conversation: Optional[responses_client_event_param.Conversation] | Omit = omit,
        include: Optional[List[responses_client_event_param.ResponseIncludable]]
        | Omit = omit,
        input: Union[str, responses_client_event_param.ResponseInputParam]
        | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_output_tokens: Optional[int] | Omit = omit,
        max_tool_calls: Optional[int] | Omit = omit,
        metadata: Optional[responses_client_event_param.Metadata] | Omit = omit,
        model: responses_client_event_param.ResponsesModel | Omit = omit,
        moderation: Optional[responses_client_event_param.Moderation] | Omit = omit,
        parallel_tool_calls: Optional[bool] | Omit = omit,
        previous_response_id: Optional[str] | Omit = omit,
        prompt: Optional[responses_client_event_param.ResponsePromptParam]
        | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: responses_client_event_param.PromptCacheOptions
        | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning: Optional[responses_client_event_param.Reasoning] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream: Optional[bool] | Omit = omit,
        stream_options: Optional[responses_client_event_param.StreamOptions]
        | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        text: responses_client_event_param.ResponseTextConfigParam | Omit = omit,
        tool_choice: responses_client_event_param.ToolChoice | Omit = omit,
        tools: Iterable[responses_client_event_param.ToolParam] | Omit = omit,
        top_logprobs: int | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation: Optional[Literal["auto", "disabled"]] | Omit = omit,
        user: str | Omit = omit,
    ) -> None:
        """Send the ``response.create`` event."""
        await self._connection.send(
            cast_event(
                _event(
                    "response.create",
                    background=background,
                    context_management=context_management,
                    conversation=conversation,
                    include=include,
                    input=input,
                    instructions=instructions,
                    max_output_tokens=max_output_tokens,
                    max_tool_calls=max_tool_calls,
                    metadata=metadata,
                    model=model,
                    moderation=moderation,
                    parallel_tool_calls=parallel_tool_calls,
                    previous_response_id=previous_response_id,
                    prompt=prompt,
                    prompt_cache_key=prompt_cache_key,
                    prompt_cache_options=prompt_cache_options,
                    prompt_cache_retention=prompt_cache_retention,
                    reasoning=reasoning,
                    safety_identifier=safety_identifier,
                    service_tier=service_tier,
                    store=store,
                    stream=stream,
                    stream_options=stream_options,
                    temperature=temperature,
                    text=text,
                    tool_choice=tool_choice,
                    tools=tools,
                    top_logprobs=top_logprobs,
                    top_p=top_p,
                    truncation=truncation,
                    user=user,
                )
            )
        )


class AsyncResponsesConnectionHelpers:
    """The helper groups as attributes of ``AsyncResponsesConnection`` (``connection.response``, ...)."""

    @cached_property
    def response(self) -> AsyncResponsesResponseResource:
        return AsyncResponsesResponseResource(self)  # type: ignore[arg-type]


def cast_event(event: Dict[str, Any]) -> Any:
    return event
