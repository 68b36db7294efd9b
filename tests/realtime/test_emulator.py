"""End to end against the offline emulator (``openai.testing``), which serves the
Realtime and Responses WebSockets."""

from __future__ import annotations

from typing import Any, Iterator, List

import pytest

from openai import ReconnectingEvent

from .conftest import realtime, responses

pytest.importorskip("uvicorn", reason="the emulator needs the `emulator` extra")


@pytest.fixture(scope="module")
def emulator() -> Iterator[Any]:
    from openai.testing import Emulator

    with Emulator() as running:
        yield running


def _say_hello(connection: Any) -> str:
    connection.session.update(session={"type": "realtime", "output_modalities": ["text"]})
    connection.conversation.item.create(
        item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Say hello!"}]}
    )
    connection.response.create()
    text = []
    for event in connection:
        if event.type == "response.output_text.delta":
            text.append(event.delta)
        elif event.type == "response.done":
            break
    return "".join(text)


def test_readme_conversation(emulator: Any) -> None:
    with realtime(emulator.client()).connect(model="gpt-realtime-2") as connection:
        assert _say_hello(connection) == "You said: Say hello!"


async def test_readme_conversation_async(emulator: Any) -> None:
    async with realtime(emulator.async_client()).connect(model="gpt-realtime-2") as connection:
        await connection.session.update(session={"type": "realtime", "output_modalities": ["text"]})
        await connection.conversation.item.create(
            item={"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hi"}]}
        )
        await connection.response.create()
        deltas = []
        async for event in connection:
            if event.type == "response.output_text.delta":
                deltas.append(event.delta)
            elif event.type == "response.done":
                break
    assert "".join(deltas) == "You said: Hi"


def test_reconnects_after_the_emulator_closes_with_1011(emulator: Any) -> None:
    emulator.faults.ws_close(1011, after_events=0, path="/realtime")
    events: List[ReconnectingEvent] = []
    with realtime(emulator.client()).connect(
        model="gpt-realtime-2", on_reconnecting=events.append, initial_delay=0.01
    ) as connection:
        assert connection.recv().type == "session.created"
        assert _say_hello(connection) == "You said: Say hello!"
    assert [(e.attempt, e.close_code) for e in events] == [(1, 1011)]


def test_responses_over_websocket(emulator: Any) -> None:
    with responses(emulator.client()).connect() as connection:
        connection.response.create(model="gpt-5.5", input="Hi there")
        types = []
        for event in connection:
            types.append(event.type)
            if event.type == "response.completed":
                assert event.response.output[0].content[0].text == "You said: Hi there"  # type: ignore[union-attr]
                break
    assert types[0] == "response.created" and types[-1] == "response.completed"
    assert "response.output_text.delta" in types
