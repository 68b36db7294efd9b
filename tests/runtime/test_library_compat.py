"""Private surface that libraries built on the official package reach for
(compat/INVENTORY.md): each test names the library and what it does."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from typing import Any, AsyncIterator, Dict, Iterator, List

import httpx
import pytest

from openai import AsyncOpenAI, AsyncStream, OpenAI, Stream

from .conftest import API_KEY, BASE_URL

CHUNK: Dict[str, Any] = {
    "id": "chatcmpl-1",
    "object": "chat.completion.chunk",
    "created": 0,
    "model": "gpt-4o",
    "choices": [{"index": 0, "delta": {"content": "hi"}, "finish_reason": None}],
}


def _chunk(text: str) -> bytes:
    chunk = {**CHUNK, "choices": [{**CHUNK["choices"][0], "delta": {"content": text}}]}
    return f"data: {json.dumps(chunk)}\n\n".encode()


def _sse(pieces: List[bytes]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=iter(pieces), headers={"content-type": "text/event-stream"}
        )

    return handler


class _AsyncPieces:
    def __init__(self, pieces: List[bytes]) -> None:
        self.pieces = pieces

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for piece in self.pieces:
            yield piece


def _async_sse(pieces: List[bytes]) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            content=_AsyncPieces(pieces),
            headers={"content-type": "text/event-stream"},
        )

    return handler


def _recording(seen: List[httpx.Request], body: Any = None) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=body if body is not None else {"ok": True})

    return handler


# --- the httpx client is read per request (pydantic-ai) ---------------------------


def test_replacing_client_httpx_client_after_construction() -> None:
    """pydantic-ai's providers do ``client._client = http_client`` on a built client."""
    first: List[httpx.Request] = []
    second: List[httpx.Request] = []
    client = OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        http_client=httpx.Client(transport=httpx.MockTransport(_recording(first))),
    )
    client.get("/models", cast_to=object)
    client._client = httpx.Client(
        transport=httpx.MockTransport(_recording(second)),
        headers={"X-From-New-Client": "yes"},
    )
    assert client.get("/models", cast_to=object) == {"ok": True}
    assert (len(first), len(second)) == (1, 1)
    assert second[0].headers["x-from-new-client"] == "yes"
    assert second[0].headers["authorization"] == f"Bearer {API_KEY}"


async def test_replacing_async_client_httpx_client_after_construction() -> None:
    seen: List[httpx.Request] = []
    client = AsyncOpenAI(api_key=API_KEY, base_url=BASE_URL)
    client._client = httpx.AsyncClient(transport=httpx.MockTransport(_recording(seen)))
    assert await client.get("/models", cast_to=object) == {"ok": True}
    assert [str(r.url) for r in seen] == [f"{BASE_URL}/models"]
    await client._client.aclose()


# --- private attributes with their official meaning (langsmith, litellm) ------------


def test_api_key_provider_custom_headers_and_custom_query() -> None:
    def provider() -> str:
        return "sk-provided-000001"

    client = OpenAI(
        api_key=provider,
        base_url=BASE_URL,
        default_headers={"X-Team": "a"},
        default_query={"api-version": "1"},
    )
    assert client._api_key_provider is provider
    assert client._custom_headers == {"X-Team": "a"}
    assert client._custom_query == {"api-version": "1"}
    assert OpenAI(api_key=API_KEY)._api_key_provider is None


def test_custom_headers_and_query_edited_in_place_apply() -> None:
    """litellm does ``client._custom_query.setdefault("api-version", ...)``; headers alike."""
    seen: List[httpx.Request] = []
    client = OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        default_headers={"X-Team": "a"},
        http_client=httpx.Client(transport=httpx.MockTransport(_recording(seen))),
    )
    client.get("/models", cast_to=object)
    client._custom_headers["X-Team"] = "b"
    client._custom_query.setdefault("api-version", "2024-10-21")
    client.get("/models", cast_to=object)
    client._custom_headers = {"X-Other": "c"}
    client.get("/models", cast_to=object)
    assert [r.headers.get("x-team") for r in seen] == ["a", "b", None]
    assert seen[2].headers["x-other"] == "c"
    assert seen[1].url.params["api-version"] == "2024-10-21"


def test_init_keyword_only_names_in_official_order() -> None:
    """autogen reads ``inspect.getfullargspec(AsyncOpenAI.__init__).kwonlyargs``."""
    expected = [
        "api_key", "admin_api_key", "workload_identity", "organization", "project", "webhook_secret",
        "base_url", "websocket_base_url", "timeout", "max_retries", "default_headers", "default_query",
        "http_client", "_strict_response_validation", "_enforce_credentials",
    ]  # fmt: skip
    for cls in (OpenAI, AsyncOpenAI):
        spec = inspect.getfullargspec(cls.__init__)
        assert spec.kwonlyargs == expected
        assert spec.args == ["self"]


# --- streams: `_iterator` replaceable, `response` / `_response` readable ---------------


def test_stream_iterator_can_be_replaced_and_response_read() -> None:
    """langsmith replaces ``stream._iterator`` with a generator wrapping the old one."""
    client = OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        http_client=httpx.Client(
            transport=httpx.MockTransport(
                _sse([_chunk("a"), _chunk("b"), b"data: [DONE]\n\n"])
            )
        ),
    )
    stream = client.chat.completions.create(model="gpt-4o", messages=[], stream=True)
    assert isinstance(stream, Stream)
    assert stream.response.status_code == 200
    assert stream._response is stream.response
    inner = stream._iterator
    seen: List[str] = []

    def observe() -> Iterator[Any]:
        for chunk in inner:
            seen.append(chunk.choices[0].delta.content)
            yield chunk

    stream._iterator = observe()
    assert [c.choices[0].delta.content for c in stream] == ["a", "b"]
    assert seen == ["a", "b"]
    assert stream.response.is_closed


def test_stream_subclass_copying_dict_and_wrapping_iterator() -> None:
    """litellm's ``LoggingTranscriptionStream``: ``self.__dict__.update(stream.__dict__)``,
    then ``self._iterator = wrapper(self._iterator)``; ``close()`` through ``super()``."""

    class Logging(Stream[Any]):
        def __init__(self, stream: Stream[Any]) -> None:  # noqa: D107
            self.__dict__.update(stream.__dict__)
            self.count = 0
            source = self._iterator
            self._iterator = self._counting(source)

        def _counting(self, source: Iterator[Any]) -> Iterator[Any]:
            for item in source:
                self.count += 1
                yield item

    client = OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        http_client=httpx.Client(
            transport=httpx.MockTransport(
                _sse([_chunk("a"), _chunk("b"), _chunk("c"), b"data: [DONE]\n\n"])
            )
        ),
    )
    wrapped = Logging(
        client.chat.completions.create(model="gpt-4o", messages=[], stream=True)
    )
    assert next(wrapped).choices[0].delta.content == "a"
    wrapped.close()
    assert wrapped.count == 1
    assert wrapped.response.is_closed
    # a replacement without close() (a plain iterator) does not break close()
    other = client.chat.completions.create(model="gpt-4o", messages=[], stream=True)
    other._iterator = iter([])  # type: ignore[assignment]
    other.close()
    assert other.response.is_closed


async def test_async_stream_iterator_can_be_replaced() -> None:
    client = AsyncOpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        http_client=httpx.AsyncClient(
            transport=httpx.MockTransport(
                _async_sse([_chunk("x"), _chunk("y"), b"data: [DONE]\n\n"])
            )
        ),
    )
    stream = await client.chat.completions.create(
        model="gpt-4o", messages=[], stream=True
    )
    assert isinstance(stream, AsyncStream)
    assert stream._response is stream.response
    inner = stream._iterator
    seen: List[str] = []

    async def observe() -> AsyncIterator[Any]:
        async for chunk in inner:
            seen.append(chunk.choices[0].delta.content)
            yield chunk

    stream._iterator = observe()  # type: ignore[assignment]
    assert [c.choices[0].delta.content async for c in stream] == ["x", "y"]
    assert seen == ["x", "y"]
    await client.close()


# --- `event: done` before `data: [DONE]` (openai-responses' EventStream) -------------

_DONE_WITH_EVENT = [
    [_chunk("a"), _chunk("b"), b"event: done\n", b"data: [DONE]\n\n"],
    [_chunk("a") + _chunk("b") + b"event: done\ndata: [DONE]\n\n"],
]


@pytest.mark.parametrize("pieces", _DONE_WITH_EVENT)
def test_chat_stream_done_after_an_event_line(pieces: List[bytes]) -> None:
    client = OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        http_client=httpx.Client(transport=httpx.MockTransport(_sse(pieces))),
    )
    stream = client.chat.completions.create(model="gpt-4o", messages=[], stream=True)
    assert [c.choices[0].delta.content for c in stream] == ["a", "b"]


@pytest.mark.parametrize("pieces", _DONE_WITH_EVENT)
async def test_async_chat_stream_done_after_an_event_line(pieces: List[bytes]) -> None:
    client = AsyncOpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        http_client=httpx.AsyncClient(
            transport=httpx.MockTransport(_async_sse(pieces))
        ),
    )
    stream = await client.chat.completions.create(
        model="gpt-4o", messages=[], stream=True
    )
    assert [c.choices[0].delta.content async for c in stream] == ["a", "b"]


# --- submodules through the lazy package (semantic-kernel, litellm) ----------------------


def test_submodules_import_through_the_lazy_package() -> None:
    code = (
        "import sys\n"
        "from openai import _legacy_response\n"
        "assert _legacy_response.HttpxBinaryResponseContent\n"
        "import openai\n"
        "assert openai._base_client.make_request_options\n"
        "assert openai._streaming.Stream and openai._models.BaseModel and openai._types.NotGiven\n"
        "assert openai.version.VERSION == openai.__version__\n"
        "try:\n"
        "    openai.no_such_name\n"
        "except AttributeError as err:\n"
        "    assert 'no_such_name' in str(err)\n"
        "else:\n"
        "    raise AssertionError('expected AttributeError')\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_whole_client_views_under_their_official_module() -> None:
    from openai import _client
    from openai.resources import _root

    for name in (
        "OpenAIWithRawResponse",
        "AsyncOpenAIWithRawResponse",
        "OpenAIWithStreamedResponse",
        "AsyncOpenAIWithStreamedResponse",
    ):
        assert getattr(_client, name) is getattr(_root, name)
    client = OpenAI(api_key=API_KEY)
    assert isinstance(client.with_raw_response, _client.OpenAIWithRawResponse)
    assert isinstance(
        client.with_streaming_response, _client.OpenAIWithStreamedResponse
    )


# --- Content-Type as 2.38 sends it ------------------------------------------------------


def test_content_type_on_every_request_but_get() -> None:
    seen: List[httpx.Request] = []
    client = OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        http_client=httpx.Client(
            transport=httpx.MockTransport(
                _recording(seen, {"id": "f", "object": "file", "deleted": True})
            )
        ),
    )
    client.files.delete("file-1")
    client.batches.cancel("batch_1")
    client.post("/raw", cast_to=object)
    client.files.retrieve("file-1")
    client.post("/raw", cast_to=object, body={"a": 1})
    types = [(r.method, r.headers.get("content-type"), r.content) for r in seen]
    assert types == [
        ("DELETE", "application/json", b""),
        ("POST", "application/json", b""),
        ("POST", "application/json", b""),
        ("GET", None, b""),
        ("POST", "application/json", b'{"a":1}'),
    ]
