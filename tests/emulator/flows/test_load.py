"""1,000 concurrent streamed chat completions through AsyncOpenAI: nothing lost,
every stream complete. Throughput is printed (for the closing note), never asserted."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

STREAMS = 1000


@pytest.mark.asyncio
async def test_thousand_concurrent_streams(emulator: Any) -> None:
    client = emulator.async_client(max_retries=0, timeout=120)

    async def one(i: int) -> str:
        stream = await client.chat.completions.create(
            model="gpt-4o",
            messages=[{"role": "user", "content": f"load test message {i}"}],
            stream=True,
            stream_options={"include_usage": True},
        )
        text = ""
        usage = None
        async for chunk in stream:
            if chunk.choices:
                text += chunk.choices[0].delta.content or ""
            if chunk.usage is not None:
                usage = chunk.usage
        assert usage is not None and usage.completion_tokens == 7
        return text

    started = time.perf_counter()
    texts = await asyncio.gather(*(one(i) for i in range(STREAMS)))
    elapsed = time.perf_counter() - started
    await client.close()
    assert texts == [f"You said: load test message {i}" for i in range(STREAMS)]
    print(
        f"\n{STREAMS} concurrent streams in {elapsed:.2f}s: {STREAMS / elapsed:.0f} streams/s"
    )
