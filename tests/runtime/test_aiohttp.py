"""The aiohttp transport (the `aiohttp` extra) against a loopback server."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator

import pytest

import openai

pytest.importorskip("httpx_aiohttp")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        received = json.loads(self.rfile.read(length))
        if self.path.endswith("/stream"):
            body = b'data: {"n": 1}\n\ndata: {"n": 2}\n\ndata: [DONE]\n\n'
            content_type = "text/event-stream"
        else:
            body = json.dumps(
                {"echo": received, "auth": self.headers.get("authorization")}
            ).encode()
            content_type = "application/json"
        self.send_response(200)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v1"
    server.shutdown()
    server.server_close()


async def test_requests_and_streams_over_aiohttp(server_url: str) -> None:
    http_client = openai.DefaultAioHttpClient()
    assert http_client.follow_redirects is True
    async with openai.AsyncOpenAI(
        api_key="sk-aiohttp-123456", base_url=server_url, http_client=http_client
    ) as client:
        result = await client.post("/echo", cast_to=object, body={"a": 1})
        assert result == {"echo": {"a": 1}, "auth": "Bearer sk-aiohttp-123456"}
        stream = await client.post(
            "/chat/stream",
            cast_to=object,
            body={},
            stream=True,
            stream_cls=openai.AsyncStream,
        )
        assert [event["n"] async for event in stream] == [1, 2]
    await http_client.aclose()
