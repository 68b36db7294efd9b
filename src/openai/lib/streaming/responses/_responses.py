"""``responses.stream()``: typed events over a Responses event stream, with the response
accumulated as the events arrive and parsed at the end.

``ResponseStreamState`` holds the accumulation and knows nothing of I/O; the stream
classes feed it from a ``Stream`` / ``AsyncStream`` of the API's events.
"""

from __future__ import annotations

from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Generic,
    Iterable,
    Iterator,
    List,
    Optional,
    Type,
    Union,
)

from typing_extensions import Self

from ...._types import Omit
from ...._utils import is_given
from ....types.responses.parsed_response import (
    ParsedResponseFunctionToolCall,
    ParsedResponseOutputMessage,
    ParsedResponseOutputText,
)
from ..._parsing._copy import parametrize, rebuild
from ..._parsing._responses import (
    TextFormatT,
    parse_response,
    parse_text,
    solve_text_format_t,
)
from ._events import (
    ResponseCompletedEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseStreamEvent,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
)
from ._types import ParsedResponseSnapshot

if TYPE_CHECKING:
    from ...._streaming import AsyncStream, Stream
    from ....types.responses.parsed_response import ParsedResponse
    from ....types.responses.response_stream_event import (
        ResponseStreamEvent as RawResponseStreamEvent,
    )
    from ....types.responses.tool_param import ToolParam

__all__ = [
    "ResponseStream",
    "AsyncResponseStream",
    "ResponseStreamManager",
    "AsyncResponseStreamManager",
    "ResponseStreamState",
]

# events that carry the whole response and may start the stream
_OPENING_EVENTS = frozenset(
    {"response.created", "response.queued", "response.in_progress"}
)


class ResponseStreamState(Generic[TextFormatT]):
    """Accumulates a Responses event stream into a snapshot and builds the helper's events."""

    def __init__(
        self,
        *,
        input_tools: Union[Iterable[ToolParam], Omit],
        text_format: Union[Type[TextFormatT], Omit],
    ) -> None:
        self.__current_snapshot: Optional[ParsedResponseSnapshot] = None
        self._completed_response: Optional[ParsedResponse[TextFormatT]] = None
        self._final_event: Any = (
            None  # the incomplete / failed event, when the stream ends with one
        )
        self._input_tools: Optional[List[Any]] = (
            list(input_tools) if is_given(input_tools) else None
        )
        self._text_format: Any = text_format
        self._solved: Any = solve_text_format_t(text_format)

    def handle_event(
        self, event: RawResponseStreamEvent
    ) -> List[ResponseStreamEvent[TextFormatT]]:
        """Accumulate ``event``; return the events to yield for it (one, extended or as is)."""
        snapshot: Any = self.accumulate_event(event)
        # dispatch on the type string; the union is too wide for the checker to narrow usefully
        ev: Any = event
        kind = ev.type
        if kind == "response.output_text.delta":
            content = snapshot.output[ev.output_index].content[ev.content_index]
            return [rebuild(ResponseTextDeltaEvent, ev, snapshot=content.text)]
        if kind == "response.output_text.done":
            parsed = parse_text(ev.text, text_format=self._text_format)
            return [
                rebuild(
                    (parametrize(ResponseTextDoneEvent, self._solved)),
                    ev,
                    parsed=parsed,
                )
            ]
        if kind == "response.function_call_arguments.delta":
            call = snapshot.output[ev.output_index]
            return [
                rebuild(
                    ResponseFunctionCallArgumentsDeltaEvent,
                    ev,
                    snapshot=call.arguments,
                )
            ]
        if kind == "response.completed":
            assert self._completed_response is not None
            return [
                rebuild(
                    (parametrize(ResponseCompletedEvent, self._solved)),
                    ev,
                    response=self._completed_response,
                )
            ]
        return [ev]

    def accumulate_event(self, event: RawResponseStreamEvent) -> ParsedResponseSnapshot:
        """Fold ``event`` into the snapshot and return it."""
        snapshot = self.__current_snapshot
        ev: Any = event  # dispatched on its type string, as in handle_event
        kind = ev.type
        if snapshot is None:
            if kind not in _OPENING_EVENTS:
                raise RuntimeError(
                    f"The Responses stream started with `{kind}`; expected `response.created` first"
                )
            snapshot = self.__current_snapshot = self._convert(ev.response)
            return snapshot

        if kind == "response.output_item.added":
            self._place(snapshot.output, ev.output_index, self._typed_item(ev.item))
        elif kind == "response.output_item.done":
            # the final form of the item (its status, ids); its text is parsed at completion
            self._place(snapshot.output, ev.output_index, self._typed_item(ev.item))
        elif kind == "response.content_part.added":
            message = snapshot.output[ev.output_index]
            if message.type == "message":
                self._place(
                    message.content, ev.content_index, self._typed_part(ev.part)
                )
        elif kind == "response.output_text.delta":
            message = snapshot.output[ev.output_index]
            if message.type == "message":
                part = message.content[ev.content_index]
                if part.type == "output_text":
                    part.text += ev.delta
        elif kind == "response.output_text.done":
            message = snapshot.output[ev.output_index]
            if message.type == "message":
                part = message.content[ev.content_index]
                if part.type == "output_text":
                    part.text = ev.text
        elif kind == "response.refusal.delta":
            message = snapshot.output[ev.output_index]
            if message.type == "message":
                part = message.content[ev.content_index]
                if part.type == "refusal":
                    part.refusal += ev.delta
        elif kind == "response.function_call_arguments.delta":
            call = snapshot.output[ev.output_index]
            if call.type == "function_call":
                call.arguments += ev.delta
        elif kind == "response.function_call_arguments.done":
            call = snapshot.output[ev.output_index]
            if call.type == "function_call":
                call.arguments = ev.arguments
        elif kind == "response.completed":
            self._completed_response = parse_response(
                text_format=self._text_format,
                response=ev.response,
                input_tools=self._input_tools,
            )
            self._update_top(snapshot, ev.response)
        elif kind in ("response.incomplete", "response.failed"):
            self._final_event = ev
            self._update_top(snapshot, ev.response)
        elif kind in _OPENING_EVENTS:
            self._update_top(snapshot, ev.response)
        return snapshot

    def final_response(self) -> ParsedResponse[TextFormatT]:
        """The parsed final response (after ``response.completed`` or ``response.incomplete``)."""
        if self._completed_response is not None:
            return self._completed_response
        event = self._final_event
        if event is not None and event.type == "response.incomplete":
            self._completed_response = parse_response(
                text_format=self._text_format,
                response=event.response,
                input_tools=self._input_tools,
            )
            return self._completed_response
        if event is not None:
            error = event.response.error
            detail = f": {error.code}: {error.message}" if error is not None else ""
            raise RuntimeError(f"The response failed{detail}")
        raise RuntimeError(
            "The stream ended without a `response.completed` event, so there is no final response"
        )

    # ------------------------------------------------------------------ helpers

    def _convert(self, response: Any) -> ParsedResponseSnapshot:
        output = [self._typed_item(item) for item in response.output]
        return rebuild(ParsedResponseSnapshot, response, output=output)

    def _update_top(self, snapshot: ParsedResponseSnapshot, response: Any) -> None:
        # the lifecycle events carry the whole response: take its top-level fields
        # (status, usage, ...) and keep the output accumulated from the item events
        for name in response.model_fields_set:
            if name != "output":
                setattr(snapshot, name, getattr(response, name))

    def _typed_item(self, item: Any) -> Any:
        if item.type == "message":
            content = [self._typed_part(part) for part in item.content]
            return rebuild(
                parametrize(ParsedResponseOutputMessage, self._solved),
                item,
                content=content,
            )
        if item.type == "function_call":
            return rebuild(ParsedResponseFunctionToolCall, item, parsed_arguments=None)
        return item

    def _typed_part(self, part: Any) -> Any:
        if part.type == "output_text":
            return rebuild(
                parametrize(ParsedResponseOutputText, self._solved), part, parsed=None
            )
        return part

    @staticmethod
    def _place(items: List[Any], index: int, value: Any) -> None:
        if index < len(items):
            items[index] = value
        else:
            items.append(value)


# ---------------------------------------------------------------------- sync


class ResponseStream(Generic[TextFormatT]):
    """Iterates a Responses stream's events (``ResponseStreamEvent``);
    ``get_final_response()`` reads the rest and returns the parsed response."""

    def __init__(
        self,
        *,
        raw_stream: Stream[RawResponseStreamEvent],
        text_format: Union[Type[TextFormatT], Omit],
        input_tools: Union[Iterable[ToolParam], Omit],
        starting_after: Optional[int],
    ) -> None:
        self._raw_stream = raw_stream
        self._response = raw_stream.response
        self._state: ResponseStreamState[TextFormatT] = ResponseStreamState(
            text_format=text_format, input_tools=input_tools
        )
        self._starting_after = starting_after
        self._iterator = self.__stream__()

    def __next__(self) -> ResponseStreamEvent[TextFormatT]:
        return self._iterator.__next__()

    def __iter__(self) -> Iterator[ResponseStreamEvent[TextFormatT]]:
        yield from self._iterator

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection; events not read yet are dropped."""
        self._iterator.close()
        self._raw_stream.close()

    def get_final_response(self) -> ParsedResponse[TextFormatT]:
        """Read the stream to its end and return the final response, parsed."""
        self.until_done()
        return self._state.final_response()

    def until_done(self) -> Self:
        """Read the stream to its end (events are still accumulated)."""
        for _ in self._iterator:
            pass
        return self

    def __stream__(self) -> Generator[ResponseStreamEvent[TextFormatT], None, None]:
        handle = self._state.handle_event
        after = self._starting_after
        for raw in self._raw_stream:
            for event in handle(raw):
                # a resumed stream replays from the start; the events up to `starting_after`
                # only rebuild the snapshot
                if after is None or event.sequence_number > after:
                    yield event


class ResponseStreamManager(Generic[TextFormatT]):
    """What ``responses.stream()`` returns: ``with`` it to send the request and get a
    ``ResponseStream``; leaving the block closes the response."""

    def __init__(
        self,
        api_request: Callable[[], Stream[RawResponseStreamEvent]],
        *,
        text_format: Union[Type[TextFormatT], Omit],
        input_tools: Union[Iterable[ToolParam], Omit],
        starting_after: Optional[int],
    ) -> None:
        self.__stream: Optional[ResponseStream[TextFormatT]] = None
        self.__api_request = api_request
        self.__text_format = text_format
        self.__input_tools = input_tools
        self.__starting_after = starting_after

    def __enter__(self) -> ResponseStream[TextFormatT]:
        raw_stream = self.__api_request()
        self.__stream = ResponseStream(
            raw_stream=raw_stream,
            text_format=self.__text_format,
            input_tools=self.__input_tools,
            starting_after=self.__starting_after,
        )
        return self.__stream

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        if self.__stream is not None:
            self.__stream.close()


# ---------------------------------------------------------------------- async


class AsyncResponseStream(Generic[TextFormatT]):
    """The async twin of ``ResponseStream``."""

    def __init__(
        self,
        *,
        raw_stream: AsyncStream[RawResponseStreamEvent],
        text_format: Union[Type[TextFormatT], Omit],
        input_tools: Union[Iterable[ToolParam], Omit],
        starting_after: Optional[int],
    ) -> None:
        self._raw_stream = raw_stream
        self._response = raw_stream.response
        self._state: ResponseStreamState[TextFormatT] = ResponseStreamState(
            text_format=text_format, input_tools=input_tools
        )
        self._starting_after = starting_after
        self._iterator = self.__stream__()

    async def __anext__(self) -> ResponseStreamEvent[TextFormatT]:
        return await self._iterator.__anext__()

    async def __aiter__(self) -> AsyncIterator[ResponseStreamEvent[TextFormatT]]:
        async for event in self._iterator:
            yield event

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Release the connection; events not read yet are dropped."""
        await self._iterator.aclose()
        await self._raw_stream.close()

    async def get_final_response(self) -> ParsedResponse[TextFormatT]:
        """Read the stream to its end and return the final response, parsed."""
        await self.until_done()
        return self._state.final_response()

    async def until_done(self) -> Self:
        """Read the stream to its end (events are still accumulated)."""
        async for _ in self._iterator:
            pass
        return self

    async def __stream__(
        self,
    ) -> AsyncGenerator[ResponseStreamEvent[TextFormatT], None]:
        handle = self._state.handle_event
        after = self._starting_after
        async for raw in self._raw_stream:
            for event in handle(raw):
                if after is None or event.sequence_number > after:
                    yield event


class AsyncResponseStreamManager(Generic[TextFormatT]):
    """What the async ``responses.stream()`` returns: ``async with`` it to send the request
    and get an ``AsyncResponseStream``."""

    def __init__(
        self,
        api_request: Awaitable[AsyncStream[RawResponseStreamEvent]],
        *,
        text_format: Union[Type[TextFormatT], Omit],
        input_tools: Union[Iterable[ToolParam], Omit],
        starting_after: Optional[int],
    ) -> None:
        self.__stream: Optional[AsyncResponseStream[TextFormatT]] = None
        self.__api_request = api_request
        self.__text_format = text_format
        self.__input_tools = input_tools
        self.__starting_after = starting_after

    async def __aenter__(self) -> AsyncResponseStream[TextFormatT]:
        raw_stream = await self.__api_request
        self.__stream = AsyncResponseStream(
            raw_stream=raw_stream,
            text_format=self.__text_format,
            input_tools=self.__input_tools,
            starting_after=self.__starting_after,
        )
        return self.__stream

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        if self.__stream is not None:
            await self.__stream.close()
