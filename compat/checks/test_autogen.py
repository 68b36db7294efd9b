"""autogen-ext: OpenAIChatCompletionClient create/create_stream/tools/structured output, Azure client."""

from __future__ import annotations

import asyncio
from typing import Any

from autogen_core import CancellationToken
from autogen_core.models import CreateResult, SystemMessage, UserMessage
from autogen_core.tools import FunctionTool
from autogen_ext.models.openai import (
    AzureOpenAIChatCompletionClient,
    OpenAIChatCompletionClient,
)
from conftest import FAKE_KEY
from fake_server import FakeOpenAI, json_text, text, tool_call
from pydantic import BaseModel

MESSAGES: list[Any] = [
    SystemMessage(content="Be brief."),
    UserMessage(content="Hello", source="user"),
]


def _client(fake: FakeOpenAI) -> OpenAIChatCompletionClient:
    return OpenAIChatCompletionClient(
        model="gpt-4o", base_url=fake.base_url, api_key=FAKE_KEY, temperature=0.1
    )


def test_create(fake: FakeOpenAI) -> None:
    fake.enqueue(text("AutoGen reply."))
    result = asyncio.run(_client(fake).create(MESSAGES))

    assert result.content == "AutoGen reply."
    assert result.finish_reason == "stop"
    assert result.usage.completion_tokens > 0
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["model"] == "gpt-4o"
    assert request.json["temperature"] == 0.1
    assert request.json["messages"][0] == {"role": "system", "content": "Be brief."}


def test_create_stream(fake: FakeOpenAI) -> None:
    reply = "AutoGen streams this reply."
    fake.enqueue(text(reply))

    async def run() -> list[Any]:
        return [item async for item in _client(fake).create_stream(MESSAGES)]

    items = asyncio.run(run())
    *deltas, final = items
    assert isinstance(final, CreateResult)
    assert final.content == reply
    assert "".join(deltas) == reply
    assert len(deltas) > 1


def test_tool_call_and_result(fake: FakeOpenAI) -> None:
    def get_time(city: str) -> str:
        """Current time in a city."""
        return f"12:00 in {city}"

    tool = FunctionTool(get_time, description="Current time in a city.")
    fake.enqueue(tool_call("get_time", {"city": "Rome"}))
    client = _client(fake)
    result = asyncio.run(client.create(MESSAGES, tools=[tool]))

    assert result.finish_reason == "function_calls"
    assert isinstance(result.content, list)
    (call,) = result.content
    assert (call.name, call.arguments) == ("get_time", '{"city": "Rome"}')
    output = asyncio.run(tool.run_json({"city": "Rome"}, CancellationToken()))
    assert output == "12:00 in Rome"


class Answer(BaseModel):
    value: int
    unit: str


def test_structured_output(fake: FakeOpenAI) -> None:
    fake.enqueue(json_text({"value": 3, "unit": "km"}))
    result = asyncio.run(_client(fake).create(MESSAGES, json_output=Answer))

    assert isinstance(result.content, str)
    assert Answer.model_validate_json(result.content) == Answer(value=3, unit="km")
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["response_format"]["type"] == "json_schema"
    assert request.json["response_format"]["json_schema"]["name"] == "Answer"


def test_azure_client(fake: FakeOpenAI) -> None:
    fake.enqueue(text("AutoGen on Azure."))
    client = AzureOpenAIChatCompletionClient(
        model="gpt-4o",
        azure_deployment="ag-deployment",
        azure_endpoint=fake.base_url[: -len("/v1")],
        api_version="2024-10-21",
        api_key=FAKE_KEY,
    )
    result = asyncio.run(client.create(MESSAGES))

    assert result.content == "AutoGen on Azure."
    (request,) = fake.requests_to("/chat/completions")
    assert (
        request.path
        == "/openai/deployments/ag-deployment/chat/completions?api-version=2024-10-21"
    )
    assert request.headers["api-key"] == FAKE_KEY
