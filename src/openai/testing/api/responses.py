"""/responses: create (plain, streamed, background), retrieve (also as a replayed
stream), delete, cancel, input items, input token counts; previous_response_id
and conversation context."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from .._http import (
    ApiError,
    bad_request,
    check_metadata,
    cursor_page,
    emu,
    json_body,
    json_response,
    not_found,
    optional,
    require,
)
from .._items import (
    compaction_content,
    fill_turn,
    items_tokens,
    normalize_input,
)
from .._json import array, as_obj, get, objs
from .._model import Reply, Turn, respond
from .._sse import named_event, sse_response
from .._state import Emulated
from .._ws import FaultClosed, close_if_due
from .conversations import append_items, conversation_items, get_conversation

JSON = dict[str, Any]
TERMINAL = ("completed", "failed", "incomplete", "cancelled")


# request -> context and turn


def _conversation_id(body: JSON) -> str | None:
    conv = body.get("conversation")
    if conv is None:
        return None
    if isinstance(conv, str):
        return conv
    conv_id = get(conv, "id")
    if isinstance(conv_id, str):
        return conv_id
    raise bad_request(
        "Invalid 'conversation': expected an id or an object with an id.",
        param="conversation",
    )


def _prior_context(e: Emulated, body: JSON) -> list[JSON]:
    previous = body.get("previous_response_id")
    conv_id = _conversation_id(body)
    if previous and conv_id:
        raise bad_request(
            "'previous_response_id' and 'conversation' cannot be used together.",
            param="previous_response_id",
        )
    if previous:
        if not isinstance(previous, str) or e.store.get("responses", previous) is None:
            raise not_found("response", str(previous), param="previous_response_id")
        record = e.store.get("_resp_items", previous) or {}
        return (
            list(record.get("context", []))
            + list(record.get("input", []))
            + list(record.get("output", []))
        )
    if conv_id:
        get_conversation(e, conv_id)
        return conversation_items(e, conv_id)
    return []


def _turn(body: JSON, context: list[JSON]) -> Turn:
    turn = fill_turn(Turn(model=body["model"]), context)
    for tool in objs(body.get("tools")):
        if tool.get("type") == "function":
            turn.tools.append(
                {"name": tool.get("name", ""), "parameters": tool.get("parameters")}
            )
    turn.tool_choice = body.get("tool_choice", "auto")
    fmt = as_obj(get(body.get("text"), "format"))
    if fmt is not None:
        if fmt.get("type") == "json_schema":
            if not isinstance(fmt.get("name"), str):
                raise bad_request(
                    "Missing required parameter: 'text.format.name'.",
                    param="text.format.name",
                )
            turn.json_schema = fmt.get("schema") or {"type": "object"}
        elif fmt.get("type") == "json_object":
            turn.json_object = True
    limit = optional(body, "max_output_tokens", int)
    if limit is not None:
        if limit < 16:
            raise bad_request(
                f"Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got {limit}.",
                param="max_output_tokens",
            )
        turn.max_tokens = limit
    return turn


def _echo_tools(body: JSON) -> list[JSON]:
    tools: list[JSON] = []
    for value in array(body.get("tools")):
        given = as_obj(value)
        if given is None:
            raise bad_request(
                "Invalid 'tools': each tool must be an object.", param="tools"
            )
        tool = dict(given)
        if tool.get("type") == "function":
            if not isinstance(tool.get("name"), str):
                raise bad_request(
                    "Missing required parameter: 'tools[].name'.", param="tools"
                )
            tool.setdefault("description", None)
            tool.setdefault("parameters", None)
            tool.setdefault("strict", True)
        tools.append(tool)
    return tools


def _skeleton(e: Emulated, body: JSON, store: bool) -> JSON:
    fmt = get(body.get("text"), "format") or {"type": "text"}
    conv_id = _conversation_id(body)
    return {
        "id": e.new_id("resp_", 48),
        "object": "response",
        "created_at": e.now(),
        "status": "in_progress",
        "background": bool(body.get("background")),
        "completed_at": None,
        "conversation": {"id": conv_id} if conv_id else None,
        "error": None,
        "incomplete_details": None,
        "instructions": body.get("instructions"),
        "max_output_tokens": body.get("max_output_tokens"),
        "max_tool_calls": body.get("max_tool_calls"),
        "model": body["model"],
        "output": [],
        "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "previous_response_id": body.get("previous_response_id"),
        "prompt_cache_key": body.get("prompt_cache_key"),
        "reasoning": {
            "effort": get(body.get("reasoning"), "effort"),
            "summary": None,
        },
        "safety_identifier": body.get("safety_identifier"),
        "service_tier": body.get("service_tier") or "default",
        "store": store,
        "temperature": body.get("temperature", 1.0),
        "text": {
            "format": fmt,
            "verbosity": get(body.get("text"), "verbosity", "medium"),
        },
        "tool_choice": body.get("tool_choice", "auto"),
        "tools": _echo_tools(body),
        "top_logprobs": body.get("top_logprobs", 0),
        "top_p": body.get("top_p", 1.0),
        "truncation": body.get("truncation") or "disabled",
        "usage": None,
        "user": body.get("user"),
        "metadata": check_metadata(body) or {},
    }


def _output(e: Emulated, reply: Reply) -> list[JSON]:
    if reply.kind == "tool_calls":
        items: list[JSON] = []
        for call in reply.tool_calls:
            call.call_id = call.call_id or e.new_id("call_")
            items.append(
                {
                    "id": e.new_id("fc_", 48),
                    "type": "function_call",
                    "status": "completed",
                    "call_id": call.call_id,
                    "name": call.name,
                    "arguments": call.arguments,
                }
            )
        return items
    if reply.kind == "refusal":
        part: JSON = {"type": "refusal", "refusal": reply.text}
    else:
        part = {
            "type": "output_text",
            "text": reply.text,
            "annotations": [],
            "logprobs": [],
        }
    status = "incomplete" if reply.finish == "length" else "completed"
    return [
        {
            "id": e.new_id("msg_", 48),
            "type": "message",
            "status": status,
            "role": "assistant",
            "content": [part],
        }
    ]


def _finish(
    e: Emulated, response: JSON, reply: Reply, output: list[JSON], input_tokens: int
) -> JSON:
    done = dict(response)
    done["output"] = output
    done["usage"] = {
        "input_tokens": input_tokens,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens": reply.output_tokens,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": input_tokens + reply.output_tokens,
    }
    if reply.finish == "length":
        done["status"] = "incomplete"
        done["incomplete_details"] = {"reason": "max_output_tokens"}
    else:
        done["status"] = "completed"
        done["completed_at"] = e.now()
    return done


# the stream of events for one response, in the spec's order


def _events(start: JSON, done: JSON, reply: Reply) -> list[tuple[str, JSON]]:
    out: list[tuple[str, JSON]] = []

    def emit(kind: str, **fields: Any) -> None:
        out.append((kind, {"type": kind, "sequence_number": len(out), **fields}))

    emit("response.created", response=start)
    if start["status"] == "queued":
        emit("response.queued", response=start)
    emit("response.in_progress", response=dict(start, status="in_progress"))
    for index, item in enumerate(done["output"]):
        if item["type"] == "function_call":
            emit(
                "response.output_item.added",
                output_index=index,
                item=dict(item, arguments="", status="in_progress"),
            )
            args: str = item["arguments"]
            for piece in [args[i : i + 8] for i in range(0, len(args), 8)]:
                emit(
                    "response.function_call_arguments.delta",
                    item_id=item["id"],
                    output_index=index,
                    delta=piece,
                )
            emit(
                "response.function_call_arguments.done",
                item_id=item["id"],
                output_index=index,
                name=item["name"],
                arguments=args,
            )
            emit("response.output_item.done", output_index=index, item=item)
            continue
        part: JSON = item["content"][0]
        ids = {"item_id": item["id"], "output_index": index, "content_index": 0}
        emit(
            "response.output_item.added",
            output_index=index,
            item=dict(item, status="in_progress", content=[]),
        )
        if part["type"] == "refusal":
            emit(
                "response.content_part.added",
                **ids,
                part={"type": "refusal", "refusal": ""},
            )
            for piece in reply.chunks:
                emit("response.refusal.delta", **ids, delta=piece)
            emit("response.refusal.done", **ids, refusal=part["refusal"])
        else:
            emit(
                "response.content_part.added",
                **ids,
                part={
                    "type": "output_text",
                    "text": "",
                    "annotations": [],
                    "logprobs": [],
                },
            )
            for piece in reply.chunks:
                emit("response.output_text.delta", **ids, delta=piece, logprobs=[])
            emit("response.output_text.done", **ids, text=part["text"], logprobs=[])
        emit("response.content_part.done", **ids, part=part)
        emit("response.output_item.done", output_index=index, item=item)
    emit(
        "response.incomplete"
        if done["status"] == "incomplete"
        else "response.completed",
        response=done,
    )
    return out


# handlers


async def create(request: Request) -> Response:
    body = await json_body(request)
    response, events = run_create(emu(request), body, stream=bool(body.get("stream")))
    if events is None:
        return json_response(response)
    return sse_response(
        request, [named_event(kind, payload) for kind, payload in events]
    )


def run_create(
    e: Emulated, body: JSON, *, stream: bool
) -> tuple[JSON, list[tuple[str, JSON]] | None]:
    """Create a response: the response object, and its events when streamed."""
    require(body, "model")
    if (
        "input" not in body
        and not body.get("previous_response_id")
        and not body.get("conversation")
    ):
        raise bad_request("Missing required parameter: 'input'.", param="input")
    store = body.get("store", True) is not False
    background = bool(body.get("background"))
    if background and not store:
        raise bad_request(
            "Background responses must be stored: 'background' requires 'store' to be true.",
            param="background",
        )
    context = _prior_context(e, body)
    input_items = normalize_input(e, body.get("input"))
    turn = _turn(body, context + input_items)
    reply = respond(turn, e.control.next_reply(turn.model))
    start = _skeleton(e, body, store)
    output = _output(e, reply)
    done = _finish(
        e,
        start,
        reply,
        output,
        items_tokens(context + input_items, body.get("instructions")),
    )
    conv_id = _conversation_id(body)

    if background and not stream:
        start["status"] = "queued"
        e.store.put("responses", start["id"], start)
        e.store.put(
            "_resp_items",
            start["id"],
            {"context": context, "input": input_items, "output": []},
        )
        e.store.put(
            "_resp_pending",
            start["id"],
            {
                "done": done,
                "reply": _reply_json(reply),
                "conversation": conv_id,
                "due": e.clock.now() + e.config.background_seconds,
            },
        )
        return start, None

    if background:
        start["status"] = "queued"
    events = _events(start, done, reply)
    if store:
        e.store.put("responses", done["id"], done)
        e.store.put(
            "_resp_items",
            done["id"],
            {"context": context, "input": input_items, "output": output},
        )
        e.store.put("_resp_events", done["id"], {"data": [ev for _, ev in events]})
    if conv_id:
        append_items(e, conv_id, input_items + output)
    return done, events if stream else None


def _reply_json(reply: Reply) -> JSON:
    return {
        "kind": reply.kind,
        "text": reply.text,
        "chunks": reply.chunks,
        "finish": reply.finish,
    }


async def finish_background(e: Emulated) -> None:
    """Ticker: queued -> in_progress -> completed for background responses whose time has come."""
    now = e.clock.now()
    for response_id in e.store.ids("_resp_pending"):
        pending = e.store.get("_resp_pending", response_id)
        response = e.store.get("responses", response_id)
        if pending is None or response is None:
            e.store.delete("_resp_pending", response_id)
            continue
        due = float(pending["due"])
        if (
            response["status"] == "queued"
            and now >= due - e.config.background_seconds / 2
        ):
            response["status"] = "in_progress"
            e.store.put("responses", response_id, response)
        if now < due:
            continue
        done: JSON = dict(
            pending["done"],
            completed_at=e.now() if pending["done"]["status"] == "completed" else None,
        )
        r = pending["reply"]
        reply = Reply(r["kind"], text=r["text"], chunks=r["chunks"], finish=r["finish"])
        e.store.put("responses", response_id, done)
        items = e.store.get("_resp_items", response_id) or {}
        items["output"] = done["output"]
        e.store.put("_resp_items", response_id, items)
        e.store.put(
            "_resp_events",
            response_id,
            {
                "data": [
                    ev
                    for _, ev in _events(dict(response, status="queued"), done, reply)
                ]
            },
        )
        if pending.get("conversation"):
            append_items(
                e,
                pending["conversation"],
                list(items.get("input", [])) + done["output"],
            )
        e.store.delete("_resp_pending", response_id)
        await e.emit_webhook(f"response.{done['status']}", {"id": response_id})


def _get(e: Emulated, response_id: str) -> JSON:
    found = e.store.get("responses", response_id)
    if found is None:
        raise ApiError(
            404,
            f"Response with id '{response_id}' not found.",
            param="response_id",
            code="not_found",
        )
    return found


async def retrieve(request: Request) -> Response:
    e = emu(request)
    response = _get(e, request.path_params["response_id"])
    if request.query_params.get("stream") not in ("true", "True", "1"):
        return json_response(response)
    if response["status"] not in TERMINAL:
        raise bad_request(
            "This response has not finished yet; stream it once it is done, or poll it.",
            param="stream",
        )
    events: list[JSON] = (e.store.get("_resp_events", response["id"]) or {"data": []})[
        "data"
    ]
    after = request.query_params.get("starting_after")
    if after is not None:
        try:
            cut = int(after)
        except ValueError:
            raise bad_request(
                "Invalid 'starting_after': expected an integer.", param="starting_after"
            ) from None
        events = [ev for ev in events if ev["sequence_number"] > cut]
    return sse_response(request, [named_event(ev["type"], ev) for ev in events])


async def delete(request: Request) -> Response:
    e = emu(request)
    response = _get(e, request.path_params["response_id"])
    for kind in ("responses", "_resp_items", "_resp_events", "_resp_pending"):
        e.store.delete(kind, response["id"])
    return json_response({"id": response["id"], "object": "response", "deleted": True})


async def cancel(request: Request) -> Response:
    e = emu(request)
    response = _get(e, request.path_params["response_id"])
    if not response.get("background"):
        raise bad_request(
            "Only responses created with background=true can be cancelled.",
            param="response_id",
        )
    if response["status"] in TERMINAL:
        if response["status"] == "cancelled":
            return json_response(response)
        raise bad_request(
            f"Cannot cancel a response with status '{response['status']}'.",
            param="response_id",
        )
    response["status"] = "cancelled"
    e.store.put("responses", response["id"], response)
    e.store.delete("_resp_pending", response["id"])
    await e.emit_webhook("response.cancelled", {"id": response["id"]})
    return json_response(response)


async def input_items(request: Request) -> Response:
    e = emu(request)
    response = _get(e, request.path_params["response_id"])
    items: list[JSON] = (e.store.get("_resp_items", response["id"]) or {"input": []})[
        "input"
    ]
    return json_response(cursor_page(request, items, default_order="desc"))


async def input_tokens(request: Request) -> Response:
    e = emu(request)
    body = await json_body(request)
    context = _prior_context(e, body)
    items = normalize_input(e, body.get("input"))
    tokens = items_tokens(context + items, body.get("instructions"))
    tokens += sum(len(json.dumps(t)) // 4 for t in array(body.get("tools")))
    return json_response({"object": "response.input_tokens", "input_tokens": tokens})


async def compact(request: Request) -> Response:
    """The user messages, then one `compaction` item standing for everything else
    (its opaque content is read back when the output is sent as input again)."""
    e = emu(request)
    body = await json_body(request)
    require(body, "model")
    context = _prior_context(e, body) + normalize_input(e, body.get("input"))
    users: list[JSON] = []
    rest: list[JSON] = []
    for item in context:
        is_user = item.get("type") == "message" and item.get("role") == "user"
        (users if is_user else rest).append(item)
    tokens = items_tokens(context, body.get("instructions"))
    compaction = {
        "id": e.new_id("cmp_", 48),
        "type": "compaction",
        "encrypted_content": compaction_content(rest),
    }
    return json_response(
        {
            "id": e.new_id("resp_", 48),
            "object": "response.compaction",
            "created_at": e.now(),
            "output": [*users, compaction],
            "usage": {
                "input_tokens": tokens,
                "input_tokens_details": {"cached_tokens": 0},
                "output_tokens": items_tokens([compaction]),
                "output_tokens_details": {"reasoning_tokens": 0},
                "total_tokens": tokens + items_tokens([compaction]),
            },
        }
    )


async def websocket(ws: WebSocket) -> None:
    """The Responses API over a WebSocket: each `response.create` event is answered
    with that response's stream events; failures come back as `error` events."""
    e: Emulated = ws.app.state.emulated
    if e.config.require_auth and not (
        ws.headers.get("authorization", "").startswith("Bearer ")
        or ws.headers.get("api-key")
    ):
        await ws.close(code=4001, reason="missing API key")
        return
    fault = e.control.take_fault("ws_close", "GET", e.api_path(ws.url.path))
    await ws.accept()
    sent = 0
    try:
        await close_if_due(ws, fault, sent)
        while True:
            event = as_obj(_loads(await ws.receive_text()))
            body = dict(event or {})
            kind = body.pop("type", None)
            if kind != "response.create":
                out = [
                    _ws_error(
                        "invalid_event",
                        "Expected an event of type 'response.create'.",
                        "type",
                    )
                ]
            else:
                try:
                    _, events = run_create(e, body, stream=True)
                    out = [payload for _, payload in events or []]
                except ApiError as err:
                    out = [_ws_error(err.code or err.type, err.message, err.param)]
            for payload in out:
                await ws.send_text(json.dumps(payload))
                sent += 1
                await close_if_due(ws, fault, sent)
    except (WebSocketDisconnect, FaultClosed):
        pass


def _loads(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _ws_error(code: str, message: str, param: str | None) -> JSON:
    return {
        "type": "error",
        "code": code,
        "message": message,
        "param": param,
        "sequence_number": 0,
    }


ROUTES: list[BaseRoute] = [
    WebSocketRoute("/responses", websocket),
    Route("/responses", create, methods=["POST"]),
    Route("/responses/input_tokens", input_tokens, methods=["POST"]),
    Route("/responses/compact", compact, methods=["POST"]),
    Route("/responses/{response_id}", retrieve, methods=["GET"]),
    Route("/responses/{response_id}", delete, methods=["DELETE"]),
    Route("/responses/{response_id}/cancel", cancel, methods=["POST"]),
    Route("/responses/{response_id}/input_items", input_items, methods=["GET"]),
]

TICKERS = [finish_background]
