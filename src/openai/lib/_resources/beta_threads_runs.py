"""Polling and streaming helpers of ``client.beta.threads.runs``.

The generated ``Runs`` / ``AsyncRuns`` inherit these mixins. The module is imported
with them: the stream helper code loads inside the methods.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Union

from typing_extensions import deprecated, overload

from ..._types import not_given, omit
from ._common import Deferred, api_params, helper_headers, undeprecated
from ._polling import async_poll, check_poll_interval, poll

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
    from ...types.beta.threads.run import Run
    from ...types.beta.threads.run_create_params import (
        AdditionalMessage,
        TruncationStrategy,
    )
    from ...types.beta.threads.run_submit_tool_outputs_params import ToolOutput
    from ...types.beta.threads.runs.run_step_include import RunStepInclude
    from ...types.shared_params.chat_model import ChatModel
    from ...types.shared_params.metadata import Metadata
    from ...types.shared_params.reasoning_effort import ReasoningEffort
    from ..streaming._assistants import (
        AssistantEventHandler,
        AssistantEventHandlerT,
        AssistantStreamManager,
        AsyncAssistantEventHandler,
        AsyncAssistantEventHandlerT,
        AsyncAssistantStreamManager,
    )

__all__ = ["RunsMixin", "AsyncRunsMixin"]

_DEPRECATED = "The Assistants API is deprecated in favor of the Responses API"

# a run with one of these statuses is still working; any other status ends a poll
_RUN_WORKING = frozenset({"queued", "in_progress", "cancelling"})


def _options(arguments: Dict[str, Any]) -> Dict[str, Any]:
    """The four request options among a helper's arguments."""
    return {
        k: arguments[k]
        for k in ("extra_headers", "extra_query", "extra_body", "timeout")
    }


def _stream_headers(
    extra_headers: Any, helper: str, event_handler: Any
) -> Dict[str, Any]:
    return helper_headers(
        extra_headers,
        X_Stainless_Stream_Helper=helper,
        X_Stainless_Custom_Event_Handler="true" if event_handler else "false",
    )


class RunsMixin:
    """The polling and streaming helpers of ``client.beta.threads.runs``."""

    if TYPE_CHECKING:
        create: Callable[..., Any]
        retrieve: Callable[..., Any]
        submit_tool_outputs: Callable[..., Any]
        _sleep: Callable[[float], Any]

    @deprecated(_DEPRECATED)
    def create_and_poll(
        self,
        *,
        assistant_id: str,
        include: List[RunStepInclude] | Omit = omit,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        thread_id: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> Run:
        """Create a run and poll it until it stops working (see ``poll``)."""
        params = api_params(locals(), drop=("thread_id", "poll_interval_ms"))
        check_poll_interval(poll_interval_ms)
        run = undeprecated(self.create)(
            thread_id, **params, stream=False, **_options(locals())
        )
        return self._poll(
            run.id,
            thread_id=thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    @overload
    @deprecated("use `stream` instead")
    def create_and_stream(
        self,
        *,
        assistant_id: str,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AssistantStreamManager[AssistantEventHandler]: ...

    @overload
    @deprecated("use `stream` instead")
    def create_and_stream(
        self,
        *,
        assistant_id: str,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: AssistantEventHandlerT,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AssistantStreamManager[AssistantEventHandlerT]: ...

    @deprecated("use `stream` instead")
    def create_and_stream(
        self,
        *,
        assistant_id: str,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: AssistantEventHandlerT | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> (
        AssistantStreamManager[AssistantEventHandler]
        | AssistantStreamManager[AssistantEventHandlerT]
    ):
        """Create a run and stream its events (the older name of ``stream``)."""
        params = api_params(locals(), drop=("thread_id", "event_handler"))
        return self._stream_run(thread_id, params, event_handler, _options(locals()))

    @deprecated(_DEPRECATED)
    def poll(
        self,
        run_id: str,
        thread_id: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
        poll_interval_ms: int | Omit = omit,
    ) -> Run:
        """Retrieve the run until its status is not ``queued``, ``in_progress`` or
        ``cancelling`` (it completed, failed, was cancelled, expired, ended incomplete or
        requires action) and return it. Waits ``poll_interval_ms`` between requests, else
        what the server's ``openai-poll-after-ms`` header advises, else one second."""
        return self._poll(
            run_id,
            thread_id=thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    def _poll(
        self,
        run_id: str,
        *,
        thread_id: str,
        extra_headers: Headers | None,
        extra_query: Query | None,
        extra_body: Body | None,
        timeout: float | httpx.Timeout | None | NotGiven,
        poll_interval_ms: int | Omit,
    ) -> Run:
        retrieve = undeprecated(self.retrieve)

        def fetch(headers: Dict[str, Any]) -> Any:
            return retrieve(
                run_id,
                thread_id=thread_id,
                extra_headers=headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
            )

        return poll(
            fetch,
            working=_RUN_WORKING,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
            extra_headers=extra_headers,
        )

    @overload
    @deprecated(_DEPRECATED)
    def stream(
        self,
        *,
        assistant_id: str,
        include: List[RunStepInclude] | Omit = omit,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AssistantStreamManager[AssistantEventHandler]: ...

    @overload
    @deprecated(_DEPRECATED)
    def stream(
        self,
        *,
        assistant_id: str,
        include: List[RunStepInclude] | Omit = omit,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: AssistantEventHandlerT,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AssistantStreamManager[AssistantEventHandlerT]: ...

    @deprecated(_DEPRECATED)
    def stream(
        self,
        *,
        assistant_id: str,
        include: List[RunStepInclude] | Omit = omit,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: AssistantEventHandlerT | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> (
        AssistantStreamManager[AssistantEventHandler]
        | AssistantStreamManager[AssistantEventHandlerT]
    ):
        """Create a run and stream its events; use it in a ``with`` block.

        ``event_handler`` (an ``AssistantEventHandler`` subclass instance) receives the
        callbacks; without one, iterate the handler the block gives.
        """
        params = api_params(locals(), drop=("thread_id", "event_handler"))
        return self._stream_run(thread_id, params, event_handler, _options(locals()))

    @deprecated(_DEPRECATED)
    def submit_tool_outputs_and_poll(
        self,
        *,
        tool_outputs: Iterable[ToolOutput],
        run_id: str,
        thread_id: str,
        poll_interval_ms: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> Run:
        """Submit tool outputs to a run that requires action, then poll it (see ``poll``)."""
        check_poll_interval(poll_interval_ms)
        run = undeprecated(self.submit_tool_outputs)(
            run_id,
            thread_id=thread_id,
            tool_outputs=tool_outputs,
            stream=False,
            **_options(locals()),
        )
        return self._poll(
            run.id,
            thread_id=thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    @overload
    @deprecated(_DEPRECATED)
    def submit_tool_outputs_stream(
        self,
        *,
        tool_outputs: Iterable[ToolOutput],
        run_id: str,
        thread_id: str,
        event_handler: None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AssistantStreamManager[AssistantEventHandler]: ...

    @overload
    @deprecated(_DEPRECATED)
    def submit_tool_outputs_stream(
        self,
        *,
        tool_outputs: Iterable[ToolOutput],
        run_id: str,
        thread_id: str,
        event_handler: AssistantEventHandlerT,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AssistantStreamManager[AssistantEventHandlerT]: ...

    @deprecated(_DEPRECATED)
    def submit_tool_outputs_stream(
        self,
        *,
        tool_outputs: Iterable[ToolOutput],
        run_id: str,
        thread_id: str,
        event_handler: AssistantEventHandlerT | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> (
        AssistantStreamManager[AssistantEventHandler]
        | AssistantStreamManager[AssistantEventHandlerT]
    ):
        """Submit tool outputs to a run that requires action and stream the rest of the run."""
        from ..streaming._assistants import (
            AssistantEventHandler,
            AssistantStreamManager,
        )

        options = _options(locals())
        options["extra_headers"] = _stream_headers(
            extra_headers, "threads.runs.submit_tool_outputs_stream", event_handler
        )
        api_request = partial(
            undeprecated(self.submit_tool_outputs),
            run_id,
            thread_id=thread_id,
            tool_outputs=tool_outputs,
            stream=True,
            **options,
        )
        return AssistantStreamManager(
            api_request, event_handler=event_handler or AssistantEventHandler()
        )

    def _stream_run(
        self,
        thread_id: str,
        params: Dict[str, Any],
        event_handler: Any,
        options: Dict[str, Any],
    ) -> Any:
        from ..streaming._assistants import (
            AssistantEventHandler,
            AssistantStreamManager,
        )

        options["extra_headers"] = _stream_headers(
            options["extra_headers"], "threads.runs.create_and_stream", event_handler
        )
        api_request = partial(
            undeprecated(self.create), thread_id, **params, stream=True, **options
        )
        return AssistantStreamManager(
            api_request, event_handler=event_handler or AssistantEventHandler()
        )


class AsyncRunsMixin:
    """The polling and streaming helpers of the async ``client.beta.threads.runs``."""

    if TYPE_CHECKING:
        create: Callable[..., Any]
        retrieve: Callable[..., Any]
        submit_tool_outputs: Callable[..., Any]
        _sleep: Callable[[float], Any]

    @deprecated(_DEPRECATED)
    async def create_and_poll(
        self,
        *,
        assistant_id: str,
        include: List[RunStepInclude] | Omit = omit,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        poll_interval_ms: int | Omit = omit,
        thread_id: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> Run:
        """Create a run and poll it until it stops working (see ``poll``)."""
        params = api_params(locals(), drop=("thread_id", "poll_interval_ms"))
        check_poll_interval(poll_interval_ms)
        run = await undeprecated(self.create)(
            thread_id, **params, stream=False, **_options(locals())
        )
        return await self._poll(
            run.id,
            thread_id=thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    @overload
    @deprecated("use `stream` instead")
    def create_and_stream(
        self,
        *,
        assistant_id: str,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]: ...

    @overload
    @deprecated("use `stream` instead")
    def create_and_stream(
        self,
        *,
        assistant_id: str,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: AsyncAssistantEventHandlerT,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]: ...

    @deprecated("use `stream` instead")
    def create_and_stream(
        self,
        *,
        assistant_id: str,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: AsyncAssistantEventHandlerT | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> (
        AsyncAssistantStreamManager[AsyncAssistantEventHandler]
        | AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]
    ):
        """Create a run and stream its events (the older name of ``stream``)."""
        params = api_params(locals(), drop=("thread_id", "event_handler"))
        return self._stream_run(thread_id, params, event_handler, _options(locals()))

    @deprecated(_DEPRECATED)
    async def poll(
        self,
        run_id: str,
        thread_id: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
        poll_interval_ms: int | Omit = omit,
    ) -> Run:
        """Retrieve the run until its status is not ``queued``, ``in_progress`` or
        ``cancelling`` (it completed, failed, was cancelled, expired, ended incomplete or
        requires action) and return it. Waits ``poll_interval_ms`` between requests, else
        what the server's ``openai-poll-after-ms`` header advises, else one second."""
        return await self._poll(
            run_id,
            thread_id=thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    async def _poll(
        self,
        run_id: str,
        *,
        thread_id: str,
        extra_headers: Headers | None,
        extra_query: Query | None,
        extra_body: Body | None,
        timeout: float | httpx.Timeout | None | NotGiven,
        poll_interval_ms: int | Omit,
    ) -> Run:
        retrieve = undeprecated(self.retrieve)

        async def fetch(headers: Dict[str, Any]) -> Any:
            return await retrieve(
                run_id,
                thread_id=thread_id,
                extra_headers=headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
            )

        return await async_poll(
            fetch,
            working=_RUN_WORKING,
            poll_interval_ms=poll_interval_ms,
            sleep=self._sleep,
            extra_headers=extra_headers,
        )

    @overload
    @deprecated(_DEPRECATED)
    def stream(
        self,
        *,
        assistant_id: str,
        include: List[RunStepInclude] | Omit = omit,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]: ...

    @overload
    @deprecated(_DEPRECATED)
    def stream(
        self,
        *,
        assistant_id: str,
        include: List[RunStepInclude] | Omit = omit,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: AsyncAssistantEventHandlerT,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]: ...

    @deprecated(_DEPRECATED)
    def stream(
        self,
        *,
        assistant_id: str,
        include: List[RunStepInclude] | Omit = omit,
        additional_instructions: Optional[str] | Omit = omit,
        additional_messages: Optional[Iterable[AdditionalMessage]] | Omit = omit,
        instructions: Optional[str] | Omit = omit,
        max_completion_tokens: Optional[int] | Omit = omit,
        max_prompt_tokens: Optional[int] | Omit = omit,
        metadata: Optional[Metadata] | Omit = omit,
        model: Union[str, ChatModel, None] | Omit = omit,
        parallel_tool_calls: bool | Omit = omit,
        reasoning_effort: Optional[ReasoningEffort] | Omit = omit,
        response_format: Optional[AssistantResponseFormatOptionParam] | Omit = omit,
        temperature: Optional[float] | Omit = omit,
        tool_choice: Optional[AssistantToolChoiceOptionParam] | Omit = omit,
        tools: Optional[Iterable[AssistantToolParam]] | Omit = omit,
        top_p: Optional[float] | Omit = omit,
        truncation_strategy: Optional[TruncationStrategy] | Omit = omit,
        thread_id: str,
        event_handler: AsyncAssistantEventHandlerT | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> (
        AsyncAssistantStreamManager[AsyncAssistantEventHandler]
        | AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]
    ):
        """Create a run and stream its events; use it in an ``async with`` block.

        ``event_handler`` (an ``AsyncAssistantEventHandler`` subclass instance) receives the
        callbacks; without one, iterate the handler the block gives.
        """
        params = api_params(locals(), drop=("thread_id", "event_handler"))
        return self._stream_run(thread_id, params, event_handler, _options(locals()))

    @deprecated(_DEPRECATED)
    async def submit_tool_outputs_and_poll(
        self,
        *,
        tool_outputs: Iterable[ToolOutput],
        run_id: str,
        thread_id: str,
        poll_interval_ms: int | Omit = omit,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> Run:
        """Submit tool outputs to a run that requires action, then poll it (see ``poll``)."""
        check_poll_interval(poll_interval_ms)
        run = await undeprecated(self.submit_tool_outputs)(
            run_id,
            thread_id=thread_id,
            tool_outputs=tool_outputs,
            stream=False,
            **_options(locals()),
        )
        return await self._poll(
            run.id,
            thread_id=thread_id,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            poll_interval_ms=poll_interval_ms,
        )

    @overload
    @deprecated(_DEPRECATED)
    def submit_tool_outputs_stream(
        self,
        *,
        tool_outputs: Iterable[ToolOutput],
        run_id: str,
        thread_id: str,
        event_handler: None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandler]: ...

    @overload
    @deprecated(_DEPRECATED)
    def submit_tool_outputs_stream(
        self,
        *,
        tool_outputs: Iterable[ToolOutput],
        run_id: str,
        thread_id: str,
        event_handler: AsyncAssistantEventHandlerT,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]: ...

    @deprecated(_DEPRECATED)
    def submit_tool_outputs_stream(
        self,
        *,
        tool_outputs: Iterable[ToolOutput],
        run_id: str,
        thread_id: str,
        event_handler: AsyncAssistantEventHandlerT | None = None,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: float | httpx.Timeout | None | NotGiven = not_given,
    ) -> (
        AsyncAssistantStreamManager[AsyncAssistantEventHandler]
        | AsyncAssistantStreamManager[AsyncAssistantEventHandlerT]
    ):
        """Submit tool outputs to a run that requires action and stream the rest of the run."""
        from ..streaming._assistants import (
            AsyncAssistantEventHandler,
            AsyncAssistantStreamManager,
        )

        options = _options(locals())
        options["extra_headers"] = _stream_headers(
            extra_headers, "threads.runs.submit_tool_outputs_stream", event_handler
        )
        api_request = partial(
            undeprecated(self.submit_tool_outputs),
            run_id,
            thread_id=thread_id,
            tool_outputs=tool_outputs,
            stream=True,
            **options,
        )
        return AsyncAssistantStreamManager(
            Deferred(api_request),
            event_handler=event_handler or AsyncAssistantEventHandler(),
        )

    def _stream_run(
        self,
        thread_id: str,
        params: Dict[str, Any],
        event_handler: Any,
        options: Dict[str, Any],
    ) -> Any:
        from ..streaming._assistants import (
            AsyncAssistantEventHandler,
            AsyncAssistantStreamManager,
        )

        options["extra_headers"] = _stream_headers(
            options["extra_headers"], "threads.runs.create_and_stream", event_handler
        )
        api_request = partial(
            undeprecated(self.create), thread_id, **params, stream=True, **options
        )
        return AsyncAssistantStreamManager(
            Deferred(api_request),
            event_handler=event_handler or AsyncAssistantEventHandler(),
        )
