"""``responses.parse()`` and ``responses.stream()``.

The generated ``Responses`` / ``AsyncResponses`` inherit these mixins (next to the realtime
part's ``connect`` mixin). This module is imported with them, so the parsing and
streaming code loads inside the methods.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Union

from typing_extensions import overload

from ..._base_client import make_request_options
from ..._types import not_given, omit
from ..._utils import is_given
from ._common import Deferred, api_params, helper_headers

if TYPE_CHECKING:
    import httpx
    from typing_extensions import Literal, TypeAlias

    from ..._types import Body, Headers, NotGiven, Omit, Query
    from ...types.chat.chat_completion_function_tool_param import (
        ChatCompletionFunctionToolParam,
    )
    from ...types.responses.parsed_response import ParsedResponse
    from ...types.responses.response_create_params import (
        ContextManagement,
        Conversation,
        Moderation,
        PromptCacheOptions,
        StreamOptions,
        ToolChoice,
    )
    from ...types.responses.response_includable import ResponseIncludable
    from ...types.responses.response_input_param import ResponseInputParam
    from ...types.responses.response_prompt_param import ResponsePromptParam
    from ...types.responses.response_text_config_param import ResponseTextConfigParam
    from ...types.responses.tool_param import ToolParam
    from ...types.shared_params.metadata import Metadata
    from ...types.shared_params.reasoning import Reasoning
    from ...types.shared_params.responses_model import ResponsesModel
    from .._parsing._responses import TextFormatT
    from ..streaming.responses import AsyncResponseStreamManager, ResponseStreamManager

    ParseableToolParam: TypeAlias = Union[ToolParam, ChatCompletionFunctionToolParam]

__all__ = ["ResponsesMixin", "AsyncResponsesMixin"]

_RESPONSE = "openai.types.responses.response:Response"

# what only a new response takes; resuming a stored one (`response_id`) takes none of these
_STREAM_ONLY = ("response_id", "text_format", "starting_after")
_RESUME_OK = ("include", "tools")


def _parse_request(params: Dict[str, Any], text_format: Any) -> Any:
    """``params`` made ready to send: ``text_format`` folded into ``text``, tools converted.
    Returns the tools as sent (they decide how function call arguments are parsed)."""
    from .._parsing._responses import make_tools, with_text_format

    params["text"] = with_text_format(params.get("text", omit), text_format)
    params["tools"] = tools = make_tools(params.get("tools", omit))
    return tools


def _stream_mode(params: Dict[str, Any], response_id: Any, starting_after: Any) -> bool:
    """True to resume the stored response ``response_id``; False to create a new one.
    Raises ``ValueError`` naming the arguments that do not fit together."""
    new_args = [k for k, v in params.items() if is_given(v) and k not in _RESUME_OK]
    if is_given(response_id) or is_given(starting_after):
        if new_args:
            raise ValueError(
                "`response_id` / `starting_after` resume a stored response and cannot be combined with "
                + ", ".join(f"`{name}`" for name in new_args)
            )
        if not is_given(response_id):
            raise ValueError(
                "`starting_after` needs `response_id`, the response whose stream to resume"
            )
        return True
    if not is_given(params.get("input", omit)):
        raise ValueError(
            "`input` is required to create a response (or give `response_id` to resume one)"
        )
    if not is_given(params.get("model", omit)):
        raise ValueError(
            "`model` is required to create a response (or give `response_id` to resume one)"
        )
    return False


class ResponsesMixin:
    """``parse`` and ``stream`` of ``client.responses``."""

    if TYPE_CHECKING:
        _post: Callable[..., Any]
        create: Callable[..., Any]
        retrieve: Callable[..., Any]

    def parse(
        self,
        *,
        text_format: type[TextFormatT] | Omit = omit,
        background: Optional[bool] | Omit = omit,
        context_management: Optional[Iterable[ContextManagement]] | Omit = omit,
        conversation: Optional[Conversation] | Omit = omit,
        include: Optional[List[ResponseIncludable]] | Omit = omit,
        input: Union[str, ResponseInputParam] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_output_tokens: Optional[int] | Omit = omit,
        max_tool_calls: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: ResponsesModel | Omit = omit,
        moderation: Optional[Moderation] | Omit = omit,
        parallel_tool_calls: Optional[bool] | Omit = omit,
        previous_response_id: Optional[str] | Omit = omit,
        prompt: Optional[ResponsePromptParam] | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: PromptCacheOptions | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning: Optional[Reasoning] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream: Optional[Literal[False]] | Literal[True] | Omit = omit,
        stream_options: Optional[StreamOptions] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        text: ResponseTextConfigParam | Omit = omit,
        tool_choice: ToolChoice | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        top_logprobs: int | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation: Optional[Literal["auto", "disabled"]] | Omit = omit,
        user: str | Omit = omit,
        verbosity: Optional[Literal["low", "medium", "high"]] | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> ParsedResponse[TextFormatT]:
        """Create a response and parse it.

        ``text_format`` (a pydantic model class or dataclass) is sent as a strict JSON schema
        text format and the output text is validated into it (``output_parsed`` and each
        output text's ``parsed``). Function tools built with ``openai.pydantic_function_tool()``
        or marked ``strict`` get their arguments decoded into ``parsed_arguments``.
        """
        body: Dict[str, Any] = api_params(locals(), drop=("text_format",))
        from .._parsing._responses import parse_response

        tools = _parse_request(body, text_format)

        def parser(response: Any) -> ParsedResponse[TextFormatT]:
            return parse_response(
                text_format=text_format, input_tools=tools, response=response
            )

        return self._post(
            "/responses",
            body=body,
            options=make_request_options(
                extra_headers=helper_headers(
                    extra_headers, X_Stainless_Helper_Method="responses.parse"
                ),
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                post_parser=parser,
            ),
            cast_to=_RESPONSE,
        )

    @overload
    def stream(
        self,
        *,
        response_id: str,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        include: Optional[List[ResponseIncludable]] | Omit = omit,
        starting_after: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> ResponseStreamManager[TextFormatT]: ...

    @overload
    def stream(
        self,
        *,
        input: Union[str, ResponseInputParam],
        model: ResponsesModel,
        background: Optional[bool] | Omit = omit,
        context_management: Optional[Iterable[ContextManagement]] | Omit = omit,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        conversation: Optional[Conversation] | Omit = omit,
        include: Optional[List[ResponseIncludable]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_output_tokens: Optional[int] | Omit = omit,
        max_tool_calls: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        moderation: Optional[Moderation] | Omit = omit,
        parallel_tool_calls: Optional[bool] | Omit = omit,
        previous_response_id: Optional[str] | Omit = omit,
        prompt: Optional[ResponsePromptParam] | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: PromptCacheOptions | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning: Optional[Reasoning] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream_options: Optional[StreamOptions] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        text: ResponseTextConfigParam | Omit = omit,
        tool_choice: ToolChoice | Omit = omit,
        top_logprobs: int | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation: Optional[Literal["auto", "disabled"]] | Omit = omit,
        user: str | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> ResponseStreamManager[TextFormatT]: ...

    def stream(
        self,
        *,
        response_id: str | Omit = omit,
        input: Union[str, ResponseInputParam] | Omit = omit,
        model: ResponsesModel | Omit = omit,
        background: Optional[bool] | Omit = omit,
        context_management: Optional[Iterable[ContextManagement]] | Omit = omit,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        conversation: Optional[Conversation] | Omit = omit,
        include: Optional[List[ResponseIncludable]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_output_tokens: Optional[int] | Omit = omit,
        max_tool_calls: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        moderation: Optional[Moderation] | Omit = omit,
        parallel_tool_calls: Optional[bool] | Omit = omit,
        previous_response_id: Optional[str] | Omit = omit,
        prompt: Optional[ResponsePromptParam] | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: PromptCacheOptions | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning: Optional[Reasoning] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream_options: Optional[StreamOptions] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        text: ResponseTextConfigParam | Omit = omit,
        tool_choice: ToolChoice | Omit = omit,
        top_logprobs: int | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation: Optional[Literal["auto", "disabled"]] | Omit = omit,
        user: str | Omit = omit,
        starting_after: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> ResponseStreamManager[TextFormatT]:
        """Stream a response as typed events; use it in a ``with`` block.

        Creates a response (``input`` and ``model`` required), or with ``response_id``
        resumes the stream of a stored (background) response; ``starting_after`` skips the
        events up to that sequence number. ``get_final_response()`` returns the parsed
        response, with ``text_format`` applied.
        """
        params: Dict[str, Any] = api_params(locals(), drop=_STREAM_ONLY)
        from ..streaming.responses import ResponseStreamManager

        resume = _stream_mode(params, response_id, starting_after)
        headers = helper_headers(
            extra_headers, X_Stainless_Helper_Method="responses.stream"
        )
        options: Dict[str, Any] = dict(
            extra_headers=headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        input_tools: Any
        if resume:
            from .._parsing._responses import make_tools

            input_tools = make_tools(tools)
            api_request: Callable[[], Any] = partial(
                self.retrieve, response_id, stream=True, include=include, **options
            )
        else:
            input_tools = _parse_request(params, text_format)
            api_request = partial(self.create, **params, stream=True, **options)
        return ResponseStreamManager(
            api_request,
            text_format=text_format,
            input_tools=input_tools,
            starting_after=starting_after if is_given(starting_after) else None,
        )


class AsyncResponsesMixin:
    """``parse`` and ``stream`` of the async ``client.responses``."""

    if TYPE_CHECKING:
        _post: Callable[..., Any]
        create: Callable[..., Any]
        retrieve: Callable[..., Any]

    async def parse(
        self,
        *,
        text_format: type[TextFormatT] | Omit = omit,
        background: Optional[bool] | Omit = omit,
        context_management: Optional[Iterable[ContextManagement]] | Omit = omit,
        conversation: Optional[Conversation] | Omit = omit,
        include: Optional[List[ResponseIncludable]] | Omit = omit,
        input: Union[str, ResponseInputParam] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_output_tokens: Optional[int] | Omit = omit,
        max_tool_calls: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: ResponsesModel | Omit = omit,
        moderation: Optional[Moderation] | Omit = omit,
        parallel_tool_calls: Optional[bool] | Omit = omit,
        previous_response_id: Optional[str] | Omit = omit,
        prompt: Optional[ResponsePromptParam] | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: PromptCacheOptions | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning: Optional[Reasoning] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream: Optional[Literal[False]] | Literal[True] | Omit = omit,
        stream_options: Optional[StreamOptions] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        text: ResponseTextConfigParam | Omit = omit,
        tool_choice: ToolChoice | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        top_logprobs: int | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation: Optional[Literal["auto", "disabled"]] | Omit = omit,
        user: str | Omit = omit,
        verbosity: Optional[Literal["low", "medium", "high"]] | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> ParsedResponse[TextFormatT]:
        """Create a response and parse it (see ``ResponsesMixin.parse``)."""
        body: Dict[str, Any] = api_params(locals(), drop=("text_format",))
        from .._parsing._responses import parse_response

        tools = _parse_request(body, text_format)

        def parser(response: Any) -> ParsedResponse[TextFormatT]:
            return parse_response(
                text_format=text_format, input_tools=tools, response=response
            )

        return await self._post(
            "/responses",
            body=body,
            options=make_request_options(
                extra_headers=helper_headers(
                    extra_headers, X_Stainless_Helper_Method="responses.parse"
                ),
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                post_parser=parser,
            ),
            cast_to=_RESPONSE,
        )

    @overload
    def stream(
        self,
        *,
        response_id: str,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        include: Optional[List[ResponseIncludable]] | Omit = omit,
        starting_after: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncResponseStreamManager[TextFormatT]: ...

    @overload
    def stream(
        self,
        *,
        input: Union[str, ResponseInputParam],
        model: ResponsesModel,
        background: Optional[bool] | Omit = omit,
        context_management: Optional[Iterable[ContextManagement]] | Omit = omit,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        conversation: Optional[Conversation] | Omit = omit,
        include: Optional[List[ResponseIncludable]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_output_tokens: Optional[int] | Omit = omit,
        max_tool_calls: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        moderation: Optional[Moderation] | Omit = omit,
        parallel_tool_calls: Optional[bool] | Omit = omit,
        previous_response_id: Optional[str] | Omit = omit,
        prompt: Optional[ResponsePromptParam] | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: PromptCacheOptions | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning: Optional[Reasoning] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream_options: Optional[StreamOptions] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        text: ResponseTextConfigParam | Omit = omit,
        tool_choice: ToolChoice | Omit = omit,
        top_logprobs: int | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation: Optional[Literal["auto", "disabled"]] | Omit = omit,
        user: str | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncResponseStreamManager[TextFormatT]: ...

    def stream(
        self,
        *,
        response_id: str | Omit = omit,
        input: Union[str, ResponseInputParam] | Omit = omit,
        model: ResponsesModel | Omit = omit,
        background: Optional[bool] | Omit = omit,
        context_management: Optional[Iterable[ContextManagement]] | Omit = omit,
        text_format: type[TextFormatT] | Omit = omit,
        tools: Iterable[ParseableToolParam] | Omit = omit,
        conversation: Optional[Conversation] | Omit = omit,
        include: Optional[List[ResponseIncludable]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_output_tokens: Optional[int] | Omit = omit,
        max_tool_calls: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        moderation: Optional[Moderation] | Omit = omit,
        parallel_tool_calls: Optional[bool] | Omit = omit,
        previous_response_id: Optional[str] | Omit = omit,
        prompt: Optional[ResponsePromptParam] | Omit = omit,
        prompt_cache_key: Optional[str] | Omit = omit,
        prompt_cache_options: PromptCacheOptions | Omit = omit,
        prompt_cache_retention: Optional[Literal["in_memory", "24h"]] | Omit = omit,
        reasoning: Optional[Reasoning] | Omit = omit,
        safety_identifier: Optional[str] | Omit = omit,
        service_tier: Optional[
            Literal["auto", "default", "flex", "scale", "priority", "fast"]
        ]
        | Omit = omit,
        store: Optional[bool] | Omit = omit,
        stream_options: Optional[StreamOptions] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        text: ResponseTextConfigParam | Omit = omit,
        tool_choice: ToolChoice | Omit = omit,
        top_logprobs: int | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation: Optional[Literal["auto", "disabled"]] | Omit = omit,
        user: str | Omit = omit,
        starting_after: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncResponseStreamManager[TextFormatT]:
        """Stream a response as typed events; use it in an ``async with`` block (see
        ``ResponsesMixin.stream``)."""
        params: Dict[str, Any] = api_params(locals(), drop=_STREAM_ONLY)
        from ..streaming.responses import AsyncResponseStreamManager

        resume = _stream_mode(params, response_id, starting_after)
        headers = helper_headers(
            extra_headers, X_Stainless_Helper_Method="responses.stream"
        )
        options: Dict[str, Any] = dict(
            extra_headers=headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
        )
        input_tools: Any
        if resume:
            from .._parsing._responses import make_tools

            input_tools = make_tools(tools)
            api_request: Callable[[], Any] = partial(
                self.retrieve, response_id, stream=True, include=include, **options
            )
        else:
            input_tools = _parse_request(params, text_format)
            api_request = partial(self.create, **params, stream=True, **options)
        return AsyncResponseStreamManager(
            Deferred(api_request),
            text_format=text_format,
            input_tools=input_tools,
            starting_after=starting_after if is_given(starting_after) else None,
        )
