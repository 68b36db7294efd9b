"""The `ws_close` fault, shared by the WebSocket endpoints (realtime, responses)."""

from __future__ import annotations

from typing import Any

from starlette.websockets import WebSocket

from ._sse import DropConnection

JSON = dict[str, Any]

# codes that never travel in a close frame (RFC 6455 7.4.1): the connection is cut instead
UNSENDABLE = (1005, 1006, 1015)


class FaultClosed(Exception):
    """The socket was closed by a `ws_close` fault; the endpoint stops serving it."""


async def close_if_due(ws: WebSocket, fault: JSON | None, sent: int) -> None:
    """Close `ws` with the fault's code once `sent` server events reach its `after_events`.

    Called before the first event and after each one, so the close follows the last
    allowed event at once: the client sees it without sending anything first.
    """
    if fault is None or sent < int(fault["after_events"]):
        return
    code = int(fault["code"])
    if code in UNSENDABLE:
        raise DropConnection(f"emulator fault: WebSocket closed abnormally ({code})")
    await ws.close(code=code, reason="emulator fault")
    raise FaultClosed(code)
