"""/chat/completions (with streaming, tools, structured outputs, stored completions)
and the legacy /completions."""

from __future__ import annotations

import itertools
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
    metadata_filter,
    not_found,
    optional,
    require,
)
from .._json import array, as_obj, get, objs
from .._model import Reply, Turn, content_text, count_tokens, respond
from .._sse import DONE, data_event, sse_response
from .._state import Emulated

JSON = dict[str, Any]
FINGERPRINT = "fp_emulator"


def _turn(body: JSON, messages: list[JSON]) -> Turn:
    turn = Turn(model=body["model"])
    for message in messages:
        if message.get("role") == "user":
            turn.last_user_text = content_text(message.get("content"))
    last = messages[-1]
    if last.get("role") in ("tool", "function"):
        turn.last_is_tool_result = True
        turn.last_tool_output = content_text(last.get("content"))
    turn.prompt_text = " ".join(content_text(m.get("content")) for m in messages)
    for tool in objs(body.get("tools")):
        fn = as_obj(tool.get("function"))
        if tool.get("type") == "function" and fn is not None:
            turn.tools.append(
                {"name": fn.get("name", ""), "parameters": fn.get("parameters")}
            )
    turn.tool_choice = body.get("tool_choice", "auto")
    fmt = as_obj(body.get("response_format"))
    if fmt is not None:
        if fmt.get("type") == "json_schema":
            spec: JSON = as_obj(fmt.get("json_schema")) or {}
            if not isinstance(spec.get("name"), str):
                raise bad_request(
                    "Missing required parameter: 'response_format.json_schema.name'.",
                    param="response_format.json_schema.name",
                )
            turn.json_schema = spec.get("schema") or {"type": "object"}
        elif fmt.get("type") == "json_object":
            turn.json_object = True
    limit = body.get("max_completion_tokens", body.get("max_tokens"))
    if limit is not None:
        if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
            raise bad_request(
                "Invalid 'max_completion_tokens': must be a positive integer.",
                param="max_completion_tokens",
            )
        turn.max_tokens = limit
    return turn


def _check_messages(body: JSON) -> list[JSON]:
    require(body, "model")
    given: list[Any] = require(body, "messages", list)
    if not given:
        raise bad_request(
            "Invalid 'messages': empty array. Expected an array with minimum length 1.",
            param="messages",
        )
    messages: list[JSON] = []
    for i, value in enumerate(given):
        message = as_obj(value)
        if message is None or message.get("role") not in (
            "system",
            "developer",
            "user",
            "assistant",
            "tool",
            "function",
        ):
            raise bad_request(
                f"Invalid value for 'messages[{i}].role': expected system, developer, user, assistant, tool or function.",
                param=f"messages[{i}].role",
            )
        messages.append(message)
    return messages


def _replies(e: Emulated, body: JSON, turn: Turn) -> list[Reply]:
    n = optional(body, "n", int, 1)
    if not 1 <= n <= 128:
        raise bad_request("Invalid 'n': must be between 1 and 128.", param="n")
    return [respond(turn, e.control.next_reply(turn.model)) for _ in range(n)]


def _tool_calls(e: Emulated, reply: Reply) -> list[JSON]:
    out: list[JSON] = []
    for call in reply.tool_calls:
        call.call_id = call.call_id or e.new_id("call_")
        out.append(
            {
                "id": call.call_id,
                "type": "function",
                "function": {"name": call.name, "arguments": call.arguments},
            }
        )
    return out


def _logprobs(reply: Reply, body: JSON) -> JSON | None:
    if not body.get("logprobs"):
        return None
    top = int(body.get("top_logprobs") or 0)
    entries = [
        {
            "token": piece,
            "logprob": 0.0,
            "bytes": list(piece.encode()),
            "top_logprobs": [
                {"token": piece, "logprob": 0.0, "bytes": list(piece.encode())}
            ][:top],
        }
        for piece in reply.chunks
    ]
    if reply.kind == "refusal":
        return {"content": None, "refusal": entries}
    return {"content": entries, "refusal": None}


def _message(e: Emulated, reply: Reply) -> JSON:
    message: JSON = {
        "role": "assistant",
        "content": None,
        "refusal": None,
        "annotations": [],
    }
    if reply.kind == "text":
        message["content"] = reply.text
    elif reply.kind == "refusal":
        message["refusal"] = reply.text
    else:
        message["tool_calls"] = _tool_calls(e, reply)
    return message


def _usage(prompt_tokens: int, completion_tokens: int) -> JSON:
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        },
    }


def prompt_tokens(messages: list[JSON]) -> int:
    return sum(count_tokens(content_text(m.get("content"))) + 3 for m in messages) + 3


async def create(request: Request) -> Response:
    e = emu(request)
    body = await json_body(request)
    messages = _check_messages(body)
    turn = _turn(body, messages)
    replies = _replies(e, body, turn)
    store = bool(body.get("store"))
    metadata = check_metadata(body)
    completion_id = e.new_id("chatcmpl-", 29)
    created = e.now()
    choices = [
        {
            "index": i,
            "message": _message(e, r),
            "logprobs": _logprobs(r, body),
            "finish_reason": r.finish,
        }
        for i, r in enumerate(replies)
    ]
    completion: JSON = {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": turn.model,
        "choices": choices,
        "usage": _usage(prompt_tokens(messages), sum(r.output_tokens for r in replies)),
        "service_tier": body.get("service_tier") or "default",
        "system_fingerprint": FINGERPRINT,
    }
    if store:
        _store(e, completion, messages, metadata)
    if not body.get("stream"):
        return json_response(completion)
    options: JSON = as_obj(body.get("stream_options")) or {}
    return sse_response(
        request, _chunks(completion, replies, bool(options.get("include_usage")))
    )


def _store(
    e: Emulated, completion: JSON, messages: list[JSON], metadata: JSON | None
) -> None:
    stored = dict(completion, metadata=metadata or {})
    e.store.put("chat_completions", completion["id"], stored)
    records: list[JSON] = []
    for i, m in enumerate(messages):
        record: JSON = {
            "id": f"{completion['id']}-{i}",
            "role": m["role"],
            "content": content_text(m.get("content")),
        }
        if isinstance(m.get("content"), list):
            record["content_parts"] = m["content"]
        for key in ("name", "tool_call_id", "tool_calls"):
            if key in m:
                record[key] = m[key]
        records.append(record)
    e.store.put("_chat_messages", completion["id"], {"data": records})


def _choice_deltas(index: int, reply: Reply, message: JSON) -> list[JSON]:
    first: JSON = {
        "role": "assistant",
        "content": "" if reply.kind == "text" else None,
        "refusal": None,
    }
    deltas: list[JSON] = []
    if reply.kind == "tool_calls":
        calls: list[JSON] = message["tool_calls"]
        for k, call in enumerate(calls):
            opening = dict(first) if k == 0 else {}
            opening["tool_calls"] = [
                {
                    "index": k,
                    "id": call["id"],
                    "type": "function",
                    "function": {"name": call["function"]["name"], "arguments": ""},
                }
            ]
            deltas.append(opening)
            args: str = call["function"]["arguments"]
            for piece in _pieces(args):
                deltas.append(
                    {"tool_calls": [{"index": k, "function": {"arguments": piece}}]}
                )
    elif reply.kind == "refusal":
        deltas.append(dict(first, refusal=""))
        deltas.extend({"refusal": piece} for piece in reply.chunks)
    else:
        deltas.append(first)
        deltas.extend({"content": piece} for piece in reply.chunks)
    out: list[JSON] = [
        {"index": index, "delta": d, "logprobs": None, "finish_reason": None}
        for d in deltas
    ]
    out.append(
        {"index": index, "delta": {}, "logprobs": None, "finish_reason": reply.finish}
    )
    return out


def _pieces(text: str, size: int = 8) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _chunks(completion: JSON, replies: list[Reply], include_usage: bool) -> list[bytes]:
    base = {
        k: completion[k]
        for k in ("id", "created", "model", "service_tier", "system_fingerprint")
    }
    base["object"] = "chat.completion.chunk"
    per_choice = [
        _choice_deltas(i, r, completion["choices"][i]["message"])
        for i, r in enumerate(replies)
    ]
    events: list[bytes] = []
    for group in itertools.zip_longest(*per_choice):
        for choice in group:
            if choice is not None:
                chunk = dict(base, choices=[choice])
                if include_usage:
                    chunk["usage"] = None
                events.append(data_event(chunk))
    if include_usage:
        events.append(data_event(dict(base, choices=[], usage=completion["usage"])))
    events.append(DONE)
    return events


# stored completions


def _stored(request: Request) -> JSON:
    completion_id = request.path_params["completion_id"]
    found = emu(request).store.get("chat_completions", completion_id)
    if found is None:
        raise not_found("chat completion", completion_id, param="completion_id")
    return found


async def list_stored(request: Request) -> Response:
    items = emu(request).store.values("chat_completions")
    model = request.query_params.get("model")
    if model:
        items = [c for c in items if c["model"] == model]
    wanted = metadata_filter(request)
    if wanted:
        items = [
            c
            for c in items
            if all(get(c.get("metadata"), k) == v for k, v in wanted.items())
        ]
    return json_response(cursor_page(request, items, default_order="asc"))


async def retrieve_stored(request: Request) -> Response:
    return json_response(_stored(request))


async def update_stored(request: Request) -> Response:
    stored = _stored(request)
    body = await json_body(request)
    if "metadata" not in body:
        raise bad_request("Missing required parameter: 'metadata'.", param="metadata")
    stored["metadata"] = check_metadata(body) or {}
    emu(request).store.put("chat_completions", stored["id"], stored)
    return json_response(stored)


async def delete_stored(request: Request) -> Response:
    stored = _stored(request)
    e = emu(request)
    e.store.delete("chat_completions", stored["id"])
    e.store.delete("_chat_messages", stored["id"])
    return json_response(
        {"object": "chat.completion.deleted", "id": stored["id"], "deleted": True}
    )


async def list_messages(request: Request) -> Response:
    stored = _stored(request)
    messages = emu(request).store.get("_chat_messages", stored["id"]) or {"data": []}
    return json_response(cursor_page(request, messages["data"], default_order="asc"))


# legacy completions


async def create_legacy(request: Request) -> Response:
    e = emu(request)
    body = await json_body(request)
    model = require(body, "model")
    prompt = body.get("prompt", "")
    prompts: list[str] = (
        [prompt] if isinstance(prompt, str) else [str(p) for p in array(prompt)] or [""]
    )
    limit = optional(body, "max_tokens", int, 16)
    n = optional(body, "n", int, 1)
    choices: list[JSON] = []
    replies: list[Reply] = []
    for p in prompts:
        for _ in range(n):
            reply = respond(
                Turn(model=model, last_user_text=p, max_tokens=limit),
                e.control.next_reply(model),
            )
            text = (p if body.get("echo") else "") + reply.text
            choices.append(
                {
                    "index": len(choices),
                    "text": text,
                    "logprobs": None,
                    "finish_reason": reply.finish,
                }
            )
            replies.append(reply)
    p_tokens = sum(count_tokens(p) for p in prompts)
    c_tokens = sum(r.output_tokens for r in replies)
    completion: JSON = {
        "id": e.new_id("cmpl-", 29),
        "object": "text_completion",
        "created": e.now(),
        "model": model,
        "system_fingerprint": FINGERPRINT,
        "choices": choices,
        "usage": {
            "prompt_tokens": p_tokens,
            "completion_tokens": c_tokens,
            "total_tokens": p_tokens + c_tokens,
        },
    }
    if not body.get("stream"):
        return json_response(completion)
    base = {
        k: completion[k]
        for k in ("id", "object", "created", "model", "system_fingerprint")
    }
    events: list[bytes] = []
    for choice, reply in zip(choices, replies):
        for piece in reply.chunks:
            events.append(
                data_event(
                    dict(
                        base,
                        choices=[
                            {
                                "index": choice["index"],
                                "text": piece,
                                "logprobs": None,
                                "finish_reason": None,
                            }
                        ],
                    )
                )
            )
        events.append(
            data_event(
                dict(
                    base,
                    choices=[
                        {
                            "index": choice["index"],
                            "text": "",
                            "logprobs": None,
                            "finish_reason": reply.finish,
                        }
                    ],
                )
            )
        )
    if get(body.get("stream_options"), "include_usage"):
        events.append(data_event(dict(base, choices=[], usage=completion["usage"])))
    events.append(DONE)
    return sse_response(request, events)


ROUTES: list[BaseRoute] = [
    Route("/chat/completions", create, methods=["POST"]),
    Route("/chat/completions", list_stored, methods=["GET"]),
    Route("/chat/completions/{completion_id}", retrieve_stored, methods=["GET"]),
    Route("/chat/completions/{completion_id}", update_stored, methods=["POST"]),
    Route("/chat/completions/{completion_id}", delete_stored, methods=["DELETE"]),
    Route("/chat/completions/{completion_id}/messages", list_messages, methods=["GET"]),
    Route("/completions", create_legacy, methods=["POST"]),
]
