"""``chat.completions.stream()`` over recorded SSE fixtures, sync and async."""

from __future__ import annotations

import json
from typing import Any, List

import pytest
import respx
from pydantic import BaseModel

import openai
from openai.lib.streaming import _partial_json
from openai.lib.streaming.chat import (
    ChatCompletionStream,
    ChatCompletionStreamState,
    ChunkEvent,
    ContentDeltaEvent,
    ContentDoneEvent,
    FunctionToolCallArgumentsDeltaEvent,
    FunctionToolCallArgumentsDoneEvent,
    ParsedChatCompletionSnapshot,
)
from openai.types.chat import ChatCompletionChunk, ParsedChatCompletion

from ._support import (
    BASE_URL,
    fixture_bytes,
    fixture_events,
    make_async_client,
    make_client,
    request_json,
    sse_response,
)


class Weather(BaseModel):
    city: str
    temperature: float
    tags: List[str]
    note: str


class GetWeather(BaseModel):
    city: str
    unit: str


WEATHER = Weather(
    city="Café Zürich", temperature=21.5, tags=["sunny", "☀️ warm"], note="😀 ok"
)
LOOKUP = {
    "type": "function",
    "function": {
        "name": "lookup",
        "strict": True,
        "parameters": {
            "type": "object",
            "properties": {"q": {"type": "string"}},
            "required": ["q"],
            "additionalProperties": False,
        },
    },
}


def _mock(
    router: respx.MockRouter,
    fixture: str,
    *,
    chunk_size: int | None = None,
    is_async: bool = False,
) -> respx.Route:
    return router.post("/chat/completions").mock(
        side_effect=lambda request: sse_response(
            fixture_bytes(fixture), chunk_size=chunk_size, is_async=is_async
        )
    )


def _stream_events(
    fixture: str, chunk_size: int | None = None, **kwargs: Any
) -> tuple[List[Any], Any]:
    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, fixture, chunk_size=chunk_size)
        with make_client().chat.completions.stream(
            model="gpt-4o", messages=[], **kwargs
        ) as stream:
            events = list(stream)
            final = stream.get_final_completion()
    return events, final


def test_text_stream_events_and_final_completion() -> None:
    events, final = _stream_events("chat_text.sse")
    assert [e.type for e in events] == [
        "chunk",
        "content.delta",
        "chunk",
        "content.delta",
        "chunk",
        "content.delta",
        "chunk",
        "content.delta",
        "chunk",
        "content.done",
        "chunk",
    ]
    deltas = [e for e in events if isinstance(e, ContentDeltaEvent)]
    assert [(d.delta, d.snapshot) for d in deltas] == [
        ("", ""),
        ("Hello", "Hello"),
        (" there", "Hello there"),
        ("!", "Hello there!"),
    ]
    done = next(e for e in events if isinstance(e, ContentDoneEvent))
    assert done.content == "Hello there!" and done.parsed is None
    chunks = [e for e in events if isinstance(e, ChunkEvent)]
    assert all(isinstance(c.chunk, ChatCompletionChunk) for c in chunks)
    assert chunks[-1].chunk.choices == [] and chunks[-1].snapshot.usage is not None
    assert isinstance(final, ParsedChatCompletion)
    assert final.choices[0].message.content == "Hello there!"
    assert final.choices[0].finish_reason == "stop"
    assert final.usage is not None and final.usage.total_tokens == 12
    assert final.object == "chat.completion" and final.system_fingerprint == "fp_fx"


@pytest.mark.parametrize("chunk_size", [None, 1, 7, 64])
def test_structured_stream_parses_as_it_goes(chunk_size: int | None) -> None:
    # chunk_size 1 and 7 cut multibyte characters (é, ☀️, 😀) between network chunks
    events, final = _stream_events(
        "chat_structured.sse", chunk_size, response_format=Weather
    )
    deltas = [e for e in events if isinstance(e, ContentDeltaEvent)]
    partials = [d.parsed for d in deltas]
    assert partials[1] == {}
    assert partials[2] == {}  # the city is still an open string (escape cut in half)
    assert partials[4] == {"city": "Café Zürich"}
    assert {"city": "Café Zürich", "temperature": 21.5, "tags": ["sunny"]} in partials
    assert partials[-2] == {
        "city": "Café Zürich",
        "temperature": 21.5,
        "tags": ["sunny", "☀️ warm"],
    }
    assert partials[-1] == WEATHER.model_dump()  # the last delta closes the document
    done = next(e for e in events if isinstance(e, ContentDoneEvent))
    assert done.parsed == WEATHER
    assert type(done).__name__ == "ContentDoneEvent[Weather]"
    assert final.choices[0].message.parsed == WEATHER


def test_partial_parsing_costs_the_delta_not_the_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fed: List[str] = []
    original = _partial_json.PartialJSONParser.feed

    def counting_feed(self: Any, piece: Any) -> Any:
        fed.append(piece)
        return original(self, piece)

    monkeypatch.setattr(_partial_json.PartialJSONParser, "feed", counting_feed)
    events, final = _stream_events("chat_structured.sse", response_format=Weather)
    content = final.choices[0].message.content
    assert content is not None
    # every character went through the incremental parser exactly once
    assert "".join(fed) == content


def test_refusal_stream() -> None:
    events, final = _stream_events("chat_refusal.sse", response_format=Weather)
    types = [e.type for e in events if e.type != "chunk"]
    assert types == ["refusal.delta", "refusal.delta", "refusal.delta", "refusal.done"]
    assert events[-1].type == "refusal.done"
    assert events[-1].refusal == "I'm sorry, I can't help with that."
    message = final.choices[0].message
    assert (
        message.refusal == "I'm sorry, I can't help with that."
        and message.parsed is None
    )


def test_several_tool_calls_in_one_chunk_stream() -> None:
    events, final = _stream_events(
        "chat_tools.sse",
        tools=[openai.pydantic_function_tool(GetWeather, name="get_weather"), LOOKUP],
    )
    tool_events = [e for e in events if e.type.startswith("tool_calls")]
    assert [(e.type.rsplit(".", 1)[1], e.index) for e in tool_events] == [
        ("delta", 0),
        ("delta", 0),
        ("delta", 0),
        ("delta", 1),
        ("done", 0),
        ("delta", 1),
        ("delta", 2),
        ("done", 1),
        ("done", 2),
    ]
    first_deltas = [
        e
        for e in tool_events
        if isinstance(e, FunctionToolCallArgumentsDeltaEvent) and e.index == 0
    ]
    assert [d.arguments_delta for d in first_deltas] == [
        "",
        '{"city": "Par',
        'is", "unit": "c"}',
    ]
    assert first_deltas[1].parsed_arguments == {}  # "Par... is still an open string
    assert first_deltas[2].parsed_arguments == {"city": "Paris", "unit": "c"}
    dones = [
        e for e in tool_events if isinstance(e, FunctionToolCallArgumentsDoneEvent)
    ]
    assert dones[0].parsed_arguments == GetWeather(city="Paris", unit="c")
    assert dones[1].parsed_arguments == GetWeather(city="Oslo", unit="f")
    assert dones[2].name == "lookup" and dones[2].parsed_arguments == {"q": "x"}
    calls = final.choices[0].message.tool_calls
    assert calls is not None
    assert [(c.id, c.function.name) for c in calls] == [
        ("call_a", "get_weather"),
        ("call_b", "get_weather"),
        ("call_c", "lookup"),
    ]
    assert calls[1].function.parsed_arguments == GetWeather(city="Oslo", unit="f")
    assert final.choices[0].finish_reason == "tool_calls"


def test_tool_calls_without_parseable_tools_have_no_parsed_arguments() -> None:
    events, final = _stream_events("chat_tools.sse")
    dones = [e for e in events if isinstance(e, FunctionToolCallArgumentsDoneEvent)]
    assert [d.arguments for d in dones] == [
        '{"city": "Paris", "unit": "c"}',
        '{"city": "Oslo", "unit": "f"}',
        '{"q": "x"}',
    ]
    assert all(d.parsed_arguments is None for d in dones)
    assert final.choices[0].message.tool_calls is not None


@pytest.mark.parametrize(
    ("fixture", "error"),
    [
        ("chat_length.sse", openai.LengthFinishReasonError),
        ("chat_content_filter.sse", openai.ContentFilterFinishReasonError),
    ],
)
def test_cut_streams_raise_with_structured_outputs(fixture: str, error: type) -> None:
    seen: List[str] = []
    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, fixture)
        with make_client().chat.completions.stream(
            model="gpt-4o", messages=[], response_format=Weather
        ) as stream:
            with pytest.raises(error):
                for event in stream:
                    seen.append(event.type)
    assert "content.done" not in seen and seen[-1] == "content.delta"


def test_length_cut_without_structured_outputs_streams_then_final_raises() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, "chat_length.sse")
        with make_client().chat.completions.stream(
            model="gpt-4o", messages=[]
        ) as stream:
            types = [e.type for e in stream]
            assert "content.done" in types
            assert (
                stream.current_completion_snapshot.choices[0].finish_reason == "length"
            )
            with pytest.raises(openai.LengthFinishReasonError) as info:
                stream.get_final_completion()
    assert info.value.completion.choices[0].message.content == '{"city": "Par'


def test_two_choices_accumulate_separately() -> None:
    events, final = _stream_events("chat_two_choices.sse")
    dones = [e for e in events if isinstance(e, ContentDoneEvent)]
    assert [d.content for d in dones] == ["one", "two more"]
    assert [(c.index, c.message.content) for c in final.choices] == [
        (0, "one"),
        (1, "two more"),
    ]


def test_azure_content_filter_chunks_are_skipped() -> None:
    events, final = _stream_events("chat_azure.sse")
    chunks = [e for e in events if isinstance(e, ChunkEvent)]
    assert len(chunks) == 3  # the id-less prompt-filter chunk produced nothing
    assert final.id == "chatcmpl-fx1" and final.model == "gpt-4o-2024-08-06"
    assert final.choices[0].message.content == "Hi"


def test_logprobs_events() -> None:
    events, final = _stream_events("chat_logprobs.sse")
    kinds = [e.type for e in events if e.type.startswith("logprobs")]
    assert kinds == [
        "logprobs.content.delta",
        "logprobs.content.delta",
        "logprobs.content.done",
    ]
    second = [e for e in events if e.type == "logprobs.content.delta"][1]
    assert [t.token for t in second.content] == ["!"]
    assert [t.token for t in second.snapshot] == ["Hi", "!"]
    logprobs = final.choices[0].logprobs
    assert logprobs is not None and logprobs.content is not None
    assert [t.token for t in logprobs.content] == ["Hi", "!"]


def test_request_headers_and_body() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        route = _mock(router, "chat_structured.sse")
        with make_client().chat.completions.stream(
            model="gpt-4o",
            messages=[{"role": "user", "content": "hi"}],
            response_format=Weather,
        ) as stream:
            stream.until_done()
    request = route.calls.last.request
    body = request_json(request)
    assert (
        body["stream"] is True
        and body["response_format"]["json_schema"]["name"] == "Weather"
    )
    assert request.headers["x-stainless-helper-method"] == "chat.completions.stream"


def test_until_done_close_and_snapshot() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, "chat_text.sse")
        with make_client().chat.completions.stream(
            model="gpt-4o", messages=[]
        ) as stream:
            assert isinstance(stream, ChatCompletionStream)
            first = next(stream)
            assert first.type == "chunk"
            snapshot = stream.current_completion_snapshot
            assert (
                isinstance(snapshot, ParsedChatCompletion)
                and snapshot.choices[0].message.content == ""
            )
            assert stream.until_done() is stream
            assert (
                stream.current_completion_snapshot.choices[0].message.content
                == "Hello there!"
            )
        assert stream._response.is_closed

    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, "chat_text.sse")
        with make_client().chat.completions.stream(
            model="gpt-4o", messages=[]
        ) as stream:
            next(stream)
            stream.close()
            assert list(stream) == []
            assert stream._response.is_closed


def test_truncated_stream_is_an_error_not_a_short_answer() -> None:
    body = fixture_bytes("chat_text.sse").replace(b"data: [DONE]\n\n", b"")
    with respx.mock(base_url=BASE_URL) as router:
        router.post("/chat/completions").mock(return_value=sse_response(body))
        with make_client().chat.completions.stream(
            model="gpt-4o", messages=[]
        ) as stream:
            with pytest.raises(openai.APIConnectionError, match="ended before"):
                stream.get_final_completion()


def test_non_json_content_with_a_response_format_fails_at_the_end() -> None:
    import pydantic

    with respx.mock(base_url=BASE_URL) as router:
        _mock(router, "chat_text.sse")
        with make_client().chat.completions.stream(
            model="gpt-4o", messages=[], response_format=Weather
        ) as stream:
            seen: List[Any] = []
            with pytest.raises(pydantic.ValidationError):
                for event in stream:
                    seen.append(event)
    # every delta came through (without a partial value) before the done event's validation failed
    assert [e.delta for e in seen if isinstance(e, ContentDeltaEvent)] == [
        "",
        "Hello",
        " there",
        "!",
    ]
    assert all(e.parsed is None for e in seen if isinstance(e, ContentDeltaEvent))


def test_state_can_be_driven_by_hand() -> None:
    state: ChatCompletionStreamState[Weather] = ChatCompletionStreamState(
        response_format=Weather
    )
    with pytest.raises(RuntimeError, match="No chat completion chunk"):
        _ = state.current_completion_snapshot
    kinds: List[str] = []
    for data in fixture_events("chat_structured.sse"):
        for event in state.handle_chunk(ChatCompletionChunk.model_validate(data)):
            kinds.append(event.type)
    assert kinds.count("content.done") == 1
    assert isinstance(state.current_completion_snapshot, ParsedChatCompletion)
    assert ParsedChatCompletionSnapshot is ParsedChatCompletion[object]
    assert state.get_final_completion().choices[0].message.parsed == WEATHER


def test_extra_delta_fields_accumulate() -> None:
    # other providers stream extra message fields (reasoning text); they are merged, not dropped
    state: ChatCompletionStreamState[Any] = ChatCompletionStreamState()
    base = {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    for delta in (
        {"role": "assistant", "reasoning_content": "Think"},
        {"reasoning_content": "ing."},
        {"content": "Hi"},
    ):
        state.handle_chunk(
            ChatCompletionChunk.model_validate(
                {**base, "choices": [{"index": 0, "delta": delta}]}
            )
        )
    message = state.current_completion_snapshot.choices[0].message
    assert (
        message.model_extra is not None
        and message.model_extra["reasoning_content"] == "Thinking."
    )
    assert message.content == "Hi"


# ----------------------------------------------------------------------------- async


@respx.mock(base_url=BASE_URL)
async def test_async_structured_stream(respx_mock: respx.MockRouter) -> None:
    _mock(respx_mock, "chat_structured.sse", chunk_size=5, is_async=True)
    client = make_async_client()
    async with client.chat.completions.stream(
        model="gpt-4o", messages=[], response_format=Weather
    ) as stream:
        types = [event.type async for event in stream]
        final = await stream.get_final_completion()
    assert types.count("content.delta") == 10 and types.count("content.done") == 1
    assert final.choices[0].message.parsed == WEATHER
    assert stream.current_completion_snapshot.choices[0].message.parsed == WEATHER


@respx.mock(base_url=BASE_URL)
async def test_async_tools_until_done_and_close(respx_mock: respx.MockRouter) -> None:
    _mock(respx_mock, "chat_tools.sse", is_async=True)
    client = make_async_client()
    async with client.chat.completions.stream(
        model="gpt-4o",
        messages=[],
        tools=[openai.pydantic_function_tool(GetWeather, name="get_weather")],
    ) as stream:
        assert await stream.until_done() is stream
        final = await stream.get_final_completion()
    calls = final.choices[0].message.tool_calls
    assert calls is not None and calls[0].function.parsed_arguments == GetWeather(
        city="Paris", unit="c"
    )
    assert stream._response.is_closed


async def test_async_manager_not_entered_sends_nothing() -> None:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        route = _mock(router, "chat_text.sse", is_async=True)
        manager = make_async_client().chat.completions.stream(
            model="gpt-4o", messages=[]
        )
        del manager
        assert not route.called


def test_sync_manager_not_entered_sends_nothing() -> None:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        route = _mock(router, "chat_text.sse")
        make_client().chat.completions.stream(model="gpt-4o", messages=[])
        assert not route.called


def test_fixture_content_is_what_the_test_expects() -> None:
    pieces = [
        c["choices"][0]["delta"].get("content") or ""
        for c in fixture_events("chat_structured.sse")
        if c["choices"]
    ]
    assert Weather.model_validate(json.loads("".join(pieces))) == WEATHER


def test_escaped_surrogate_pair_split_between_deltas() -> None:
    class Emoji(BaseModel):
        e: str

    state: ChatCompletionStreamState[Emoji] = ChatCompletionStreamState(
        response_format=Emoji
    )
    base = {"id": "c1", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    partials: List[Any] = []
    for piece in ['{"e": "a\\ud8', "3d\\ude", '00b"', "}"]:
        chunk = {**base, "choices": [{"index": 0, "delta": {"content": piece}}]}
        for event in state.handle_chunk(ChatCompletionChunk.model_validate(chunk)):
            if isinstance(event, ContentDeltaEvent):
                partials.append(event.parsed)
    done = state.handle_chunk(
        ChatCompletionChunk.model_validate(
            {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        )
    )
    assert partials == [{}, {}, {"e": "a😀b"}, {"e": "a😀b"}]
    assert [e.parsed for e in done if isinstance(e, ContentDoneEvent)] == [
        Emoji(e="a😀b")
    ]
