"""Stream subclasses that replace ``_iterator`` and read ``.response`` (litellm,
langsmith), streams consumed one item per loop (litellm's stream wrapper), and
model classes subclassed with extra fields (litellm, pydantic-ai)."""

from __future__ import annotations

import json
from typing import Any, AsyncIterator, Dict, Iterator, List, Optional

import httpx
import pytest

from openai import AsyncOpenAI, AsyncStream, OpenAI, Stream
from openai._models import BaseModel
from openai.types import CompletionUsage
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from openai.types.chat.chat_completion_chunk import Choice, ChoiceDelta

BASE_URL = "http://compat.test/v1"
KEY = "sk-compat-0000000002"


def _chunk(text: Optional[str], finish: Optional[str] = None) -> bytes:
    body = {
        "id": "c1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "gpt-4o",
        "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


PIECES = [_chunk("a"), _chunk("b"), _chunk(None, "stop"), b"data: [DONE]\n\n"]


class _AsyncPieces(httpx.AsyncByteStream):
    def __init__(self, pieces: List[bytes]) -> None:
        self.pieces = pieces

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            yield piece


def _handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, content=iter(PIECES), headers={"content-type": "text/event-stream"}
    )


def _async_handler(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, stream=_AsyncPieces(PIECES), headers={"content-type": "text/event-stream"}
    )


@pytest.fixture
def client() -> Iterator[OpenAI]:
    c = OpenAI(
        api_key=KEY,
        base_url=BASE_URL,
        http_client=httpx.Client(transport=httpx.MockTransport(_handler)),
    )
    yield c
    c.close()


@pytest.fixture
def async_client() -> AsyncOpenAI:
    transport = httpx.MockTransport(_async_handler)
    return AsyncOpenAI(
        api_key=KEY,
        base_url=BASE_URL,
        http_client=httpx.AsyncClient(transport=transport),
    )


def _stream(client: OpenAI) -> Stream[ChatCompletionChunk]:
    return client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )


# --- Stream subclasses -----------------------------------------------------------------


class LoggingStream(Stream[ChatCompletionChunk]):
    """litellm's transcription logging stream: copies a stream's state, wraps its iterator."""

    def __init__(self, stream: Stream[ChatCompletionChunk]) -> None:
        self.__dict__.update(stream.__dict__)
        self.headers = dict(stream.response.headers)
        self.seen: List[Optional[str]] = []
        source = self._iterator
        self._iterator = self._logging(source)

    def _logging(
        self, source: Iterator[ChatCompletionChunk]
    ) -> Iterator[ChatCompletionChunk]:
        for chunk in source:
            self.seen.append(chunk.choices[0].delta.content)
            yield chunk


def test_stream_subclass_replacing_iterator(client: OpenAI) -> None:
    stream = LoggingStream(_stream(client))
    assert stream.headers["content-type"] == "text/event-stream"
    assert stream.response.status_code == 200 and stream._response is stream.response
    assert [c.choices[0].finish_reason for c in stream] == [None, None, "stop"]
    assert stream.seen == ["a", "b", None]
    assert stream.response.is_closed


def test_iterator_replaced_on_the_instance(client: OpenAI) -> None:
    # langsmith: ``stream._iterator = wrap(stream._iterator)`` on a plain Stream
    stream = _stream(client)
    inner = stream._iterator
    count: List[int] = []

    def wrap() -> Iterator[ChatCompletionChunk]:
        for chunk in inner:
            count.append(1)
            yield chunk

    stream._iterator = wrap()
    assert len(list(stream)) == 3 and len(count) == 3


def test_one_chunk_per_loop_like_litellm(client: OpenAI) -> None:
    # litellm's stream wrapper returns from inside a new ``for`` loop on every call
    stream = _stream(client)

    def next_chunk() -> Optional[ChatCompletionChunk]:
        for chunk in stream:
            return chunk
        return None

    got = [next_chunk() for _ in range(4)]
    assert [c.choices[0].finish_reason if c else "end" for c in got] == [
        None,
        None,
        "stop",
        "end",
    ]


async def test_async_one_chunk_per_loop_like_litellm(async_client: AsyncOpenAI) -> None:
    import asyncio
    import gc

    stream = await async_client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
    )
    assert isinstance(stream, AsyncStream)

    async def next_chunk() -> Optional[ChatCompletionChunk]:
        async for chunk in stream:
            return chunk
        return None

    got: List[Optional[ChatCompletionChunk]] = []
    for _ in range(4):
        got.append(await next_chunk())
        gc.collect()  # the abandoned loop iterators are finalized in between
        await asyncio.sleep(0)
    assert [c.choices[0].finish_reason if c else "end" for c in got] == [
        None,
        None,
        "stop",
        "end",
    ]
    await async_client.close()


async def test_async_stream_subclass_replacing_iterator(
    async_client: AsyncOpenAI,
) -> None:
    class AsyncLogging(AsyncStream[ChatCompletionChunk]):
        def __init__(self, stream: AsyncStream[ChatCompletionChunk]) -> None:
            self.__dict__.update(stream.__dict__)
            self.count = 0
            self._iterator = self._logging(self._iterator)

        async def _logging(
            self, source: AsyncIterator[ChatCompletionChunk]
        ) -> AsyncIterator[ChatCompletionChunk]:
            async for chunk in source:
                self.count += 1
                yield chunk

    stream = AsyncLogging(
        await async_client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "x"}], stream=True
        )
    )
    assert [c.choices[0].delta.content async for c in stream] == ["a", "b", None]
    assert stream.count == 3
    await async_client.close()


# --- models subclassed with extra fields ---------------------------------------------------


def test_base_model_subclass_with_extra_fields() -> None:
    # litellm: ``class OpenAIObject(openai._models.BaseModel)`` with its own fields
    class Usage(CompletionUsage):
        cost: float = 0.0

    usage = Usage(prompt_tokens=1, completion_tokens=2, total_tokens=3, cost=0.5)
    assert usage.cost == 0.5 and usage.total_tokens == 3
    assert usage.model_dump()["cost"] == 0.5

    class Event(BaseModel):
        name: str
        attributes: Dict[str, Any] = {}

    assert Event(name="x").attributes == {}


def test_chat_models_subclassed_like_pydantic_ai() -> None:
    # pydantic-ai subclasses ChatCompletion, ChatCompletionChunk, Choice and ChoiceDelta
    class Delta(ChoiceDelta):
        reasoning_content: Optional[str] = None

    class StreamChoice(Choice):
        delta: Delta  # pyright: ignore[reportIncompatibleVariableOverride]

    class Chunk(ChatCompletionChunk):
        choices: List[StreamChoice]  # type: ignore[assignment]
        provider: str = "compat"

    chunk = Chunk.model_validate(
        {
            "id": "c1",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "m",
            "choices": [
                {
                    "index": 0,
                    "delta": {"content": "x", "reasoning_content": "r"},
                    "finish_reason": None,
                }
            ],
        }
    )
    assert (
        chunk.choices[0].delta.reasoning_content == "r" and chunk.provider == "compat"
    )
    assert isinstance(chunk, ChatCompletionChunk)

    class Completion(ChatCompletion):
        extra_info: Optional[str] = None

    done = Completion.model_validate(
        {
            "id": "c",
            "object": "chat.completion",
            "created": 1,
            "model": "m",
            "extra_info": "e",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": "y"},
                }
            ],
        }
    )
    assert done.extra_info == "e" and done.choices[0].message.content == "y"


def test_model_fields_of_the_official_models() -> None:
    # litellm reads ``model_fields`` (the full comparison: test_types_snapshot)
    assert list(ChatCompletionChunk.model_fields)[:5] == [
        "id",
        "choices",
        "created",
        "model",
        "object",
    ]
    assert "reasoning_content" not in ChoiceDelta.model_fields
    assert set(CompletionUsage.model_fields) >= {
        "prompt_tokens",
        "completion_tokens",
        "total_tokens",
        "prompt_tokens_details",
        "completion_tokens_details",
    }
