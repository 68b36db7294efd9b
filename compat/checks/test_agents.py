"""openai-agents: Runner turns over the Responses and Chat Completions models."""

from __future__ import annotations

import asyncio

from agents import Agent, Runner, function_tool, set_tracing_disabled
from agents.models.openai_chatcompletions import OpenAIChatCompletionsModel
from agents.models.openai_responses import OpenAIResponsesModel
from conftest import FAKE_KEY
from fake_server import FakeOpenAI, json_text, text, tool_call
from pydantic import BaseModel

from openai import AsyncOpenAI

set_tracing_disabled(True)


@function_tool
def get_weather(city: str) -> str:
    """Look up the weather in a city."""
    return f"sunny and 22C in {city}"


def _client(fake: FakeOpenAI) -> AsyncOpenAI:
    return AsyncOpenAI(base_url=fake.base_url, api_key=FAKE_KEY)


def test_responses_model_run_sync_with_tool_call(fake: FakeOpenAI) -> None:
    fake.enqueue(
        tool_call("get_weather", {"city": "Paris"}), text("It is sunny in Paris.")
    )
    agent = Agent(
        name="weather",
        instructions="Answer about the weather.",
        model=OpenAIResponsesModel(model="gpt-4o", openai_client=_client(fake)),
        tools=[get_weather],
    )
    result = Runner.run_sync(agent, "What is the weather in Paris?")

    assert result.final_output == "It is sunny in Paris."
    first, second = fake.requests_to("/responses")
    assert first.json["model"] == "gpt-4o"
    assert first.json["instructions"] == "Answer about the weather."
    assert [t["name"] for t in first.json["tools"]] == ["get_weather"]
    outputs = [
        i for i in second.json["input"] if i.get("type") == "function_call_output"
    ]
    assert outputs and "sunny and 22C in Paris" in str(outputs[0]["output"])


def test_chat_completions_model_run_sync(fake: FakeOpenAI) -> None:
    fake.enqueue(text("Bonjour!"))
    agent = Agent(
        name="greeter",
        instructions="Greet in French.",
        model=OpenAIChatCompletionsModel(
            model="gpt-4o-mini", openai_client=_client(fake)
        ),
    )
    result = Runner.run_sync(agent, "Say hello")

    assert result.final_output == "Bonjour!"
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["messages"][0] == {
        "role": "system",
        "content": "Greet in French.",
    }
    assert request.json["messages"][-1]["content"] == "Say hello"


class Weather(BaseModel):
    city: str
    celsius: int


def test_structured_output_over_responses(fake: FakeOpenAI) -> None:
    fake.enqueue(json_text({"city": "Oslo", "celsius": -3}))
    agent = Agent(
        name="structured",
        model=OpenAIResponsesModel(model="gpt-4o", openai_client=_client(fake)),
        output_type=Weather,
    )
    result = Runner.run_sync(agent, "Weather in Oslo as JSON")

    assert result.final_output == Weather(city="Oslo", celsius=-3)
    (request,) = fake.requests_to("/responses")
    assert request.json["text"]["format"]["type"] == "json_schema"


def test_run_streamed_over_responses(fake: FakeOpenAI) -> None:
    reply = "Streaming works through the Agents SDK."
    fake.enqueue(text(reply))
    agent = Agent(
        name="streamer",
        model=OpenAIResponsesModel(model="gpt-4o", openai_client=_client(fake)),
    )

    async def run() -> list[str]:
        result = Runner.run_streamed(agent, "stream please")
        deltas: list[str] = []
        async for event in result.stream_events():
            if (
                event.type == "raw_response_event"
                and event.data.type == "response.output_text.delta"
            ):
                deltas.append(event.data.delta)
        assert result.final_output == reply
        return deltas

    deltas = asyncio.run(run())
    assert "".join(deltas) == reply
    assert len(deltas) > 1
    (request,) = fake.requests_to("/responses")
    assert request.json["stream"] is True
