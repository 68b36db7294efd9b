"""pydantic-ai: Agent runs with OpenAIChatModel and OpenAIResponsesModel, tools, structured output, streaming."""

from __future__ import annotations

import asyncio

from conftest import FAKE_KEY
from fake_server import FakeOpenAI, text, tool_call
from pydantic import BaseModel
from pydantic_ai import Agent
from pydantic_ai.embeddings import Embedder
from pydantic_ai.embeddings.openai import OpenAIEmbeddingModel
from pydantic_ai.models.openai import OpenAIChatModel, OpenAIResponsesModel
from pydantic_ai.providers.openai import OpenAIProvider


def _provider(fake: FakeOpenAI) -> OpenAIProvider:
    return OpenAIProvider(base_url=fake.base_url, api_key=FAKE_KEY)


def test_chat_model_run_sync(fake: FakeOpenAI) -> None:
    fake.enqueue(text("pydantic-ai over chat completions"))
    agent = Agent(
        OpenAIChatModel("gpt-4o", provider=_provider(fake)), instructions="Be terse."
    )
    result = agent.run_sync("hello")

    assert result.output == "pydantic-ai over chat completions"
    assert result.usage.total_tokens > 0
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["model"] == "gpt-4o"
    assert request.json["messages"][0] == {"role": "system", "content": "Be terse."}


def test_chat_model_tool_round_trip(fake: FakeOpenAI) -> None:
    agent = Agent(OpenAIChatModel("gpt-4o", provider=_provider(fake)))

    @agent.tool_plain
    def roll_die() -> int:
        """Roll a six-sided die."""
        return 4

    fake.enqueue(tool_call("roll_die", {}), text("You rolled a 4."))
    result = agent.run_sync("Roll a die")

    assert result.output == "You rolled a 4."
    first, second = fake.requests_to("/chat/completions")
    assert first.json["tools"][0]["function"]["name"] == "roll_die"
    tool_messages = [m for m in second.json["messages"] if m["role"] == "tool"]
    assert tool_messages and tool_messages[0]["content"] == "4"


class City(BaseModel):
    name: str
    population: int


def test_chat_model_structured_output(fake: FakeOpenAI) -> None:
    fake.enqueue(tool_call("final_result", {"name": "Lyon", "population": 520000}))
    agent = Agent(OpenAIChatModel("gpt-4o", provider=_provider(fake)), output_type=City)
    result = agent.run_sync("Biggest city near the Alps?")

    assert result.output == City(name="Lyon", population=520000)


def test_chat_model_run_stream(fake: FakeOpenAI) -> None:
    reply = "Streaming text through pydantic-ai."
    fake.enqueue(text(reply))
    agent = Agent(OpenAIChatModel("gpt-4o", provider=_provider(fake)))

    async def run() -> list[str]:
        async with agent.run_stream("stream") as result:
            return [delta async for delta in result.stream_text(delta=True)]

    deltas = asyncio.run(run())
    assert "".join(deltas) == reply  # pydantic-ai coalesces deltas, so no count check
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["stream"] is True


def test_responses_model_run_sync(fake: FakeOpenAI) -> None:
    fake.enqueue(text("pydantic-ai over responses"))
    agent = Agent(OpenAIResponsesModel("gpt-4o", provider=_provider(fake)))
    result = agent.run_sync("hello")

    assert result.output == "pydantic-ai over responses"
    (request,) = fake.requests_to("/responses")
    assert request.json["model"] == "gpt-4o"


def test_responses_model_tool_and_stream(fake: FakeOpenAI) -> None:
    agent = Agent(OpenAIResponsesModel("gpt-4o", provider=_provider(fake)))

    @agent.tool_plain
    def capital(country: str) -> str:
        """Capital of a country."""
        return {"France": "Paris"}[country]

    reply = "The capital is Paris."
    fake.enqueue(tool_call("capital", {"country": "France"}), text(reply))

    async def run() -> str:
        async with agent.run_stream("Capital of France?") as result:
            return await result.get_output()

    assert asyncio.run(run()) == reply
    first, second = fake.requests_to("/responses")
    assert first.json["stream"] is True
    outputs = [
        i for i in second.json["input"] if i.get("type") == "function_call_output"
    ]
    assert outputs and outputs[0]["output"] == "Paris"


def test_embeddings(fake: FakeOpenAI) -> None:
    embedder = Embedder(
        OpenAIEmbeddingModel("text-embedding-3-small", provider=_provider(fake))
    )
    result = asyncio.run(embedder.embed_documents(["alpha", "beta"]))

    assert [len(v) for v in result.embeddings] == [1536, 1536]
    assert result["alpha"] != result["beta"]
