"""The four page families: cursors, auto-pagination, sync and async."""

from __future__ import annotations

from typing import Any, Dict, List

import httpx
import pytest
import respx

from openai import AsyncOpenAI, OpenAI
from openai._base_client import make_request_options
from openai.pagination import (
    AsyncConversationCursorPage,
    AsyncCursorPage,
    AsyncNextCursorPage,
    AsyncPage,
    SyncConversationCursorPage,
    SyncCursorPage,
    SyncNextCursorPage,
    SyncPage,
)

from .conftest import Item


def _items(*ids: str) -> List[Dict[str, Any]]:
    return [{"id": i} for i in ids]


def _cursor_pages(request: httpx.Request) -> httpx.Response:
    after = request.url.params.get("after")
    assert request.url.params.get("limit") == "2"
    if after is None:
        return httpx.Response(200, json={"data": _items("a", "b"), "has_more": True})
    if after == "b":
        return httpx.Response(200, json={"data": _items("c", "d"), "has_more": True})
    assert after == "d"
    return httpx.Response(200, json={"data": _items("e"), "has_more": False})


def test_cursor_page_auto_paginates(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.get("/files").mock(side_effect=_cursor_pages)
    page = client.get_api_list(
        "/files", model=Item, page=SyncCursorPage, options=make_request_options(query={"limit": 2})
    )
    assert isinstance(page, SyncCursorPage)
    assert [i.id for i in page.data] == ["a", "b"]
    assert page.has_next_page()
    assert page.next_page_info().params == {"after": "b"}  # type: ignore[union-attr]
    assert [i.id for i in page] == ["a", "b", "c", "d", "e"]
    assert route.call_count == 3
    pages = list(page.iter_pages())
    assert [len(p.data) for p in pages] == [2, 2, 1]
    assert not pages[-1].has_next_page()


def test_get_next_page_without_cursor_raises(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/files").respond(200, json={"data": [], "has_more": False})
    page = client.get_api_list("/files", model=Item, page=SyncCursorPage)
    with pytest.raises(RuntimeError, match="has_next_page"):
        page.get_next_page()


def test_cursor_page_stops_on_has_more_false(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/files").respond(200, json={"data": _items("a"), "has_more": False})
    page = client.get_api_list("/files", model=Item, page=SyncCursorPage)
    assert not page.has_next_page()
    assert [i.id for i in page] == ["a"]


def test_empty_page_has_no_next(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/files").respond(200, json={"data": [], "has_more": True})
    page = client.get_api_list("/files", model=Item, page=SyncCursorPage)
    assert not page.has_next_page()
    assert list(page) == []


def test_plain_page_is_single(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.get("/models").respond(200, json={"object": "list", "data": _items("m1", "m2")})
    page = client.get_api_list("/models", model="tests.runtime.conftest:Item", page="openai.pagination:SyncPage")
    assert page.object == "list"
    assert [i.id for i in page] == ["m1", "m2"]
    assert not page.has_next_page() and page.next_page_info() is None
    assert route.call_count == 1


def test_post_page(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.post("/certificates/activate").respond(200, json={"object": "list", "data": _items("x")})
    page = client.get_api_list("/certificates/activate", model=Item, page=SyncPage, body={"ids": ["x"]}, method="post")
    assert [i.id for i in page] == ["x"]
    assert route.calls[0].request.content == b'{"ids":["x"]}'


def test_conversation_cursor_uses_last_id(client: OpenAI, mock: respx.MockRouter) -> None:
    def pages(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("after") is None:
            return httpx.Response(200, json={"data": _items("i1", "i2"), "has_more": True, "last_id": "cursor-7"})
        assert request.url.params["after"] == "cursor-7"
        return httpx.Response(200, json={"data": _items("i3"), "has_more": False, "last_id": "i3"})

    mock.get("/conversations/c/items").mock(side_effect=pages)
    page = client.get_api_list("/conversations/c/items", model=Item, page=SyncConversationCursorPage)
    assert page.last_id == "cursor-7"
    assert [i.id for i in page] == ["i1", "i2", "i3"]


def test_next_cursor_page_uses_next(client: OpenAI, mock: respx.MockRouter) -> None:
    def pages(request: httpx.Request) -> httpx.Response:
        if request.url.params.get("after") is None:
            return httpx.Response(200, json={"data": _items("r1"), "has_more": True, "next": "tok-2"})
        assert request.url.params["after"] == "tok-2"
        return httpx.Response(200, json={"data": _items("r2"), "has_more": False, "next": None})

    mock.get("/roles").mock(side_effect=pages)
    page = client.get_api_list("/roles", model=Item, page=SyncNextCursorPage)
    assert page.next == "tok-2"
    assert [i.id for i in page] == ["r1", "r2"]


def test_pages_keep_request_id_and_extra_fields(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/files").respond(
        200, json={"data": _items("a"), "has_more": False, "first_id": "a"}, headers={"x-request-id": "req_page"}
    )
    page = client.get_api_list("/files", model=Item, page=SyncCursorPage)
    assert page._request_id == "req_page"
    assert page.first_id == "a"  # type: ignore[attr-defined]


async def test_async_list_can_be_awaited_or_iterated(async_client: AsyncOpenAI, mock: respx.MockRouter) -> None:
    route = mock.get("/files").mock(side_effect=_cursor_pages)
    opts = make_request_options(query={"limit": 2})
    first = await async_client.get_api_list("/files", model=Item, page=AsyncCursorPage, options=opts)
    assert isinstance(first, AsyncCursorPage)
    assert [i.id for i in first.data] == ["a", "b"]
    assert first.has_next_page()
    second = await first.get_next_page()
    assert [i.id for i in second.data] == ["c", "d"]
    ids = [i.id async for i in async_client.get_api_list("/files", model=Item, page=AsyncCursorPage, options=opts)]
    assert ids == ["a", "b", "c", "d", "e"]
    pages = [p async for p in first.iter_pages()]
    assert len(pages) == 3
    assert route.call_count == 2 + 3 + 2


async def test_async_other_page_kinds(async_client: AsyncOpenAI, mock: respx.MockRouter) -> None:
    mock.get("/models").respond(200, json={"object": "list", "data": _items("m")})
    mock.get("/items").respond(200, json={"data": _items("i"), "has_more": False, "last_id": "i"})
    mock.get("/roles").respond(200, json={"data": _items("r"), "has_more": False, "next": None})
    assert [i.id async for i in async_client.get_api_list("/models", model=Item, page=AsyncPage)] == ["m"]
    by_ref = async_client.get_api_list(
        "/models", model="tests.runtime.conftest:Item", page="openai.pagination:AsyncPage"
    )
    assert isinstance(await by_ref, AsyncPage)
    assert [i.id async for i in async_client.get_api_list("/items", model=Item, page=AsyncConversationCursorPage)] == [
        "i"
    ]
    assert [i.id async for i in async_client.get_api_list("/roles", model=Item, page=AsyncNextCursorPage)] == ["r"]
