"""semantic-kernel: OpenAIChatCompletion (plain, streaming, auto function calling), Azure, embeddings."""

from __future__ import annotations

import asyncio

from conftest import FAKE_KEY
from fake_server import FakeOpenAI, text, tool_call
from semantic_kernel import Kernel
from semantic_kernel.connectors.ai.function_choice_behavior import (
    FunctionChoiceBehavior,
)
from semantic_kernel.connectors.ai.open_ai import (
    AzureChatCompletion,
    OpenAIChatCompletion,
    OpenAIChatPromptExecutionSettings,
    OpenAITextEmbedding,
)
from semantic_kernel.contents import ChatHistory
from semantic_kernel.functions import kernel_function

from openai import AsyncAzureOpenAI, AsyncOpenAI


def _service(fake: FakeOpenAI) -> OpenAIChatCompletion:
    client = AsyncOpenAI(base_url=fake.base_url, api_key=FAKE_KEY)
    return OpenAIChatCompletion(ai_model_id="gpt-4o-mini", async_client=client)


def _history(question: str) -> ChatHistory:
    history = ChatHistory(system_message="You are helpful.")
    history.add_user_message(question)
    return history


def test_get_chat_message_content(fake: FakeOpenAI) -> None:
    fake.enqueue(text("Semantic Kernel says hi."))
    service = _service(fake)
    settings = OpenAIChatPromptExecutionSettings(max_tokens=30)
    reply = asyncio.run(service.get_chat_message_content(_history("hello"), settings))

    assert reply is not None and str(reply) == "Semantic Kernel says hi."
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["model"] == "gpt-4o-mini"
    assert request.json["max_tokens"] == 30
    assert request.json["messages"][0] == {
        "role": "system",
        "content": "You are helpful.",
    }


def test_streaming(fake: FakeOpenAI) -> None:
    reply = "Streaming from Semantic Kernel."
    fake.enqueue(text(reply))
    service = _service(fake)

    async def run() -> list[str]:
        parts: list[str] = []
        settings = OpenAIChatPromptExecutionSettings()
        async for chunk in service.get_streaming_chat_message_content(
            _history("stream"), settings
        ):
            if chunk is not None:
                parts.append(str(chunk))
        return parts

    parts = asyncio.run(run())
    assert "".join(parts) == reply
    assert len([p for p in parts if p]) > 1


class Lights:
    @kernel_function(name="switch_on", description="Switch on the lights in a room.")
    def switch_on(self, room: str) -> str:
        return f"lights on in the {room}"


def test_auto_function_calling_through_the_kernel(fake: FakeOpenAI) -> None:
    fake.enqueue(
        tool_call("Lights-switch_on", {"room": "kitchen"}),
        text("Done: the kitchen lights are on."),
    )
    kernel = Kernel()
    kernel.add_plugin(Lights(), plugin_name="Lights")
    service = _service(fake)
    settings = OpenAIChatPromptExecutionSettings(
        function_choice_behavior=FunctionChoiceBehavior.Auto()
    )
    reply = asyncio.run(
        service.get_chat_message_content(
            _history("Turn on the kitchen lights"), settings, kernel=kernel
        )
    )

    assert str(reply) == "Done: the kitchen lights are on."
    first, second = fake.requests_to("/chat/completions")
    assert first.json["tools"][0]["function"]["name"] == "Lights-switch_on"
    tool_messages = [m for m in second.json["messages"] if m["role"] == "tool"]
    assert tool_messages and tool_messages[0]["content"] == "lights on in the kitchen"


def test_azure_chat_completion_with_ad_token_provider(fake: FakeOpenAI) -> None:
    fake.enqueue(text("Azure via Semantic Kernel."))
    # Semantic Kernel's own settings insist on an https endpoint, so hand it the client.
    client = AsyncAzureOpenAI(
        azure_endpoint=fake.base_url[: -len("/v1")],
        azure_deployment="sk-deployment",
        api_version="2024-10-21",
        azure_ad_token_provider=lambda: "fake-ad-token",
    )
    service = AzureChatCompletion(deployment_name="sk-deployment", async_client=client)
    reply = asyncio.run(
        service.get_chat_message_content(
            _history("hi"), OpenAIChatPromptExecutionSettings()
        )
    )

    assert str(reply) == "Azure via Semantic Kernel."
    (request,) = fake.requests_to("/chat/completions")
    assert (
        request.path
        == "/openai/deployments/sk-deployment/chat/completions?api-version=2024-10-21"
    )
    assert request.headers["Authorization"] == "Bearer fake-ad-token"


def test_text_embedding(fake: FakeOpenAI) -> None:
    client = AsyncOpenAI(base_url=fake.base_url, api_key=FAKE_KEY)
    service = OpenAITextEmbedding(
        ai_model_id="text-embedding-3-small", async_client=client
    )
    vectors = asyncio.run(service.generate_embeddings(["one", "two"]))

    assert vectors.shape == (2, 1536)
    assert list(vectors[0]) != list(vectors[1])
