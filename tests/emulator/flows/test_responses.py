from __future__ import annotations

import json
from typing import Any

import pytest
from _emu_support import validate
from openai.types.responses import Response, ResponseStreamEvent
from pydantic import BaseModel, TypeAdapter

import openai

EVENTS: Any = TypeAdapter(ResponseStreamEvent)


def test_create_and_retrieve(client: Any) -> None:
    raw = client.responses.with_raw_response.create(
        model="gpt-5.5",
        instructions="Talk like a pirate.",
        input="How do I check types?",
    )
    response = validate(Response, raw.http_response.json())
    assert response.output_text == "You said: How do I check types?"
    assert (
        response.status == "completed"
        and response.instructions == "Talk like a pirate."
    )
    assert response.usage is not None and response.usage.output_tokens == 9
    assert raw.parse()._request_id == raw.headers["x-request-id"]
    again = client.responses.retrieve(response.id)
    assert again.output_text == response.output_text


def test_stream_event_order(client: Any) -> None:
    stream = client.responses.create(model="gpt-5.5", input="Tell a story", stream=True)
    events = list(stream)
    for event in events:
        EVENTS.validate_python(event.model_dump())
    kinds = [e.type for e in events]
    assert kinds[:4] == [
        "response.created",
        "response.in_progress",
        "response.output_item.added",
        "response.content_part.added",
    ]
    assert kinds[-4:] == [
        "response.output_text.done",
        "response.content_part.done",
        "response.output_item.done",
        "response.completed",
    ]
    assert [e.sequence_number for e in events] == list(range(len(events)))
    assert (
        "".join(e.delta for e in events if e.type == "response.output_text.delta")
        == "You said: Tell a story"
    )
    assert events[-1].response.output_text == "You said: Tell a story"


def test_stream_helper_and_retrieve_stream(client: Any) -> None:
    with client.responses.stream(model="gpt-5.5", input="helper") as stream:
        text = "".join(
            e.delta for e in stream if e.type == "response.output_text.delta"
        )
        final = stream.get_final_response()
    assert text == "You said: helper" == final.output_text
    replay = list(client.responses.retrieve(final.id, stream=True, starting_after=3))
    assert replay[0].sequence_number == 4 and replay[-1].type == "response.completed"


def test_previous_response_chaining_and_input_items(client: Any) -> None:
    first = client.responses.create(model="gpt-5.5", input="first question")
    second = client.responses.create(
        model="gpt-5.5",
        previous_response_id=first.id,
        input=[{"role": "user", "content": "second question"}],
    )
    assert second.previous_response_id == first.id
    assert second.output_text == "You said: second question"
    assert second.usage.input_tokens > first.usage.input_tokens
    items = list(client.responses.input_items.list(second.id))
    assert [i.content[0].text for i in items] == ["second question"]
    with pytest.raises(openai.NotFoundError):
        client.responses.create(
            model="gpt-5.5", previous_response_id="resp_missing", input="x"
        )


def test_function_call_round_trip(client: Any) -> None:
    tools = [
        {
            "type": "function",
            "name": "lookup",
            "parameters": {
                "type": "object",
                "properties": {"q": {"type": "string"}},
                "required": ["q"],
            },
        }
    ]
    first = client.responses.create(
        model="gpt-5.5", input="please lookup this", tools=tools
    )
    call = first.output[0]
    assert (
        call.type == "function_call"
        and call.name == "lookup"
        and json.loads(call.arguments) == {"q": ""}
    )
    second = client.responses.create(
        model="gpt-5.5",
        previous_response_id=first.id,
        input=[
            {
                "type": "function_call_output",
                "call_id": call.call_id,
                "output": "found it",
            }
        ],
        tools=tools,
    )
    assert second.output_text == "The tool returned: found it"


def test_function_call_stream_events(client: Any, emulator: Any) -> None:
    emulator.script("gpt-5.5").tool_call("lookup", {"q": "cats"})
    events = list(
        client.responses.create(
            model="gpt-5.5",
            input="x",
            tools=[
                {
                    "type": "function",
                    "name": "lookup",
                    "parameters": {"type": "object", "properties": {}},
                }
            ],
            stream=True,
        )
    )
    kinds = [e.type for e in events]
    assert "response.function_call_arguments.delta" in kinds
    done = next(e for e in events if e.type == "response.function_call_arguments.done")
    assert json.loads(done.arguments) == {"q": "cats"}


class Person(BaseModel):
    name: str
    age: int
    tags: list[str]


def test_structured_output_parse(client: Any) -> None:
    parsed = client.responses.parse(model="gpt-5.5", input="who?", text_format=Person)
    assert parsed.output_parsed == Person(name="", age=0, tags=[])


def test_refusal_and_incomplete(client: Any, emulator: Any) -> None:
    emulator.script("gpt-5.5").refusal("No.").length_cut("Once upon")
    refused = client.responses.create(model="gpt-5.5", input="x")
    assert (
        refused.output[0].content[0].type == "refusal"
        and refused.output[0].content[0].refusal == "No."
    )
    cut = client.responses.create(model="gpt-5.5", input="x")
    assert (
        cut.status == "incomplete"
        and cut.incomplete_details.reason == "max_output_tokens"
    )
    events = list(
        client.responses.create(
            model="gpt-5.5",
            input=" ".join(["word"] * 40),
            max_output_tokens=16,
            stream=True,
        )
    )
    assert events[-1].type == "response.incomplete"


def test_conversation_flow(client: Any) -> None:
    conversation = client.conversations.create(
        metadata={"topic": "demo"}, items=[{"role": "user", "content": "hello"}]
    )
    client.responses.create(
        model="gpt-5.5", conversation=conversation.id, input="what did I say?"
    )
    items = list(client.conversations.items.list(conversation.id, order="asc", limit=1))
    assert [i.type for i in items] == ["message", "message", "message"]
    assert items[-1].content[0].text == "You said: what did I say?"
    added = client.conversations.items.create(
        conversation.id, items=[{"role": "user", "content": "more"}]
    )
    assert added.data[0].content[0].text == "more"
    got = client.conversations.items.retrieve(
        added.data[0].id, conversation_id=conversation.id
    )
    assert got.id == added.data[0].id
    client.conversations.items.delete(added.data[0].id, conversation_id=conversation.id)
    updated = client.conversations.update(
        conversation.id, metadata={"topic": "changed"}
    )
    assert updated.metadata == {"topic": "changed"}
    assert client.conversations.delete(conversation.id).deleted is True
    with pytest.raises(openai.NotFoundError):
        client.conversations.retrieve(conversation.id)


def test_background_polling_cancel_and_delete(client: Any, emulator: Any) -> None:
    queued = client.responses.create(model="gpt-5.5", input="slow job", background=True)
    assert queued.status == "queued"
    emulator.advance(1)
    done = client.responses.retrieve(queued.id)
    assert done.status == "completed" and done.output_text == "You said: slow job"
    other = client.responses.create(model="gpt-5.5", input="cancel me", background=True)
    assert client.responses.cancel(other.id).status == "cancelled"
    with pytest.raises(openai.BadRequestError):
        client.responses.cancel(done.id)
    assert client.responses.delete(done.id) is None
    with pytest.raises(openai.NotFoundError):
        client.responses.retrieve(done.id)


def test_input_tokens_count(client: Any) -> None:
    counted = client.responses.input_tokens.count(
        model="gpt-5.5", input="one two three"
    )
    assert counted.object == "response.input_tokens" and counted.input_tokens == 6


@pytest.mark.asyncio
async def test_async_responses(async_client: Any) -> None:
    response = await async_client.responses.create(model="gpt-5.5", input="async hello")
    assert response.output_text == "You said: async hello"
    stream = await async_client.responses.create(
        model="gpt-5.5", input="async stream", stream=True
    )
    kinds = [e.type async for e in stream]
    assert kinds[-1] == "response.completed"


def test_responses_over_websocket(client: Any, emulator: Any) -> None:
    with client.responses.connect() as connection:
        connection.send(
            {"type": "response.create", "model": "gpt-5.5", "input": "over the socket"}
        )
        events = []
        for event in connection:
            events.append(event)
            if event.type == "response.completed":
                break
        assert events[0].type == "response.created"
        assert (
            "".join(e.delta for e in events if e.type == "response.output_text.delta")
            == "You said: over the socket"
        )
        connection.send(
            {
                "type": "response.create",
                "model": "gpt-5.5",
                "input": "x",
                "max_output_tokens": 1,
            }
        )
        error = connection.recv()
        assert error.type == "error" and error.param == "max_output_tokens"
        connection.send(
            {
                "type": "response.create",
                "model": "gpt-5.5",
                "previous_response_id": events[-1].response.id,
                "input": "again",
            }
        )
        final = next(e for e in connection if e.type == "response.completed")
        assert final.response.previous_response_id == events[-1].response.id
