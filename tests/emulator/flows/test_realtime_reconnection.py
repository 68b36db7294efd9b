"""Realtime WebSocket closes injected by the emulator, read by iterating the
connection (both clients reconnect there): a recoverable code reconnects and sends
what was queued meanwhile; an unrecoverable one, or a recoverable one without
`on_reconnecting` or after `on_reconnecting` aborts, ends the iteration with an error.

The official client raises the websockets library's `ConnectionClosedError` itself;
ours raises `openai.WebSocketConnectionClosedError`, which is that error as well."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from _emu_support import OURS
from websockets.exceptions import ConnectionClosedError

import openai

USER_ITEM = {
    "type": "message",
    "role": "user",
    "content": [{"type": "input_text", "text": "after the reconnect"}],
}
TEXT_ONLY = {"output_modalities": ["text"]}


def _connections(emulator: Any) -> int:
    return sum(1 for r in emulator.requests if r.get("websocket"))


def _check_closed_error(error: BaseException, code: int) -> None:
    assert isinstance(error, ConnectionClosedError)
    assert error.rcvd is not None and error.rcvd.code == code
    if OURS:
        assert isinstance(error, openai.WebSocketConnectionClosedError)
        assert str(code) in str(error)


def _until_done(connection: Any) -> tuple[list[str], str | None]:
    kinds: list[str] = []
    text = None
    for event in connection:
        kinds.append(event.type)
        if event.type == "response.output_text.done":
            text = event.text
        if event.type == "response.done":
            break
    return kinds, text


def test_recoverable_close_reconnects_and_sends_the_queue(
    client: Any, emulator: Any
) -> None:
    emulator.faults.ws_close(1011, after_events=1, path="/realtime")
    reconnecting: list[Any] = []

    def on_reconnecting(event: Any) -> None:
        reconnecting.append(event)
        # sent while the socket is down: queued, then sent on the new connection
        connection.conversation.item.create(item=USER_ITEM)
        connection.response.create(response=TEXT_ONLY)

    with client.realtime.connect(
        model="gpt-realtime", on_reconnecting=on_reconnecting, initial_delay=0.01
    ) as connection:
        # the server closes with 1011 right after its first event
        kinds, text = _until_done(connection)
    assert kinds[:2] == ["session.created", "session.created"]
    assert text == "You said: after the reconnect"
    assert [(e.attempt, e.close_code) for e in reconnecting] == [(1, 1011)]
    assert reconnecting[0].max_attempts == 5
    assert _connections(emulator) == 2


async def test_async_recoverable_close_reconnects_and_sends_the_queue(
    async_client: Any, emulator: Any
) -> None:
    emulator.faults.ws_close(1012, after_events=1, path="/realtime")
    reconnecting: list[Any] = []
    sends: list[asyncio.Task[None]] = []

    async def send_while_down() -> None:
        await connection.conversation.item.create(item=USER_ITEM)
        await connection.response.create(response=TEXT_ONLY)

    def on_reconnecting(event: Any) -> None:
        reconnecting.append(event)
        # runs while the client waits before its next attempt
        sends.append(asyncio.get_running_loop().create_task(send_while_down()))

    kinds: list[str] = []
    text = None
    async with async_client.realtime.connect(
        model="gpt-realtime", on_reconnecting=on_reconnecting, initial_delay=0.05
    ) as connection:
        async for event in connection:
            kinds.append(event.type)
            if event.type == "response.output_text.done":
                text = event.text
            if event.type == "response.done":
                break
    await asyncio.gather(*sends)
    assert kinds[:2] == ["session.created", "session.created"]
    assert text == "You said: after the reconnect"
    assert [(e.attempt, e.close_code) for e in reconnecting] == [(1, 1012)]
    assert _connections(emulator) == 2


def test_unrecoverable_close_raises(client: Any, emulator: Any) -> None:
    # 1008 (policy violation) is not a code to reconnect on
    emulator.faults.ws_close(1008, after_events=1, path="/realtime")
    reconnecting: list[Any] = []
    kinds: list[str] = []
    with pytest.raises(ConnectionClosedError) as err:
        with client.realtime.connect(
            model="gpt-realtime", on_reconnecting=reconnecting.append
        ) as connection:
            kinds.extend(event.type for event in connection)
    _check_closed_error(err.value, 1008)
    assert kinds == ["session.created"]
    assert reconnecting == []
    assert _connections(emulator) == 1


def test_recoverable_close_without_on_reconnecting_raises(
    client: Any, emulator: Any
) -> None:
    emulator.faults.ws_close(1011, after_events=1, path="/realtime")
    kinds: list[str] = []
    with pytest.raises(ConnectionClosedError) as err:
        with client.realtime.connect(model="gpt-realtime") as connection:
            kinds.extend(event.type for event in connection)
    _check_closed_error(err.value, 1011)
    assert kinds == ["session.created"]
    assert _connections(emulator) == 1


def test_on_reconnecting_can_abort(client: Any, emulator: Any) -> None:
    emulator.faults.ws_close(1013, after_events=1, path="/realtime")
    seen: list[int] = []

    def abort(event: Any) -> Any:
        seen.append(event.close_code)
        return {"abort": True}

    with pytest.raises(ConnectionClosedError) as err:
        with client.realtime.connect(
            model="gpt-realtime", on_reconnecting=abort
        ) as connection:
            for _ in connection:
                pass
    _check_closed_error(err.value, 1013)
    assert seen == [1013]
    assert _connections(emulator) == 1
