"""``create_and_run_poll`` and ``create_and_run_stream`` of ``client.beta.threads``.

The generated ``Threads`` / ``AsyncThreads`` inherit these mixins.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional, Union

from typing_extensions import overload

from ..._types import not_given, omit
from ._common import Deferred, api_params, undeprecated
from ._polling import check_poll_interval
from .beta_threads_runs import _options, _stream_headers  # pyright: ignore[reportPrivateUsage]

if TYPE_CHECKING:
    import httpx

    from ..._types import Body, Headers, NotGiven, Omit, Query
    from ...types.beta.assistant_response_format_option_param import (
        AssistantResponseFormatOptionParam,
    )
    from ...types.beta.assistant_tool_choice_option_param import (
        AssistantToolChoiceOptionParam,
    )
    from ...types.beta.assistant_tool_param import AssistantToolParam
    from ...types.beta.thread_create_and_run_params import (
        Thread as ThreadCreateAndRunParamsThread,
        ToolResources as ThreadCreateAndRunParamsToolResources,
        TruncationStrategy,
    )
    from ...types.beta.threads.run import Run
    from ...types.shared_params.chat_model import ChatModel
    from ...types.shared_params.metadata import Metadata
    from ..streaming._assistants import (
        AssistantEventHandler,
        AssistantEventHandlerT,
        AssistantStreamManager,
        AsyncAssistantEventHandler,
        AsyncAssistantEventHandlerT,
        AsyncAssistantStreamManager,
    )

__all__ = ["ThreadsMixin", "AsyncThreadsMixin"]


class ThreadsMixin:
    """``create_and_run_poll`` and ``create_and_run_stream`` of ``client.beta.threads``."""

    if TYPE_CHECKING:
        create_and_run: Callable[..., Any]
        runs: Any

    def create_and_run_poll(
        self,
        *,
        assistant_id: str,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        thread: ThreadCreateAndRunParamsThread | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tool_resources: Optional[ThreadCreateAndRunParamsToolResources] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> Run:
        """Create a thread and run it, then poll the run until it stops working."""
        params = api_params(locals(), drop=("poll_interval_ms",))
        check_poll_interval(poll_interval_ms)
        run = undeprecated(self.create_and_run)(
            **params, stream=False, **_options(locals())
        )
        return self.runs._poll(
            run.id,
            thread_id=run.thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    @overload
    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        thread: ThreadCreateAndRunParamsThread | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tool_resources: Optional[ThreadCreateAndRunParamsToolResources] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        event_handler: None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AssistantStreamManager[AssistantEventHandler]: ...

    @overload
    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        thread: ThreadCreateAndRunParamsThread | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tool_resources: Optional[ThreadCreateAndRunParamsToolResources] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        event_handler: AssistantEventHandlerT,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AssistantStreamManager[AssistantEventHandlerT]: ...

    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        thread: ThreadCreateAndRunParamsThread | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tool_resources: Optional[ThreadCreateAndRunParamsToolResources] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        event_handler: AssistantEventHandlerT | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> (
        AssistantStreamManager[AssistantEventHandler]
        | AssistantStreamManager[AssistantEventHandlerT]
    ):
        """Create a thread, run it and stream the run's events; use it in a ``with`` block."""
        params = api_params(locals(), drop=("event_handler",))
        from ..streaming._assistants import (
            AssistantEventHandler,
            AssistantStreamManager,
        )

        options = _options(locals())
        options["extra_headers"] = _stream_headers(
            extra_headers, "threads.create_and_run_stream", event_handler
        )
        api_request = partial(
            undeprecated(self.create_and_run), **params, stream=True, **options
        )
        return AssistantStreamManager(
            api_request, event_handler=event_handler or AssistantEventHandler()
        )


class AsyncThreadsMixin:
    """``create_and_run_poll`` and ``create_and_run_stream`` of the async ``client.beta.threads``."""

    if TYPE_CHECKING:
        create_and_run: Callable[..., Any]
        runs: Any

    async def create_and_run_poll(
        self,
        *,
        assistant_id: str,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        thread: ThreadCreateAndRunParamsThread | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tool_resources: Optional[ThreadCreateAndRunParamsToolResources] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> Run:
        """Create a thread and run it, then poll the run until it stops working."""
        params = api_params(locals(), drop=("poll_interval_ms",))
        check_poll_interval(poll_interval_ms)
        run = await undeprecated(self.create_and_run)(
            **params, stream=False, **_options(locals())
        )
        return await self.runs._poll(
            run.id,
            thread_id=run.thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    @overload
    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        thread: ThreadCreateAndRunParamsThread | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tool_resources: Optional[ThreadCreateAndRunParamsToolResources] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        event_handler: None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]: ...

    @overload
    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        thread: ThreadCreateAndRunParamsThread | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tool_resources: Optional[ThreadCreateAndRunParamsToolResources] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        event_handler: AsyncAssistantEventHandlerT,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]: ...

    def create_and_run_stream(
        self,
        *,
        assistant_id: str,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        thread: ThreadCreateAndRunParamsThread | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tool_resources: Optional[ThreadCreateAndRunParamsToolResources] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        event_handler: AsyncAssistantEventHandlerT | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> (
        AsyncAssistantStreamManager[AsyncAssistantEventHandler]
        | AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]
    ):
        """Create a thread, run it and stream the run's events; use it in an ``async with`` block."""
        params = api_params(locals(), drop=("event_handler",))
        from ..streaming._assistants import (
            AsyncAssistantEventHandler,
            AsyncAssistantStreamManager,
        )

        options = _options(locals())
        options["extra_headers"] = _stream_headers(
            extra_headers, "threads.create_and_run_stream", event_handler
        )
        api_request = partial(
            undeprecated(self.create_and_run), **params, stream=True, **options
        )
        return AsyncAssistantStreamManager(
            Deferred(api_request),
            event_handler=event_handler or AsyncAssistantEventHandler(),
        )
