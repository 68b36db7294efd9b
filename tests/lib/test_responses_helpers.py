"""``responses.parse()``, ``responses.stream()`` and ``Response.output_text`` against
recorded JSON and SSE fixtures."""

from __future__ import annotations

import json
import typing
from typing import Any, List

import pydantic
import pytest
import respx
from pydantic import BaseModel

import openai
from openai.lib._parsing._responses import type_to_text_format_param
from openai.lib.streaming.responses import (
    ResponseCompletedEvent,
    ResponseFunctionCallArgumentsDeltaEvent,
    ResponseStream,
    ResponseStreamState,
    ResponseTextDeltaEvent,
    ResponseTextDoneEvent,
)
from openai.types.responses import (
    ParsedResponse,
    ParsedResponseFunctionToolCall,
    ParsedResponseOutputMessage,
    ParsedResponseOutputText,
    Response,
)

from ._support import (
    BASE_URL,
    fixture_bytes,
    json_response,
    make_async_client,
    make_client,
    output_message,
    output_text,
    request_json,
    response_payload,
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


STRUCTURED = Weather(city="Café", temperature=21.5, tags=["☀️"], note="ok")


# ----------------------------------------------------------------------------- output_text


def test_output_text_joins_every_output_text_part() -> None:
    response = Response.model_validate(
        response_payload(
            [
                {"id": "rs_1", "type": "reasoning", "summary": []},
                output_message(
                    output_text("Hello"),
                    {"type": "refusal", "refusal": "not this"},
                    output_text(", "),
                ),
                output_message(output_text("world"), item_id="msg_2"),
            ]
        )
    )
    assert response.output_text == "Hello, world"
    assert Response.model_validate(response_payload([])).output_text == ""


# ----------------------------------------------------------------------------- parse


def test_text_format_param() -> None:
    param = type_to_text_format_param(Weather)
    assert (
        param["type"] == "json_schema"
        and param["strict"] is True
        and param["name"] == "Weather"
    )
    assert param["schema"]["additionalProperties"] is False


@respx.mock(base_url=BASE_URL)
def test_parse_text_format_and_function_tools(respx_mock: respx.MockRouter) -> None:
    payload = response_payload(
        [
            output_message(output_text(STRUCTURED.model_dump_json())),
            {
                "id": "fc_1",
                "type": "function_call",
                "call_id": "call_1",
                "name": "GetWeather",
                "arguments": '{"city": "Oslo", "unit": "c"}',
                "status": "completed",
            },
            {
                "id": "fc_2",
                "type": "function_call",
                "call_id": "call_2",
                "name": "flat",
                "arguments": '{"a": 1}',
                "status": "completed",
            },
        ]
    )
    route = respx_mock.post("/responses").mock(return_value=json_response(payload))
    flat_strict = {
        "type": "function",
        "name": "flat",
        "strict": True,
        "parameters": {
            "type": "object",
            "properties": {"a": {"type": "integer"}},
            "required": ["a"],
            "additionalProperties": False,
        },
    }
    parsed = make_client().responses.parse(
        model="gpt-4o",
        input="weather",
        text_format=Weather,
        text={"verbosity": "low"},
        tools=[openai.pydantic_function_tool(GetWeather), flat_strict],
    )
    sent = request_json(route.calls.last.request)
    assert sent["text"]["verbosity"] == "low"
    assert (
        sent["text"]["format"]["name"] == "Weather"
        and sent["text"]["format"]["strict"] is True
    )
    assert sent["tools"][0] == {
        "type": "function",
        "name": "GetWeather",
        "parameters": sent["tools"][0]["parameters"],
        "strict": True,
    }
    assert (
        route.calls.last.request.headers["x-stainless-helper-method"]
        == "responses.parse"
    )
    assert isinstance(parsed, ParsedResponse)
    assert parsed.output_parsed == STRUCTURED
    message = parsed.output[0]
    assert isinstance(message, ParsedResponseOutputMessage)
    part = message.content[0]
    assert isinstance(part, ParsedResponseOutputText) and part.parsed == STRUCTURED
    call = parsed.output[1]
    assert isinstance(call, ParsedResponseFunctionToolCall)
    assert call.parsed_arguments == GetWeather(city="Oslo", unit="c")
    second = parsed.output[2]
    assert isinstance(
        second, ParsedResponseFunctionToolCall
    ) and second.parsed_arguments == {"a": 1}
    assert parsed.output_text == STRUCTURED.model_dump_json()
    assert parsed._request_id == "req_json"


@respx.mock(base_url=BASE_URL, assert_all_called=False)
def test_parse_argument_errors(respx_mock: respx.MockRouter) -> None:
    route = respx_mock.post("/responses").mock(
        return_value=json_response(response_payload([]))
    )
    client = make_client()
    with pytest.raises(TypeError, match="`text_format` or `text.format`"):
        client.responses.parse(
            model="gpt-4o",
            input="x",
            text_format=Weather,
            text={"format": {"type": "text"}},
        )
    with pytest.raises(TypeError, match=r"`tools\[0\]` has the chat completions shape"):
        client.responses.parse(
            model="gpt-4o",
            input="x",
            tools=[{"type": "function", "function": {"name": "f"}}],  # type: ignore[list-item]
        )
    assert not route.called


@respx.mock(base_url=BASE_URL)
def test_parse_without_text_format_and_the_raw_view(
    respx_mock: respx.MockRouter,
) -> None:
    respx_mock.post("/responses").mock(
        return_value=json_response(
            response_payload([output_message(output_text("plain"))])
        )
    )
    client = make_client()
    parsed = client.responses.parse(model="gpt-4o", input="x")
    assert parsed.output_parsed is None and parsed.output_text == "plain"
    raw = client.responses.with_raw_response.parse(
        model="gpt-4o", input="x", text_format=Weather
    )
    assert raw.headers["x-request-id"] == "req_json"
    with pytest.raises(pydantic.ValidationError):
        raw.parse()  # "plain" is not a Weather


@respx.mock(base_url=BASE_URL)
async def test_async_parse(respx_mock: respx.MockRouter) -> None:
    respx_mock.post("/responses").mock(
        return_value=json_response(
            response_payload(
                [output_message(output_text(STRUCTURED.model_dump_json()))]
            )
        )
    )
    parsed = await make_async_client().responses.parse(
        model="gpt-4o", input="x", text_format=Weather
    )
    assert parsed.output_parsed == STRUCTURED


def test_parsed_output_union_follows_the_generated_one() -> None:
    from openai.types.responses.parsed_response import ParsedResponseOutputItem
    from openai.types.responses.response_output_item import ResponseOutputItem

    def variants(alias: Any) -> List[str]:
        union = typing.get_args(alias)[0]
        return [
            getattr(v, "__name__", str(v)).split("[")[0] for v in typing.get_args(union)
        ]

    generated = variants(ResponseOutputItem)
    parsed = variants(ParsedResponseOutputItem)
    replaced = {
        "ResponseOutputMessage": "ParsedResponseOutputMessage",
        "ResponseFunctionToolCall": "ParsedResponseFunctionToolCall",
    }
    assert parsed == [replaced.get(name, name) for name in generated]


# ----------------------------------------------------------------------------- stream


def _mock_stream(
    router: respx.MockRouter,
    fixture: str,
    *,
    method: str = "post",
    path: str = "/responses",
    is_async: bool = False,
    chunk_size: int | None = None,
) -> respx.Route:
    return getattr(router, method)(path).mock(
        side_effect=lambda request: sse_response(
            fixture_bytes(fixture), is_async=is_async, chunk_size=chunk_size
        )
    )


def test_stream_text_events_snapshots_and_final() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        route = _mock_stream(router, "responses_text.sse", chunk_size=9)
        with make_client().responses.stream(model="gpt-4o", input="hi") as stream:
            assert isinstance(stream, ResponseStream)
            events = list(stream)
            final = stream.get_final_response()
    body = request_json(route.calls.last.request)
    assert body["stream"] is True and body["input"] == "hi"
    assert (
        route.calls.last.request.headers["x-stainless-helper-method"]
        == "responses.stream"
    )
    assert [e.type for e in events][:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    deltas = [e for e in events if isinstance(e, ResponseTextDeltaEvent)]
    assert [(d.delta, d.snapshot) for d in deltas] == [
        ("Hello", "Hello"),
        (" wor", "Hello wor"),
        ("ld", "Hello world"),
    ]
    done = next(e for e in events if isinstance(e, ResponseTextDoneEvent))
    assert done.text == "Hello world" and done.parsed is None
    completed = events[-1]
    assert isinstance(completed, ResponseCompletedEvent)
    assert isinstance(completed.response, ParsedResponse)
    assert final is completed.response
    assert final.output_text == "Hello world" and final.status == "completed"
    assert [e.sequence_number for e in events] == list(range(len(events)))


def test_stream_structured_output() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        route = _mock_stream(router, "responses_structured.sse", chunk_size=3)
        with make_client().responses.stream(
            model="gpt-4o", input="hi", text_format=Weather
        ) as stream:
            events = list(stream)
        final = stream.get_final_response()
    assert request_json(route.calls.last.request)["text"]["format"]["name"] == "Weather"
    done = next(e for e in events if isinstance(e, ResponseTextDoneEvent))
    assert done.parsed == STRUCTURED
    assert type(done).__name__ == "ResponseTextDoneEvent[Weather]"
    assert final.output_parsed == STRUCTURED


def test_stream_function_call_arguments() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        _mock_stream(router, "responses_function_call.sse")
        with make_client().responses.stream(
            model="gpt-4o",
            input="hi",
            tools=[openai.pydantic_function_tool(GetWeather, name="get_weather")],
        ) as stream:
            events = list(stream)
            final = stream.get_final_response()
    deltas = [
        e for e in events if isinstance(e, ResponseFunctionCallArgumentsDeltaEvent)
    ]
    assert [d.snapshot for d in deltas] == [
        '{"city": "Pa',
        '{"city": "Paris", "unit": "c"}',
    ]
    call = final.output[0]
    assert isinstance(call, ParsedResponseFunctionToolCall)
    assert call.parsed_arguments == GetWeather(city="Paris", unit="c")


def test_stream_resume_with_response_id_and_starting_after() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        route = _mock_stream(
            router, "responses_structured.sse", method="get", path="/responses/resp_fx1"
        )
        with make_client().responses.stream(
            response_id="resp_fx1", starting_after=5, text_format=Weather
        ) as stream:
            events = list(stream)
            final = stream.get_final_response()
    request = route.calls.last.request
    assert (
        request.url.params["stream"] == "true"
        and "starting_after" not in request.url.params
    )
    assert [e.sequence_number for e in events] == list(range(6, 12))
    # the skipped events still built the snapshot the later ones report
    first = events[0]
    assert isinstance(first, ResponseTextDeltaEvent)
    assert first.snapshot == '{"city":"Caf\\u00e9","temperature":21.5,"tags":["☀'
    assert final.output_parsed == STRUCTURED


def test_stream_argument_errors() -> None:
    client = make_client()
    with pytest.raises(ValueError, match=r"cannot be combined with `input`"):
        client.responses.stream(response_id="resp_1", input="x")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="`starting_after` needs `response_id`"):
        client.responses.stream(starting_after=3)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="`model` is required"):
        client.responses.stream(input="x")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="`input` is required"):
        client.responses.stream(model="gpt-4o")  # type: ignore[call-overload]


def test_stream_incomplete_gives_the_final_response() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        _mock_stream(router, "responses_incomplete.sse")
        with make_client().responses.stream(model="gpt-4o", input="hi") as stream:
            final = stream.get_final_response()
    assert final.status == "incomplete"
    assert (
        final.incomplete_details is not None
        and final.incomplete_details.reason == "max_output_tokens"
    )
    assert final.output_text == '{"city":"Pa'


def test_stream_failed_raises_with_the_error() -> None:
    with respx.mock(base_url=BASE_URL) as router:
        _mock_stream(router, "responses_failed.sse")
        with make_client().responses.stream(model="gpt-4o", input="hi") as stream:
            assert [e.type for e in stream] == ["response.created", "response.failed"]
            with pytest.raises(RuntimeError, match="server_error: The model crashed"):
                stream.get_final_response()


def test_stream_cut_before_completion_is_an_error() -> None:
    lines = fixture_bytes("responses_text.sse").split(b"\n\n")
    body = b"\n\n".join(lines[:6]) + b"\n\n"
    with respx.mock(base_url=BASE_URL) as router:
        router.post("/responses").mock(return_value=sse_response(body))
        with make_client().responses.stream(model="gpt-4o", input="hi") as stream:
            with pytest.raises(openai.APIConnectionError, match="ended before"):
                stream.until_done()


def test_state_requires_an_opening_event() -> None:
    from openai.types.responses.response_stream_event import ResponseStreamEvent

    adapter: pydantic.TypeAdapter[Any] = pydantic.TypeAdapter(ResponseStreamEvent)
    state: ResponseStreamState[Any] = ResponseStreamState(
        input_tools=openai.omit, text_format=openai.omit
    )
    event = adapter.validate_python(
        {
            "type": "response.output_text.delta",
            "sequence_number": 0,
            "item_id": "m",
            "output_index": 0,
            "content_index": 0,
            "delta": "x",
            "logprobs": [],
        }
    )
    with pytest.raises(RuntimeError, match="expected `response.created` first"):
        state.handle_event(event)


@respx.mock(base_url=BASE_URL)
async def test_async_stream(respx_mock: respx.MockRouter) -> None:
    _mock_stream(respx_mock, "responses_structured.sse", is_async=True, chunk_size=11)
    async with make_async_client().responses.stream(
        model="gpt-4o", input="hi", text_format=Weather
    ) as stream:
        types = [e.type async for e in stream]
        final = await stream.get_final_response()
    assert types.count("response.output_text.delta") == 4
    assert final.output_parsed == STRUCTURED


@respx.mock(base_url=BASE_URL)
async def test_async_resume_and_until_done(respx_mock: respx.MockRouter) -> None:
    route = _mock_stream(
        respx_mock,
        "responses_text.sse",
        method="get",
        path="/responses/resp_fx1",
        is_async=True,
    )
    async with make_async_client().responses.stream(response_id="resp_fx1") as stream:
        assert await stream.until_done() is stream
        final = await stream.get_final_response()
    assert final.output_text == "Hello world"
    assert route.called


def test_fixture_is_consistent() -> None:
    text = fixture_bytes("responses_structured.sse").decode()
    deltas = [
        json.loads(line[6:])["delta"]
        for line in text.splitlines()
        if '"response.output_text.delta"' in line
    ]
    assert Weather.model_validate_json("".join(deltas)) == STRUCTURED


def test_stream_event_union_follows_the_generated_one() -> None:
    from openai.lib.streaming.responses import ResponseStreamEvent as HelperEvent
    from openai.types.responses.response_stream_event import (
        ResponseStreamEvent as RawEvent,
    )

    def variants(alias: Any) -> List[Any]:
        return list(typing.get_args(typing.get_args(alias)[0]))

    extended = {
        "ResponseTextDeltaEvent",
        "ResponseTextDoneEvent",
        "ResponseFunctionCallArgumentsDeltaEvent",
        "ResponseCompletedEvent",
    }
    raw = variants(RawEvent)
    helper = variants(HelperEvent)
    assert sorted(c.__name__.split("[")[0] for c in helper) == sorted(
        c.__name__ for c in raw
    )
    for cls in helper:
        name = cls.__name__.split("[")[0]
        if name in extended:
            assert cls.__module__ != "openai.types.responses" and issubclass(
                cls, next(r for r in raw if r.__name__ == name)
            )
        else:
            assert cls in raw
