"""Assistants run streams: ``AssistantEventHandler`` (callbacks and iteration) and the
stream managers that ``beta.threads.runs.stream()`` and friends return.

``_RunStreamState`` folds the events into snapshots (the run, its steps, its messages)
and says which callbacks each event triggers; the sync and async handlers only call
them, so the two cannot drift apart.
"""

from __future__ import annotations

from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Dict,
    Generic,
    Iterator,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
    cast,
)

from ..._models import construct_type
from ._deltas import accumulate_delta

if TYPE_CHECKING:
    from ..._streaming import AsyncStream, Stream
    from ...types.beta.assistant_stream_event import AssistantStreamEvent
    from ...types.beta.threads.image_file import ImageFile
    from ...types.beta.threads.message import Message
    from ...types.beta.threads.message_delta import MessageDelta
    from ...types.beta.threads.run import Run
    from ...types.beta.threads.runs.run_step import RunStep
    from ...types.beta.threads.runs.run_step_delta import RunStepDelta
    from ...types.beta.threads.runs.tool_call import ToolCall
    from ...types.beta.threads.runs.tool_call_delta import ToolCallDelta
    from ...types.beta.threads.text import Text
    from ...types.beta.threads.text_delta import TextDelta

__all__ = [
    "AssistantEventHandler",
    "AssistantEventHandlerT",
    "AssistantStreamManager",
    "AsyncAssistantEventHandler",
    "AsyncAssistantEventHandlerT",
    "AsyncAssistantStreamManager",
]

_RUN_SETTLED = frozenset(
    {
        "thread.run.completed",
        "thread.run.incomplete",
        "thread.run.cancelled",
        "thread.run.failed",
        "thread.run.requires_action",
        "thread.run.expired",
    }
)
_RUN_ACTIVE = frozenset(
    {
        "thread.run.created",
        "thread.run.queued",
        "thread.run.in_progress",
        "thread.run.cancelling",
    }
)
_STEP_ENDED = frozenset(
    {
        "thread.run.step.completed",
        "thread.run.step.cancelled",
        "thread.run.step.expired",
        "thread.run.step.failed",
    }
)

# (callback name, arguments)
_Call = Tuple[str, Tuple[Any, ...]]


def _message_content_type() -> Any:
    from ...types.beta.threads.message_content import MessageContent

    return MessageContent


def _run_step_type() -> Any:
    from ...types.beta.threads.runs.run_step import RunStep

    return RunStep


class _RunStreamState:
    """The snapshots of one run stream, and the callbacks each event calls for."""

    def __init__(self) -> None:
        self.current_run: Optional[Run] = None
        self.current_run_step_id: Optional[str] = None
        self.current_message: Optional[Message] = None
        self.run_steps: Dict[str, RunStep] = {}
        self.messages: Dict[str, Message] = {}
        # the accumulating dicts behind the snapshots being streamed
        self._step_dicts: Dict[str, Dict[Any, Any]] = {}
        self._block_dicts: Dict[Tuple[str, int], Dict[Any, Any]] = {}
        # the content block and the tool call whose "done" callback is still due
        self._content_index: Optional[int] = None
        self._content: Any = None
        self._tool_index: Optional[int] = None
        self._tool_call: Any = None

    def apply(self, event: AssistantStreamEvent) -> List[_Call]:
        ev: Any = event  # dispatched on its event name; `data` is typed by it
        kind = ev.event
        calls: List[_Call] = []
        if kind == "thread.message.created":
            message = self._own_message(ev.data)
            self.current_message = self.messages[message.id] = message
            self._content_index = self._content = None
            calls.append(("on_message_created", (message,)))
        elif kind == "thread.message.delta":
            self._message_delta(ev.data, calls)
        elif kind in ("thread.message.completed", "thread.message.incomplete"):
            message = ev.data
            self.current_message = self.messages[message.id] = message
            index = self._content_index
            if index is not None and index < len(message.content):
                self._content_done(message.content[index], calls)
            self._content_index = self._content = None
            calls.append(("on_message_done", (message,)))
        elif kind == "thread.run.step.created":
            step = ev.data
            self.run_steps[step.id] = step
            self.current_run_step_id = step.id
            calls.append(("on_run_step_created", (step,)))
        elif kind == "thread.run.step.in_progress":
            self.current_run_step_id = ev.data.id
        elif kind == "thread.run.step.delta":
            self._run_step_delta(ev.data, calls)
        elif kind in _STEP_ENDED:
            step = ev.data
            self.run_steps[step.id] = (
                step  # the final form: status, usage, complete details
            )
            self._step_dicts.pop(step.id, None)
            self._tool_done(calls)
            calls.append(("on_run_step_done", (step,)))
        elif kind in _RUN_SETTLED:
            self.current_run = ev.data
            self._tool_done(calls)
        elif kind in _RUN_ACTIVE:
            self.current_run = ev.data
        return calls

    def after(self, event: AssistantStreamEvent) -> None:
        """State changes that the event's callbacks must not see yet."""
        if event.event in _STEP_ENDED:
            self.current_run_step_id = None

    @property
    def current_run_step(self) -> Optional[RunStep]:
        if self.current_run_step_id is None:
            return None
        return self.run_steps.get(self.current_run_step_id)

    # ------------------------------------------------------------------ messages

    @staticmethod
    def _own_message(message: Message) -> Message:
        # the snapshot is updated in place by the deltas: keep the event's object untouched
        return message.model_copy(update={"content": list(message.content)})

    def _message_delta(self, data: Any, calls: List[_Call]) -> None:
        message = self.messages.get(data.id) or self.current_message
        if message is None:
            raise RuntimeError(
                f"Got a delta of message {data.id!r} before its `thread.message.created` event"
            )
        self.current_message = message
        content_type = _message_content_type()
        delta: MessageDelta = data.delta
        new_blocks: List[Any] = []
        for block_delta in delta.content or ():
            index: int = block_delta.index
            key = (message.id, index)
            block = self._block_dicts.get(key)
            if block is None and index < len(message.content):
                block = message.content[index].model_dump(exclude_unset=True)
            piece = block_delta.model_dump(exclude_unset=True)
            if block is None:
                self._block_dicts[key] = block = piece
                message.content.insert(
                    index, cast(Any, construct_type(value=block, type_=content_type))
                )
                new_blocks.append(message.content[index])
            else:
                self._block_dicts[key] = accumulate_delta(block, piece)
                message.content[index] = cast(
                    Any, construct_type(value=block, type_=content_type)
                )
        for block in new_blocks:
            if block.type == "text":
                calls.append(("on_text_created", (block.text,)))
        for block_delta in delta.content or ():
            index = block_delta.index
            if block_delta.type == "text" and block_delta.text:
                snapshot = message.content[index]
                calls.append(
                    (
                        "on_text_delta",
                        (block_delta.text, getattr(snapshot, "text", None)),
                    )
                )
            if index != self._content_index:
                if self._content is not None:
                    self._content_done(self._content, calls)
                self._content_index = index
            self._content = message.content[index]
        calls.append(("on_message_delta", (delta, message)))

    @staticmethod
    def _content_done(block: Any, calls: List[_Call]) -> None:
        if block.type == "text":
            calls.append(("on_text_done", (block.text,)))
        elif block.type == "image_file":
            calls.append(("on_image_file_done", (block.image_file,)))

    # ------------------------------------------------------------------ run steps

    def _run_step_delta(self, data: Any, calls: List[_Call]) -> None:
        step = self.run_steps.get(data.id)
        if step is None:
            raise RuntimeError(
                f"Got a delta of run step {data.id!r} before its `thread.run.step.created` event"
            )
        delta: RunStepDelta = data.delta
        acc = self._step_dicts.get(data.id)
        if acc is None:
            acc = step.model_dump(exclude_unset=True)
        self._step_dicts[data.id] = accumulate_delta(
            acc, delta.model_dump(exclude_unset=True)
        )
        step = self.run_steps[data.id] = cast(
            "RunStep", construct_type(value=acc, type_=_run_step_type())
        )
        details = delta.step_details
        if (
            details is not None
            and details.type == "tool_calls"
            and details.tool_calls is not None
        ):
            snapshot_calls: List[Any] = (
                getattr(step.step_details, "tool_calls", None) or []
            )
            for call_delta in details.tool_calls:
                index = call_delta.index
                if index >= len(snapshot_calls):
                    continue
                if index == self._tool_index:
                    calls.append(
                        ("on_tool_call_delta", (call_delta, snapshot_calls[index]))
                    )
                else:
                    self._tool_done(calls)
                    self._tool_index = index
                    calls.append(("on_tool_call_created", (snapshot_calls[index],)))
                self._tool_call = snapshot_calls[index]
        calls.append(("on_run_step_delta", (delta, step)))

    def _tool_done(self, calls: List[_Call]) -> None:
        # once per tool call: the run step's end and the run settling both close it
        if self._tool_call is not None:
            calls.append(("on_tool_call_done", (self._tool_call,)))
        self._tool_call = None
        self._tool_index = None


def _is_timeout(exc: BaseException) -> bool:
    import httpx

    from ..._exceptions import APITimeoutError

    return isinstance(exc, (httpx.TimeoutException, APITimeoutError, TimeoutError))


class AssistantEventHandler:
    """Receives the events of an Assistants run stream.

    Subclass it and override the ``on_*`` callbacks, or iterate it (``for event in
    handler``, ``handler.text_deltas``). ``get_final_run()``, ``get_final_run_steps()``
    and ``get_final_messages()`` read the stream to its end first. One handler serves
    one stream.
    """

    text_deltas: Iterator[str]
    """The text of every message text delta, as the stream goes."""

    def __init__(self) -> None:
        self._current_event: Optional[AssistantStreamEvent] = None
        self.__state = _RunStreamState()
        self.__stream: Optional[Stream[AssistantStreamEvent]] = None
        self.text_deltas = self.__text_deltas__()
        self._iterator = self.__stream__()

    def _init(self, stream: Stream[AssistantStreamEvent]) -> None:
        if self.__stream is not None:
            raise RuntimeError(
                "This event handler is already attached to a stream; create a new handler for each stream"
            )
        self.__stream = stream

    def __next__(self) -> AssistantStreamEvent:
        return self._iterator.__next__()

    def __iter__(self) -> Iterator[AssistantStreamEvent]:
        yield from self._iterator

    @property
    def current_event(self) -> Optional[AssistantStreamEvent]:
        """The event whose callbacks are running (None between events)."""
        return self._current_event

    @property
    def current_run(self) -> Optional[Run]:
        return self.__state.current_run

    @property
    def current_run_step_snapshot(self) -> Optional[RunStep]:
        return self.__state.current_run_step

    @property
    def current_message_snapshot(self) -> Optional[Message]:
        return self.__state.current_message

    def close(self) -> None:
        """Release the connection."""
        if self.__stream is not None:
            self.__stream.close()

    def until_done(self) -> None:
        """Read the stream to its end, calling the callbacks."""
        for _ in self._iterator:
            pass

    def get_final_run(self) -> Run:
        """The run as the stream left it (read to the end first)."""
        self.until_done()
        if self.__state.current_run is None:
            raise RuntimeError(
                "The stream ended without any run event, so there is no final run"
            )
        return self.__state.current_run

    def get_final_run_steps(self) -> List[RunStep]:
        """Every run step of the stream, in their final form (read to the end first)."""
        self.until_done()
        if not self.__state.run_steps:
            raise RuntimeError("The stream had no run steps")
        return list(self.__state.run_steps.values())

    def get_final_messages(self) -> List[Message]:
        """Every message of the stream, in their final form (read to the end first)."""
        self.until_done()
        if not self.__state.messages:
            raise RuntimeError("The stream had no messages")
        return list(self.__state.messages.values())

    def __text_deltas__(self) -> Iterator[str]:
        for event in self:
            if event.event != "thread.message.delta":
                continue
            for block in event.data.delta.content or ():
                if block.type == "text" and block.text and block.text.value:
                    yield block.text.value

    # ------------------------------------------------------------------ callbacks

    def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, before the more specific callbacks."""

    def on_end(self) -> None:
        """The stream ended (normally or not)."""

    def on_timeout(self) -> None:
        """The request timed out."""

    def on_exception(self, exception: Exception) -> None:
        """Reading the stream raised ``exception`` (raised again afterwards)."""

    def on_run_step_created(self, run_step: RunStep) -> None: ...

    def on_run_step_delta(self, delta: RunStepDelta, snapshot: RunStep) -> None: ...

    def on_run_step_done(self, run_step: RunStep) -> None: ...

    def on_tool_call_created(self, tool_call: ToolCall) -> None: ...

    def on_tool_call_delta(self, delta: ToolCallDelta, snapshot: ToolCall) -> None: ...

    def on_tool_call_done(self, tool_call: ToolCall) -> None: ...

    def on_message_created(self, message: Message) -> None: ...

    def on_message_delta(self, delta: MessageDelta, snapshot: Message) -> None: ...

    def on_message_done(self, message: Message) -> None: ...

    def on_text_created(self, text: Text) -> None: ...

    def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None: ...

    def on_text_done(self, text: Text) -> None: ...

    def on_image_file_done(self, image_file: ImageFile) -> None: ...

    # ------------------------------------------------------------------ plumbing

    def _emit_sse_event(self, event: AssistantStreamEvent) -> None:
        self._current_event = event
        self.on_event(event)
        state = self.__state
        for name, args in state.apply(event):
            getattr(self, name)(*args)
        state.after(event)
        self._current_event = None

    def __stream__(self) -> Iterator[AssistantStreamEvent]:
        stream = self.__stream
        if stream is None:
            raise RuntimeError(
                "The stream has not been started: use the handler inside its stream manager's `with`"
            )
        try:
            for event in stream:
                self._emit_sse_event(event)
                yield event
        except Exception as exc:
            if _is_timeout(exc):
                self.on_timeout()
            self.on_exception(exc)
            raise
        finally:
            self.on_end()


AssistantEventHandlerT = TypeVar("AssistantEventHandlerT", bound=AssistantEventHandler)


class AssistantStreamManager(Generic[AssistantEventHandlerT]):
    """``with`` it to start the run stream; it gives the event handler, attached."""

    def __init__(
        self,
        api_request: Callable[[], Stream[AssistantStreamEvent]],
        *,
        event_handler: AssistantEventHandlerT,
    ) -> None:
        self.__stream: Optional[Stream[AssistantStreamEvent]] = None
        self.__event_handler = event_handler
        self.__api_request = api_request

    def __enter__(self) -> AssistantEventHandlerT:
        self.__stream = self.__api_request()
        self.__event_handler._init(self.__stream)
        return self.__event_handler

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        if self.__stream is not None:
            self.__stream.close()


class AsyncAssistantEventHandler:
    """The async twin of ``AssistantEventHandler``: ``async`` callbacks, ``async for``."""

    text_deltas: AsyncIterator[str]
    """The text of every message text delta, as the stream goes."""

    def __init__(self) -> None:
        self._current_event: Optional[AssistantStreamEvent] = None
        self.__state = _RunStreamState()
        self.__stream: Optional[AsyncStream[AssistantStreamEvent]] = None
        self.text_deltas = self.__text_deltas__()
        self._iterator = self.__stream__()

    def _init(self, stream: AsyncStream[AssistantStreamEvent]) -> None:
        if self.__stream is not None:
            raise RuntimeError(
                "This event handler is already attached to a stream; create a new handler for each stream"
            )
        self.__stream = stream

    async def __anext__(self) -> AssistantStreamEvent:
        return await self._iterator.__anext__()

    async def __aiter__(self) -> AsyncIterator[AssistantStreamEvent]:
        async for event in self._iterator:
            yield event

    @property
    def current_event(self) -> Optional[AssistantStreamEvent]:
        return self._current_event

    @property
    def current_run(self) -> Optional[Run]:
        return self.__state.current_run

    @property
    def current_run_step_snapshot(self) -> Optional[RunStep]:
        return self.__state.current_run_step

    @property
    def current_message_snapshot(self) -> Optional[Message]:
        return self.__state.current_message

    async def close(self) -> None:
        """Release the connection."""
        if self.__stream is not None:
            await self.__stream.close()

    async def until_done(self) -> None:
        """Read the stream to its end, calling the callbacks."""
        async for _ in self._iterator:
            pass

    async def get_final_run(self) -> Run:
        await self.until_done()
        if self.__state.current_run is None:
            raise RuntimeError(
                "The stream ended without any run event, so there is no final run"
            )
        return self.__state.current_run

    async def get_final_run_steps(self) -> List[RunStep]:
        await self.until_done()
        if not self.__state.run_steps:
            raise RuntimeError("The stream had no run steps")
        return list(self.__state.run_steps.values())

    async def get_final_messages(self) -> List[Message]:
        await self.until_done()
        if not self.__state.messages:
            raise RuntimeError("The stream had no messages")
        return list(self.__state.messages.values())

    async def __text_deltas__(self) -> AsyncIterator[str]:
        async for event in self:
            if event.event != "thread.message.delta":
                continue
            for block in event.data.delta.content or ():
                if block.type == "text" and block.text and block.text.value:
                    yield block.text.value

    async def on_event(self, event: AssistantStreamEvent) -> None:
        """Every event, before the more specific callbacks."""

    async def on_end(self) -> None:
        """The stream ended (normally or not)."""

    async def on_timeout(self) -> None:
        """The request timed out."""

    async def on_exception(self, exception: Exception) -> None:
        """Reading the stream raised ``exception`` (raised again afterwards)."""

    async def on_run_step_created(self, run_step: RunStep) -> None: ...

    async def on_run_step_delta(
        self, delta: RunStepDelta, snapshot: RunStep
    ) -> None: ...

    async def on_run_step_done(self, run_step: RunStep) -> None: ...

    async def on_tool_call_created(self, tool_call: ToolCall) -> None: ...

    async def on_tool_call_delta(
        self, delta: ToolCallDelta, snapshot: ToolCall
    ) -> None: ...

    async def on_tool_call_done(self, tool_call: ToolCall) -> None: ...

    async def on_message_created(self, message: Message) -> None: ...

    async def on_message_delta(
        self, delta: MessageDelta, snapshot: Message
    ) -> None: ...

    async def on_message_done(self, message: Message) -> None: ...

    async def on_text_created(self, text: Text) -> None: ...

    async def on_text_delta(self, delta: TextDelta, snapshot: Text) -> None: ...

    async def on_text_done(self, text: Text) -> None: ...

    async def on_image_file_done(self, image_file: ImageFile) -> None: ...

    async def _emit_sse_event(self, event: AssistantStreamEvent) -> None:
        self._current_event = event
        await self.on_event(event)
        state = self.__state
        for name, args in state.apply(event):
            await getattr(self, name)(*args)
        state.after(event)
        self._current_event = None

    async def __stream__(self) -> AsyncIterator[AssistantStreamEvent]:
        stream = self.__stream
        if stream is None:
            raise RuntimeError(
                "The stream has not been started: use the handler inside its stream manager's `async with`"
            )
        try:
            async for event in stream:
                await self._emit_sse_event(event)
                yield event
        except Exception as exc:
            if _is_timeout(exc):
                await self.on_timeout()
            await self.on_exception(exc)
            raise
        finally:
            await self.on_end()


AsyncAssistantEventHandlerT = TypeVar(
    "AsyncAssistantEventHandlerT", bound=AsyncAssistantEventHandler
)


class AsyncAssistantStreamManager(Generic[AsyncAssistantEventHandlerT]):
    """``async with`` it to start the run stream; it gives the event handler, attached."""

    def __init__(
        self,
        api_request: Awaitable[AsyncStream[AssistantStreamEvent]],
        *,
        event_handler: AsyncAssistantEventHandlerT,
    ) -> None:
        self.__stream: Optional[AsyncStream[AssistantStreamEvent]] = None
        self.__event_handler = event_handler
        self.__api_request = api_request

    async def __aenter__(self) -> AsyncAssistantEventHandlerT:
        self.__stream = await self.__api_request
        self.__event_handler._init(self.__stream)
        return self.__event_handler

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        if self.__stream is not None:
            await self.__stream.close()
