"""Closes: recoverable ones with reconnection and queued sends, unrecoverable ones, a full queue."""

from __future__ import annotations

import asyncio
from typing import Any, List

import pytest
import websockets.exceptions

import openai
from openai import AsyncOpenAI, OpenAI, ReconnectingEvent, WebSocketConnectionClosedError, WebSocketQueueFullError

from ._script import RESPONSE_DONE, SESSION_CREATED
from .conftest import realtime

KEY = "sk-test-reconnect-0123456789"

# first connection: one event, then a recoverable close; second: expect the queued sends
RECOVERABLE = [
    [("send", SESSION_CREATED), ("close", 1011, "internal hiccup")],
    [("send", SESSION_CREATED), ("expect", "input_audio_buffer.append"), ("expect", "response.create"),
     ("send", RESPONSE_DONE), ("until_closed",)],
]  # fmt: skip


def test_recoverable_close_reconnects_and_flushes_queued_sends_sync(scripted: Any) -> None:
    server = scripted(RECOVERABLE)
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    events: List[ReconnectingEvent] = []
    holder: List[Any] = []

    def on_reconnecting(event: ReconnectingEvent) -> Any:
        events.append(event)
        # sent while reconnecting: queued, then flushed in order on the new socket
        holder[0].input_audio_buffer.append(audio="AAAA")
        holder[0].response.create()
        return {"extra_query": {"resume": "yes"}, "extra_headers": {"X-Resume": "1"}}

    with realtime(client).connect(
        model="gpt-realtime-2", on_reconnecting=on_reconnecting, initial_delay=0.01, extra_query={"first": "1"}
    ) as connection:
        holder.append(connection)
        types = []
        for event in connection:
            types.append(event.type)
            if event.type == "response.done":
                break
    assert types == ["session.created", "session.created", "response.done"]
    assert len(events) == 1
    event = events[0]
    assert (event.attempt, event.max_attempts, event.close_code) == (1, 5, 1011)
    assert 0.0075 <= event.delay <= 0.01  # initial_delay less at most 25% jitter
    assert event.extra_query == {"first": "1"} and event.extra_headers == {}
    assert server.connections[0].path == "/v1/realtime?model=gpt-realtime-2&first=1"
    second = server.wait(1)
    assert second.path == "/v1/realtime?model=gpt-realtime-2&resume=yes"
    assert second.headers["X-Resume"] == "1"
    assert second.headers["Authorization"] == f"Bearer {KEY}"
    assert second.received == [{"type": "input_audio_buffer.append", "audio": "AAAA"}, {"type": "response.create"}]


async def test_recoverable_close_reconnects_and_flushes_queued_sends_async(scripted: Any) -> None:
    server = scripted(RECOVERABLE)
    client = AsyncOpenAI(api_key=KEY, base_url=server.base_url)
    events: List[ReconnectingEvent] = []
    async with realtime(client).connect(
        model="gpt-realtime-2", on_reconnecting=events.append, initial_delay=0.05
    ) as connection:

        async def sender() -> None:
            while not connection._reconnecting:  # another task sends while the reconnect waits
                await asyncio.sleep(0.001)
            await connection.input_audio_buffer.append(audio="AAAA")
            await connection.response.create()

        task = asyncio.ensure_future(sender())
        types = []
        async for event in connection:
            types.append(event.type)
            if event.type == "response.done":
                break
        await task
    assert types == ["session.created", "session.created", "response.done"]
    assert [(e.attempt, e.close_code) for e in events] == [(1, 1011)]
    assert server.wait(1).types == ["input_audio_buffer.append", "response.create"]


def test_abrupt_drop_is_recoverable_and_failed_attempts_back_off(scripted: Any) -> None:
    server = scripted(
        [
            [("send", SESSION_CREATED), ("drop",)],
            ("reject", 503),
            ("reject", 503),
            [("send", SESSION_CREATED), ("close", 1000, "bye")],
        ]
    )
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    events: List[ReconnectingEvent] = []
    with realtime(client).connect(
        model="m", on_reconnecting=events.append, initial_delay=0.01, max_delay=0.025
    ) as connection:
        types = [event.type for event in connection]
    assert types == ["session.created", "session.created"]
    assert [(e.attempt, e.close_code) for e in events] == [(1, 1006), (2, 1006), (3, 1006)]
    # 0.01, 0.02, then capped at 0.025; each less at most 25% jitter
    for event, full in zip(events, [0.01, 0.02, 0.025]):
        assert full * 0.75 <= event.delay <= full
    assert len(server.connections) == 4


def test_giving_up_raises_with_the_unsent_messages(scripted: Any) -> None:
    server = scripted([[("send", SESSION_CREATED), ("close", 1012, "restart")], ("reject", 503)])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    holder: List[Any] = []

    def on_reconnecting(event: ReconnectingEvent) -> None:
        if event.attempt == 1:
            holder[0].input_audio_buffer.append(audio="QUEUED")

    with realtime(client).connect(
        model="m", on_reconnecting=on_reconnecting, max_retries=2, initial_delay=0.001
    ) as connection:
        holder.append(connection)
        assert connection.recv().type == "session.created"
        with pytest.raises(WebSocketConnectionClosedError) as caught:
            connection.recv()
    error = caught.value
    assert error.unsent_messages == ['{"type":"input_audio_buffer.append","audio":"QUEUED"}']
    assert "code 1012" in str(error) and "Reconnection failed after 2 attempt(s)" in str(error)
    assert "HTTP 503" in str(error)
    # code written against the official package catches websockets' own class
    assert isinstance(error, websockets.exceptions.ConnectionClosedError)
    assert error.rcvd is not None and error.rcvd.code == 1012
    assert len(server.connections) == 3


def test_abort_from_on_reconnecting_stops_at_once(scripted: Any) -> None:
    server = scripted([[("send", SESSION_CREATED), ("close", 1001, "going away")]])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    calls: List[int] = []

    def on_reconnecting(event: ReconnectingEvent) -> Any:
        calls.append(event.attempt)
        return {"abort": True}

    with realtime(client).connect(model="m", on_reconnecting=on_reconnecting) as connection:
        with pytest.raises(WebSocketConnectionClosedError, match="aborted the reconnection"):
            list(connection)
    assert calls == [1]
    assert len(server.connections) == 1


@pytest.mark.parametrize("code", [1008, 4000])
def test_unrecoverable_close_raises_without_reconnecting(scripted: Any, code: int) -> None:
    server = scripted([[("send", SESSION_CREATED), ("close", code, "policy")]])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    calls: List[ReconnectingEvent] = []
    with realtime(client).connect(model="m", on_reconnecting=calls.append) as connection:
        assert connection.recv().type == "session.created"
        with pytest.raises(WebSocketConnectionClosedError) as caught:
            connection.recv()
        # a send on the closed socket fails the same way, keeping the message
        with pytest.raises(openai.WebSocketConnectionClosedError) as caught_send:
            connection.response.create()
    assert calls == []
    assert f"code {code}" in str(caught.value) and "'policy'" in str(caught.value)
    assert caught.value.unsent_messages == []
    assert caught_send.value.unsent_messages == ['{"type":"response.create"}']
    assert len(server.connections) == 1


def test_recoverable_close_without_on_reconnecting_says_how_to_recover(scripted: Any) -> None:
    server = scripted([[("send", SESSION_CREATED), ("close", 1011, "oops")]])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    with realtime(client).connect(model="m") as connection:
        with pytest.raises(WebSocketConnectionClosedError, match="pass `on_reconnecting=`"):
            for _event in connection:
                pass
    assert len(server.connections) == 1


async def test_unrecoverable_close_async(scripted: Any) -> None:
    server = scripted([[("send", SESSION_CREATED), ("close", 1003, "unsupported")]])
    client = AsyncOpenAI(api_key=KEY, base_url=server.base_url)
    calls: List[ReconnectingEvent] = []
    async with realtime(client).connect(model="m", on_reconnecting=calls.append) as connection:
        with pytest.raises(WebSocketConnectionClosedError, match="code 1003"):
            async for _event in connection:
                pass
    assert calls == []


def test_full_queue_raises_and_keeps_what_fits(scripted: Any) -> None:
    server = scripted(
        [[("send", SESSION_CREATED), ("close", 1013, "try later")],
         [("expect", "input_audio_buffer.append"), ("send", RESPONSE_DONE), ("until_closed",)]]
    )  # fmt: skip
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    holder: List[Any] = []
    outcomes: List[str] = []

    def on_reconnecting(event: ReconnectingEvent) -> None:
        holder[0].input_audio_buffer.append(audio="A" * 10)  # 57 bytes: fits in 100
        try:
            holder[0].input_audio_buffer.append(audio="B" * 40)  # 87 more would make 144
        except WebSocketQueueFullError as error:
            outcomes.append(str(error))

    with realtime(client).connect(
        model="m", on_reconnecting=on_reconnecting, max_queue_size=100, initial_delay=0.001
    ) as connection:
        holder.append(connection)
        types = []
        for event in connection:
            types.append(event.type)
            if event.type == "response.done":
                break
    assert types == ["session.created", "response.done"]
    assert len(outcomes) == 1
    small = len('{"type":"input_audio_buffer.append","audio":""}') + 10
    assert (small, small + 30) == (57, 87)
    assert "87-byte message" in outcomes[0] and "holds 57 of at most 100 bytes" in outcomes[0]
    assert server.wait(1).received == [{"type": "input_audio_buffer.append", "audio": "A" * 10}]


def test_manager_send_and_handlers_before_enter(scripted: Any) -> None:
    server = scripted([[("send", SESSION_CREATED), ("expect", "response.create"), ("close", 1000, "")]])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    manager = realtime(client).connect(model="m")
    manager.send({"type": "response.create", "event_id": "early"})
    seen: List[str] = []
    manager.on("session.created", lambda event: seen.append(event.session.id))
    with manager as connection:
        connection.dispatch_events()
    assert seen == ["sess_1"]
    assert server.wait(0).received == [{"type": "response.create", "event_id": "early"}]


def test_close_by_client_ends_iteration(scripted: Any) -> None:
    server = scripted([[("send", SESSION_CREATED), ("until_closed",)]])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    calls: List[ReconnectingEvent] = []
    with realtime(client).connect(model="m", on_reconnecting=calls.append) as connection:
        assert connection.recv().type == "session.created"
        connection.close()
        assert list(connection) == []
        with pytest.raises(websockets.exceptions.ConnectionClosedOK):
            connection.recv()
    assert calls == []
