"""``embeddings.create`` asks for base64 when the caller names no encoding and returns
float lists, as the official client does; an explicit encoding is left alone."""

from __future__ import annotations

import base64
import json
import struct
from typing import Any, Dict, List

import httpx
import pytest

from openai import NOT_GIVEN, AsyncOpenAI, OpenAI
from openai._embeddings import base64_to_floats, decode_base64_embeddings

from .conftest import API_KEY, BASE_URL

VECTOR = [0.5, -1.25, 3.0, 1e-3]


def _packed(values: List[float]) -> str:
    return base64.b64encode(struct.pack(f"<{len(values)}f", *values)).decode()


def _server(seen: List[Dict[str, Any]]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        seen.append(body)
        encoded = body.get("encoding_format") == "base64"
        data = [
            {
                "object": "embedding",
                "index": i,
                "embedding": _packed(v) if encoded else v,
            }
            for i, v in enumerate([VECTOR, [2.0, -2.0]])
        ]
        return httpx.Response(
            200,
            json={
                "object": "list",
                "data": data,
                "model": "text-embedding-3-small",
                "usage": {"prompt_tokens": 2, "total_tokens": 2},
            },
        )

    return handler


def _client(seen: List[Dict[str, Any]]) -> OpenAI:
    transport = httpx.MockTransport(_server(seen))
    return OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        http_client=httpx.Client(transport=transport),
    )


def _float32(values: List[float]) -> List[float]:
    return list(
        struct.unpack(f"<{len(values)}f", struct.pack(f"<{len(values)}f", *values))
    )


def test_default_sends_base64_and_returns_floats() -> None:
    seen: List[Dict[str, Any]] = []
    client = _client(seen)
    result = client.embeddings.create(model="text-embedding-3-small", input=["a", "b"])
    assert seen == [
        {
            "input": ["a", "b"],
            "model": "text-embedding-3-small",
            "encoding_format": "base64",
        }
    ]
    assert [item.embedding for item in result.data] == [_float32(VECTOR), [2.0, -2.0]]
    assert all(type(x) is float for x in result.data[0].embedding)
    assert result.usage.total_tokens == 2


def test_not_given_passed_explicitly_is_the_default() -> None:
    """Libraries forward absent options as ``NOT_GIVEN``."""
    seen: List[Dict[str, Any]] = []
    result = _client(seen).embeddings.create(
        model="m", input="a", encoding_format=NOT_GIVEN, dimensions=NOT_GIVEN
    )
    assert seen[0] == {"input": "a", "model": "m", "encoding_format": "base64"}
    assert result.data[1].embedding == [2.0, -2.0]


@pytest.mark.parametrize("encoding", ["float", "base64"])
def test_explicit_encoding_is_sent_and_returned_as_is(encoding: str) -> None:
    seen: List[Dict[str, Any]] = []
    result = _client(seen).embeddings.create(
        model="m",
        input="a",
        encoding_format=encoding,  # type: ignore[arg-type]
    )
    assert seen[0]["encoding_format"] == encoding
    expected = _packed(VECTOR) if encoding == "base64" else VECTOR
    assert result.data[0].embedding == expected


def test_raw_response_parse_decodes() -> None:
    seen: List[Dict[str, Any]] = []
    raw = _client(seen).embeddings.with_raw_response.create(model="m", input="a")
    assert raw.http_response.json()["data"][0]["embedding"] == _packed(VECTOR)
    assert raw.parse().data[0].embedding == _float32(VECTOR)
    assert seen[0]["encoding_format"] == "base64"


async def test_async_default_sends_base64_and_returns_floats() -> None:
    seen: List[Dict[str, Any]] = []
    transport = httpx.MockTransport(_server(seen))
    client = AsyncOpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        http_client=httpx.AsyncClient(transport=transport),
    )
    result = await client.embeddings.create(model="m", input="a")
    assert seen[0]["encoding_format"] == "base64"
    assert result.data[0].embedding == _float32(VECTOR)
    explicit = await client.embeddings.create(
        model="m", input="a", encoding_format="float"
    )
    assert explicit.data[0].embedding == VECTOR


def test_decoder_on_its_own() -> None:
    values = [float(i) / 7 for i in range(1536)]
    assert base64_to_floats(_packed(values)) == _float32(values)
    assert base64_to_floats("") == []

    body = {
        "object": "list",
        "data": [
            {"object": "embedding", "index": 0, "embedding": _packed([1.0])},
            {"object": "embedding", "index": 1, "embedding": [2.0]},
        ],
    }
    decoded = decode_base64_embeddings(body)
    assert [item["embedding"] for item in decoded["data"]] == [[1.0], [2.0]]
    # anything that is not an embeddings list passes through untouched
    assert decode_base64_embeddings({"error": "x"}) == {"error": "x"}
    assert decode_base64_embeddings([1, 2]) == [1, 2]


def test_default_base64_validates_strictly() -> None:
    """The vectors are decoded before validation, so strict mode accepts them."""
    body = {
        "object": "list",
        "model": "m",
        "usage": {"prompt_tokens": 1, "total_tokens": 1},
        "data": [{"object": "embedding", "index": 0, "embedding": _packed(VECTOR)}],
    }
    client = OpenAI(
        api_key="sk-test",
        base_url="http://127.0.0.1:9/v1",
        _strict_response_validation=True,
        http_client=httpx.Client(
            transport=httpx.MockTransport(
                lambda request: httpx.Response(200, json=body)
            )
        ),
    )
    result = client.embeddings.create(model="m", input="a")
    assert result.data[0].embedding == _float32(VECTOR)
