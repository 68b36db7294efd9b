"""Shared test plumbing: the recorded fixtures, SSE responses cut into network chunks,
clients against a respx-mocked base URL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, AsyncIterator, Dict, Iterator, List, Optional

import httpx

import openai

FIXTURES = Path(__file__).parent / "fixtures"
BASE_URL = "http://helpers.test/v1"


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def fixture_events(name: str) -> List[Dict[str, Any]]:
    """The JSON data of each event of an SSE fixture (``[DONE]`` left out)."""
    out: List[Dict[str, Any]] = []
    for block in fixture_bytes(name).decode().split("\n\n"):
        for line in block.splitlines():
            if line.startswith("data: ") and line != "data: [DONE]":
                out.append(json.loads(line[6:]))
    return out


def _pieces(body: bytes, chunk_size: Optional[int]) -> List[bytes]:
    if not chunk_size:
        return [body]
    return [body[i : i + chunk_size] for i in range(0, len(body), chunk_size)]


def sse_response(
    body: bytes, *, chunk_size: Optional[int] = None, is_async: bool = False
) -> httpx.Response:
    """A 200 event-stream response whose body arrives in ``chunk_size``-byte network chunks
    (so multibyte characters and events are split wherever the cut falls)."""
    pieces = _pieces(body, chunk_size)
    headers = {"content-type": "text/event-stream", "x-request-id": "req_stream"}
    if is_async:

        async def agen() -> AsyncIterator[bytes]:
            for piece in pieces:
                yield piece

        return httpx.Response(200, headers=headers, content=agen())

    def gen() -> Iterator[bytes]:
        yield from pieces

    return httpx.Response(200, headers=headers, content=gen())


def json_response(
    data: Any, *, headers: Optional[Dict[str, str]] = None
) -> httpx.Response:
    return httpx.Response(
        200, json=data, headers={"x-request-id": "req_json", **(headers or {})}
    )


def make_client(**kwargs: Any) -> openai.OpenAI:
    return openai.OpenAI(
        api_key="sk-helpers-test", base_url=BASE_URL, max_retries=0, **kwargs
    )


def make_async_client(**kwargs: Any) -> openai.AsyncOpenAI:
    return openai.AsyncOpenAI(
        api_key="sk-helpers-test", base_url=BASE_URL, max_retries=0, **kwargs
    )


def request_json(request: httpx.Request) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads(request.content)
    return data


# --- payloads ------------------------------------------------------------------------


def chat_completion(
    *choices: Dict[str, Any], usage: Optional[Dict[str, int]] = None
) -> Dict[str, Any]:
    return {
        "id": "chatcmpl-json1",
        "object": "chat.completion",
        "created": 1733000000,
        "model": "gpt-4o-2024-08-06",
        "choices": list(choices),
        "usage": usage
        or {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def choice(
    content: Optional[str] = None,
    *,
    index: int = 0,
    finish_reason: str = "stop",
    refusal: Optional[str] = None,
    tool_calls: Optional[List[Dict[str, Any]]] = None,
) -> Dict[str, Any]:
    message: Dict[str, Any] = {
        "role": "assistant",
        "content": content,
        "refusal": refusal,
    }
    if tool_calls is not None:
        message["tool_calls"] = tool_calls
    return {
        "index": index,
        "finish_reason": finish_reason,
        "logprobs": None,
        "message": message,
    }


def function_call(call_id: str, name: str, arguments: str) -> Dict[str, Any]:
    return {
        "id": call_id,
        "type": "function",
        "function": {"name": name, "arguments": arguments},
    }


def response_payload(
    output: List[Dict[str, Any]], status: str = "completed", **extra: Any
) -> Dict[str, Any]:
    data: Dict[str, Any] = {
        "id": "resp_json1",
        "object": "response",
        "created_at": 1733000000,
        "status": status,
        "model": "gpt-4o-2024-08-06",
        "output": output,
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "error": None,
        "incomplete_details": None,
        "instructions": None,
        "metadata": {},
    }
    data.update(extra)
    return data


def output_message(*parts: Dict[str, Any], item_id: str = "msg_1") -> Dict[str, Any]:
    return {
        "id": item_id,
        "type": "message",
        "role": "assistant",
        "status": "completed",
        "content": list(parts),
    }


def output_text(text: str) -> Dict[str, Any]:
    return {"type": "output_text", "text": text, "annotations": [], "logprobs": []}
