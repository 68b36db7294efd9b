"""SSE decoding edge cases, terminal events, errors in streams, and closing."""

from __future__ import annotations

import json
from typing import Any, AsyncIterator, Iterator, List, Optional

import httpx
import pytest
import respx

import openai
from openai import AsyncOpenAI, AsyncStream, OpenAI, Stream
from openai._models import BaseModel
from openai._streaming import ServerSentEvent, SSEDecoder, terminal_rule_for


class Delta(BaseModel):
    content: Optional[str] = None


class Choice(BaseModel):
    index: int
    delta: Delta


class Chunk(BaseModel):
    id: str
    choices: List[Choice]


class Event(BaseModel):
    type: str
    delta: Optional[str] = None


class Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body delivered in the given pieces, recording whether it was closed."""

    def __init__(self, pieces: List[bytes]) -> None:
        self.pieces = pieces
        self.closed = False
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        for piece in self.pieces:
            self.sent += 1
            yield piece

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            self.sent += 1
            yield piece

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def chunk(i: int, text: str) -> bytes:
    return json.dumps(
        {"id": f"c{i}", "choices": [{"index": 0, "delta": {"content": text}}]}
    ).encode()


def sse_body(texts: List[str], *, done: bool = True, newline: bytes = b"\n") -> bytes:
    out = b""
    for i, text in enumerate(texts):
        out += b"data: " + chunk(i, text) + newline + newline
    if done:
        out += b"data: [DONE]" + newline + newline
    return out


def respond(mock: respx.MockRouter, path: str, pieces: List[bytes]) -> Chunks:
    stream = Chunks(pieces)
    mock.post(path).mock(
        return_value=httpx.Response(
            200, headers={"content-type": "text/event-stream"}, stream=stream
        )
    )
    return stream


def collect(
    client: OpenAI, path: str = "/chat/completions", cast_to: Any = Chunk
) -> List[Any]:
    return list(
        client.post(
            path, cast_to=cast_to, body={"stream": True}, stream=True, stream_cls=Stream
        )
    )


def texts(items: List[Chunk]) -> List[Optional[str]]:
    return [c.choices[0].delta.content for c in items]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_line_endings(client: OpenAI, mock: respx.MockRouter, newline: bytes) -> None:
    respond(mock, "/chat/completions", [sse_body(["a", "b", "c"], newline=newline)])
    assert texts(collect(client)) == ["a", "b", "c"]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_any_network_chunking(
    client: OpenAI, mock: respx.MockRouter, size: int
) -> None:
    body = sse_body(["héllo", "wörld", "日本語", "🙂"], newline=b"\r\n")
    respond(
        mock,
        "/chat/completions",
        [body[i : i + size] for i in range(0, len(body), size)],
    )
    assert texts(collect(client)) == ["héllo", "wörld", "日本語", "🙂"]


def test_crlf_split_across_chunks(client: OpenAI, mock: respx.MockRouter) -> None:
    body = sse_body(["x", "y"], newline=b"\r\n")
    cut = body.index(b"\r\n") + 1  # between \r and \n
    respond(mock, "/chat/completions", [body[:cut], body[cut:]])
    assert texts(collect(client)) == ["x", "y"]


def test_multiline_data_comments_and_fields(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    body = (
        b": keep-alive comment\n\n"
        b"retry: 3000\nid: 7\n"
        b'data: {"id": "c1",\n'
        b'data:  "choices": [{"index": 0, "delta": {"content": "multi"}}]}\n\n'
        b"unknown: field\n"
        b'data: {"id": "c2", "choices": []}\n\n'
        b"data: [DONE]\n\n"
    )
    respond(mock, "/chat/completions", [body])
    items = collect(client)
    assert [c.id for c in items] == ["c1", "c2"]
    assert items[0].choices[0].delta.content == "multi"


def test_decoder_reports_event_id_and_retry() -> None:
    raw = b"event: ping\nid: 42\nretry: 1500\ndata: one\ndata: two\n\n: comment\n\ndata: three\n\n"
    events = list(SSEDecoder().iter_bytes(iter([raw[:10], raw[10:]])))
    assert [(e.event, e.data, e.id, e.retry) for e in events] == [
        ("ping", "one\ntwo", "42", 1500),
        (None, "three", "42", None),
    ]
    assert events[1].data == "three"
    line_decoder = SSEDecoder()
    assert line_decoder.decode("event: x") is None
    assert line_decoder.decode('data: {"a": 1}') is None
    sse = line_decoder.decode("")
    assert (
        isinstance(sse, ServerSentEvent) and sse.event == "x" and sse.json() == {"a": 1}
    )


async def test_async_decoder() -> None:
    async def gen() -> AsyncIterator[bytes]:
        yield b"data: a\r"
        yield b"\n\r\ndata: b\n\n"

    events = [e async for e in SSEDecoder().aiter_bytes(gen())]
    assert [e.data for e in events] == ["a", "b"]


def test_done_stops_and_drains(client: OpenAI, mock: respx.MockRouter) -> None:
    stream = respond(
        mock,
        "/chat/completions",
        [sse_body(["a"]), b"data: " + chunk(9, "after") + b"\n\n"],
    )
    assert texts(collect(client)) == ["a"]
    assert stream.sent == 2  # the rest was read so the connection can be reused
    assert stream.closed


@pytest.mark.parametrize(
    "path",
    ["/chat/completions", "/completions", "/threads/thread_1/runs", "/threads/runs"],
)
def test_truncated_done_streams_raise(
    client: OpenAI, mock: respx.MockRouter, path: str
) -> None:
    respond(mock, path, [sse_body(["a", "b"], done=False)])
    received: List[Any] = []
    with pytest.raises(
        openai.APIConnectionError, match="ended before its terminal event"
    ) as info:
        for item in client.post(
            path, cast_to=Chunk, body={}, stream=True, stream_cls=Stream
        ):
            received.append(item)
    assert len(received) == 2
    assert not isinstance(info.value, openai.APITimeoutError)


def _events(*types: str) -> bytes:
    return b"".join(
        b"event: "
        + t.encode()
        + b"\ndata: "
        + json.dumps({"type": t, "delta": "x"}).encode()
        + b"\n\n"
        for t in types
    )


@pytest.mark.parametrize(
    "terminal", ["response.completed", "response.failed", "response.incomplete"]
)
def test_responses_stream_ends_with_terminal_event(
    client: OpenAI, mock: respx.MockRouter, terminal: str
) -> None:
    respond(
        mock,
        "/responses",
        [_events("response.created", "response.output_text.delta", terminal)],
    )
    items = collect(client, "/responses", Event)
    assert [e.type for e in items] == [
        "response.created",
        "response.output_text.delta",
        terminal,
    ]


def test_responses_stream_without_terminal_event_raises(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    respond(
        mock, "/responses", [_events("response.created", "response.output_text.delta")]
    )
    with pytest.raises(openai.APIConnectionError, match="response.completed"):
        collect(client, "/responses", Event)


def test_terminal_type_read_from_data_without_event_field(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    body = b"".join(
        b"data: " + json.dumps({"type": t}).encode() + b"\n\n"
        for t in ("image_generation.partial_image", "image_generation.completed")
    )
    respond(mock, "/images/generations", [body])
    assert [e.type for e in collect(client, "/images/generations", Event)] == [
        "image_generation.partial_image",
        "image_generation.completed",
    ]
    respond(
        mock, "/audio/transcriptions", [b'data: {"type": "transcript.text.delta"}\n\n']
    )
    with pytest.raises(openai.APIConnectionError, match="transcript.text.done"):
        collect(client, "/audio/transcriptions", Event)


def test_terminal_rules_by_path() -> None:
    assert terminal_rule_for("/v1/chat/completions") is not None
    assert terminal_rule_for("/v1/responses/resp_1?stream=true") is not None
    assert terminal_rule_for("/v1/images/edits").events == frozenset(
        {"image_edit.completed"}
    )  # type: ignore[union-attr]
    assert terminal_rule_for(
        "/v1/threads/t/runs/r/submit_tool_outputs"
    ).events == frozenset({"done"})  # type: ignore[union-attr]
    assert terminal_rule_for("/v1/custom/stream") is None


def test_unknown_path_has_no_truncation_check(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    respond(mock, "/custom/stream", [sse_body(["a"], done=False)])
    assert texts(collect(client, "/custom/stream")) == ["a"]


def test_error_event_raises_api_error_and_closes(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    body = (
        sse_body(["a"], done=False)
        + b'data: {"error": {"message": "overloaded", "type": "server_error"}}\n\n'
    )
    stream = respond(mock, "/chat/completions", [body])
    got: List[Any] = []
    with pytest.raises(openai.APIError) as info:
        for item in client.post(
            "/chat/completions", cast_to=Chunk, body={}, stream=True, stream_cls=Stream
        ):
            got.append(item)
    assert len(got) == 1
    assert info.value.message == "overloaded"
    assert info.value.body == {"message": "overloaded", "type": "server_error"}
    assert stream.closed


def test_thread_events_are_wrapped_and_error_events_raise(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    class ThreadEvent(BaseModel):
        event: str
        data: Any

    body = (
        b'event: thread.run.created\ndata: {"id": "run_1"}\n\n'
        b'event: error\ndata: {"error": {"message": "run failed"}}\n\n'
    )
    respond(mock, "/threads/t/runs", [body])
    got: List[Any] = []
    with pytest.raises(openai.APIError, match="run failed"):
        for item in client.post(
            "/threads/t/runs",
            cast_to=ThreadEvent,
            body={},
            stream=True,
            stream_cls=Stream,
        ):
            got.append(item)
    assert got[0].event == "thread.run.created" and got[0].data == {"id": "run_1"}


def test_one_item_per_loop_reads_the_whole_stream(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    # litellm takes one chunk per `for` loop and returns; the next call starts a new
    # loop over the same stream. Dropping a loop must not close the stream (2.38).
    stream_body = respond(
        mock, "/chat/completions", [sse_body(["a"], done=False), sse_body(["b", "c"])]
    )
    stream = client.post(
        "/chat/completions", cast_to=Chunk, body={}, stream=True, stream_cls=Stream
    )

    def one(s: Stream[Chunk]) -> str:
        for chunk in s:
            return chunk.choices[0].delta.content
        return "<end>"

    assert [one(stream), one(stream), one(stream), one(stream)] == [
        "a",
        "b",
        "c",
        "<end>",
    ]
    assert stream.response.is_closed
    assert stream_body.closed


def test_break_then_close_releases_the_connection(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    stream_body = respond(
        mock, "/chat/completions", [sse_body(["a"], done=False), sse_body(["b", "c"])]
    )
    stream = client.post(
        "/chat/completions", cast_to=Chunk, body={}, stream=True, stream_cls=Stream
    )
    for _ in stream:
        break
    assert not stream.response.is_closed  # still readable, as in 2.38
    assert next(stream).choices[0].delta.content == "b"
    stream.close()
    assert stream.response.is_closed
    assert stream_body.closed


def test_context_manager_and_close(client: OpenAI, mock: respx.MockRouter) -> None:
    respond(mock, "/chat/completions", [sse_body(["a", "b"])])
    with client.post(
        "/chat/completions", cast_to=Chunk, body={}, stream=True, stream_cls=Stream
    ) as stream:
        assert next(stream).choices[0].delta.content == "a"
        assert isinstance(stream.response, httpx.Response)
    assert stream.response.is_closed


def test_parametrized_stream_cls_names_the_item_type(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    respond(mock, "/chat/completions", [sse_body(["z"])])
    items = list(
        client.post(
            "/chat/completions",
            cast_to=object,
            body={},
            stream=True,
            stream_cls=Stream[Chunk],
        )
    )
    assert isinstance(items[0], Chunk) and items[0].choices[0].delta.content == "z"


def test_stream_items_tolerate_drift(client: OpenAI, mock: respx.MockRouter) -> None:
    respond(
        mock,
        "/chat/completions",
        [
            b'data: {"id": 5, "choices": [{"index": "zero", "delta": {}}], "new": 1}\n\ndata: [DONE]\n\n'
        ],
    )
    (item,) = collect(client)
    assert item.id == 5 and item.new == 1 and item.choices[0].index == "zero"


def test_stream_http_error_raises_status_error(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    mock.post("/chat/completions").respond(
        400, json={"error": {"message": "bad stream"}}
    )
    with pytest.raises(openai.BadRequestError, match="bad stream"):
        collect(client)


async def test_async_stream(async_client: AsyncOpenAI, mock: respx.MockRouter) -> None:
    body = sse_body(["é", "ß"], newline=b"\r\n")
    respond(
        mock, "/chat/completions", [body[i : i + 5] for i in range(0, len(body), 5)]
    )
    stream = await async_client.post(
        "/chat/completions", cast_to=Chunk, body={}, stream=True, stream_cls=AsyncStream
    )
    assert isinstance(stream, AsyncStream)
    assert [c.choices[0].delta.content async for c in stream] == ["é", "ß"]


async def test_async_truncated_stream(
    async_client: AsyncOpenAI, mock: respx.MockRouter
) -> None:
    respond(mock, "/chat/completions", [sse_body(["a"], done=False)])
    stream = await async_client.post(
        "/chat/completions", cast_to=Chunk, body={}, stream=True, stream_cls=AsyncStream
    )
    with pytest.raises(openai.APIConnectionError, match="terminal event"):
        async for _ in stream:
            pass


async def test_async_error_event_and_context_manager(
    async_client: AsyncOpenAI, mock: respx.MockRouter
) -> None:
    body_stream = respond(
        mock,
        "/responses",
        [_events("response.created") + b'data: {"error": {"message": "bad"}}\n\n'],
    )
    async with await async_client.post(
        "/responses", cast_to=Event, body={}, stream=True, stream_cls=AsyncStream
    ) as stream:
        first = await stream.__anext__()
        assert first.type == "response.created"
        with pytest.raises(openai.APIError, match="bad"):
            await stream.__anext__()
    assert body_stream.closed


async def test_async_responses_stream_complete(
    async_client: AsyncOpenAI, mock: respx.MockRouter
) -> None:
    respond(mock, "/responses", [_events("response.created", "response.completed")])
    stream = await async_client.post(
        "/responses", cast_to=Event, body={}, stream=True, stream_cls=AsyncStream[Event]
    )
    assert [e.type async for e in stream] == ["response.created", "response.completed"]


async def test_async_one_item_per_loop_reads_the_whole_stream(
    async_client: AsyncOpenAI, mock: respx.MockRouter
) -> None:
    import asyncio
    import gc

    body = respond(
        mock, "/chat/completions", [sse_body(["a"], done=False), sse_body(["b"])]
    )
    stream = await async_client.post(
        "/chat/completions", cast_to=Chunk, body={}, stream=True, stream_cls=AsyncStream
    )

    async def one(s: AsyncStream[Chunk]) -> str:
        async for chunk in s:
            return chunk.choices[0].delta.content
        return "<end>"

    got = [await one(stream)]
    gc.collect()
    for _ in range(5):  # the loop finalizes the abandoned iterator in a task
        await asyncio.sleep(0)
    assert not stream.response.is_closed
    got += [await one(stream), await one(stream)]
    assert got == ["a", "b", "<end>"]
    assert stream.response.is_closed
    assert body.closed


class Failing(Chunks):
    """Delivers its pieces, then fails the way a dropped or stalled connection does."""

    def __init__(self, pieces: List[bytes], error: Exception) -> None:
        super().__init__(pieces)
        self.error = error

    def __iter__(self) -> Iterator[bytes]:
        yield from self.pieces
        raise self.error

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            yield piece
        raise self.error


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (httpx.RemoteProtocolError("peer closed"), openai.APIConnectionError),
        (httpx.ReadTimeout("stalled"), openai.APITimeoutError),
    ],
)
def test_network_failure_mid_stream(
    client: OpenAI, mock: respx.MockRouter, error: Exception, expected: type
) -> None:
    stream = Failing([sse_body(["a"], done=False)], error)
    mock.post("/chat/completions").mock(
        return_value=httpx.Response(
            200, headers={"content-type": "text/event-stream"}, stream=stream
        )
    )
    got: List[Any] = []
    with pytest.raises(expected) as info:
        for item in client.post(
            "/chat/completions", cast_to=Chunk, body={}, stream=True, stream_cls=Stream
        ):
            got.append(item)
    assert type(info.value) is expected
    assert info.value.__cause__ is error
    assert texts(got) == ["a"]


async def test_async_network_failure_mid_stream(
    async_client: AsyncOpenAI, mock: respx.MockRouter
) -> None:
    error = httpx.ReadError("reset")
    stream = Failing([sse_body(["a"], done=False)], error)
    mock.post("/chat/completions").mock(
        return_value=httpx.Response(
            200, headers={"content-type": "text/event-stream"}, stream=stream
        )
    )
    result = await async_client.post(
        "/chat/completions", cast_to=Chunk, body={}, stream=True, stream_cls=AsyncStream
    )
    with pytest.raises(openai.APIConnectionError, match="interrupted") as info:
        async for _ in result:
            pass
    assert info.value.__cause__ is error


def test_raw_and_streaming_views_of_a_stream(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    respond(mock, "/chat/completions", [sse_body(["r1", "r2"])])
    raw = client.post(
        "/chat/completions",
        cast_to=Chunk,
        body={},
        stream=True,
        stream_cls=Stream,
        options={"headers": {"X-Stainless-Raw-Response": "raw"}},
    )
    assert raw.headers["content-type"] == "text/event-stream"
    assert texts(list(raw.parse())) == ["r1", "r2"]
    respond(mock, "/chat/completions", [sse_body(["s1"])])
    view = client.post(
        "/chat/completions",
        cast_to=Chunk,
        body={},
        stream=True,
        stream_cls=Stream,
        options={"headers": {"X-Stainless-Raw-Response": "stream"}},
    )
    stream = view.parse()
    assert isinstance(stream, Stream) and texts(list(stream)) == ["s1"]


def test_default_stream_class_when_none_is_given(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    respond(mock, "/chat/completions", [sse_body(["d"])])
    stream = client.post("/chat/completions", cast_to=Chunk, body={}, stream=True)
    assert type(stream) is Stream and texts(list(stream)) == ["d"]


def test_gzip_encoded_stream_is_decoded(client: OpenAI, mock: respx.MockRouter) -> None:
    import gzip

    body = gzip.compress(sse_body(["zipped", "data"]))
    mock.post("/chat/completions").mock(
        return_value=httpx.Response(
            200,
            headers={"content-type": "text/event-stream", "content-encoding": "gzip"},
            stream=Chunks([body[:10], body[10:]]),
        )
    )
    assert texts(collect(client)) == ["zipped", "data"]


def test_stream_over_an_already_read_body(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    respond(mock, "/chat/completions", [sse_body(["read", "first"])])
    view = client.post(
        "/chat/completions",
        cast_to=Chunk,
        body={},
        stream=True,
        stream_cls=Stream,
        options={"headers": {"X-Stainless-Raw-Response": "stream"}},
    )
    assert view.read().startswith(b"data: ")
    assert texts(list(view.parse())) == ["read", "first"]
