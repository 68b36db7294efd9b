"""The ASGI application: endpoint modules mounted under /v1, control routes under
/_emulator, and one middleware for request ids, auth, request logging and the
`http`/`slow` faults."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
from collections.abc import AsyncGenerator
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ._control import ControlError
from ._http import ApiError, dumps, emu, error_response, json_body, json_response
from ._state import API_PREFIX, Config, Emulated

JSON = dict[str, Any]

# endpoint modules under openai.testing.api; each has ROUTES and may have TICKERS
API_MODULES = (
    "models",
    "chat",
    "responses",
    "conversations",
    "embeddings",
    "moderations",
    "files",
    "uploads",
    "vector_stores",
    "batches",
    "fine_tuning",
    "images",
    "audio",
    "realtime",
)

_REDACTED_HEADERS = {
    "authorization",
    "api-key",
    "openai-organization",
    "openai-project",
}


class _Middleware:
    def __init__(self, app: ASGIApp, emulated: Emulated) -> None:
        self.app = app
        self.emulated = emulated

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            # logged too, so that tests can count connections (reconnections)
            self.emulated.control.log_request(_websocket_entry(self.emulated, scope))
        if scope["type"] != "http" or scope.get("emulator.internal"):
            await self.app(scope, receive, send)
            return
        emulated = self.emulated
        request_id = emulated.new_id("req_", 32)
        path: str = scope["path"]
        api_path = emulated.api_path(path)
        method: str = scope["method"]
        headers = {
            k.decode("latin-1").lower(): v.decode("latin-1")
            for k, v in scope["headers"]
        }
        is_control = path.startswith("/_emulator")
        public = path.startswith(
            API_PREFIX + "/_emulator/"
        )  # served media (image URLs) need no key

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-request-id", request_id.encode()),
                ]
            await send(message)

        entry: JSON = {}
        if not is_control:
            entry = {
                "method": method,
                "path": api_path,
                "query": scope.get("query_string", b"").decode("latin-1"),
                "headers": _redacted(scope),
                "body": None,
                "request_id": request_id,
            }
            emulated.control.log_request(entry)
        body_parts: list[bytes] = []

        async def receive_logged() -> Message:
            message = await receive()
            if message["type"] == "http.request" and entry:
                body_parts.append(message.get("body", b""))
                if not message.get("more_body") and "multipart/" not in headers.get(
                    "content-type", ""
                ):
                    entry["body"] = b"".join(body_parts).decode("utf-8", "replace")[
                        :65536
                    ]
            return message

        async def drain() -> None:
            # answered without running the app: still read the body, so the log shows it
            while True:
                message = await receive_logged()
                if message["type"] != "http.request" or not message.get("more_body"):
                    return

        if not is_control and path.startswith(API_PREFIX):
            if (
                emulated.config.require_auth
                and not public
                and not (
                    headers.get("authorization", "").strip()
                    not in ("", "Bearer", "Bearer ")
                    or headers.get("api-key")
                )
            ):
                err = ApiError(
                    401,
                    "You didn't provide an API key. Send it as an `Authorization: Bearer <key>` header "
                    "(the emulator accepts any key).",
                )
                await drain()
                await error_response(err)(scope, receive, send_with_id)
                return
            slow = emulated.control.take_fault("slow", method, api_path)
            if slow is not None:
                await asyncio.sleep(float(slow["seconds"]))
            fault = emulated.control.take_fault("http", method, api_path)
            if fault is not None:
                status = int(fault["status"])
                extra: dict[str, str] = {}
                if fault.get("retry_after") is not None:
                    extra["retry-after"] = str(fault["retry_after"])
                if fault.get("retry_after_ms") is not None:
                    extra["retry-after-ms"] = str(fault["retry_after_ms"])
                err = ApiError(
                    status,
                    str(fault.get("message") or f"Injected fault: HTTP {status}."),
                    type=str(fault.get("type") or _error_type(status)),
                    code=fault.get("code"),
                    headers=extra,
                )
                await drain()
                await error_response(err)(scope, receive, send_with_id)
                return
        await self.app(scope, receive_logged, send_with_id)


def _redacted(scope: Scope) -> dict[str, str]:
    headers: dict[str, str] = {}
    for k, v in scope["headers"]:
        name = k.decode("latin-1").lower()
        headers[name] = (
            "<redacted>" if name in _REDACTED_HEADERS else v.decode("latin-1")
        )
    # the browser form of the key travels as a subprotocol
    if "openai-insecure-api-key." in headers.get("sec-websocket-protocol", ""):
        headers["sec-websocket-protocol"] = "<redacted>"
    return headers


def _websocket_entry(emulated: Emulated, scope: Scope) -> JSON:
    return {
        "method": "GET",
        "path": emulated.api_path(scope["path"]),
        "query": scope.get("query_string", b"").decode("latin-1"),
        "headers": _redacted(scope),
        "body": None,
        "request_id": None,
        "websocket": True,
    }


def _error_type(status: int) -> str:
    if status == 429:
        return "rate_limit_exceeded"
    if status >= 500:
        return "server_error"
    return "invalid_request_error"


async def _api_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        msg = f"Invalid URL ({request.method} {request.url.path}): the emulator does not serve this endpoint."
    elif exc.status_code == 405:
        msg = f"Method {request.method} is not allowed on {request.url.path}."
    else:
        msg = str(exc.detail)
    return error_response(ApiError(exc.status_code, msg))


async def _server_error(_request: Request, exc: Exception) -> Response:
    # a bug in the emulator: answer in the API's error shape (the server still logs the traceback)
    return error_response(
        ApiError(
            500,
            f"The emulator failed to handle this request: {exc!r}",
            type="server_error",
        )
    )


async def _control_error(_request: Request, exc: Exception) -> Response:
    return error_response(ApiError(400, str(exc)))


# control routes: the same operations as the Emulator object, for an emulator in another process


async def _script(request: Request) -> Response:
    body = await json_body(request)
    replies = body.get("replies")
    if not isinstance(replies, list):
        raise ApiError(400, "`replies` must be a list", param="replies")
    emu(request).control.add_replies(body.get("model"), replies)  # pyright: ignore[reportUnknownArgumentType]
    return json_response(
        {"ok": True, "pending": emu(request).control.pending_replies()}
    )


async def _fault(request: Request) -> Response:
    emu(request).control.add_fault(await json_body(request))
    return json_response({"ok": True, "pending": emu(request).control.pending_faults()})


async def _advance(request: Request) -> Response:
    body = await json_body(request)
    seconds = body.get("seconds")
    if not isinstance(seconds, (int, float)) or seconds < 0:
        raise ApiError(400, "`seconds` must be a non-negative number", param="seconds")
    emu(request).advance(float(seconds))
    await emu(request).tick()
    return json_response({"ok": True, "clock": emu(request).clock.now()})


async def _reset(request: Request) -> Response:
    emu(request).control.reset()
    return json_response({"ok": True})


async def _requests(request: Request) -> Response:
    return json_response({"data": list(emu(request).control.requests)})


async def _webhook_log(request: Request) -> Response:
    return json_response(
        {
            "data": emu(request).webhooks.deliveries,
            "secret": emu(request).webhooks.secret,
        }
    )


async def _configure(request: Request) -> Response:
    body = await json_body(request)
    sender = emu(request).webhooks
    if "webhook_url" in body:
        sender.url = body["webhook_url"]
    if body.get("webhook_secret"):
        sender.secret = str(body["webhook_secret"])
    return json_response({"ok": True, "webhook_url": sender.url})


CONTROL_ROUTES: list[BaseRoute] = [
    Route("/script", _script, methods=["POST"]),
    Route("/faults", _fault, methods=["POST"]),
    Route("/advance", _advance, methods=["POST"]),
    Route("/reset", _reset, methods=["POST"]),
    Route("/requests", _requests, methods=["GET"]),
    Route("/webhooks", _webhook_log, methods=["GET"]),
    Route("/configure", _configure, methods=["POST"]),
]


def build_app(config: Config) -> tuple[ASGIApp, Emulated]:
    from ._sse import install_log_filter

    install_log_filter()
    emulated = Emulated(config)
    routes: list[BaseRoute] = []
    for name in API_MODULES:
        try:
            module = importlib.import_module(f"{__package__}.api.{name}")
        except ModuleNotFoundError:  # TEMP while modules are written
            continue
        routes.extend(module.ROUTES)
        emulated.tickers.extend(getattr(module, "TICKERS", ()))

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncGenerator[None, None]:
        task = asyncio.ensure_future(_tick_forever(emulated))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = Starlette(
        routes=[
            Mount(API_PREFIX, routes=routes),
            Mount("/_emulator", routes=CONTROL_ROUTES),
        ],
        exception_handlers={
            ApiError: _api_error,
            HTTPException: _http_error,
            ControlError: _control_error,
            Exception: _server_error,
        },
        lifespan=lifespan,
    )
    app.state.emulated = emulated
    wrapped = _Middleware(app, emulated)
    emulated.app = wrapped
    return wrapped, emulated


async def _tick_forever(emulated: Emulated) -> None:
    while True:
        await asyncio.sleep(emulated.config.tick_seconds)
        try:
            await emulated.tick()
        except Exception:  # a bug in one job must not stop the clock for the others
            import logging

            logging.getLogger("openai.testing").exception("emulator tick failed")


__all__ = ["build_app", "dumps"]
