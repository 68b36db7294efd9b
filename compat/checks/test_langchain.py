"""langchain-openai: ChatOpenAI invoke/stream/tools/structured output, Responses API, Azure, embeddings."""

from __future__ import annotations

import asyncio

from conftest import FAKE_KEY
from fake_server import FakeOpenAI, json_text, text, tool_call
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langchain_openai import AzureChatOpenAI, ChatOpenAI, OpenAIEmbeddings
from pydantic import BaseModel


def _chat(fake: FakeOpenAI, **kwargs: object) -> ChatOpenAI:
    return ChatOpenAI(
        model="gpt-4o-mini", base_url=fake.base_url, api_key=FAKE_KEY, **kwargs
    )  # type: ignore[arg-type]


def test_invoke(fake: FakeOpenAI) -> None:
    fake.enqueue(text("Paris is the capital of France."))
    message = _chat(fake, temperature=0.2).invoke(
        [SystemMessage("Be brief."), HumanMessage("What is the capital of France?")]
    )

    assert isinstance(message, AIMessage)
    assert message.content == "Paris is the capital of France."
    assert (
        message.usage_metadata is not None
        and message.usage_metadata["total_tokens"] > 0
    )
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["model"] == "gpt-4o-mini"
    assert request.json["temperature"] == 0.2
    assert request.json["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "What is the capital of France?"},
    ]
    assert request.headers["Authorization"] == f"Bearer {FAKE_KEY}"


def test_stream(fake: FakeOpenAI) -> None:
    reply = "Counting: one, two, three, four."
    fake.enqueue(text(reply))
    chunks = list(_chat(fake).stream("Count to four"))

    assert "".join(str(c.content) for c in chunks) == reply
    assert len([c for c in chunks if c.content]) > 1
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["stream"] is True


def test_astream(fake: FakeOpenAI) -> None:
    reply = "Async streaming through langchain."
    fake.enqueue(text(reply))

    async def run() -> str:
        parts = [str(c.content) async for c in _chat(fake).astream("go")]
        return "".join(parts)

    assert asyncio.run(run()) == reply


def test_bind_tools_returns_tool_calls(fake: FakeOpenAI) -> None:
    def multiply(a: int, b: int) -> int:
        """Multiply two integers."""
        return a * b

    fake.enqueue(tool_call("multiply", {"a": 6, "b": 7}))
    message = _chat(fake).bind_tools([multiply]).invoke("What is 6 times 7?")

    assert isinstance(message, AIMessage)
    assert [(c["name"], c["args"]) for c in message.tool_calls] == [
        ("multiply", {"a": 6, "b": 7})
    ]
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["tools"][0]["function"]["name"] == "multiply"


class Person(BaseModel):
    name: str
    age: int


def test_with_structured_output_json_schema(fake: FakeOpenAI) -> None:
    fake.enqueue(json_text({"name": "Ada", "age": 36}))
    person = (
        _chat(fake)
        .with_structured_output(Person, method="json_schema")
        .invoke("Ada is 36.")
    )

    assert person == Person(name="Ada", age=36)
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["response_format"]["type"] == "json_schema"
    assert request.json["response_format"]["json_schema"]["name"] == "Person"


def test_responses_api(fake: FakeOpenAI) -> None:
    fake.enqueue(text("Answered over the Responses API."))
    message = _chat(fake, use_responses_api=True).invoke("hello")

    assert message.text == "Answered over the Responses API."
    (request,) = fake.requests_to("/responses")
    assert request.json["model"] == "gpt-4o-mini"


def test_responses_api_stream(fake: FakeOpenAI) -> None:
    reply = "Streamed over the Responses API."
    fake.enqueue(text(reply))
    chunks = list(_chat(fake, use_responses_api=True).stream("hello"))

    assert "".join(c.text for c in chunks) == reply


def test_azure_chat_openai(fake: FakeOpenAI) -> None:
    fake.enqueue(text("Hello from Azure."))
    endpoint = fake.base_url[: -len("/v1")]
    chat = AzureChatOpenAI(
        azure_endpoint=endpoint,
        azure_deployment="my-deployment",
        api_version="2024-10-21",
        api_key=FAKE_KEY,  # type: ignore[arg-type]
    )
    message = chat.invoke("hi")

    assert message.content == "Hello from Azure."
    (request,) = fake.requests_to("/chat/completions")
    assert (
        request.path
        == "/openai/deployments/my-deployment/chat/completions?api-version=2024-10-21"
    )
    assert request.headers["api-key"] == FAKE_KEY


def test_embeddings(fake: FakeOpenAI) -> None:
    embeddings = OpenAIEmbeddings(
        model="text-embedding-3-small",
        base_url=fake.base_url,
        api_key=FAKE_KEY,  # type: ignore[arg-type]
        check_embedding_ctx_length=False,  # else tiktoken downloads its encoding
    )
    one = embeddings.embed_query("hello")
    many = embeddings.embed_documents(["hello", "world"])

    assert len(one) == 1536
    assert many[0] == one
    assert many[1] != one
    assert abs(sum(x * x for x in one) - 1.0) < 1e-3
