"""``chat.completions.parse()`` and ``chat.completions.stream()``.

The generated ``Completions`` / ``AsyncCompletions`` inherit these mixins. This module
is imported with them, so the parsing and streaming code loads inside the methods.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Union

from ..._base_client import make_request_options
from ..._types import not_given, omit
from ..._utils import is_given
from ._common import Deferred, api_params, helper_headers

if TYPE_CHECKING:
    import httpx
    from typing_extensions import Literal

    from ..._types import Body, Headers, NotGiven, Omit, Query, SequenceNotStr
    from ...types.chat.chat_completion_audio_param import ChatCompletionAudioParam
    from ...types.chat.chat_completion_message_param import ChatCompletionMessageParam
    from ...types.chat.chat_completion_prediction_content_param import (
        ChatCompletionPredictionContentParam,
    )
    from ...types.chat.chat_completion_stream_options_param import (
        ChatCompletionStreamOptionsParam,
    )
    from ...types.chat.chat_completion_tool_choice_option_param import (
        ChatCompletionToolChoiceOptionParam,
    )
    from ...types.chat.chat_completion_tool_union_param import (
        ChatCompletionToolUnionParam,
    )
    from ...types.chat.completion_create_params import (
        Function,
        FunctionCall,
        Moderation,
        PromptCacheOptions,
        ResponseFormat,
        WebSearchOptions,
    )
    from ...types.chat.parsed_chat_completion import ParsedChatCompletion
    from ...types.shared_params.chat_model import ChatModel
    from ...types.shared_params.metadata import Metadata
    from ...types.shared_params.reasoning_effort import ReasoningEffort
    from .._parsing._completions import ResponseFormatT
    from ..streaming.chat import (
        AsyncChatCompletionStreamManager,
        ChatCompletionStreamManager,
    )

__all__ = ["CompletionsMixin", "AsyncCompletionsMixin"]

_CHAT_COMPLETION = "openai.types.chat.chat_completion:ChatCompletion"


def _listed(tools: Any) -> Any:
    # the tools are read twice (sent, then used to parse the answer): a generator would be empty the second time
    return list(tools) if is_given(tools) else tools


class CompletionsMixin:
    """``parse`` and ``stream`` of ``client.chat.completions``."""

    if TYPE_CHECKING:
        _post: Callable[..., Any]
        create: Callable[..., Any]

    def parse(
        self,
        *,
        messages: Iterable[ChatCompletionMessageParam],
        model: ChatModel,
        audio: Optional[ChatCompletionAudioParam] | Omit = omit,
        response_format: type[ResponseFormatT] | Omit = omit,
        frequency_penalty: Optional[float] | Omit = omit,
        function_call: FunctionCall | Omit = omit,
        functions: Iterable[Function] | Omit = omit,
        logit_bias: Optional[Dict[str, int]] | Omit = omit,
        logprobs: Optional[bool] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        modalities: Optional[List[Literal["text", "audio"]]] | Omit = omit,
        moderation: Optional[Moderation] | Omit = omit,
        n: Optional[int] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        prediction: Optional[ChatCompletionPredictionContentParam] | Omit = omit,
        presence_penalty: Optional[float] | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: PromptCacheOptions | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        seed: Optional[int] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        stop: Optional[Union[str, SequenceNotStr[str]]] | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream_options: Optional[ChatCompletionStreamOptionsParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: ChatCompletionToolChoiceOptionParam | Omit = omit,
        tools: Iterable[ChatCompletionToolUnionParam] | Omit = omit,
        top_logprobs: Optional[int] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        user: str | Omit = omit,
        verbosity: Optional[Literal["low", "medium", "high"]] | Omit = omit,
        web_search_options: WebSearchOptions | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> ParsedChatCompletion[ResponseFormatT]:
        """Create a chat completion and parse it.

        ``response_format`` may be a pydantic model class (or a dataclass): it is sent as a
        strict JSON schema and each message's content is validated into ``message.parsed``.
        Function tools built with ``openai.pydantic_function_tool()`` (or marked ``strict``)
        get their arguments decoded into ``tool_calls[i].function.parsed_arguments``. A
        ``length`` or ``content_filter`` finish raises ``LengthFinishReasonError`` /
        ``ContentFilterFinishReasonError``.
        """
        body: Dict[str, Any] = api_params(locals(), drop=("response_format",))
        from .._parsing._completions import (
            parse_chat_completion,
            type_to_response_format_param,
            validate_input_tools,
        )

        body["tools"] = tools = validate_input_tools(_listed(tools))
        body["response_format"] = type_to_response_format_param(response_format)
        body["stream"] = False

        def parser(completion: Any) -> ParsedChatCompletion[ResponseFormatT]:
            return parse_chat_completion(
                response_format=response_format,
                chat_completion=completion,
                input_tools=tools,
            )

        return self._post(
            "/chat/completions",
            body=body,
            options=make_request_options(
                extra_headers=helper_headers(
                    extra_headers, X_Stainless_Helper_Method="chat.completions.parse"
                ),
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                post_parser=parser,
            ),
            cast_to=_CHAT_COMPLETION,
            stream=False,
        )

    def stream(
        self,
        *,
        messages: Iterable[ChatCompletionMessageParam],
        model: ChatModel,
        audio: Optional[ChatCompletionAudioParam] | Omit = omit,
        response_format: ResponseFormat | type[ResponseFormatT] | Omit = omit,
        frequency_penalty: Optional[float] | Omit = omit,
        function_call: FunctionCall | Omit = omit,
        functions: Iterable[Function] | Omit = omit,
        logit_bias: Optional[Dict[str, int]] | Omit = omit,
        logprobs: Optional[bool] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        modalities: Optional[List[Literal["text", "audio"]]] | Omit = omit,
        moderation: Optional[Moderation] | Omit = omit,
        n: Optional[int] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        prediction: Optional[ChatCompletionPredictionContentParam] | Omit = omit,
        presence_penalty: Optional[float] | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: PromptCacheOptions | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        seed: Optional[int] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        stop: Optional[Union[str, SequenceNotStr[str]]] | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream_options: Optional[ChatCompletionStreamOptionsParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: ChatCompletionToolChoiceOptionParam | Omit = omit,
        tools: Iterable[ChatCompletionToolUnionParam] | Omit = omit,
        top_logprobs: Optional[int] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        user: str | Omit = omit,
        verbosity: Optional[Literal["low", "medium", "high"]] | Omit = omit,
        web_search_options: WebSearchOptions | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> ChatCompletionStreamManager[ResponseFormatT]:
        """Stream a chat completion as typed events; use it in a ``with`` block.

        The events (``chunk``, ``content.delta`` / ``content.done``, ``refusal.*``,
        ``tool_calls.function.arguments.*``, ``logprobs.*``) carry the accumulated
        snapshot, and with a pydantic ``response_format`` the partially parsed content.
        """
        params: Dict[str, Any] = api_params(locals(), drop=("response_format",))
        from .._parsing._completions import type_to_response_format_param
        from ..streaming.chat import ChatCompletionStreamManager

        params["tools"] = tools = _listed(tools)
        api_request = partial(
            self.create,
            **params,
            response_format=type_to_response_format_param(response_format),
            stream=True,
            extra_headers=helper_headers(
                extra_headers, X_Stainless_Helper_Method="chat.completions.stream"
            ),
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return ChatCompletionStreamManager(
            api_request, response_format=response_format, input_tools=tools
        )


class AsyncCompletionsMixin:
    """``parse`` and ``stream`` of the async ``client.chat.completions``."""

    if TYPE_CHECKING:
        _post: Callable[..., Any]
        create: Callable[..., Any]

    async def parse(
        self,
        *,
        messages: Iterable[ChatCompletionMessageParam],
        model: ChatModel,
        audio: Optional[ChatCompletionAudioParam] | Omit = omit,
        response_format: type[ResponseFormatT] | Omit = omit,
        frequency_penalty: Optional[float] | Omit = omit,
        function_call: FunctionCall | Omit = omit,
        functions: Iterable[Function] | Omit = omit,
        logit_bias: Optional[Dict[str, int]] | Omit = omit,
        logprobs: Optional[bool] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        modalities: Optional[List[Literal["text", "audio"]]] | Omit = omit,
        moderation: Optional[Moderation] | Omit = omit,
        n: Optional[int] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        prediction: Optional[ChatCompletionPredictionContentParam] | Omit = omit,
        presence_penalty: Optional[float] | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: PromptCacheOptions | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        seed: Optional[int] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        stop: Optional[Union[str, SequenceNotStr[str]]] | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream_options: Optional[ChatCompletionStreamOptionsParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: ChatCompletionToolChoiceOptionParam | Omit = omit,
        tools: Iterable[ChatCompletionToolUnionParam] | Omit = omit,
        top_logprobs: Optional[int] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        user: str | Omit = omit,
        verbosity: Optional[Literal["low", "medium", "high"]] | Omit = omit,
        web_search_options: WebSearchOptions | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> ParsedChatCompletion[ResponseFormatT]:
        """Create a chat completion and parse it (see ``CompletionsMixin.parse``)."""
        body: Dict[str, Any] = api_params(locals(), drop=("response_format",))
        from .._parsing._completions import (
            parse_chat_completion,
            type_to_response_format_param,
            validate_input_tools,
        )

        body["tools"] = tools = validate_input_tools(_listed(tools))
        body["response_format"] = type_to_response_format_param(response_format)
        body["stream"] = False

        def parser(completion: Any) -> ParsedChatCompletion[ResponseFormatT]:
            return parse_chat_completion(
                response_format=response_format,
                chat_completion=completion,
                input_tools=tools,
            )

        return await self._post(
            "/chat/completions",
            body=body,
            options=make_request_options(
                extra_headers=helper_headers(
                    extra_headers, X_Stainless_Helper_Method="chat.completions.parse"
                ),
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                post_parser=parser,
            ),
            cast_to=_CHAT_COMPLETION,
            stream=False,
        )

    def stream(
        self,
        *,
        messages: Iterable[ChatCompletionMessageParam],
        model: ChatModel,
        audio: Optional[ChatCompletionAudioParam] | Omit = omit,
        response_format: ResponseFormat | type[ResponseFormatT] | Omit = omit,
        frequency_penalty: Optional[float] | Omit = omit,
        function_call: FunctionCall | Omit = omit,
        functions: Iterable[Function] | Omit = omit,
        logit_bias: Optional[Dict[str, int]] | Omit = omit,
        logprobs: Optional[bool] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        modalities: Optional[List[Literal["text", "audio"]]] | Omit = omit,
        moderation: Optional[Moderation] | Omit = omit,
        n: Optional[int] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        prediction: Optional[ChatCompletionPredictionContentParam] | Omit = omit,
        presence_penalty: Optional[float] | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: PromptCacheOptions | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        seed: Optional[int] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        stop: Optional[Union[str, SequenceNotStr[str]]] | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream_options: Optional[ChatCompletionStreamOptionsParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: ChatCompletionToolChoiceOptionParam | Omit = omit,
        tools: Iterable[ChatCompletionToolUnionParam] | Omit = omit,
        top_logprobs: Optional[int] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        user: str | Omit = omit,
        verbosity: Optional[Literal["low", "medium", "high"]] | Omit = omit,
        web_search_options: WebSearchOptions | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncChatCompletionStreamManager[ResponseFormatT]:
        """Stream a chat completion as typed events; use it in an ``async with`` block
        (see ``CompletionsMixin.stream``)."""
        params: Dict[str, Any] = api_params(locals(), drop=("response_format",))
        from .._parsing._completions import type_to_response_format_param
        from ..streaming.chat import AsyncChatCompletionStreamManager

        params["tools"] = tools = _listed(tools)
        api_request = partial(
            self.create,
            **params,
            response_format=type_to_response_format_param(response_format),
            stream=True,
            extra_headers=helper_headers(
                extra_headers, X_Stainless_Helper_Method="chat.completions.stream"
            ),
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        return AsyncChatCompletionStreamManager(
            Deferred(api_request), response_format=response_format, input_tools=tools
        )
