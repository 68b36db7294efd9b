"""litellm: completion/stream/embedding/responses for an OpenAI model through api_base."""

from __future__ import annotations

import asyncio

import litellm
from conftest import FAKE_KEY
from fake_server import FakeOpenAI, text, tool_call

litellm.telemetry = False

MESSAGES = [{"role": "user", "content": "Say something"}]


def test_completion(fake: FakeOpenAI) -> None:
    fake.enqueue(text("litellm routed this."))
    response = litellm.completion(
        model="openai/gpt-4o-mini",
        api_base=fake.base_url,
        api_key=FAKE_KEY,
        messages=MESSAGES,
        max_tokens=50,
    )

    assert response.choices[0].message.content == "litellm routed this."  # type: ignore[union-attr]
    assert response.usage.total_tokens > 0  # type: ignore[attr-defined]
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["model"] == "gpt-4o-mini"
    assert request.json["max_tokens"] == 50
    assert request.headers["Authorization"] == f"Bearer {FAKE_KEY}"


def test_completion_without_provider_prefix(fake: FakeOpenAI) -> None:
    fake.enqueue(text("plain model name"))
    response = litellm.completion(
        model="gpt-4o", api_base=fake.base_url, api_key=FAKE_KEY, messages=MESSAGES
    )

    assert response.choices[0].message.content == "plain model name"  # type: ignore[union-attr]


def test_stream(fake: FakeOpenAI) -> None:
    reply = "Streaming through litellm works."
    fake.enqueue(text(reply))
    stream = litellm.completion(
        model="openai/gpt-4o-mini",
        api_base=fake.base_url,
        api_key=FAKE_KEY,
        messages=MESSAGES,
        stream=True,
    )
    pieces = [chunk.choices[0].delta.content or "" for chunk in stream]  # type: ignore[union-attr]

    assert "".join(pieces) == reply
    assert len([p for p in pieces if p]) > 1


def test_tool_call(fake: FakeOpenAI) -> None:
    fake.enqueue(tool_call("lookup", {"q": "weather"}))
    tools = [
        {
            "type": "function",
            "function": {
                "name": "lookup",
                "parameters": {
                    "type": "object",
                    "properties": {"q": {"type": "string"}},
                },
            },
        }
    ]
    response = litellm.completion(
        model="openai/gpt-4o-mini",
        api_base=fake.base_url,
        api_key=FAKE_KEY,
        messages=MESSAGES,
        tools=tools,
    )
    calls = response.choices[0].message.tool_calls  # type: ignore[union-attr]

    assert [(c.function.name, c.function.arguments) for c in calls] == [
        ("lookup", '{"q": "weather"}')
    ]


def test_acompletion(fake: FakeOpenAI) -> None:
    fake.enqueue(text("async litellm"))

    async def run() -> str:
        response = await litellm.acompletion(
            model="openai/gpt-4o-mini",
            api_base=fake.base_url,
            api_key=FAKE_KEY,
            messages=MESSAGES,
        )
        return response.choices[0].message.content  # type: ignore[no-any-return,union-attr]

    assert asyncio.run(run()) == "async litellm"


def test_embedding(fake: FakeOpenAI) -> None:
    response = litellm.embedding(
        model="openai/text-embedding-3-small",
        api_base=fake.base_url,
        api_key=FAKE_KEY,
        input=["a", "b"],
    )

    vectors = [item["embedding"] for item in response.data]
    assert [len(v) for v in vectors] == [1536, 1536]
    assert vectors[0] != vectors[1]


def test_responses(fake: FakeOpenAI) -> None:
    fake.enqueue(text("litellm responses bridge"))
    response = litellm.responses(
        model="openai/gpt-4o-mini",
        api_base=fake.base_url,
        api_key=FAKE_KEY,
        input="hello",
    )

    texts = [
        part.text
        for item in response.output
        for part in getattr(item, "content", None) or []
    ]
    assert texts == ["litellm responses bridge"]
    (request,) = fake.requests_to("/responses")
    assert request.json["input"] == "hello"
