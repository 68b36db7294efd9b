"""Raw and streaming response views, binary content, request ids, and resources."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, Optional

import httpx
import pytest
import respx

import openai
from openai import AsyncOpenAI, OpenAI
from openai._base_client import make_request_options
from openai._legacy_response import (
    HttpxBinaryResponseContent,
    LegacyAPIResponse,
    async_to_raw_response_wrapper,
    to_raw_response_wrapper,
)
from openai._resource import AsyncAPIResource, SyncAPIResource
from openai._response import (
    APIResponse,
    AsyncAPIResponse,
    async_to_streamed_response_wrapper,
    to_streamed_response_wrapper,
)
from openai._types import Body, Headers, NotGiven, Query, not_given
from openai.pagination import AsyncCursorPage, SyncCursorPage

from .conftest import Item, Widget

WIDGET = {"id": "w1", "object": "widget", "count": 2}


class Widgets(SyncAPIResource):
    """A hand-written resource shaped like the generated ones."""

    @cached_property
    def with_raw_response(self) -> "WidgetsRaw":
        return WidgetsRaw(self)

    @cached_property
    def with_streaming_response(self) -> "WidgetsStreaming":
        return WidgetsStreaming(self)

    def retrieve(
        self,
        widget_id: str,
        *,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: "float | httpx.Timeout | None | NotGiven" = not_given,
    ) -> Widget:
        if not widget_id:
            raise ValueError(f"Expected a non-empty value for `widget_id` but received {widget_id!r}")
        return self._get(
            f"/widgets/{widget_id}",
            options=make_request_options(
                extra_headers=extra_headers, extra_query=extra_query, extra_body=extra_body, timeout=timeout
            ),
            cast_to="tests.runtime.conftest:Widget",
        )

    def content(self, widget_id: str, *, extra_headers: Optional[Headers] = None) -> HttpxBinaryResponseContent:
        return self._get(
            f"/widgets/{widget_id}/content",
            options=make_request_options(extra_headers=extra_headers),
            cast_to=HttpxBinaryResponseContent,
        )

    def list(self, *, extra_headers: Optional[Headers] = None) -> SyncCursorPage[Item]:
        return self._get_api_list(
            "/widgets", page=SyncCursorPage, model=Item, options=make_request_options(extra_headers=extra_headers)
        )


class WidgetsRaw:
    def __init__(self, widgets: Widgets) -> None:
        self.retrieve = to_raw_response_wrapper(widgets.retrieve)
        self.content = to_raw_response_wrapper(widgets.content)
        self.list = to_raw_response_wrapper(widgets.list)


class WidgetsStreaming:
    def __init__(self, widgets: Widgets) -> None:
        self.retrieve = to_streamed_response_wrapper(widgets.retrieve)
        self.content = to_streamed_response_wrapper(widgets.content)


class AsyncWidgets(AsyncAPIResource):
    async def retrieve(self, widget_id: str, *, extra_headers: Optional[Headers] = None) -> Widget:
        return await self._get(
            f"/widgets/{widget_id}", options=make_request_options(extra_headers=extra_headers), cast_to=Widget
        )

    def list(self, *, extra_headers: Optional[Headers] = None) -> Any:
        return self._get_api_list(
            "/widgets", page=AsyncCursorPage, model=Item, options=make_request_options(extra_headers=extra_headers)
        )


def test_plain_call_and_request_id(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/widgets/w1").respond(200, json=WIDGET, headers={"x-request-id": "req_123"})
    widget = Widgets(client).retrieve("w1")
    assert isinstance(widget, Widget)
    assert widget.count == 2
    assert widget._request_id == "req_123"
    with pytest.raises(ValueError, match="widget_id"):
        Widgets(client).retrieve("")


def test_raw_response(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.get("/widgets/w1").respond(200, json=WIDGET, headers={"x-request-id": "req_raw", "x-my-header": "hi"})
    raw = Widgets(client).with_raw_response.retrieve("w1")
    assert isinstance(raw, LegacyAPIResponse)
    assert raw.headers["x-my-header"] == "hi"
    assert raw.status_code == 200 and raw.request_id == "req_raw" and raw.retries_taken == 0
    assert isinstance(raw.http_response, httpx.Response)
    assert raw.json() == WIDGET
    assert raw.content.startswith(b"{") and "widget" in raw.text
    parsed = raw.parse()
    assert isinstance(parsed, Widget) and parsed._request_id == "req_raw"
    assert raw.parse() is parsed
    assert raw.method == "GET" and raw.url.path == "/v1/widgets/w1"
    assert "x-stainless-raw-response" not in route.calls[0].request.headers


def test_raw_response_of_a_list(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/widgets").respond(200, json={"data": [{"id": "a"}], "has_more": False})
    raw = Widgets(client).with_raw_response.list()
    page = raw.parse()
    assert isinstance(page, SyncCursorPage) and [i.id for i in page] == ["a"]


def test_streaming_response_reads_on_demand(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/widgets/w1").respond(200, json=WIDGET, headers={"x-my-header": "yes"})
    with Widgets(client).with_streaming_response.retrieve("w1") as response:
        assert isinstance(response, APIResponse)
        assert response.headers["x-my-header"] == "yes"
        assert not response.http_response.is_stream_consumed
        lines = list(response.iter_lines())
        assert "".join(lines).startswith("{")
    assert response.is_closed
    with Widgets(client).with_streaming_response.retrieve("w1") as response:
        assert response.parse().id == "w1"
        assert response.json() == WIDGET
        assert "w1" in response.text()
        assert response.read().startswith(b"{")
    with Widgets(client).with_streaming_response.retrieve("w1") as response:
        assert b"".join(response.iter_bytes()).startswith(b"{")
    with Widgets(client).with_streaming_response.retrieve("w1") as response:
        assert "".join(response.iter_text()).startswith("{")


def test_binary_content(client: OpenAI, mock: respx.MockRouter, tmp_path: Path) -> None:
    mock.get("/widgets/w1/content").respond(
        200, content=b"\x00\x01binary", headers={"content-type": "application/octet-stream"}
    )
    content = Widgets(client).content("w1")
    assert isinstance(content, HttpxBinaryResponseContent)
    assert content.content == b"\x00\x01binary"
    assert content.read() == b"\x00\x01binary"
    target = tmp_path / "out.bin"
    content.write_to_file(target)
    assert target.read_bytes() == b"\x00\x01binary"
    with Widgets(client).with_streaming_response.content("w1") as response:
        streamed = response.parse()
        other = tmp_path / "streamed.bin"
        streamed.stream_to_file(other)
    assert other.read_bytes() == b"\x00\x01binary"
    raw = Widgets(client).with_raw_response.content("w1")
    assert raw.parse().content == b"\x00\x01binary"


def test_post_parser_and_parse_to(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/w").respond(200, json=WIDGET)
    count = client.get("/w", cast_to=Widget, options=make_request_options(post_parser=lambda w: w.count * 10))
    assert count == 20
    raw = client.get("/w", cast_to=Widget, options={"headers": {"X-Stainless-Raw-Response": "raw"}})
    assert raw.parse(to=dict) == WIDGET


async def test_async_raw_and_streaming(async_client: AsyncOpenAI, mock: respx.MockRouter) -> None:
    mock.get("/widgets/w1").respond(200, json=WIDGET, headers={"x-request-id": "req_async"})
    widgets = AsyncWidgets(async_client)
    raw = await async_to_raw_response_wrapper(widgets.retrieve)("w1")
    assert isinstance(raw, LegacyAPIResponse) and raw.parse().id == "w1" and raw.request_id == "req_async"
    async with async_to_streamed_response_wrapper(widgets.retrieve)("w1") as response:
        assert isinstance(response, AsyncAPIResponse)
        assert (await response.parse()).count == 2
        assert await response.json() == WIDGET
        assert "w1" in await response.text()
    assert response.is_closed
    async with async_to_streamed_response_wrapper(widgets.retrieve)("w1") as response:
        lines = [line async for line in response.iter_lines()]
        assert lines and lines[0].startswith("{")


async def test_async_raw_list(async_client: AsyncOpenAI, mock: respx.MockRouter) -> None:
    mock.get("/widgets").respond(200, json={"data": [{"id": "a"}], "has_more": False})
    widgets = AsyncWidgets(async_client)
    raw = await async_to_raw_response_wrapper(widgets.list)()
    page = raw.parse()
    assert isinstance(page, AsyncCursorPage) and page.data[0].id == "a"
    async with async_to_streamed_response_wrapper(widgets.list)() as response:
        assert (await response.parse()).data[0].id == "a"


def test_resource_binds_client_methods(client: OpenAI) -> None:
    widgets = Widgets(client)
    assert widgets._client is client
    assert widgets._get == client.get and widgets._post == client.post and widgets._get_api_list == client.get_api_list
    widgets.retrieve = lambda *a, **k: "patched"  # type: ignore[method-assign, assignment]
    assert widgets.retrieve("x") == "patched"


def test_non_json_response_for_model_is_a_clear_error(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/w").respond(200, text="<html>", headers={"content-type": "text/html"})
    with pytest.raises(openai.APIResponseValidationError, match="application/json"):
        client.get("/w", cast_to=Widget)
    mock.get("/t").respond(200, text="hello", headers={"content-type": "text/plain"})
    assert client.get("/t", cast_to=str) == "hello"
    mock.get("/none").respond(204)
    assert client.get("/none", cast_to=type(None)) is None
