"""The runtime's wire format against the spec mock server (started by .ci/run on
127.0.0.1:4010; skipped when it is not running). The server validates every request
against the OpenAPI spec and answers 400 when the query, form or JSON does not fit."""

from __future__ import annotations

import os
from typing import Any, Iterator

import httpx
import pytest

import openai
from openai._base_client import make_request_options
from openai.pagination import AsyncCursorPage, SyncCursorPage, SyncPage

MOCK_URL = os.environ.get("TEST_API_BASE_URL", "http://127.0.0.1:4010")


def _mock_server_running() -> bool:
    # any failure to get a healthy answer (refused, timeout, proxy, another service
    # on the port) means "not running": these tests skip, they never error
    try:
        with httpx.Client(trust_env=False, timeout=2.0) as probe:
            return probe.get(f"{MOCK_URL}/_x-steady/health").status_code == 200
    except Exception:  # noqa: BLE001
        return False


pytestmark = pytest.mark.skipif(
    not _mock_server_running(),
    reason=f"the spec mock server is not answering at {MOCK_URL} (bash .ci/run starts it)",
)


@pytest.fixture
def client() -> Iterator[openai.OpenAI]:
    with openai.OpenAI(
        api_key="sk-mock-0123456789", base_url=MOCK_URL, max_retries=0
    ) as c:
        yield c


def test_bracket_query_arrays_are_understood(client: openai.OpenAI) -> None:
    ok = client.get(
        "/responses/resp_123",
        cast_to=object,
        options=make_request_options(
            query={
                "include": [
                    "message.output_text.logprobs",
                    "reasoning.encrypted_content",
                ]
            }
        ),
    )
    assert isinstance(ok, dict) and ok["object"] == "response"
    with pytest.raises(openai.BadRequestError) as info:
        client.get(
            "/responses/resp_123",
            cast_to=object,
            options=make_request_options(query={"include": ["bogus"]}),
        )
    # the server read our `include[]` as an array and checked its first item
    assert "query.include.0" in info.value.response.text


def test_json_body_is_validated(client: openai.OpenAI) -> None:
    completion: Any = client.post(
        "/chat/completions",
        cast_to=object,
        body={
            "model": "gpt-4o",
            "messages": [{"role": "user", "content": "hi"}],
            "temperature": openai.NOT_GIVEN,
        },
    )
    assert completion["object"] == "chat.completion"
    with pytest.raises(openai.BadRequestError):
        client.post("/chat/completions", cast_to=object, body={"model": "gpt-4o"})


def test_pages(client: openai.OpenAI) -> None:
    files = client.get_api_list(
        "/files",
        model=object,
        page=SyncCursorPage,
        options=make_request_options(query={"limit": 2}),
    )
    assert (
        isinstance(files, SyncCursorPage)
        and files.data
        and files.data[0]["object"] == "file"
    )  # type: ignore[index]
    models = client.get_api_list("/models", model=object, page=SyncPage)
    assert models.object == "list" and all(m["object"] == "model" for m in models.data)  # type: ignore[index]


def test_multipart_upload(client: openai.OpenAI) -> None:
    uploaded: Any = client.post(
        "/files",
        cast_to=object,
        body={"purpose": "fine-tune"},
        files=[("file", ("train.jsonl", b'{"prompt": "a"}\n', "application/jsonl"))],
        options=make_request_options(
            extra_headers={"Content-Type": "multipart/form-data"}
        ),
    )
    assert uploaded["object"] == "file"


async def test_async_page() -> None:
    async with openai.AsyncOpenAI(
        api_key="sk-mock-0123456789", base_url=MOCK_URL, max_retries=0
    ) as client:
        page = await client.get_api_list("/files", model=object, page=AsyncCursorPage)
        assert isinstance(page, AsyncCursorPage) and page.data[0]["object"] == "file"  # type: ignore[index]
