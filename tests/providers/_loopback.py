"""Loopback HTTP servers that play the token endpoint, metadata servers and the API.

``Server(handler)`` serves on 127.0.0.1 (a free port) in a thread; every request is
recorded. ``RedirectTo(mapping)`` is an httpx transport that sends requests for
the named hosts (``auth.openai.com``, ``169.254.169.254``, ...) to loopback
servers instead, so code that uses the real addresses is exercised without
leaving the machine.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

import httpx


@dataclass
class Recorded:
    method: str
    path: str
    query: Dict[str, str]
    headers: Dict[str, str]  # lower-case names
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Reply:
    status: int = 200
    body: Any = field(default_factory=dict)  # dict/list -> JSON, str/bytes as is
    headers: Dict[str, str] = field(default_factory=dict)


Handler = Callable[[Recorded], Reply]


class Server:
    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.requests: List[Recorded] = []
        self._lock = threading.Lock()
        outer = self

        class _RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
                return None

            def _serve(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                recorded = Recorded(
                    method=self.command,
                    path=parts.path,
                    query=dict(parse_qsl(parts.query, keep_blank_values=True)),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=body,
                )
                with outer._lock:
                    outer.requests.append(recorded)
                reply = outer.handler(recorded)
                payload = reply.body
                content_type = "application/json"
                if isinstance(payload, str):
                    payload, content_type = payload.encode(), "text/plain"
                elif not isinstance(payload, bytes):
                    payload = json.dumps(payload).encode()
                self.send_response(reply.status)
                headers = {"content-type": content_type, **reply.headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _RequestHandler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def paths(self) -> List[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def __enter__(self) -> "Server":
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def _target(mapping: Mapping[str, Server], url: httpx.URL) -> Optional[Server]:
    return mapping.get(url.host)


class RedirectTo(httpx.BaseTransport):
    """Sends requests for the mapped host names to the given loopback servers."""

    def __init__(self, mapping: Mapping[str, Server]) -> None:
        self._mapping = dict(mapping)
        self._inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        server = _target(self._mapping, request.url)
        if server is not None:
            request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=server.port)
            request.headers["host"] = f"127.0.0.1:{server.port}"
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


class AsyncRedirectTo(httpx.AsyncBaseTransport):
    def __init__(self, mapping: Mapping[str, Server]) -> None:
        self._mapping = dict(mapping)
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        server = _target(self._mapping, request.url)
        if server is not None:
            request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=server.port)
            request.headers["host"] = f"127.0.0.1:{server.port}"
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def token_reply(token: str, expires_in: float = 3600) -> Reply:
    return Reply(200, {"access_token": token, "expires_in": expires_in, "token_type": "Bearer"})


class TokenEndpoint:
    """A token endpoint that hands out ``tok-1``, ``tok-2``, ... (or scripted replies)."""

    def __init__(self, *, expires_in: float = 3600, prefix: str = "exchanged-token-") -> None:
        self.expires_in = expires_in
        self.prefix = prefix
        self.count = 0
        self.script: List[Reply] = []
        self.gate: Optional[threading.Event] = None
        self._lock = threading.Lock()

    def __call__(self, request: Recorded) -> Reply:
        if self.gate is not None:
            self.gate.wait(30)
        with self._lock:
            self.count += 1
            if self.script:
                return self.script.pop(0)
            return token_reply(f"{self.prefix}{self.count}", self.expires_in)


def api_ok(request: Recorded) -> Reply:
    return Reply(200, {"ok": True, "path": request.path})


def exchange_requests(server: Server) -> List[Recorded]:
    return [r for r in server.requests if r.path == "/oauth/token"]


def auth_of(requests: List[Recorded]) -> List[Tuple[str, Optional[str]]]:
    return [(r.path, r.headers.get("authorization")) for r in requests]
