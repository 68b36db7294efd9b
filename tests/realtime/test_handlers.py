"""on / once / off and dispatch_events, sync and async."""

from __future__ import annotations

from typing import Any, List

import pytest

from openai import AsyncOpenAI, OpenAI, OpenAIError

from ._script import ERROR_EVENT, SESSION_CREATED, text_delta
from .conftest import realtime

KEY = "sk-test-handlers-0123456789"
SCRIPT = [("send", SESSION_CREATED), ("send", text_delta("a", 1)), ("send", text_delta("b", 2)),
          ("send", ERROR_EVENT), ("close", 1000, "")]  # fmt: skip


def test_dispatch_runs_handlers_in_order(scripted: Any) -> None:
    server = scripted([SCRIPT])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    seen: List[str] = []

    def never(event: Any) -> None:
        seen.append("removed handler ran")

    with realtime(client).connect(model="m") as connection:
        connection.on("response.output_text.delta", lambda e: seen.append(f"delta:{e.delta}"))
        connection.once("response.output_text.delta", lambda e: seen.append(f"once:{e.delta}"))
        connection.on("session.created", never).off("session.created", never)

        @connection.on("error")
        def on_error(event: Any) -> None:
            seen.append(f"error:{event.error.code}")

        @connection.on("event")
        def every(event: Any) -> None:
            seen.append(f"any:{event.type}")

        connection.dispatch_events()
    assert seen == [
        "any:session.created",
        "delta:a",
        "once:a",
        "any:response.output_text.delta",
        "delta:b",
        "any:response.output_text.delta",
        "error:invalid_value",
        "any:error",
    ]


def test_dispatch_raises_an_unhandled_error_event(scripted: Any) -> None:
    server = scripted([SCRIPT])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    with realtime(client).connect(model="m") as connection:
        with pytest.raises(OpenAIError, match="invalid_value"):
            connection.dispatch_events()


async def test_async_dispatch_awaits_coroutine_handlers(scripted: Any) -> None:
    server = scripted([SCRIPT])
    client = AsyncOpenAI(api_key=KEY, base_url=server.base_url)
    seen: List[str] = []

    async def on_delta(event: Any) -> None:
        seen.append(event.delta)

    manager = realtime(client).connect(model="m")
    manager.on("response.output_text.delta", on_delta)
    manager.on("error", lambda event: seen.append(event.error.message))
    async with manager as connection:
        await connection.dispatch_events()
    assert seen == ["a", "b", "Invalid value for 'item.type'."]


def test_handler_must_be_callable(scripted: Any) -> None:
    server = scripted([SCRIPT])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    with realtime(client).connect(model="m") as connection:
        with pytest.raises(TypeError, match="`handler` must be callable, got str"):
            connection.on("error", "not a function")
