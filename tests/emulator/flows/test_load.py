"""1,000 concurrent streamed chat completions through AsyncOpenAI: nothing lost,
every stream complete. Once over the default httpx transport, once over
`DefaultAioHttpClient` when the aiohttp extra is installed. Throughput is printed
(for the closing note), never asserted."""

from __future__ import annotations

import asyncio
import importlib.util
import time
from typing import Any

import pytest

import openai

STREAMS = 1000


def _http_client(kind: str) -> Any:
    if kind == "httpx":
        return None  # the client's own default
    if importlib.util.find_spec("httpx_aiohttp") is None:
        pytest.skip("the aiohttp extra is not installed")
    return openai.DefaultAioHttpClient()


@pytest.mark.parametrize("kind", ["httpx", "aiohttp"])
async def test_thousand_concurrent_streams(emulator: Any, kind: str) -> None:
    http_client = _http_client(kind)
    extra = {} if http_client is None else {"http_client": http_client}
    client = emulator.async_client(max_retries=0, timeout=120, **extra)

    async def one(i: int) -> tuple[str, str | None, int]:
        stream = await client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": f"load test message {i}"}],
            stream=True,
            stream_options={"include_usage": True},
        )
        text = ""
        finish = None
        tokens = -1
        async for chunk in stream:
            if chunk.choices:
                text += chunk.choices[0].delta.content or ""
                finish = chunk.choices[0].finish_reason or finish
            if chunk.usage is not None:
                tokens = chunk.usage.completion_tokens
        return text, finish, tokens

    started = time.perf_counter()
    results = await asyncio.gather(*(one(i) for i in range(STREAMS)))
    elapsed = time.perf_counter() - started
    await client.close()
    assert results == [
        (f"You said: load test message {i}", "stop", 7) for i in range(STREAMS)
    ]
    posts = [r for r in emulator.requests if r["path"] == "/chat/completions"]
    assert len(posts) == STREAMS
    rate = STREAMS / elapsed
    print(f"\n{STREAMS} concurrent streams ({kind}) in {elapsed:.2f}s: {rate:.0f}/s")
