"""Request bodies, per-request options, HTTP backends and the provider hooks."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any, List, Mapping

import httpx
import pytest
import respx

import openai
from openai import AsyncOpenAI, OpenAI
from openai._base_client import FinalRequestOptions, make_request_options
from openai._constants import DEFAULT_CONNECTION_LIMITS, DEFAULT_TIMEOUT

from .conftest import API_KEY, BASE_URL, Item


def _body(route: respx.Route, index: int = 0) -> Any:
    return json.loads(route.calls[index].request.content)


def test_top_level_not_given_and_omit_are_dropped(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.post("/x").respond(200, json={})
    client.post("/x", cast_to=object, body={"a": 1, "b": openai.NOT_GIVEN, "c": openai.omit, "d": None})
    assert _body(route) == {"a": 1, "d": None}


def test_json_encoding_of_models_dates_and_iterables(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.post("/x").respond(200, json={})
    body = {
        "item": Item(id="i1"),
        "when": datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc),
        "day": date(2024, 5, 6),
        "gen": (n * 2 for n in range(3)),
        "tuple": (1, 2),
        "text": "ünïcode",
    }
    client.post("/x", cast_to=object, body=body)
    assert _body(route) == {
        "item": {"id": "i1"},
        "when": "2024-05-06T07:08:09+00:00",
        "day": "2024-05-06",
        "gen": [0, 2, 4],
        "tuple": [1, 2],
        "text": "ünïcode",
    }
    assert "ünïcode".encode() in route.calls[0].request.content


def test_unserializable_body_value_is_a_clear_error(client: OpenAI) -> None:
    with pytest.raises(TypeError, match="bytes"):
        client.post("/x", cast_to=object, body={"data": b"raw"})


def test_extra_body_query_headers_and_timeout(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.post("/x").respond(200, json={})
    options = make_request_options(
        extra_headers={"X-Extra": "1"}, extra_query={"q": "v"}, extra_body={"added": True, "a": 2}, timeout=7.0
    )
    client.post("/x", cast_to=object, body={"a": 1}, options=options)
    request = route.calls[0].request
    assert _body(route) == {"a": 2, "added": True}
    assert request.headers["x-extra"] == "1"
    assert request.url.params["q"] == "v"
    assert request.extensions["timeout"]["read"] == 7.0


def test_raw_content_body(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.post("/x").respond(200, json={})
    client.post(
        "/x", cast_to=object, content=b"\x00raw", options={"headers": {"Content-Type": "application/octet-stream"}}
    )
    assert route.calls[0].request.content == b"\x00raw"
    assert route.calls[0].request.headers["content-type"] == "application/octet-stream"


def test_default_httpx_clients() -> None:
    sync = openai.DefaultHttpxClient()
    assert sync.follow_redirects is True and sync.timeout == DEFAULT_TIMEOUT
    pool = sync._transport._pool  # type: ignore[attr-defined]
    assert pool._max_connections == DEFAULT_CONNECTION_LIMITS.max_connections == 1000
    assert pool._max_keepalive_connections == DEFAULT_CONNECTION_LIMITS.max_keepalive_connections == 100

    class Mine(openai.DefaultHttpxClient):
        def __init__(self, **kwargs: Any) -> None:
            kwargs.setdefault("headers", {"X-Mine": "1"})
            super().__init__(**kwargs)

    mine = Mine(
        timeout=3.0, transport=httpx.MockTransport(lambda r: httpx.Response(200, json={"h": r.headers["x-mine"]}))
    )
    client = OpenAI(api_key=API_KEY, base_url=BASE_URL, http_client=mine)
    assert client.get("/anything", cast_to=object) == {"h": "1"}
    assert client.timeout == httpx.Timeout(3.0)
    assert isinstance(openai.DefaultAsyncHttpxClient(), httpx.AsyncClient)


class RefreshingClient(OpenAI):
    """A client whose credential can be refreshed after a 401 (as workload identity does)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.token = "stale-token-0001"
        self.refreshes = 0

    def _auth_headers_for(self, options: FinalRequestOptions) -> Mapping[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def _on_unauthorized(self, response: httpx.Response, options: FinalRequestOptions) -> bool:
        self.refreshes += 1
        self.token = "fresh-token-0002"
        return True


def test_unauthorized_hook_resends_once(mock: respx.MockRouter) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers["authorization"] == "Bearer fresh-token-0002":
            return httpx.Response(200, json={"ok": True})
        return httpx.Response(401, json={"error": {"message": "expired"}})

    route = mock.get("/x").mock(side_effect=handler)
    client = RefreshingClient(api_key=API_KEY, base_url=BASE_URL)
    assert client.get("/x", cast_to=object) == {"ok": True}
    assert client.refreshes == 1 and route.call_count == 2
    mock.get("/always").respond(401, json={"error": {"message": "no"}})
    with pytest.raises(openai.AuthenticationError):
        client.get("/always", cast_to=object)
    assert client.refreshes == 2  # one refresh per call, never a loop


class RewritingClient(OpenAI):
    def _prepare_options(self, options: FinalRequestOptions) -> FinalRequestOptions:
        return options.copy(url="/rewritten" + options.url, params={**options.params, "api-version": "v1"})


def test_prepare_options_hook_runs_per_attempt(mock: respx.MockRouter) -> None:
    route = mock.get("/rewritten/x").mock(side_effect=[httpx.Response(500, json={}), httpx.Response(200, json={})])
    client = RewritingClient(api_key=API_KEY, base_url=BASE_URL)
    client._sleep = lambda _s: None  # type: ignore[method-assign]
    options = FinalRequestOptions(method="get", url="/x")
    client.request(object, options)
    assert route.call_count == 2
    assert [c.request.url.params["api-version"] for c in route.calls] == ["v1", "v1"]
    assert options.url == "/x"  # the caller's options are untouched


async def test_async_unauthorized_hook(mock: respx.MockRouter) -> None:
    class AsyncRefreshing(AsyncOpenAI):
        tokens: List[str] = []

        async def _auth_headers_for(self, options: FinalRequestOptions) -> Mapping[str, str]:
            return {"Authorization": "Bearer " + ("new-123456" if self.tokens else "old-123456")}

        async def _on_unauthorized(self, response: httpx.Response, options: FinalRequestOptions) -> bool:
            self.tokens.append("new")
            return True

    mock.get("/x").mock(
        side_effect=lambda r: httpx.Response(200 if r.headers["authorization"] == "Bearer new-123456" else 401, json={})
    )
    client = AsyncRefreshing(api_key=API_KEY, base_url=BASE_URL)
    assert await client.get("/x", cast_to=object) == {}
    assert client.tokens == ["new"]
    await client.close()


def test_options_copy_rejects_unknown_fields() -> None:
    options = FinalRequestOptions(method="get", url="/x")
    with pytest.raises(TypeError, match="nope"):
        options.copy(nope=1)
    assert FinalRequestOptions.construct(method="post", url="/y").method == "post"


def test_process_response_data_and_sse_decoder(client: OpenAI) -> None:
    response = httpx.Response(200, request=httpx.Request("GET", "http://x"))
    item = client._process_response_data(data={"id": "a", "extra": 1}, cast_to=Item, response=response)
    assert isinstance(item, Item) and item.id == "a" and item.extra == 1  # type: ignore[attr-defined]
    drift = client._process_response_data(data={"id": 5}, cast_to=Item, response=response)
    assert drift.id == 5
    assert [e.data for e in client._make_sse_decoder().iter_bytes(iter([b"data: x\n\n"]))] == ["x"]


def test_client_cookies_are_sent(mock: respx.MockRouter) -> None:
    route = mock.get("/x").respond(200, json={})
    http_client = httpx.Client(cookies={"session": "abc"})
    client = OpenAI(api_key=API_KEY, base_url=BASE_URL, http_client=http_client)
    client.get("/x", cast_to=object)
    assert route.calls[0].request.headers["cookie"] == "session=abc"
    http_client.headers["X-Later"] = "added"
    client.get("/x", cast_to=object)
    assert route.calls[1].request.headers["x-later"] == "added"
