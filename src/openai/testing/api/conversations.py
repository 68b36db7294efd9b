"""/conversations and their items."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .._http import (
    bad_request,
    check_metadata,
    cursor_page,
    emu,
    json_body,
    json_response,
    not_found,
)
from .._items import normalize_input
from .._json import array
from .._state import Emulated

JSON = dict[str, Any]


def get_conversation(e: Emulated, conversation_id: str) -> JSON:
    found = e.store.get("conversations", conversation_id)
    if found is None:
        raise not_found("conversation", conversation_id, param="conversation")
    return found


def conversation_items(e: Emulated, conversation_id: str) -> list[JSON]:
    return list((e.store.get("_conv_items", conversation_id) or {"data": []})["data"])


def append_items(e: Emulated, conversation_id: str, items: list[JSON]) -> None:
    e.store.put(
        "_conv_items",
        conversation_id,
        {"data": conversation_items(e, conversation_id) + items},
    )


async def create(request: Request) -> Response:
    e = emu(request)
    body = await json_body(request)
    items = array(body.get("items"))
    if len(items) > 20:
        raise bad_request(
            "Invalid 'items': at most 20 items can be added when creating a conversation.",
            param="items",
        )
    conversation: JSON = {
        "id": e.new_id("conv_", 48),
        "object": "conversation",
        "created_at": e.now(),
        "metadata": check_metadata(body) or {},
    }
    e.store.put("conversations", conversation["id"], conversation)
    e.store.put(
        "_conv_items", conversation["id"], {"data": normalize_input(e, items, "items")}
    )
    return json_response(conversation)


async def retrieve(request: Request) -> Response:
    return json_response(
        get_conversation(emu(request), request.path_params["conversation_id"])
    )


async def update(request: Request) -> Response:
    e = emu(request)
    conversation = get_conversation(e, request.path_params["conversation_id"])
    body = await json_body(request)
    if "metadata" not in body:
        raise bad_request("Missing required parameter: 'metadata'.", param="metadata")
    conversation["metadata"] = check_metadata(body) or {}
    e.store.put("conversations", conversation["id"], conversation)
    return json_response(conversation)


async def delete(request: Request) -> Response:
    e = emu(request)
    conversation = get_conversation(e, request.path_params["conversation_id"])
    e.store.delete("conversations", conversation["id"])
    e.store.delete("_conv_items", conversation["id"])
    return json_response(
        {"id": conversation["id"], "object": "conversation.deleted", "deleted": True}
    )


async def create_items(request: Request) -> Response:
    e = emu(request)
    conversation = get_conversation(e, request.path_params["conversation_id"])
    body = await json_body(request)
    raw = body.get("items")
    if not isinstance(raw, list) or not raw:
        raise bad_request("Missing required parameter: 'items'.", param="items")
    if len(raw) > 20:  # pyright: ignore[reportUnknownArgumentType]
        raise bad_request(
            "Invalid 'items': at most 20 items can be added at once.", param="items"
        )
    items = normalize_input(e, raw, "items")
    append_items(e, conversation["id"], items)
    return json_response(
        {
            "object": "list",
            "data": items,
            "first_id": items[0]["id"],
            "last_id": items[-1]["id"],
            "has_more": False,
        }
    )


async def list_items(request: Request) -> Response:
    e = emu(request)
    conversation = get_conversation(e, request.path_params["conversation_id"])
    return json_response(
        cursor_page(
            request, conversation_items(e, conversation["id"]), default_order="desc"
        )
    )


def _find_item(e: Emulated, conversation_id: str, item_id: str) -> JSON:
    for item in conversation_items(e, conversation_id):
        if item["id"] == item_id:
            return item
    raise not_found("conversation item", item_id, param="item_id")


async def retrieve_item(request: Request) -> Response:
    e = emu(request)
    conversation = get_conversation(e, request.path_params["conversation_id"])
    return json_response(
        _find_item(e, conversation["id"], request.path_params["item_id"])
    )


async def delete_item(request: Request) -> Response:
    e = emu(request)
    conversation = get_conversation(e, request.path_params["conversation_id"])
    item = _find_item(e, conversation["id"], request.path_params["item_id"])
    remaining = [
        i for i in conversation_items(e, conversation["id"]) if i["id"] != item["id"]
    ]
    e.store.put("_conv_items", conversation["id"], {"data": remaining})
    return json_response(conversation)


ROUTES: list[BaseRoute] = [
    Route("/conversations", create, methods=["POST"]),
    Route("/conversations/{conversation_id}", retrieve, methods=["GET"]),
    Route("/conversations/{conversation_id}", update, methods=["POST"]),
    Route("/conversations/{conversation_id}", delete, methods=["DELETE"]),
    Route("/conversations/{conversation_id}/items", create_items, methods=["POST"]),
    Route("/conversations/{conversation_id}/items", list_items, methods=["GET"]),
    Route(
        "/conversations/{conversation_id}/items/{item_id}",
        retrieve_item,
        methods=["GET"],
    ),
    Route(
        "/conversations/{conversation_id}/items/{item_id}",
        delete_item,
        methods=["DELETE"],
    ),
]
