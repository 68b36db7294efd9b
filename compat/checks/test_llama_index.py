"""llama-index-llms-openai: OpenAI chat/stream_chat/complete/structured_predict, OpenAIResponses."""

from __future__ import annotations

import asyncio

from conftest import FAKE_KEY
from fake_server import FakeOpenAI, json_text, text, tool_call
from llama_index.core.llms import ChatMessage
from llama_index.core.prompts import PromptTemplate
from llama_index.llms.openai import OpenAI, OpenAIResponses
from pydantic import BaseModel


def _llm(fake: FakeOpenAI) -> OpenAI:
    return OpenAI(
        model="gpt-4o-mini", api_base=fake.base_url, api_key=FAKE_KEY, temperature=0.3
    )


MESSAGES = [
    ChatMessage(role="system", content="Be brief."),
    ChatMessage(role="user", content="Hi there"),
]


def test_chat(fake: FakeOpenAI) -> None:
    fake.enqueue(text("Hello from llama-index."))
    response = _llm(fake).chat(MESSAGES)

    assert response.message.content == "Hello from llama-index."
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["model"] == "gpt-4o-mini"
    assert request.json["temperature"] == 0.3
    assert [m["role"] for m in request.json["messages"]] == ["system", "user"]


def test_stream_chat(fake: FakeOpenAI) -> None:
    reply = "Streaming chat in llama-index."
    fake.enqueue(text(reply))
    deltas = [chunk.delta or "" for chunk in _llm(fake).stream_chat(MESSAGES)]

    assert "".join(deltas) == reply
    assert len([d for d in deltas if d]) > 1


def test_complete(fake: FakeOpenAI) -> None:
    # Chat models serve complete() through the chat endpoint.
    fake.enqueue(text("completed text"))
    response = _llm(fake).complete("Finish this:")

    assert response.text == "completed text"
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["messages"][-1]["content"] == "Finish this:"


def test_astream_chat(fake: FakeOpenAI) -> None:
    reply = "Async stream in llama-index."
    fake.enqueue(text(reply))

    async def run() -> str:
        parts = []
        async for chunk in await _llm(fake).astream_chat(MESSAGES):
            parts.append(chunk.delta or "")
        return "".join(parts)

    assert asyncio.run(run()) == reply


class Song(BaseModel):
    title: str
    length_seconds: int


def test_structured_predict_via_structured_outputs(fake: FakeOpenAI) -> None:
    # gpt-4o-mini supports structured outputs, so llama-index sends a json_schema response_format.
    fake.enqueue(json_text({"title": "Blue", "length_seconds": 200}))
    song = _llm(fake).structured_predict(
        Song, PromptTemplate("Make up a song about {topic}"), topic="sky"
    )

    assert song == Song(title="Blue", length_seconds=200)
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["response_format"]["json_schema"]["name"] == "Song"


def test_predict_and_call_runs_a_tool(fake: FakeOpenAI) -> None:
    from llama_index.core.tools import FunctionTool

    def add(a: int, b: int) -> int:
        """Add two integers."""
        return a + b

    fake.enqueue(tool_call("add", {"a": 2, "b": 40}))
    response = _llm(fake).predict_and_call(
        [FunctionTool.from_defaults(fn=add)], "What is 2 + 40?"
    )

    assert response.response == "42"
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["tools"][0]["function"]["name"] == "add"


def test_responses_llm_chat_and_stream(fake: FakeOpenAI) -> None:
    llm = OpenAIResponses(model="gpt-4o-mini", api_base=fake.base_url, api_key=FAKE_KEY)
    fake.enqueue(text("llama-index over responses"), text("streamed over responses"))

    assert llm.chat(MESSAGES).message.content == "llama-index over responses"
    deltas = [chunk.delta or "" for chunk in llm.stream_chat(MESSAGES)]
    assert "".join(deltas) == "streamed over responses"
    first, second = fake.requests_to("/responses")
    assert "stream" not in first.json or first.json["stream"] is False
    assert second.json["stream"] is True
