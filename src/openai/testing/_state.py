"""Everything one running emulator holds: config, store, ids, clock, control, webhooks."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from ._control import Control
from ._ids import Clock, IdFactory
from ._store import Store
from ._webhooks import WebhookSender

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message

JSON = dict[str, Any]
API_PREFIX = "/v1"


def _no_models() -> list[str]:
    return []


@dataclass
class Config:
    seed: str = "emulator"
    state_dir: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    require_auth: bool = True
    # how long (emulator-clock seconds) time-driven jobs take; `Emulator.advance()` skips ahead
    background_seconds: float = 0.2
    batch_seconds: float = 0.5
    fine_tune_seconds: float = 2.0
    tick_seconds: float = 0.05
    extra_models: list[str] = field(default_factory=_no_models)


Ticker = Callable[["Emulated"], Awaitable[None]]


class Emulated:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.store = Store(config.state_dir)
        counter = self.store.get_meta("id_counter")
        self.ids = IdFactory(config.seed, int(counter) if counter else 0)
        self.clock = Clock()
        offset = self.store.get_meta("clock_offset")
        if offset:
            self.clock.set_offset(float(offset))
        self.control = Control()
        self.webhooks = WebhookSender(config.webhook_url, config.webhook_secret)
        self.tickers: list[Ticker] = []
        self.app: ASGIApp | None = (
            None  # set by the app factory; used for internal dispatch
        )
        self.base_url = ""  # http://host:port/v1 once serving

    def new_id(self, prefix: str, length: int = 24) -> str:
        new = self.ids.new(prefix, length)
        if self.store.persistent:
            self.store.set_meta("id_counter", str(self.ids.counter))
        return new

    def now(self) -> int:
        return self.clock.now_int()

    def advance(self, seconds: float) -> None:
        self.clock.advance(seconds)
        self.store.set_meta("clock_offset", repr(self.clock.offset))

    @staticmethod
    def api_path(path: str) -> str:
        return path[len(API_PREFIX) :] if path.startswith(API_PREFIX + "/") else path

    async def tick(self) -> None:
        for ticker in self.tickers:
            await ticker(self)

    async def emit_webhook(self, event_type: str, data: JSON) -> None:
        event = {
            "id": self.new_id("evt_"),
            "object": "event",
            "created_at": self.now(),
            "type": event_type,
            "data": data,
        }
        await self.webhooks.send(event)

    async def dispatch(
        self, method: str, path: str, body: JSON | None
    ) -> tuple[int, dict[str, str], bytes]:
        """Run one request through the emulator's own app (used by batches)."""
        assert self.app is not None
        raw = json.dumps(body).encode() if body is not None else b""
        url_path, _, query = path.partition("?")
        if not url_path.startswith(API_PREFIX + "/"):
            url_path = API_PREFIX + url_path
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method.upper(),
            "scheme": "http",
            "path": url_path,
            "raw_path": url_path.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(raw)).encode()),
            ],
            "client": ("127.0.0.1", 0),
            "server": ("127.0.0.1", 0),
            "emulator.internal": True,
        }
        sent = False
        status = 500
        headers: dict[str, str] = {}
        chunks: list[bytes] = []

        async def receive() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": raw, "more_body": False}
            await asyncio.sleep(3600)
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers.update(
                    {k.decode(): v.decode() for k, v in message.get("headers", [])}
                )
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, send)
        return status, headers, b"".join(chunks)

    def close(self) -> None:
        self.store.close()
