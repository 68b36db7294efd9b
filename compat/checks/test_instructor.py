"""instructor: structured extraction over tools, JSON schema, partial streaming, patching, Responses.

Results are compared by model_dump(): instructor returns a subclass of the response model.
"""

from __future__ import annotations

import asyncio

import instructor
from conftest import FAKE_KEY
from fake_server import FakeOpenAI, json_text, tool_call
from pydantic import BaseModel

from openai import AsyncOpenAI, OpenAI


class User(BaseModel):
    name: str
    age: int


MESSAGES = [{"role": "user", "content": "Jason is 25 years old."}]


def _sync(fake: FakeOpenAI) -> OpenAI:
    return OpenAI(base_url=fake.base_url, api_key=FAKE_KEY)


def test_tools_mode_extraction(fake: FakeOpenAI) -> None:
    fake.enqueue(tool_call("User", {"name": "Jason", "age": 25}))
    client = instructor.from_openai(_sync(fake))
    user = client.chat.completions.create(
        model="gpt-4o-mini", response_model=User, messages=MESSAGES
    )  # type: ignore[arg-type]

    assert user.model_dump() == {"name": "Jason", "age": 25}
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["tool_choice"] == {
        "type": "function",
        "function": {"name": "User"},
    }
    assert sorted(request.json["tools"][0]["function"]["parameters"]["required"]) == [
        "age",
        "name",
    ]


def test_validation_retry_sends_error_back(fake: FakeOpenAI) -> None:
    # First answer fails validation (age is not an int); instructor re-asks.
    fake.enqueue(
        tool_call("User", {"name": "Jason", "age": "unknown"}),
        tool_call("User", {"name": "Jason", "age": 25}),
    )
    client = instructor.from_openai(_sync(fake))
    user = client.chat.completions.create(
        model="gpt-4o-mini",
        response_model=User,
        messages=MESSAGES,
        max_retries=2,  # type: ignore[arg-type]
    )

    assert user.age == 25
    first, second = fake.requests_to("/chat/completions")
    assert len(second.json["messages"]) > len(first.json["messages"])


def test_json_schema_mode_with_completion(fake: FakeOpenAI) -> None:
    fake.enqueue(json_text({"name": "Ada", "age": 36}))
    client = instructor.from_openai(_sync(fake), mode=instructor.Mode.JSON_SCHEMA)
    user, completion = client.chat.completions.create_with_completion(
        model="gpt-4o-mini",
        response_model=User,
        messages=MESSAGES,  # type: ignore[arg-type]
    )

    assert user.model_dump() == {"name": "Ada", "age": 36}
    assert completion.choices[0].message.content == '{"name": "Ada", "age": 36}'
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["response_format"]["type"] == "json_schema"


def test_create_partial_streams_growing_objects(fake: FakeOpenAI) -> None:
    fake.enqueue(tool_call("User", {"name": "Jason Liu", "age": 25}))
    client = instructor.from_openai(_sync(fake))
    partials = list(
        client.chat.completions.create_partial(
            model="gpt-4o-mini", response_model=User, messages=MESSAGES
        )  # type: ignore[arg-type]
    )

    assert len(partials) > 1
    assert (partials[-1].name, partials[-1].age) == ("Jason Liu", 25)
    (request,) = fake.requests_to("/chat/completions")
    assert request.json["stream"] is True


def test_async_client(fake: FakeOpenAI) -> None:
    fake.enqueue(tool_call("User", {"name": "Grace", "age": 85}))
    client = instructor.from_openai(
        AsyncOpenAI(base_url=fake.base_url, api_key=FAKE_KEY)
    )

    async def run() -> User:
        return await client.chat.completions.create(
            model="gpt-4o-mini", response_model=User, messages=MESSAGES
        )  # type: ignore[arg-type]

    assert asyncio.run(run()).model_dump() == {"name": "Grace", "age": 85}


def test_patch_replaces_create_on_the_client(fake: FakeOpenAI) -> None:
    fake.enqueue(tool_call("User", {"name": "Linus", "age": 54}))
    client = _sync(fake)
    patched = instructor.patch(client)

    assert patched is client
    user = client.chat.completions.create(
        model="gpt-4o-mini", response_model=User, messages=MESSAGES
    )  # type: ignore[call-arg]
    assert user.model_dump() == {"name": "Linus", "age": 54}  # type: ignore[attr-defined]


class Users(BaseModel):
    users: list[User]


def test_responses_tools_mode(fake: FakeOpenAI) -> None:
    fake.enqueue(
        tool_call(
            "Users", {"users": [{"name": "A", "age": 1}, {"name": "B", "age": 2}]}
        )
    )
    client = instructor.from_openai(_sync(fake), mode=instructor.Mode.RESPONSES_TOOLS)
    result = client.responses.create(
        model="gpt-4o-mini", response_model=Users, input="A is 1, B is 2"
    )  # type: ignore[attr-defined]

    assert result.model_dump() == {
        "users": [{"name": "A", "age": 1}, {"name": "B", "age": 2}]
    }
    (request,) = fake.requests_to("/responses")
    assert request.json["tools"][0]["name"] == "Users"
