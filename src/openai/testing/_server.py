"""`Emulator()`: the emulator served by uvicorn on a loopback port in a background thread."""

from __future__ import annotations

import asyncio
import socket
import threading
from typing import Any

from typing_extensions import Self

from ._controls import EmulatorControls
from ._state import Config, Emulated

JSON = dict[str, Any]


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto given explicitly: asyncio sets TCP_NODELAY on accepted sockets only when
    # proto is IPPROTO_TCP (without it, Nagle + delayed ACK cost ~40 ms per answer)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.setblocking(False)
    return sock


def make_server(
    config: Config, sock: socket.socket, log_level: str = "warning"
) -> tuple[Any, Emulated]:
    import uvicorn

    from ._app import build_app

    app, emulated = build_app(config)
    host, port = sock.getsockname()[:2]
    emulated.base_url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/v1"
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            lifespan="on",
            log_level=log_level,
            access_log=False,
            ws="websockets-sansio",
            ws_max_size=64 * 1024 * 1024,
            timeout_keep_alive=30,
            backlog=2048,
        )
    )
    return server, emulated


class Emulator(EmulatorControls):
    """An offline OpenAI API on 127.0.0.1, for tests and demos.

    >>> with Emulator() as emulator:
    ...     client = emulator.client()
    ...     client.responses.create(model="gpt-5.5", input="Hi").output_text
    'You said: Hi'
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        state_dir: str | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        seed: str = "emulator",
        require_auth: bool = True,
        background_seconds: float = 0.2,
        batch_seconds: float = 0.5,
        fine_tune_seconds: float = 2.0,
    ) -> None:
        self._config = Config(
            seed=seed,
            state_dir=state_dir,
            webhook_url=webhook_url,
            webhook_secret=webhook_secret,
            require_auth=require_auth,
            background_seconds=background_seconds,
            batch_seconds=batch_seconds,
            fine_tune_seconds=fine_tune_seconds,
        )
        self._host = host
        self._port = port
        self._server: Any = None
        self._emulated: Emulated | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._error: BaseException | None = None
        self.base_url = ""

    @property
    def state(self) -> Emulated:
        if self._emulated is None:
            raise RuntimeError(
                "the emulator is not running; use `with Emulator() as emulator:` or call start()"
            )
        return self._emulated

    def start(self) -> Self:
        if self._thread is not None:
            return self
        sock = bind_socket(self._host, self._port)
        self._server, self._emulated = make_server(self._config, sock)
        self.base_url = self._emulated.base_url
        started = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._serve(sock, started))
            except BaseException as exc:  # noqa: BLE001 - handed to start(), which raises it
                self._error = exc
            finally:
                started.set()
                loop.close()

        self._thread = threading.Thread(target=run, name="openai-emulator", daemon=True)
        self._thread.start()
        started.wait(30)
        if self._error is not None or not self._server.started:
            self.stop()
            raise RuntimeError(f"the emulator failed to start: {self._error!r}")
        return self

    async def _serve(self, sock: socket.socket, started: threading.Event) -> None:
        task = asyncio.ensure_future(self._server.serve(sockets=[sock]))
        while not self._server.started and not task.done():
            await asyncio.sleep(0.01)
        started.set()
        await task

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(30)
        self._thread = None
        if self._emulated is not None:
            self._emulated.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def control(self, op: str, payload: JSON) -> JSON:
        emulated = self.state
        control = emulated.control
        if op == "script":
            control.add_replies(payload.get("model"), payload["replies"])
            return {"ok": True}
        if op == "faults":
            control.add_fault(payload)
            return {"ok": True}
        if op == "reset":
            control.reset()
            return {"ok": True}
        if op == "requests":
            return {"data": list(control.requests)}
        if op == "webhooks":
            return {
                "data": list(emulated.webhooks.deliveries),
                "secret": emulated.webhooks.secret,
            }
        if op == "configure":
            if "webhook_url" in payload:
                emulated.webhooks.url = payload["webhook_url"]
            if payload.get("webhook_secret"):
                emulated.webhooks.secret = str(payload["webhook_secret"])
            return {"ok": True}
        if op == "advance":
            assert self._loop is not None
            emulated.advance(float(payload["seconds"]))
            asyncio.run_coroutine_threadsafe(emulated.tick(), self._loop).result(30)
            return {"ok": True}
        raise ValueError(f"unknown control operation {op!r}")
