from __future__ import annotations

import json
from typing import Any

import pytest
from _emu_support import validate
from openai.types import Model
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from pydantic import BaseModel

import openai


def test_models_list_and_retrieve(client: Any, shapes: Any) -> None:
    models = list(client.models.list())
    ids = [m.id for m in models]
    assert "gpt-4o" in ids and "text-embedding-3-small" in ids
    raw = client.models.with_raw_response.retrieve("gpt-4o")
    assert raw.headers["x-request-id"].startswith("req_")
    model = validate(Model, raw.http_response.json())
    assert model.id == "gpt-4o" and model.object == "model"
    with pytest.raises(openai.NotFoundError) as err:
        client.models.retrieve("no-such-model")
    assert err.value.code == "model_not_found"
    assert err.value.request_id and err.value.request_id.startswith("req_")
    assert (
        shapes.checked == 2
    )  # the list page and the model were validated against the types


def test_chat_default_reply_is_echo(client: Any) -> None:
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "How are you?"}]
    )
    completion = validate(ChatCompletion, raw.http_response.json())
    assert completion.choices[0].message.content == "You said: How are you?"
    assert completion.choices[0].finish_reason == "stop"
    assert completion.usage is not None and completion.usage.completion_tokens == 7
    assert (
        completion.usage.total_tokens
        == completion.usage.prompt_tokens + completion.usage.completion_tokens
    )


def test_chat_n_choices(client: Any) -> None:
    completion = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], n=3
    )
    assert [c.index for c in completion.choices] == [0, 1, 2]
    assert all(c.message.content == "You said: hi" for c in completion.choices)


def test_chat_stream_with_usage(client: Any) -> None:
    stream = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "stream me please"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    chunks = list(stream)
    for chunk in chunks:
        validate(ChatCompletionChunk, chunk.model_dump(exclude_unset=True))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "You said: stream me please"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert chunks[-1].usage.completion_tokens == 6
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"


def test_chat_scripted_chunks_and_refusal(client: Any, emulator: Any) -> None:
    emulator.script("gpt-4o").text(
        "Ahoy there!", chunks=["Ah", "oy ", "there!"]
    ).refusal("I can't help with that.")
    stream = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    deltas = [
        c.choices[0].delta.content
        for c in stream
        if c.choices and c.choices[0].delta.content
    ]
    assert deltas == ["Ah", "oy ", "there!"]
    refused = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    assert refused.choices[0].message.refusal == "I can't help with that."
    assert refused.choices[0].message.content is None


def test_chat_length_cut(client: Any, emulator: Any) -> None:
    completion = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "one two three four five six"}],
        max_completion_tokens=3,
    )
    assert completion.choices[0].finish_reason == "length"
    assert completion.choices[0].message.content == "You said:"
    emulator.script().length_cut("partial answ")
    cut = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "x"}]
    )
    assert (cut.choices[0].finish_reason, cut.choices[0].message.content) == (
        "length",
        "partial answ",
    )


WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {
                "city": {"type": "string"},
                "unit": {"type": "string", "enum": ["c", "f"]},
            },
            "required": ["city", "unit"],
            "additionalProperties": False,
        },
    },
}


def test_chat_tool_call_loop(client: Any) -> None:
    messages: list[Any] = [
        {"role": "user", "content": "What does get_weather say for Oslo?"}
    ]
    first = client.chat.completions.create(
        model="gpt-4o", messages=messages, tools=[WEATHER_TOOL]
    )
    call = first.choices[0].message.tool_calls[0]
    assert first.choices[0].finish_reason == "tool_calls"
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "", "unit": "c"}
    messages += [
        first.choices[0].message.model_dump(exclude_none=True),
        {"role": "tool", "tool_call_id": call.id, "content": "12C"},
    ]
    second = client.chat.completions.create(
        model="gpt-4o", messages=messages, tools=[WEATHER_TOOL]
    )
    assert second.choices[0].message.content == "The tool returned: 12C"
    plain = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "hello"}],
        tools=[WEATHER_TOOL],
    )
    assert plain.choices[0].message.tool_calls is None


def test_chat_scripted_tool_call_streams(client: Any, emulator: Any) -> None:
    emulator.script("gpt-4o").tool_call("get_weather", {"city": "Paris", "unit": "c"})
    stream = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": "x"}],
        tools=[WEATHER_TOOL],
        stream=True,
    )
    chunks = [c for c in stream if c.choices]
    args = "".join(
        tc.function.arguments or ""
        for c in chunks
        for tc in (c.choices[0].delta.tool_calls or [])
    )
    assert json.loads(args) == {"city": "Paris", "unit": "c"}
    assert chunks[0].choices[0].delta.tool_calls[0].function.name == "get_weather"
    assert chunks[-1].choices[0].finish_reason == "tool_calls"


class Step(BaseModel):
    explanation: str
    output: str


class Math(BaseModel):
    steps: list[Step]
    final_answer: str
    confidence: float


def test_chat_structured_output_parse(client: Any) -> None:
    completion = client.chat.completions.parse(
        model="gpt-4o",
        messages=[{"role": "user", "content": "solve 8x + 7 = -23"}],
        response_format=Math,
    )
    parsed = completion.choices[0].message.parsed
    assert parsed == Math(steps=[], final_answer="", confidence=0.0)


def test_chat_stream_helper(client: Any) -> None:
    with client.chat.completions.stream(
        model="gpt-4o", messages=[{"role": "user", "content": "helper"}]
    ) as stream:
        for _event in stream:
            pass
        final = stream.get_final_completion()
    assert final.choices[0].message.content == "You said: helper"


def test_stored_completions(client: Any, lenient_client: Any) -> None:
    created = [
        client.chat.completions.create(
            model="gpt-4o-mini",
            messages=[{"role": "user", "content": f"store {i}"}],
            store=True,
            metadata={"suite": "stored", "i": str(i)},
        )
        for i in range(5)
    ]
    listed = list(client.chat.completions.list(metadata={"suite": "stored"}, limit=2))
    assert [c.id for c in listed] == [c.id for c in created]
    page = client.chat.completions.list(metadata={"suite": "stored"}, limit=2)
    assert page.has_more is True and len(page.data) == 2
    got = client.chat.completions.retrieve(created[0].id)
    assert got.choices[0].message.content == "You said: store 0"
    updated = client.chat.completions.update(
        created[0].id, metadata={"suite": "stored", "tag": "x"}
    )
    assert updated.model_extra["metadata"]["tag"] == "x"
    messages = list(lenient_client.chat.completions.messages.list(created[1].id))
    assert [(m.role, m.content) for m in messages] == [("user", "store 1")]
    deleted = client.chat.completions.delete(created[0].id)
    assert deleted.deleted is True
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.retrieve(created[0].id)


@pytest.mark.asyncio
async def test_async_chat_stream(async_client: Any) -> None:
    stream = await async_client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "async"}], stream=True
    )
    text = "".join(
        [c.choices[0].delta.content or "" async for c in stream if c.choices]
    )
    assert text == "You said: async"


def test_legacy_completions(client: Any, lenient_client: Any) -> None:
    completion = client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt="Say this"
    )
    assert completion.choices[0].text == "You said: Say this"
    stream = lenient_client.completions.create(
        model="gpt-3.5-turbo-instruct", prompt="Say that", stream=True
    )
    assert "".join(c.choices[0].text for c in stream) == "You said: Say that"
