"""``chat.completions.stream()``: typed events over a chat completion chunk stream.

``ChatCompletionStreamState`` does the work and knows nothing of I/O: it takes
chunks and returns events, accumulating the completion as it goes. The stream
classes feed it from a ``Stream`` / ``AsyncStream`` of chunks.

Structured outputs are parsed while the stream runs: each choice's content (and
each strict tool call's arguments) goes through an incremental JSON parser, so the
partial value offered with every delta costs time proportional to that delta, not
to the text so far. As in the official client, a partial value shows strings only
once they are complete.
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
    Dict,
    Generator,
    Generic,
    Iterable,
    Iterator,
    List,
    Optional,
    Set,
    Type,
    Union,
    cast,
)

from typing_extensions import Self

from ...._exceptions import ContentFilterFinishReasonError, LengthFinishReasonError
from ...._types import Omit, omit
from ...._utils import is_given
from ....types.chat.chat_completion import ChoiceLogprobs
from ....types.chat.chat_completion_message import FunctionCall
from ....types.chat.parsed_function_tool_call import (
    ParsedFunction,
    ParsedFunctionToolCall,
)
from ..._parsing._copy import parametrize
from ..._parsing._completions import (
    ResponseFormatT,
    get_input_tool_by_name,
    has_parseable_input,
    has_rich_response_format,
    is_parseable_tool,
    maybe_parse_content,
    parse_chat_completion,
    parse_function_tool_arguments,
    solve_response_format_t,
)
from .._partial_json import PartialJSONError, PartialJSONParser
from ._events import (
    ChatCompletionStreamEvent,
    ChunkEvent,
    ContentDeltaEvent,
    ContentDoneEvent,
    FunctionToolCallArgumentsDeltaEvent,
    FunctionToolCallArgumentsDoneEvent,
    LogprobsContentDeltaEvent,
    LogprobsContentDoneEvent,
    LogprobsRefusalDeltaEvent,
    LogprobsRefusalDoneEvent,
    RefusalDeltaEvent,
    RefusalDoneEvent,
)
from ._types import (
    ParsedChatCompletionMessageSnapshot,
    ParsedChatCompletionSnapshot,
    ParsedChoiceSnapshot,
)

if TYPE_CHECKING:
    from ...._streaming import AsyncStream, Stream
    from ....types.chat.chat_completion_chunk import (
        ChatCompletionChunk,
        Choice as ChoiceChunk,
    )
    from ....types.chat.chat_completion_tool_union_param import (
        ChatCompletionToolUnionParam,
    )
    from ....types.chat.parsed_chat_completion import ParsedChatCompletion

__all__ = [
    "ChatCompletionStream",
    "AsyncChatCompletionStream",
    "ChatCompletionStreamManager",
    "AsyncChatCompletionStreamManager",
    "ChatCompletionStreamState",
]

# A parser slot not decided yet (the tool's name, which decides it, may still be arriving).
_UNDECIDED: Any = object()


class _ChoiceState:
    """One choice: its snapshot, its parsers and which done events it has fired."""

    __slots__ = (
        "snapshot",
        "content_parser",
        "tool_calls",
        "tool_parsers",
        "content_done",
        "refusal_done",
        "logprobs_content_done",
        "logprobs_refusal_done",
        "current_tool_index",
        "done_tools",
    )

    def __init__(self, snapshot: ParsedChoiceSnapshot, partial_content: bool) -> None:
        self.snapshot = snapshot
        self.content_parser: Optional[PartialJSONParser] = (
            PartialJSONParser() if partial_content else None
        )
        self.tool_calls: Dict[int, ParsedFunctionToolCall] = {}
        self.tool_parsers: Dict[int, Any] = {}
        self.content_done = False
        self.refusal_done = False
        self.logprobs_content_done = False
        self.logprobs_refusal_done = False
        self.current_tool_index: Optional[int] = None
        self.done_tools: Set[int] = set()


class ChatCompletionStreamState(Generic[ResponseFormatT]):
    """Turns chat completion chunks into stream events and an accumulated completion.

    Use it directly to get the helper's events from a stream made some other way::

        state = ChatCompletionStreamState()
        for chunk in client.chat.completions.create(..., stream=True):
            for event in state.handle_chunk(chunk):
                ...
        completion = state.get_final_completion()
    """

    def __init__(
        self,
        *,
        input_tools: Union[Iterable[ChatCompletionToolUnionParam], Omit] = omit,
        response_format: Any = omit,
    ) -> None:
        self._input_tools: List[Any] = (
            list(input_tools) if is_given(input_tools) else []
        )
        self._response_format = response_format
        self._rich_response_format: Any = (
            response_format if has_rich_response_format(response_format) else omit
        )
        self._parseable = has_parseable_input(
            response_format=response_format, input_tools=self._input_tools
        )
        self._solved: Any = solve_response_format_t(response_format)
        self._snapshot: Optional[ParsedChatCompletionSnapshot] = None
        self._choices: Dict[int, _ChoiceState] = {}

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletionSnapshot:
        """The completion accumulated so far."""
        if self._snapshot is None:
            raise RuntimeError(
                "No chat completion chunk has been received yet, so there is no snapshot"
            )
        return self._snapshot

    def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        """The accumulated completion, parsed as ``chat.completions.parse()`` would parse it."""
        return parse_chat_completion(
            chat_completion=self.current_completion_snapshot,
            response_format=self._rich_response_format,
            input_tools=self._input_tools,
        )

    def handle_chunk(
        self, chunk: ChatCompletionChunk
    ) -> List[ChatCompletionStreamEvent[ResponseFormatT]]:
        """Accumulate ``chunk`` and return the events it gives, ``chunk`` first."""
        if not chunk.choices and chunk.usage is None:
            # nothing to accumulate: Azure's content-filter chunks (empty id, no choices)
            return []
        snapshot = self._snapshot
        if snapshot is None:
            snapshot = self._snapshot = self._first_snapshot(chunk)
        else:
            if chunk.usage is not None:
                snapshot.usage = chunk.usage
            if chunk.system_fingerprint:
                snapshot.system_fingerprint = chunk.system_fingerprint
            if chunk.service_tier:
                snapshot.service_tier = chunk.service_tier
        for choice in chunk.choices:
            self._accumulate(snapshot, choice)

        events: List[Any] = [
            ChunkEvent.model_construct(type="chunk", chunk=chunk, snapshot=snapshot)
        ]
        for choice in chunk.choices:
            self._choice_events(events, choice, self._choices[choice.index])
        return events

    # ------------------------------------------------------------------ accumulation

    def _first_snapshot(
        self, chunk: ChatCompletionChunk
    ) -> ParsedChatCompletionSnapshot:
        values: Dict[str, Any] = {
            "id": chunk.id,
            "choices": [],
            "created": chunk.created,
            "model": chunk.model,
            "object": "chat.completion",
        }
        for name in ("service_tier", "system_fingerprint", "usage", "moderation"):
            value = getattr(chunk, name)
            if value is not None:
                values[name] = value
        if chunk.__pydantic_extra__:
            values.update(chunk.__pydantic_extra__)
        return ParsedChatCompletionSnapshot.model_construct(**values)

    def _choice_state(
        self, snapshot: ParsedChatCompletionSnapshot, index: int
    ) -> _ChoiceState:
        state = self._choices.get(index)
        if state is None:
            message = ParsedChatCompletionMessageSnapshot.model_construct(
                role="assistant"
            )
            choice = ParsedChoiceSnapshot.model_construct(
                finish_reason=None, index=index, logprobs=None, message=message
            )
            # choices keep index order even when a later index shows up first
            position = sum(1 for i in self._choices if i < index)
            snapshot.choices.insert(position, choice)
            state = self._choices[index] = _ChoiceState(
                choice, self._rich_response_format is not omit
            )
        return state

    def _accumulate(
        self, snapshot: ParsedChatCompletionSnapshot, choice: ChoiceChunk
    ) -> None:
        state = self._choice_state(snapshot, choice.index)
        choice_snapshot = state.snapshot
        message = choice_snapshot.message
        delta = choice.delta

        if delta.content is not None:
            message.content = (message.content or "") + delta.content
            parser = state.content_parser
            if parser is not None and not message.refusal and delta.content:
                try:
                    message.parsed = parser.feed(delta.content)
                except PartialJSONError:
                    # not JSON: no partial value from here on; the done event's validation reports it
                    state.content_parser = None
                    message.parsed = None
        if delta.refusal is not None:
            message.refusal = (message.refusal or "") + delta.refusal
        if delta.function_call is not None:
            call = message.function_call
            if call is None:
                message.function_call = FunctionCall.model_construct(
                    name=delta.function_call.name or "",
                    arguments=delta.function_call.arguments or "",
                )
            else:
                call.name += delta.function_call.name or ""
                call.arguments += delta.function_call.arguments or ""
        if delta.tool_calls:
            for tool_delta in delta.tool_calls:
                self._accumulate_tool_call(state, message, tool_delta)
        if delta.__pydantic_extra__:
            # fields the types do not know (other providers' reasoning text, ...): merged
            # the way the official accumulator merges them (strings append, lists extend)
            extra = message.__pydantic_extra__
            if extra is not None:
                for key, value in delta.__pydantic_extra__.items():
                    extra[key] = _merge(extra.get(key), value)

        if choice.logprobs is not None:
            logprobs = choice_snapshot.logprobs
            if logprobs is None:
                choice_snapshot.logprobs = ChoiceLogprobs.model_construct(
                    content=list(choice.logprobs.content)
                    if choice.logprobs.content is not None
                    else None,
                    refusal=list(choice.logprobs.refusal)
                    if choice.logprobs.refusal is not None
                    else None,
                )
            else:
                if choice.logprobs.content:
                    if logprobs.content is None:
                        logprobs.content = []
                    logprobs.content.extend(choice.logprobs.content)
                if choice.logprobs.refusal:
                    if logprobs.refusal is None:
                        logprobs.refusal = []
                    logprobs.refusal.extend(choice.logprobs.refusal)

        if choice.finish_reason:
            choice_snapshot.finish_reason = choice.finish_reason
            if self._parseable:
                if choice.finish_reason == "length":
                    raise LengthFinishReasonError(completion=snapshot)
                if choice.finish_reason == "content_filter":
                    raise ContentFilterFinishReasonError()

    def _accumulate_tool_call(
        self,
        state: _ChoiceState,
        message: ParsedChatCompletionMessageSnapshot,
        tool_delta: Any,
    ) -> None:
        index: int = tool_delta.index
        function_delta = tool_delta.function
        name_delta: str = (
            function_delta.name if function_delta is not None else None
        ) or ""
        arguments_delta: str = (
            function_delta.arguments if function_delta is not None else None
        ) or ""
        call = state.tool_calls.get(index)
        if call is None:
            function = ParsedFunction.model_construct(
                name=name_delta, arguments="", parsed_arguments=None
            )
            # `index` kept as an extra field, as the official accumulator leaves it
            call = ParsedFunctionToolCall.model_construct(
                id=tool_delta.id or "",
                type=tool_delta.type or "function",
                function=function,
                index=index,
            )
            calls = message.tool_calls
            if calls is None:
                calls = message.tool_calls = []
            calls.insert(sum(1 for i in state.tool_calls if i < index), call)
            state.tool_calls[index] = call
            state.tool_parsers[index] = _UNDECIDED
        else:
            if tool_delta.id and not call.id:
                call.id = (
                    tool_delta.id
                )  # ids come whole; some servers repeat them in every chunk
            call.function.name += name_delta
        if arguments_delta:
            call.function.arguments += arguments_delta
            parser = state.tool_parsers[index]
            if parser is _UNDECIDED:
                tool = get_input_tool_by_name(
                    input_tools=self._input_tools, name=call.function.name
                )
                parser = (
                    PartialJSONParser()
                    if tool is not None and is_parseable_tool(tool)
                    else None
                )
                state.tool_parsers[index] = parser
            if parser is not None:
                try:
                    call.function.parsed_arguments = parser.feed(arguments_delta)
                except PartialJSONError:
                    state.tool_parsers[index] = None
                    call.function.parsed_arguments = None

    # ------------------------------------------------------------------ events

    def _choice_events(
        self, events: List[Any], choice: ChoiceChunk, state: _ChoiceState
    ) -> None:
        choice_snapshot = state.snapshot
        message = choice_snapshot.message
        delta = choice.delta
        if delta.content is not None and message.content is not None:
            events.append(
                ContentDeltaEvent.model_construct(
                    type="content.delta",
                    delta=delta.content,
                    snapshot=message.content,
                    parsed=message.parsed,
                )
            )
        if delta.refusal is not None and message.refusal is not None:
            events.append(
                RefusalDeltaEvent.model_construct(
                    type="refusal.delta", delta=delta.refusal, snapshot=message.refusal
                )
            )
        for tool_delta in delta.tool_calls or ():
            call = state.tool_calls[tool_delta.index]
            if call.type == "function":
                events.append(
                    FunctionToolCallArgumentsDeltaEvent.model_construct(
                        type="tool_calls.function.arguments.delta",
                        name=call.function.name,
                        index=tool_delta.index,
                        arguments=call.function.arguments,
                        parsed_arguments=call.function.parsed_arguments,
                        arguments_delta=(
                            tool_delta.function.arguments
                            if tool_delta.function
                            else None
                        )
                        or "",
                    )
                )
        logprobs = choice_snapshot.logprobs
        if choice.logprobs is not None and logprobs is not None:
            if choice.logprobs.content and logprobs.content:
                events.append(
                    LogprobsContentDeltaEvent.model_construct(
                        type="logprobs.content.delta",
                        content=choice.logprobs.content,
                        snapshot=logprobs.content,
                    )
                )
            if choice.logprobs.refusal and logprobs.refusal:
                events.append(
                    LogprobsRefusalDeltaEvent.model_construct(
                        type="logprobs.refusal.delta",
                        refusal=choice.logprobs.refusal,
                        snapshot=logprobs.refusal,
                    )
                )

        # done events: everything at the finish reason; the content (and the previous
        # tool call) as soon as a new tool call starts
        if choice_snapshot.finish_reason:
            self._content_done_events(events, state)
            if state.current_tool_index is not None:
                self._tool_done_event(events, state, state.current_tool_index)
        for tool_delta in delta.tool_calls or ():
            if state.current_tool_index != tool_delta.index:
                self._content_done_events(events, state)
                if state.current_tool_index is not None:
                    self._tool_done_event(events, state, state.current_tool_index)
            state.current_tool_index = tool_delta.index

    def _content_done_events(self, events: List[Any], state: _ChoiceState) -> None:
        choice_snapshot = state.snapshot
        message = choice_snapshot.message
        if message.content and not state.content_done:
            state.content_done = True
            parsed = maybe_parse_content(
                response_format=self._response_format, message=message
            )
            message.parsed = parsed
            done_cls: Any = parametrize(ContentDoneEvent, self._solved)
            events.append(
                done_cls.model_construct(
                    type="content.done", content=message.content, parsed=parsed
                )
            )
        if message.refusal is not None and not state.refusal_done:
            state.refusal_done = True
            events.append(
                RefusalDoneEvent.model_construct(
                    type="refusal.done", refusal=message.refusal
                )
            )
        logprobs = choice_snapshot.logprobs
        if logprobs is not None:
            if logprobs.content is not None and not state.logprobs_content_done:
                state.logprobs_content_done = True
                events.append(
                    LogprobsContentDoneEvent.model_construct(
                        type="logprobs.content.done", content=logprobs.content
                    )
                )
            if logprobs.refusal is not None and not state.logprobs_refusal_done:
                state.logprobs_refusal_done = True
                events.append(
                    LogprobsRefusalDoneEvent.model_construct(
                        type="logprobs.refusal.done", refusal=logprobs.refusal
                    )
                )

    def _tool_done_event(
        self, events: List[Any], state: _ChoiceState, index: int
    ) -> None:
        if index in state.done_tools:
            return
        state.done_tools.add(index)
        call = state.tool_calls[index]
        if call.type != "function":
            return
        parsed = parse_function_tool_arguments(
            input_tools=self._input_tools, function=call.function
        )
        call.function.parsed_arguments = parsed
        events.append(
            FunctionToolCallArgumentsDoneEvent.model_construct(
                type="tool_calls.function.arguments.done",
                name=call.function.name,
                index=index,
                arguments=call.function.arguments,
                parsed_arguments=parsed,
            )
        )


def _merge(current: Any, delta: Any) -> Any:
    """One streamed field merged into its accumulated value (strings and lists append,
    dicts merge key by key, anything else replaces)."""
    if current is None:
        return delta
    if isinstance(current, str) and isinstance(delta, str):
        return current + delta
    if isinstance(current, list) and isinstance(delta, list):
        return cast(List[Any], current) + cast(List[Any], delta)
    if isinstance(current, dict) and isinstance(delta, dict):
        merged = dict(cast(Dict[str, Any], current))
        for key, value in cast(Dict[str, Any], delta).items():
            merged[key] = _merge(merged.get(key), value)
        return merged
    return delta


# ---------------------------------------------------------------------- sync


class ChatCompletionStream(Generic[ResponseFormatT]):
    """Iterates the events of a chat completion stream (see ``ChatCompletionStreamEvent``).

    ``get_final_completion()`` reads the rest of the stream and returns the parsed
    completion; ``current_completion_snapshot`` is the completion so far.
    """

    def __init__(
        self,
        *,
        raw_stream: Stream[ChatCompletionChunk],
        response_format: Any,
        input_tools: Union[Iterable[ChatCompletionToolUnionParam], Omit],
    ) -> None:
        self._raw_stream = raw_stream
        self._response = raw_stream.response
        self._state: ChatCompletionStreamState[ResponseFormatT] = (
            ChatCompletionStreamState(
                response_format=response_format, input_tools=input_tools
            )
        )
        self._iterator = self.__stream__()

    def __next__(self) -> ChatCompletionStreamEvent[ResponseFormatT]:
        return self._iterator.__next__()

    def __iter__(self) -> Iterator[ChatCompletionStreamEvent[ResponseFormatT]]:
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

    def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        """Read the stream to its end and return the parsed completion."""
        self.until_done()
        return self._state.get_final_completion()

    def until_done(self) -> Self:
        """Read the stream to its end (events are still accumulated)."""
        for _ in self._iterator:
            pass
        return self

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletionSnapshot:
        return self._state.current_completion_snapshot

    def __stream__(
        self,
    ) -> Generator[ChatCompletionStreamEvent[ResponseFormatT], None, None]:
        handle = self._state.handle_chunk
        for chunk in self._raw_stream:
            yield from handle(chunk)


class ChatCompletionStreamManager(Generic[ResponseFormatT]):
    """What ``chat.completions.stream()`` returns: ``with`` it to send the request and get
    a ``ChatCompletionStream``; leaving the block closes the response."""

    def __init__(
        self,
        api_request: Callable[[], Stream[ChatCompletionChunk]],
        *,
        response_format: Any,
        input_tools: Union[Iterable[ChatCompletionToolUnionParam], Omit],
    ) -> None:
        self.__stream: Optional[ChatCompletionStream[ResponseFormatT]] = None
        self.__api_request = api_request
        self.__response_format = response_format
        self.__input_tools = input_tools

    def __enter__(self) -> ChatCompletionStream[ResponseFormatT]:
        raw_stream = self.__api_request()
        self.__stream = ChatCompletionStream(
            raw_stream=raw_stream,
            response_format=self.__response_format,
            input_tools=self.__input_tools,
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


class AsyncChatCompletionStream(Generic[ResponseFormatT]):
    """The async twin of ``ChatCompletionStream``: ``async for`` over the events."""

    def __init__(
        self,
        *,
        raw_stream: AsyncStream[ChatCompletionChunk],
        response_format: Any,
        input_tools: Union[Iterable[ChatCompletionToolUnionParam], Omit],
    ) -> None:
        self._raw_stream = raw_stream
        self._response = raw_stream.response
        self._state: ChatCompletionStreamState[ResponseFormatT] = (
            ChatCompletionStreamState(
                response_format=response_format, input_tools=input_tools
            )
        )
        self._iterator = self.__stream__()

    async def __anext__(self) -> ChatCompletionStreamEvent[ResponseFormatT]:
        return await self._iterator.__anext__()

    async def __aiter__(
        self,
    ) -> AsyncIterator[ChatCompletionStreamEvent[ResponseFormatT]]:
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

    async def get_final_completion(self) -> ParsedChatCompletion[ResponseFormatT]:
        """Read the stream to its end and return the parsed completion."""
        await self.until_done()
        return self._state.get_final_completion()

    async def until_done(self) -> Self:
        """Read the stream to its end (events are still accumulated)."""
        async for _ in self._iterator:
            pass
        return self

    @property
    def current_completion_snapshot(self) -> ParsedChatCompletionSnapshot:
        return self._state.current_completion_snapshot

    async def __stream__(
        self,
    ) -> AsyncGenerator[ChatCompletionStreamEvent[ResponseFormatT], None]:
        handle = self._state.handle_chunk
        async for chunk in self._raw_stream:
            for event in handle(chunk):
                yield event


class AsyncChatCompletionStreamManager(Generic[ResponseFormatT]):
    """What the async ``chat.completions.stream()`` returns: ``async with`` it to send the
    request and get an ``AsyncChatCompletionStream``."""

    def __init__(
        self,
        api_request: Awaitable[AsyncStream[ChatCompletionChunk]],
        *,
        response_format: Any,
        input_tools: Union[Iterable[ChatCompletionToolUnionParam], Omit],
    ) -> None:
        self.__stream: Optional[AsyncChatCompletionStream[ResponseFormatT]] = None
        self.__api_request = api_request
        self.__response_format = response_format
        self.__input_tools = input_tools

    async def __aenter__(self) -> AsyncChatCompletionStream[ResponseFormatT]:
        raw_stream = await self.__api_request
        self.__stream = AsyncChatCompletionStream(
            raw_stream=raw_stream,
            response_format=self.__response_format,
            input_tools=self.__input_tools,
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
