# pyright: strict
"""A tiny loopback stand-in for the OpenAI HTTP API, for the drop-in checks.

Stdlib only, because it runs inside each library's venv whatever that venv
holds. It serves just enough of the API for downstream libraries to complete a
turn: chat completions, responses (both with and without SSE streaming),
embeddings, legacy completions and the model list.

Replies are scripted: a check queues what the "model" says next
(``server.enqueue(text("..."))`` or ``server.enqueue(tool_call("f", {...}))``),
and each chat or responses request takes the next one. With nothing queued the
reply is ``DEFAULT_TEXT``. Every request is recorded so a check can assert on
what the library sent.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import struct
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Optional, cast

DEFAULT_TEXT = "Hello from the fake server."
DEFAULT_EMBEDDING_DIMS = 1536

JSON = dict[str, Any]


class ToolCall:
    """One function call the fake model makes."""

    def __init__(self, name: str, arguments: str | JSON) -> None:
        self.name = name
        self.arguments = (
            arguments if isinstance(arguments, str) else json.dumps(arguments)
        )


class Reply:
    """What the fake model answers to one chat/responses request."""

    def __init__(
        self, text: str | None = None, tool_calls: list[ToolCall] | None = None
    ) -> None:
        if text is None and not tool_calls:
            raise ValueError("a Reply needs text or at least one tool call")
        self.text = text
        self.tool_calls: list[ToolCall] = list(tool_calls or [])


def text(content: str) -> Reply:
    return Reply(text=content)


def tool_call(name: str, arguments: str | JSON) -> Reply:
    return Reply(tool_calls=[ToolCall(name, arguments)])


def json_text(value: Any) -> Reply:
    """A text reply whose content is ``value`` serialised as JSON (structured output)."""
    return Reply(text=json.dumps(value))


def _json_object(value: object) -> JSON | None:
    """``value`` if it is a decoded JSON object, else None."""
    return cast(JSON, value) if isinstance(value, dict) else None


class RecordedRequest:
    def __init__(
        self, method: str, path: str, headers: dict[str, str], body: Any
    ) -> None:
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body

    @property
    def json(self) -> JSON:
        body = _json_object(self.body)
        if body is None:
            raise TypeError(f"request to {self.path} had no JSON object body")
        return body

    def __repr__(self) -> str:
        return f"RecordedRequest({self.method} {self.path})"


Responder = Callable[[RecordedRequest], Optional[Reply]]


class FakeOpenAI:
    """The server. ``start()`` returns the base URL to give the client (ends in ``/v1``)."""

    def __init__(self) -> None:
        self._queue: list[Reply] = []
        self._lock = threading.Lock()
        self._counter = 0
        self.requests: list[RecordedRequest] = []
        # Optional hook consulted when the queue is empty (for flows whose
        # replies depend on the prompt). Returning None falls back to DEFAULT_TEXT.
        self.responder: Responder | None = None
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- control -----------------------------------------------------------

    def start(self) -> str:
        handler = _make_handler(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the fake server is not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self.requests.clear()
            self.responder = None

    def enqueue(self, *replies: Reply) -> None:
        with self._lock:
            self._queue.extend(replies)

    def requests_to(self, suffix: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.split("?")[0].endswith(suffix)]

    # -- internals ---------------------------------------------------------

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def next_reply(self, request: RecordedRequest) -> Reply:
        with self._lock:
            if self._queue:
                return self._queue.pop(0)
        if self.responder is not None:
            reply = self.responder(request)
            if reply is not None:
                return reply
        return Reply(text=DEFAULT_TEXT)

    def next_id(self, prefix: str) -> str:
        with self._lock:
            self._counter += 1
            return f"{prefix}_fake{self._counter:04d}"


# -- response bodies ---------------------------------------------------------


def _count_tokens(value: Any) -> int:
    return max(1, len(json.dumps(value)) // 4)


def _chunks_of(content: str, size: int = 8) -> list[str]:
    return [content[i : i + size] for i in range(0, len(content), size)] or [""]


def _chat_completion(server: FakeOpenAI, body: JSON, reply: Reply) -> JSON:
    message: JSON = {"role": "assistant", "content": reply.text, "refusal": None}
    if reply.tool_calls:
        message["tool_calls"] = [
            {
                "id": server.next_id("call"),
                "type": "function",
                "function": {"name": c.name, "arguments": c.arguments},
            }
            for c in reply.tool_calls
        ]
    prompt = _count_tokens(body.get("messages"))
    completion = _count_tokens(reply.text or "") + sum(
        _count_tokens(c.arguments) for c in reply.tool_calls
    )
    return {
        "id": server.next_id("chatcmpl"),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "gpt-fake"),
        "system_fingerprint": "fp_fake",
        "choices": [
            {
                "index": 0,
                "message": message,
                "logprobs": None,
                "finish_reason": "tool_calls" if reply.tool_calls else "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }


def _chat_chunks(server: FakeOpenAI, body: JSON, reply: Reply) -> Iterator[JSON]:
    whole = _chat_completion(server, body, reply)
    base = {
        k: whole[k] for k in ("id", "object", "created", "model", "system_fingerprint")
    }
    base["object"] = "chat.completion.chunk"

    def chunk(delta: JSON, finish: str | None = None) -> JSON:
        return {
            **base,
            "choices": [
                {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}
            ],
        }

    yield chunk(
        {"role": "assistant", "content": "" if reply.text is not None else None}
    )
    if reply.text:
        for piece in _chunks_of(reply.text):
            yield chunk({"content": piece})
    for index, call in enumerate(whole["choices"][0]["message"].get("tool_calls", [])):
        head = {
            "index": index,
            "id": call["id"],
            "type": "function",
            "function": {"name": call["function"]["name"], "arguments": ""},
        }
        yield chunk({"tool_calls": [head]})
        for piece in _chunks_of(call["function"]["arguments"]):
            yield chunk(
                {"tool_calls": [{"index": index, "function": {"arguments": piece}}]}
            )
    yield chunk({}, whole["choices"][0]["finish_reason"])
    options: JSON = body.get("stream_options") or {}
    if options.get("include_usage"):
        yield {**base, "choices": [], "usage": whole["usage"]}


def _response_items(server: FakeOpenAI, reply: Reply) -> list[JSON]:
    items: list[JSON] = []
    if reply.text is not None:
        items.append(
            {
                "type": "message",
                "id": server.next_id("msg"),
                "status": "completed",
                "role": "assistant",
                "content": [
                    {
                        "type": "output_text",
                        "text": reply.text,
                        "annotations": [],
                        "logprobs": [],
                    }
                ],
            }
        )
    for call in reply.tool_calls:
        items.append(
            {
                "type": "function_call",
                "id": server.next_id("fc"),
                "call_id": server.next_id("call"),
                "name": call.name,
                "arguments": call.arguments,
                "status": "completed",
            }
        )
    return items


def _response(server: FakeOpenAI, body: JSON, reply: Reply) -> JSON:
    output = _response_items(server, reply)
    prompt = _count_tokens(body.get("input"))
    completion = _count_tokens(output)
    return {
        "id": server.next_id("resp"),
        "object": "response",
        "created_at": int(time.time()),
        "status": "completed",
        "model": body.get("model", "gpt-fake"),
        "output": output,
        "error": None,
        "incomplete_details": None,
        "instructions": body.get("instructions"),
        "metadata": body.get("metadata") or {},
        "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "temperature": body.get("temperature", 1.0),
        "top_p": body.get("top_p", 1.0),
        "tool_choice": body.get("tool_choice", "auto"),
        "tools": body.get("tools", []),
        "text": body.get("text") or {"format": {"type": "text"}},
        "previous_response_id": body.get("previous_response_id"),
        "store": body.get("store", True),
        "usage": {
            "input_tokens": prompt,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens": completion,
            "output_tokens_details": {"reasoning_tokens": 0},
            "total_tokens": prompt + completion,
        },
    }


def _response_events(server: FakeOpenAI, body: JSON, reply: Reply) -> Iterator[JSON]:
    final = _response(server, body, reply)
    started: JSON = {**final, "status": "in_progress", "output": [], "usage": None}
    yield {"type": "response.created", "response": started}
    yield {"type": "response.in_progress", "response": started}
    for index, item in enumerate(final["output"]):
        ids: JSON = {"item_id": item["id"], "output_index": index}
        if item["type"] == "message":
            yield {
                "type": "response.output_item.added",
                "output_index": index,
                "item": {**item, "status": "in_progress", "content": []},
            }
            part: JSON = {
                "type": "output_text",
                "text": "",
                "annotations": [],
                "logprobs": [],
            }
            yield {
                "type": "response.content_part.added",
                **ids,
                "content_index": 0,
                "part": part,
            }
            full = item["content"][0]["text"]
            for piece in _chunks_of(full):
                yield {
                    "type": "response.output_text.delta",
                    **ids,
                    "content_index": 0,
                    "delta": piece,
                    "logprobs": [],
                }
            yield {
                "type": "response.output_text.done",
                **ids,
                "content_index": 0,
                "text": full,
                "logprobs": [],
            }
            yield {
                "type": "response.content_part.done",
                **ids,
                "content_index": 0,
                "part": item["content"][0],
            }
        else:
            yield {
                "type": "response.output_item.added",
                "output_index": index,
                "item": {**item, "status": "in_progress", "arguments": ""},
            }
            for piece in _chunks_of(item["arguments"]):
                yield {
                    "type": "response.function_call_arguments.delta",
                    **ids,
                    "delta": piece,
                }
            yield {
                "type": "response.function_call_arguments.done",
                **ids,
                "name": item["name"],
                "arguments": item["arguments"],
            }
        yield {"type": "response.output_item.done", "output_index": index, "item": item}
    yield {"type": "response.completed", "response": final}


def _embedding_vector(value: Any, dims: int) -> list[float]:
    """A deterministic unit vector derived from the input, so equal texts embed equally."""
    seed = hashlib.sha256(json.dumps(value).encode()).digest()
    raw: list[float] = []
    counter = 0
    while len(raw) < dims:
        block = hashlib.sha256(seed + counter.to_bytes(4, "little")).digest()
        raw.extend((b - 127.5) / 127.5 for b in block)
        counter += 1
    raw = raw[:dims]
    norm = math.sqrt(sum(x * x for x in raw)) or 1.0
    return [x / norm for x in raw]


def _embeddings(body: JSON) -> JSON:
    inputs: Any = body.get("input")
    # A list of strings or of token arrays is a batch; a string or one token array is one input.
    batch: list[Any] = inputs if isinstance(inputs, list) else []  # pyright: ignore[reportUnknownVariableType]
    if batch and not all(isinstance(x, int) for x in batch):
        items: list[Any] = list(batch)
    else:
        items = [inputs]
    dims = int(body.get("dimensions") or DEFAULT_EMBEDDING_DIMS)
    data: list[JSON] = []
    for index, item in enumerate(items):
        vector = _embedding_vector(item, dims)
        embedding: Any = vector
        if body.get("encoding_format") == "base64":
            embedding = base64.b64encode(struct.pack(f"<{dims}f", *vector)).decode()
        data.append({"object": "embedding", "index": index, "embedding": embedding})
    tokens = _count_tokens(inputs)
    return {
        "object": "list",
        "data": data,
        "model": body.get("model", "text-embedding-fake"),
        "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
    }


def _completion(server: FakeOpenAI, body: JSON, reply: Reply) -> JSON:
    return {
        "id": server.next_id("cmpl"),
        "object": "text_completion",
        "created": int(time.time()),
        "model": body.get("model", "gpt-fake"),
        "choices": [
            {
                "index": 0,
                "text": reply.text or "",
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


# -- HTTP plumbing -------------------------------------------------------------


def _make_handler(server: FakeOpenAI) -> type:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean

        def _read_body(self) -> Any:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            if not raw:
                return None
            try:
                return json.loads(raw)
            except ValueError:
                return raw

        def _send_json(self, status: int, payload: JSON) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("x-request-id", server.next_id("req"))
            self.end_headers()
            self.wfile.write(data)

        def _send_sse(self, events: Iterator[tuple[str | None, str]]) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.send_header("x-request-id", server.next_id("req"))
            self.end_headers()
            for event, data in events:
                frame = (f"event: {event}\n" if event else "") + f"data: {data}\n\n"
                self.wfile.write(frame.encode())
                self.wfile.flush()
            self.close_connection = True

        def _not_found(self) -> None:
            self._send_json(
                404,
                {
                    "error": {
                        "message": f"fake server: no route for {self.command} {self.path}",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": None,
                    }
                },
            )

        def do_GET(self) -> None:
            server.record(
                RecordedRequest("GET", self.path, dict(self.headers.items()), None)
            )
            if self.path.split("?")[0].rstrip("/").endswith("/models"):
                self._send_json(
                    200,
                    {
                        "object": "list",
                        "data": [
                            {
                                "id": "gpt-fake",
                                "object": "model",
                                "created": 0,
                                "owned_by": "fake",
                            }
                        ],
                    },
                )
            else:
                self._not_found()

        def do_POST(self) -> None:
            request = RecordedRequest(
                "POST", self.path, dict(self.headers.items()), self._read_body()
            )
            server.record(request)
            route = self.path.split("?")[0].rstrip("/")
            body: JSON = _json_object(request.body) or {}
            stream = body.get("stream") is True
            if route.endswith("/chat/completions"):
                reply = server.next_reply(request)
                if stream:
                    frames: list[tuple[str | None, str]] = [
                        (None, json.dumps(c)) for c in _chat_chunks(server, body, reply)
                    ]
                    frames.append((None, "[DONE]"))
                    self._send_sse(iter(frames))
                else:
                    self._send_json(200, _chat_completion(server, body, reply))
            elif route.endswith("/responses"):
                reply = server.next_reply(request)
                if stream:
                    events = list(_response_events(server, body, reply))
                    for number, event in enumerate(events):
                        event["sequence_number"] = number
                    self._send_sse(iter([(e["type"], json.dumps(e)) for e in events]))
                else:
                    self._send_json(200, _response(server, body, reply))
            elif route.endswith("/embeddings"):
                self._send_json(200, _embeddings(body))
            elif route.endswith("/completions"):
                self._send_json(
                    200, _completion(server, body, server.next_reply(request))
                )
            else:
                self._not_found()

    return Handler
