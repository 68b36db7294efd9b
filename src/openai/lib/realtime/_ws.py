"""The ``websockets`` library, imported on first connection, and the errors of a closed socket."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Type

from ..._exceptions import OpenAIError, WebSocketConnectionClosedError
from ..._logs import SensitiveHeadersFilter

if TYPE_CHECKING:
    from websockets.exceptions import ConnectionClosed

__all__ = ["load_websockets", "close_code", "closed_error", "NORMAL_CLOSURE"]

NORMAL_CLOSURE = 1000
_INSTALL_HINT = (
    "WebSocket connections need the `websockets` package, which the `realtime` extra installs: "
    "pip install 'openai[realtime]'"
)

_closed_error_classes: Dict[bool, Type[WebSocketConnectionClosedError]] = {}


def load_websockets() -> None:
    """Import ``websockets`` (or say how to install it) and keep credentials out of its logs."""
    if _closed_error_classes:
        return
    try:
        from websockets.exceptions import ConnectionClosedError, ConnectionClosedOK
    except ImportError as exc:
        raise OpenAIError(_INSTALL_HINT) from exc
    # websockets logs the handshake headers (Authorization, api-key) at debug level
    logging.getLogger("websockets.client").addFilter(SensitiveHeadersFilter())

    # The close errors are both ours and websockets' own classes, so code written
    # against either (`except openai.WebSocketConnectionClosedError`, or
    # `except websockets.exceptions.ConnectionClosedError` as with the official
    # package) catches them.
    for normal, websockets_class in ((False, ConnectionClosedError), (True, ConnectionClosedOK)):
        _closed_error_classes[normal] = type(
            "WebSocketConnectionClosedError",
            (WebSocketConnectionClosedError, websockets_class),
            {"__init__": _closed_init, "__str__": BaseException.__str__, "__module__": "openai"},
        )


def _closed_init(self: Any, message: str, *, unsent_messages: List[str]) -> None:
    # neither parent's __init__ fits both: set what each one's users read
    BaseException.__init__(self, message)
    self.unsent_messages = unsent_messages
    self.rcvd = self.sent = self.rcvd_then_sent = None


def close_code(exc: ConnectionClosed) -> int:
    """The close code the peer sent; 1006 when the connection dropped without a close frame."""
    if exc.rcvd is not None:
        return int(exc.rcvd.code)
    if exc.sent is not None:
        return int(exc.sent.code)
    return 1006


def _describe(exc: ConnectionClosed) -> str:
    frame = exc.rcvd if exc.rcvd is not None else exc.sent
    if frame is None:
        return "the connection dropped without a close frame (code 1006)"
    text = f"code {int(frame.code)}"
    if frame.reason:
        text += f", reason {frame.reason!r}"
    who = "the server" if exc.rcvd is not None else "the client"
    return f"{who} closed it with {text}"


def closed_error(
    exc: ConnectionClosed, *, unsent: List[str], note: Optional[str] = None
) -> WebSocketConnectionClosedError:
    """Our error for a close that was not recovered; normal closes stay ``ConnectionClosedOK``."""
    code = close_code(exc)
    normal = code == NORMAL_CLOSURE and not unsent
    message = f"The WebSocket connection is closed: {_describe(exc)}."
    if note:
        message += f" {note}"
    if unsent:
        message += f" {len(unsent)} queued message(s) were not sent; they are in `.unsent_messages`."
    error: Any = _closed_error_classes[normal](message, unsent_messages=unsent)
    # the attributes of websockets' ConnectionClosed
    error.rcvd = exc.rcvd
    error.sent = exc.sent
    error.rcvd_then_sent = exc.rcvd_then_sent
    error.__cause__ = exc
    return error
