"""The README's text conversation and an error event mid-session, sync and async."""

from __future__ import annotations

from typing import Any, List

import pytest

from openai import AsyncOpenAI, OpenAI

from ._script import ERROR_EVENT, RESPONSE_DONE, SESSION_CREATED, TEXT_DONE, text_delta
from .conftest import realtime

CONVERSATION = [
    ("send", SESSION_CREATED),
    ("expect", "session.update"),
    ("expect", "conversation.item.create"),
    ("expect", "response.create"),
    ("send", text_delta("Hello ", 1)),
    ("send", text_delta("there!", 2)),
    ("send", TEXT_DONE),
    ("send", RESPONSE_DONE),
    ("until_closed",),
]

USER_ITEM: Any = {
    "type": "message",
    "role": "user",
    "content": [{"type": "input_text", "text": "Say hello!"}],
}


def test_text_conversation_sync(scripted: Any) -> None:
    server = scripted([CONVERSATION])
    client = OpenAI(api_key="sk-test-realtime", base_url=server.base_url)
    printed: List[str] = []
    with realtime(client).connect(model="gpt-realtime-2") as connection:
        connection.session.update(session={"type": "realtime", "output_modalities": ["text"]})
        connection.conversation.item.create(item=USER_ITEM)
        connection.response.create()
        for event in connection:
            if event.type == "response.output_text.delta":
                printed.append(event.delta)
            elif event.type == "response.output_text.done":
                printed.append("\n")
            elif event.type == "response.done":
                break
    assert "".join(printed) == "Hello there!\n"
    seen = server.wait(0)
    assert seen.types == ["session.update", "conversation.item.create", "response.create"]
    assert seen.received[0] == {
        "type": "session.update",
        "session": {"type": "realtime", "output_modalities": ["text"]},
    }
    assert seen.received[1] == {"type": "conversation.item.create", "item": USER_ITEM}
    assert seen.received[2] == {"type": "response.create"}
    assert seen.path == "/v1/realtime?model=gpt-realtime-2"


async def test_text_conversation_async(scripted: Any) -> None:
    server = scripted([CONVERSATION])
    client = AsyncOpenAI(api_key="sk-test-realtime", base_url=server.base_url)
    printed: List[str] = []
    async with realtime(client).connect(model="gpt-realtime-2") as connection:
        await connection.session.update(session={"type": "realtime", "output_modalities": ["text"]})
        await connection.conversation.item.create(item=USER_ITEM)
        await connection.response.create()
        async for event in connection:
            if event.type == "response.output_text.delta":
                printed.append(event.delta)
            elif event.type == "response.output_text.done":
                printed.append("\n")
            elif event.type == "response.done":
                assert event.response.id == "resp_1"
                break
    assert "".join(printed) == "Hello there!\n"
    assert server.wait(0).types == ["session.update", "conversation.item.create", "response.create"]


ERROR_MID_SESSION = [
    ("send", SESSION_CREATED),
    ("expect", "conversation.item.create"),
    ("send", ERROR_EVENT),
    ("expect", "response.create"),  # the connection is still usable after the error
    ("send", text_delta("ok", 1)),
    ("close", 1000, "done"),
]


def test_error_event_is_yielded_not_raised_sync(scripted: Any) -> None:
    server = scripted([ERROR_MID_SESSION])
    client = OpenAI(api_key="sk-test-realtime", base_url=server.base_url)
    types: List[str] = []
    with realtime(client).connect(model="gpt-realtime-2") as connection:
        connection.conversation.item.create(item={"type": "bogus"})  # type: ignore[typeddict-item]
        for event in connection:  # ends quietly at the server's normal close
            types.append(event.type)
            if event.type == "error":
                assert event.error.type == "invalid_request_error"
                assert event.error.code == "invalid_value"
                assert event.error.event_id == "client_evt_7"
                assert event.error.message == "Invalid value for 'item.type'."
                connection.response.create()
    assert types == ["session.created", "error", "response.output_text.delta"]
    assert server.wait(0).types == ["conversation.item.create", "response.create"]


async def test_error_event_is_yielded_not_raised_async(scripted: Any) -> None:
    server = scripted([ERROR_MID_SESSION])
    client = AsyncOpenAI(api_key="sk-test-realtime", base_url=server.base_url)
    types: List[str] = []
    async with realtime(client).connect(model="gpt-realtime-2") as connection:
        await connection.conversation.item.create(item={"type": "bogus"})  # type: ignore[typeddict-item]
        async for event in connection:
            types.append(event.type)
            if event.type == "error":
                assert event.error.param == "item.type"
                await connection.response.create()
    assert types == ["session.created", "error", "response.output_text.delta"]
    assert server.wait(0).types == ["conversation.item.create", "response.create"]


def test_recv_recv_bytes_send_model_and_parse_event(scripted: Any) -> None:
    from openai.types.realtime import ResponseCreateEvent, SessionCreatedEvent

    server = scripted(
        [[("send", SESSION_CREATED), ("send", text_delta("x", 1)), ("expect", "response.create"), ("until_closed",)]]
    )
    client = OpenAI(api_key="sk-test-realtime", base_url=server.base_url)
    with realtime(client).connect(model="m") as connection:
        event = connection.recv()
        assert isinstance(event, SessionCreatedEvent)
        assert event.session.id == "sess_1"  # type: ignore[union-attr]
        raw = connection.recv_bytes()
        assert isinstance(raw, bytes)
        assert connection.parse_event(raw).type == "response.output_text.delta"
        connection.send(ResponseCreateEvent(type="response.create", event_id="evt_9"))
    assert server.wait(0).received == [{"type": "response.create", "event_id": "evt_9"}]


def test_send_rejects_what_is_not_an_event(scripted: Any) -> None:
    server = scripted([[("until_closed",)]])
    client = OpenAI(api_key="sk-test-realtime", base_url=server.base_url)
    with realtime(client).connect(model="m") as connection:
        with pytest.raises(TypeError, match="`event` must be a dict or an event model, got int"):
            connection.send(42)  # type: ignore[arg-type]
    assert server.wait(0).received == []
