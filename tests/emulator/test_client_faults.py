"""Our client against the emulator's injected faults, for what the official package
does differently or does not expose: the delays it waits (retry-after), `retries_taken`,
timeouts retried, and truncated streams, which must raise, never end short.

Uses the pytest plugin's fixtures (`openai_emulator`), so the plugin is exercised too.
The client's `_sleep` is replaced by a recorder: the tests check which delays the
client chose without waiting for them.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest

import openai
from openai.testing import Emulator

CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "a b c d e f"}]}
RESPONSE = {"model": "gpt-5.5", "input": "a b c d e f"}


def _sync_client(
    emulator: Emulator, **kwargs: Any
) -> tuple[openai.OpenAI, list[float]]:
    client: openai.OpenAI = emulator.client(**kwargs)
    sleeps: list[float] = []
    client._sleep = sleeps.append  # type: ignore[method-assign]
    return client, sleeps


def _async_client(
    emulator: Emulator, **kwargs: Any
) -> tuple[openai.AsyncOpenAI, list[float]]:
    client: openai.AsyncOpenAI = emulator.async_client(**kwargs)
    sleeps: list[float] = []

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    client._sleep = record  # type: ignore[method-assign]
    return client, sleeps


def _seen(emulator: Emulator, path: str) -> list[dict[str, Any]]:
    return [r for r in emulator.requests if r["path"] == path]


# --- retries ------------------------------------------------------------------------


def test_retry_after_is_honoured_then_success(openai_emulator: Emulator) -> None:
    openai_emulator.faults.http_error(
        429, times=2, retry_after=1.5, path="/chat/completions"
    )
    client, sleeps = _sync_client(openai_emulator, max_retries=3)
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-4o", messages=[{"role": "user", "content": "retry"}]
    )
    assert raw.retries_taken == 2
    assert sleeps == [1.5, 1.5]
    assert raw.parse().choices[0].message.content == "You said: retry"
    seen = _seen(openai_emulator, "/chat/completions")
    assert [r["headers"]["x-stainless-retry-count"] for r in seen] == ["0", "1", "2"]


def test_retry_after_ms_is_honoured(openai_emulator: Emulator) -> None:
    openai_emulator.faults.http_error(
        503, times=1, retry_after_ms=250, path="/embeddings"
    )
    client, sleeps = _sync_client(openai_emulator, max_retries=1)
    raw = client.embeddings.with_raw_response.create(
        model="text-embedding-3-small", input="x", encoding_format="float"
    )
    assert raw.retries_taken == 1 and sleeps == [0.25]
    assert len(raw.parse().data[0].embedding) == 1536
    assert len(_seen(openai_emulator, "/embeddings")) == 2


def test_retries_run_out(openai_emulator: Emulator) -> None:
    openai_emulator.faults.http_error(429, times=5, retry_after=2, path="/models")
    client, sleeps = _sync_client(openai_emulator, max_retries=2)
    with pytest.raises(openai.RateLimitError) as err:
        client.models.list()
    assert err.value.status_code == 429
    assert err.value.response.headers["retry-after"] == "2"
    assert sleeps == [2.0, 2.0]
    assert len(_seen(openai_emulator, "/models")) == 3


async def test_async_retry_after_is_honoured(openai_emulator: Emulator) -> None:
    openai_emulator.faults.http_error(429, times=2, retry_after=3, path="/responses")
    client, sleeps = _async_client(openai_emulator, max_retries=2)
    raw = await client.responses.with_raw_response.create(model="gpt-5.5", input="hi")
    assert raw.retries_taken == 2 and sleeps == [3.0, 3.0]
    assert raw.parse().status == "completed"
    assert len(_seen(openai_emulator, "/responses")) == 3


# --- timeouts ------------------------------------------------------------------------


def test_slow_first_byte_times_out(openai_emulator: Emulator) -> None:
    openai_emulator.faults.slow_first_byte(1.0, path="/models")
    client, _ = _sync_client(openai_emulator, max_retries=0, timeout=0.2)
    with pytest.raises(openai.APITimeoutError):
        client.models.list()
    assert len(_seen(openai_emulator, "/models")) == 1


def test_timeout_is_retried(openai_emulator: Emulator) -> None:
    openai_emulator.faults.slow_first_byte(1.0, times=1, path="/models/gpt-4o")
    client, sleeps = _sync_client(openai_emulator, max_retries=2, timeout=0.2)
    raw = client.models.with_raw_response.retrieve("gpt-4o")
    assert raw.retries_taken == 1 and len(sleeps) == 1
    assert raw.parse().id == "gpt-4o"
    assert len(_seen(openai_emulator, "/models/gpt-4o")) == 2


async def test_async_timeout_is_retried(openai_emulator: Emulator) -> None:
    openai_emulator.faults.slow_first_byte(1.0, times=1, path="/models/gpt-4o")
    client, sleeps = _async_client(openai_emulator, max_retries=1, timeout=0.2)
    model = await client.models.retrieve("gpt-4o")
    assert model.id == "gpt-4o" and len(sleeps) == 1
    assert len(_seen(openai_emulator, "/models/gpt-4o")) == 2


# --- truncated streams -----------------------------------------------------------


def _chat_stream(client: Any) -> Any:
    return client.chat.completions.create(**CHAT, stream=True)


def _response_stream(client: Any) -> Any:
    return client.responses.create(**RESPONSE, stream=True)


STREAMS: list[tuple[str, str, Callable[[Any], Any]]] = [
    ("chat", "/chat/completions", _chat_stream),
    ("responses", "/responses", _response_stream),
]


@pytest.mark.parametrize("abrupt", [True, False], ids=["reset", "clean-end"])
@pytest.mark.parametrize(("kind", "path", "start"), STREAMS, ids=["chat", "responses"])
def test_truncated_stream_raises(
    openai_emulator: Emulator,
    kind: str,
    path: str,
    start: Callable[[Any], Any],
    abrupt: bool,
) -> None:
    openai_emulator.faults.drop_stream(after_events=3, abrupt=abrupt, path=path)
    client, _ = _sync_client(openai_emulator, max_retries=2)
    received: list[Any] = []
    with pytest.raises(openai.APIConnectionError) as err:
        for event in start(client):
            received.append(event)
    assert len(received) == 3
    if not abrupt:
        assert "ended before its terminal event" in str(err.value)
    # a cut stream is not retried behind the caller's back
    assert len(_seen(openai_emulator, path)) == 1
    # and the next one is whole
    events = list(start(client))
    last = events[-1]
    if kind == "chat":
        assert last.choices[0].finish_reason == "stop"
    else:
        assert last.type == "response.completed"


@pytest.mark.parametrize("abrupt", [True, False], ids=["reset", "clean-end"])
@pytest.mark.parametrize(("kind", "path", "start"), STREAMS, ids=["chat", "responses"])
async def test_async_truncated_stream_raises(
    openai_emulator: Emulator,
    kind: str,
    path: str,
    start: Callable[[Any], Any],
    abrupt: bool,
) -> None:
    openai_emulator.faults.drop_stream(after_events=2, abrupt=abrupt, path=path)
    client, _ = _async_client(openai_emulator, max_retries=2)
    received: list[Any] = []
    with pytest.raises(openai.APIConnectionError) as err:
        async for event in await start(client):
            received.append(event)
    assert len(received) == 2, kind
    if not abrupt:
        assert "ended before its terminal event" in str(err.value)
    assert len(_seen(openai_emulator, path)) == 1
