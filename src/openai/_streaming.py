"""Server-sent events: a byte-level decoder and the ``Stream`` / ``AsyncStream`` iterators.

The decoder works on raw bytes from the network and splits events on blank lines
(``\\n``, ``\\r\\n`` or ``\\r`` endings). Event data stays bytes until the item type
validates it with pydantic-core, so a multibyte character split across network
chunks is never decoded half-way, and no intermediate ``str``/``dict`` is built.

Each kind of stream has a terminal event (see ``_TERMINAL_RULES``). A body that
ends before it raises ``APIConnectionError``: a cut-off stream must never look like
a complete answer.
"""

from __future__ import annotations

import json
import re
from types import TracebackType
from typing import (
    TYPE_CHECKING,
    Any,
    AsyncGenerator,
    AsyncIterator,
    Callable,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
    cast,
)

import httpx

from ._exceptions import APIConnectionError, APIError, APITimeoutError

if TYPE_CHECKING:
    from ._options import FinalRequestOptions

__all__ = [
    "Stream",
    "AsyncStream",
    "ServerSentEvent",
    "SSEDecoder",
    "SSEBytesDecoder",
    "terminal_rule_for",
]

_T = TypeVar("_T")

# --- decoding ------------------------------------------------------------------

# (event name or None, data bytes, id, retry)
RawEvent = Tuple[Optional[str], bytes, Optional[str], Optional[int]]


class ServerSentEvent:
    """One event: its ``event`` name, ``data`` text, ``id`` and ``retry``."""

    __slots__ = ("_event", "_data", "_id", "_retry")

    def __init__(
        self,
        *,
        event: Optional[str] = None,
        data: Optional[str] = None,
        id: Optional[str] = None,
        retry: Optional[int] = None,
    ) -> None:
        self._event = event
        self._data = data if data is not None else ""
        self._id = id
        self._retry = retry

    @property
    def event(self) -> Optional[str]:
        return self._event

    @property
    def id(self) -> Optional[str]:
        return self._id

    @property
    def retry(self) -> Optional[int]:
        return self._retry

    @property
    def data(self) -> str:
        return self._data

    def json(self) -> Any:
        return json.loads(self._data)

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self._event!r}, data={self._data!r}, id={self._id!r}, retry={self._retry})"


def _parse_block(block: bytes, last_id: Optional[str]) -> Optional[RawEvent]:
    """One event from the lines between two blank lines (``\\n``-separated)."""
    event: Optional[str] = None
    data: List[bytes] = []
    retry: Optional[int] = None
    seen = False
    for line in block.split(b"\n"):
        if not line or line[0] == 58:  # ":" starts a comment
            continue
        name, colon, value = line.partition(b":")
        if colon and value[:1] == b" ":
            value = value[1:]
        if name == b"data":
            data.append(value)
            seen = True
        elif name == b"event":
            event = value.decode("utf-8", "replace")
            seen = True
        elif name == b"id":
            if b"\0" not in value:
                last_id = value.decode("utf-8", "replace")
        elif name == b"retry":
            if value.isdigit():
                retry = int(value)
        # other field names are ignored, as the SSE format says
    if not seen:
        return None
    return (event, b"\n".join(data), last_id, retry)


class _Splitter:
    """Splits a byte stream into events, one network chunk at a time.

    Line endings are normalized to ``\n`` first (a ``\r`` that ends a chunk is held
    back: it may be the first half of ``\r\n``); then events are the blocks between
    blank lines. The two common shapes (``data: ...`` and ``event: ...`` + ``data: ...``)
    take a fast path; anything else goes through :func:`_parse_block`.
    """

    __slots__ = ("buf", "pending_cr", "last_id")

    def __init__(self) -> None:
        self.buf = b""
        self.pending_cr = False
        self.last_id: Optional[str] = None

    def feed(self, chunk: bytes) -> List[RawEvent]:
        if not chunk:
            return []
        if self.pending_cr:
            self.pending_cr = False
            chunk = b"\n" + (chunk[1:] if chunk[:1] == b"\n" else chunk)
        if b"\r" in chunk:
            if chunk[-1:] == b"\r":
                self.pending_cr = True
                chunk = chunk[:-1]
            chunk = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        buf = self.buf + chunk if self.buf else chunk
        if b"\n\n" not in buf:
            self.buf = buf
            return []
        blocks = buf.split(b"\n\n")
        self.buf = blocks.pop()
        out: List[RawEvent] = []
        append = out.append
        last_id = self.last_id
        for block in blocks:
            head = block[:6]
            if head == b"data: ":
                if b"\n" not in block:
                    append((None, block[6:], last_id, None))
                    continue
            elif head == b"event:" and block[6:7] == b" ":
                newline = block.find(b"\n")
                if (
                    newline > 0
                    and block[newline + 1 : newline + 7] == b"data: "
                    and block.find(b"\n", newline + 1) == -1
                ):
                    append(
                        (
                            block[7:newline].decode("utf-8", "replace"),
                            block[newline + 7 :],
                            last_id,
                            None,
                        )
                    )
                    continue
            parsed = _parse_block(block, last_id)
            if parsed is not None:
                last_id = parsed[2]
                append(parsed)
        self.last_id = last_id
        return out

    def finish(self) -> List[RawEvent]:
        """The last event, when the body ends without its blank line (some servers do)."""
        buf, self.buf = self.buf, b""
        if buf.strip(b"\n"):
            parsed = _parse_block(buf, self.last_id)
            if parsed is not None:
                return [parsed]
        return []


def _to_sse(raw: RawEvent) -> ServerSentEvent:
    return ServerSentEvent(
        event=raw[0], data=raw[1].decode("utf-8"), id=raw[2], retry=raw[3]
    )


class SSEDecoder:
    """Decodes a byte stream into :class:`ServerSentEvent` objects."""

    def __init__(self) -> None:
        self._event: Optional[str] = None
        self._data: List[str] = []
        self._last_event_id: Optional[str] = None
        self._retry: Optional[int] = None

    def iter_bytes(self, iterator: Iterator[bytes]) -> Iterator[ServerSentEvent]:
        splitter = _Splitter()
        for chunk in iterator:
            for raw in splitter.feed(chunk):
                yield _to_sse(raw)
        for raw in splitter.finish():
            yield _to_sse(raw)

    async def aiter_bytes(
        self, iterator: AsyncIterator[bytes]
    ) -> AsyncIterator[ServerSentEvent]:
        splitter = _Splitter()
        async for chunk in iterator:
            for raw in splitter.feed(chunk):
                yield _to_sse(raw)
        for raw in splitter.finish():
            yield _to_sse(raw)

    def decode(self, line: str) -> Optional[ServerSentEvent]:
        """Feed one line (without its ending); returns an event at each blank line."""
        if not line:
            if (
                not self._event
                and not self._data
                and not self._last_event_id
                and self._retry is None
            ):
                return None
            sse = ServerSentEvent(
                event=self._event,
                data="\n".join(self._data),
                id=self._last_event_id,
                retry=self._retry,
            )
            self._event = None
            self._data = []
            self._retry = None
            return sse
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "event":
            self._event = value
        elif name == "data":
            self._data.append(value)
        elif name == "id":
            if "\0" not in value:
                self._last_event_id = value
        elif name == "retry":
            try:
                self._retry = int(value)
            except (TypeError, ValueError):
                pass
        return None


SSEBytesDecoder = SSEDecoder


# --- how each kind of stream ends ----------------------------------------------

_DONE = b"[DONE]"


class TerminalRule:
    """The events that complete one kind of stream."""

    __slots__ = ("name", "events", "done_ends")

    def __init__(self, name: str, events: Tuple[str, ...], done_ends: bool) -> None:
        self.name = name
        self.events = frozenset(events)
        self.done_ends = done_ends

    def describe(self) -> str:
        parts = sorted(self.events)
        if self.done_ends:
            parts.append("data: [DONE]")
        return " or ".join(parts)


_CHAT = TerminalRule("chat completion", (), True)
_ASSISTANT = TerminalRule("assistant run", ("done",), True)
_RESPONSES = TerminalRule(
    "response",
    ("response.completed", "response.failed", "response.incomplete", "error"),
    False,
)
_IMAGE_GEN = TerminalRule("image generation", ("image_generation.completed",), False)
_IMAGE_EDIT = TerminalRule("image edit", ("image_edit.completed",), False)
_TRANSCRIPTION = TerminalRule("transcription", ("transcript.text.done",), False)

# Matched against the request path relative to the API root; first match wins.
_TERMINAL_RULES: Tuple[Tuple["re.Pattern[str]", TerminalRule], ...] = (
    (re.compile(r"(^|/)chat/completions/?$"), _CHAT),
    (re.compile(r"(^|/)completions/?$"), _CHAT),
    (
        re.compile(r"(^|/)threads/(runs|[^/]+/runs(/[^/]+/submit_tool_outputs)?)/?$"),
        _ASSISTANT,
    ),
    (re.compile(r"(^|/)responses(/[^/]+)?/?$"), _RESPONSES),
    (re.compile(r"(^|/)images/generations/?$"), _IMAGE_GEN),
    (re.compile(r"(^|/)images/edits/?$"), _IMAGE_EDIT),
    (re.compile(r"(^|/)audio/transcriptions/?$"), _TRANSCRIPTION),
)


def terminal_rule_for(path: str) -> Optional[TerminalRule]:
    """The terminal-event rule for a request path (``None``: no known rule, no check)."""
    path = path.split("?", 1)[0]
    for pattern, rule in _TERMINAL_RULES:
        if pattern.search(path):
            return rule
    return None


def _event_type(event: Optional[str], data: bytes) -> Optional[str]:
    if event is not None:
        return event
    # the Responses and image streams name the event inside the data
    match = _TYPE_FIELD.search(data, 0, 200)
    return match.group(1).decode() if match else None


_TYPE_FIELD = re.compile(rb'"type"\s*:\s*"([^"]+)"')


# --- item construction -----------------------------------------------------------


def _make_processor(
    cast_to: Any, response: httpx.Response, client: Any
) -> Callable[[bytes], Any]:
    """A function that turns one event's data bytes into an item of ``cast_to``."""
    from ._models import parse_json
    from ._parse import resolve_cast_to

    cast_to = resolve_cast_to(cast_to)
    strict = bool(getattr(client, "_strict_response_validation", False))
    if cast_to is None or cast_to is object or cast_to is Any:
        return json.loads
    if cast_to is str:
        return lambda data: data.decode("utf-8")
    if cast_to is ServerSentEvent:
        return lambda data: ServerSentEvent(data=data.decode("utf-8"))

    import pydantic

    from ._models import _json_validator  # pyright: ignore[reportPrivateUsage]

    validator = _json_validator(cast_to)

    def process(data: bytes) -> Any:
        try:
            return validator(data)
        except pydantic.ValidationError:
            pass
        try:
            return parse_json(cast_to, data, strict=strict)
        except pydantic.ValidationError as err:
            from ._exceptions import APIResponseValidationError

            raise APIResponseValidationError(
                response=response, body=data.decode("utf-8", "replace")
            ) from err

    return process


def _error_from_event(data: bytes, request: httpx.Request) -> Optional[APIError]:
    """An ``APIError`` when the event carries an ``error`` object, else None."""
    try:
        decoded = json.loads(data)
    except ValueError:
        return None
    if not isinstance(decoded, dict):
        return None
    error = cast(Dict[str, Any], decoded).get("error")
    if not error:
        return None
    message = error.get("message") if isinstance(error, dict) else None
    if not isinstance(message, str) or not message:
        message = "An error occurred during streaming"
    return APIError(message=message, request=request, body=error)


def _wrap_event(event: str, data: bytes) -> bytes:
    # `thread.*` events name their type only in the SSE `event` field
    return b'{"event":' + json.dumps(event).encode() + b',"data":' + data + b"}"


class _StreamState:
    """What one stream needs per event, prepared once."""

    __slots__ = ("process", "rule", "request", "synthesize", "finished")

    def __init__(
        self,
        cast_to: Any,
        response: httpx.Response,
        client: Any,
        options: Optional[FinalRequestOptions],
    ) -> None:
        self.process = _make_processor(cast_to, response, client)
        path = response.request.url.path
        self.rule = terminal_rule_for(path)
        self.request = response.request
        self.synthesize = bool(
            options is not None and options.synthesize_event_and_data
        )
        self.finished = False

    def handle(self, raw: RawEvent) -> Tuple[bool, Any]:
        """``(stop, item)``: ``stop`` ends the stream, ``item`` is None when nothing is yielded."""
        event, data, _, _ = raw
        if data[:6] == _DONE:
            self.finished = True
            return True, None
        rule = self.rule
        if rule is not None and rule.events and _event_type(event, data) in rule.events:
            self.finished = True
        if event is not None and (event.startswith("thread.") or self.synthesize):
            if event == "error" or b'"error"' in data:
                error = _error_from_event(data, self.request)
                if error is not None:
                    raise error
            return False, self.process(_wrap_event(event, data))
        if b'"error"' in data or event == "error":
            error = _error_from_event(data, self.request)
            if error is not None:
                raise error
        if not data:
            return False, None
        return False, self.process(data)

    def check_complete(self) -> None:
        rule = self.rule
        if rule is not None and not self.finished:
            raise APIConnectionError(
                message=(
                    f"The {rule.name} stream ended before its terminal event ({rule.describe()}): "
                    "the connection was cut off and the answer is incomplete."
                ),
                request=self.request,
            )


# --- the iterators ---------------------------------------------------------------


def _body_chunks(response: httpx.Response) -> Iterator[bytes]:
    # Without a content encoding, the raw chunks are the bytes: skipping httpx's
    # decoder and re-chunker layers saves a few percent per event on busy streams.
    if (
        not hasattr(response, "_content")
        and response.headers.get("content-encoding", "identity") == "identity"
    ):
        return response.iter_raw()
    return response.iter_bytes()


def _abody_chunks(response: httpx.Response) -> AsyncIterator[bytes]:
    if (
        not hasattr(response, "_content")
        and response.headers.get("content-encoding", "identity") == "identity"
    ):
        return response.aiter_raw()
    return response.aiter_bytes()


def _interrupted(
    err: httpx.TransportError, request: httpx.Request
) -> APIConnectionError:
    if isinstance(err, httpx.TimeoutException):
        return APITimeoutError(request=request)
    return APIConnectionError(
        message=f"The stream was interrupted: {err!r}", request=request
    )


class Stream(Generic[_T]):
    """Iterates the items of a server-sent event stream. Close it (or use ``with``) to
    release the connection early; iterating to the end closes it too (leaving a
    ``for`` loop early does not: the stream can be iterated further)."""

    response: httpx.Response
    _decoder: SSEDecoder

    def __init__(
        self,
        *,
        cast_to: Type[_T],
        response: httpx.Response,
        client: Any,
        options: Optional[FinalRequestOptions] = None,
    ) -> None:
        self.response = response
        self._cast_to = cast_to
        self._client = client
        self._options = options
        self._decoder = SSEDecoder()
        # typed as the iterator it is to callers (libraries replace it with their own)
        self._iterator: Iterator[_T] = self.__stream__()

    def __next__(self) -> _T:
        return self._iterator.__next__()

    def __iter__(self) -> Iterator[_T]:
        # Leaving a `for` loop early does not close the stream, as in 2.38: libraries
        # (litellm) take one item per `for` loop and come back with a new loop for the
        # next, so closing when a loop's iterator is dropped would cut their streams
        # short. `close()`, `with`, or reading to the end release the connection.
        # (Not `yield from`: closing this generator would close `_iterator` with it.)
        for item in self._iterator:
            yield item

    def _iter_events(self) -> Iterator[ServerSentEvent]:
        yield from self._decoder.iter_bytes(self.response.iter_bytes())

    def __stream__(self) -> Generator[_T, None, None]:
        state = _StreamState(self._cast_to, self.response, self._client, self._options)
        splitter = _Splitter()
        handle = state.handle
        chunks = _body_chunks(self.response)
        stopped = False
        try:
            for chunk in chunks:
                for raw in splitter.feed(chunk):
                    stop, item = handle(raw)
                    if stop:
                        stopped = True
                        break
                    if item is not None:
                        yield item
                if stopped:
                    break
            if not stopped:
                for raw in splitter.finish():
                    stop, item = handle(raw)
                    if stop:
                        stopped = True
                        break
                    if item is not None:
                        yield item
                if not stopped:
                    state.check_complete()
                    return
            # drain what follows [DONE] so the connection can go back to the pool
            for _ in chunks:
                pass
        except httpx.TransportError as err:
            raise _interrupted(err, state.request) from err
        finally:
            self.response.close()

    def __enter__(self) -> Stream[_T]:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        self.close()

    @property
    def _response(self) -> httpx.Response:
        # read under this name by some instrumentation libraries
        return self.response

    def close(self) -> None:
        """Release the connection (stops reading the body)."""
        # `_iterator` may have been replaced by a wrapper (langsmith, litellm do that)
        close = getattr(self._iterator, "close", None)
        if close is not None:
            close()
        self.response.close()


class AsyncStream(Generic[_T]):
    """The async twin of :class:`Stream`: ``async for`` over the items."""

    response: httpx.Response
    _decoder: SSEDecoder

    def __init__(
        self,
        *,
        cast_to: Type[_T],
        response: httpx.Response,
        client: Any,
        options: Optional[FinalRequestOptions] = None,
    ) -> None:
        self.response = response
        self._cast_to = cast_to
        self._client = client
        self._options = options
        self._decoder = SSEDecoder()
        self._iterator: AsyncIterator[_T] = self.__stream__()

    async def __anext__(self) -> _T:
        return await self._iterator.__anext__()

    async def __aiter__(self) -> AsyncIterator[_T]:
        # no close when the loop is left early: see Stream.__iter__
        async for item in self._iterator:
            yield item

    async def _iter_events(self) -> AsyncIterator[ServerSentEvent]:
        async for sse in self._decoder.aiter_bytes(self.response.aiter_bytes()):
            yield sse

    async def __stream__(self) -> AsyncGenerator[_T, None]:
        state = _StreamState(self._cast_to, self.response, self._client, self._options)
        splitter = _Splitter()
        handle = state.handle
        chunks = _abody_chunks(self.response)
        stopped = False
        try:
            async for chunk in chunks:
                for raw in splitter.feed(chunk):
                    stop, item = handle(raw)
                    if stop:
                        stopped = True
                        break
                    if item is not None:
                        yield item
                if stopped:
                    break
            if not stopped:
                for raw in splitter.finish():
                    stop, item = handle(raw)
                    if stop:
                        stopped = True
                        break
                    if item is not None:
                        yield item
                if not stopped:
                    state.check_complete()
                    return
            async for _ in chunks:
                pass
        except httpx.TransportError as err:
            raise _interrupted(err, state.request) from err
        finally:
            await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[_T]:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        await self.close()

    @property
    def _response(self) -> httpx.Response:
        return self.response

    async def close(self) -> None:
        """Release the connection (stops reading the body)."""
        aclose = getattr(self._iterator, "aclose", None)
        if aclose is not None:
            await aclose()
        await self.response.aclose()


def is_stream_class_type(typ: type) -> bool:
    return isinstance(typ, type) and issubclass(typ, (Stream, AsyncStream))


def extract_stream_chunk_type(
    stream_cls: type, *, failure_message: Optional[str] = None
) -> type:
    from ._utils._typing import extract_type_var_from_base

    return cast(
        type,
        extract_type_var_from_base(
            stream_cls,
            generic_bases=cast("tuple[type, ...]", (Stream, AsyncStream)),
            index=0,
            failure_message=failure_message,
        ),
    )
