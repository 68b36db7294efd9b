"""openai-responses: its own respx-based mocks of the OpenAI client (no fake server involved).

The library builds official response models from partial dicts, streams chunks
through its EventStream helper, and keeps state for files, assistants, threads,
messages and runs, so it leans on the model classes and the client's transport.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import openai_responses
import pytest
from openai.types.chat import ChatCompletionChunk
from openai_responses import OpenAIMock
from openai_responses.streaming import EventStream

import openai

FAKE_KEY = "sk-fake123"


@openai_responses.mock()
def test_chat_completion_from_partial(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = {
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": "Mocked reply."},
            }
        ]
    }
    client = openai.OpenAI(api_key=FAKE_KEY)
    completion = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
    )

    assert completion.choices[0].message.content == "Mocked reply."
    assert completion.model == "gpt-4o"  # merged from the request body by the mock
    assert openai_mock.chat.completions.create.route.call_count == 1


class _Chunks(EventStream[ChatCompletionChunk]):
    def generate(self) -> Iterator[ChatCompletionChunk]:
        for index, piece in enumerate(["Mocked ", "stream ", "works."]):
            yield ChatCompletionChunk.model_validate(
                {
                    "id": "chatcmpl-mock",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": "gpt-4o",
                    "choices": [
                        {
                            "index": 0,
                            "delta": {"content": piece},
                            "finish_reason": "stop" if index == 2 else None,
                        }
                    ],
                }
            )


@openai_responses.mock()
def test_streamed_chat_completion(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = httpx.Response(
        200, content=_Chunks(), headers={"content-type": "text/event-stream"}
    )
    client = openai.OpenAI(api_key=FAKE_KEY)
    stream = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    pieces = [chunk.choices[0].delta.content for chunk in stream]

    assert pieces == ["Mocked ", "stream ", "works."]


@openai_responses.mock()
def test_embeddings_from_partial(openai_mock: OpenAIMock) -> None:
    openai_mock.embeddings.create.response = {
        "data": [{"object": "embedding", "index": 0, "embedding": [0.25, -0.5, 1.0]}]
    }
    client = openai.OpenAI(api_key=FAKE_KEY)
    result = client.embeddings.create(model="text-embedding-3-small", input="hello")

    assert result.data[0].embedding == [0.25, -0.5, 1.0]
    assert result.model == "text-embedding-3-small"
    assert openai_mock.embeddings.create.route.call_count == 1


@openai_responses.mock()
def test_assistants_threads_runs_state(openai_mock: OpenAIMock) -> None:
    client = openai.OpenAI(api_key=FAKE_KEY)
    assistant = client.beta.assistants.create(
        instructions="You are a math tutor.",
        name="Math Tutor",
        model="gpt-4-turbo",
        tools=[{"type": "code_interpreter"}],
    )
    thread = client.beta.threads.create()
    message = client.beta.threads.messages.create(
        thread.id, role="user", content="Solve 3x + 11 = 14"
    )
    run = client.beta.threads.runs.create(
        thread_id=thread.id, assistant_id=assistant.id
    )

    assert client.beta.assistants.retrieve(assistant.id).name == "Math Tutor"
    listed = client.beta.threads.messages.list(thread.id)
    assert [m.id for m in listed.data] == [message.id]
    assert listed.data[0].content[0].text.value == "Solve 3x + 11 = 14"  # type: ignore[union-attr]
    assert (
        client.beta.threads.runs.retrieve(run.id, thread_id=thread.id).assistant_id
        == assistant.id
    )
    assert openai_mock.beta.threads.runs.create.route.call_count == 1


@openai_responses.mock()
def test_files(openai_mock: OpenAIMock) -> None:
    client = openai.OpenAI(api_key=FAKE_KEY)
    uploaded = client.files.create(
        file=("notes.txt", b"some notes"), purpose="assistants"
    )

    assert uploaded.filename == "notes.txt"
    assert uploaded.bytes > 0  # the mock counts the multipart body, not the file
    assert client.files.retrieve(uploaded.id).purpose == "assistants"
    assert [f.id for f in client.files.list().data] == [
        uploaded.id
    ]  # one page: iterating would follow the cursor
    assert openai_mock.files.create.route.call_count == 1


@openai_responses.mock()
def test_async_client(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = {
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": "async mocked"},
            }
        ]
    }

    async def run() -> str:
        client = openai.AsyncOpenAI(api_key=FAKE_KEY)
        completion = await client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
        return completion.choices[0].message.content or ""

    assert asyncio.run(run()) == "async mocked"


@openai_responses.mock()
def test_error_response_maps_to_typed_exception(openai_mock: OpenAIMock) -> None:
    openai_mock.chat.completions.create.response = httpx.Response(
        429,
        json={
            "error": {
                "message": "slow down",
                "type": "rate_limit_error",
                "code": None,
                "param": None,
            }
        },
    )
    client = openai.OpenAI(api_key=FAKE_KEY, max_retries=0)

    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
    assert caught.value.status_code == 429
    assert "slow down" in str(caught.value)
