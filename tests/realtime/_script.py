"""A WebSocket server on loopback that plays a script, one list of steps per connection.

Steps (tuples):
    ("send", event_dict)          send one JSON text message
    ("expect", "event.type")      receive one message and record it (its type is checked by the test)
    ("close", code, reason)       close the connection with this code
    ("drop",)                     cut the TCP connection without a close frame (1006)
    ("until_closed",)             record every message until the client closes
A connection script may instead be ("reject", status): the handshake answers that HTTP status.
Connections past the last script replay the last one.

Nothing is asserted in the server thread; tests assert on ``connections`` afterwards.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from websockets.sync.server import Server, ServerConnection, serve

Step = Tuple[Any, ...]
Script = Union[Sequence[Step], Tuple[str, int]]


@dataclass
class Seen:
    """One connection as the server saw it."""

    path: str
    headers: Dict[str, str]
    received: List[Dict[str, Any]] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def types(self) -> List[str]:
        return [m.get("type", "?") for m in self.received]


class ScriptedServer:
    def __init__(self, scripts: Sequence[Script]) -> None:
        self.scripts = list(scripts)
        self.connections: List[Seen] = []
        self._lock = threading.Lock()
        self._server: Server = serve(self._handle, "127.0.0.1", 0, process_request=self._on_request)
        self.port: int = self._server.socket.getsockname()[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def close(self) -> None:
        self._server.shutdown()
        self._thread.join(5)

    def wait(self, index: int, timeout: float = 10) -> Seen:
        """The ``index``-th connection, once its script has finished."""
        seen = self.connections[index]
        seen.done.wait(timeout)
        return seen

    def _script_for(self, index: int) -> Script:
        return self.scripts[min(index, len(self.scripts) - 1)]

    def _on_request(self, connection: ServerConnection, request: Any) -> Optional[Any]:
        with self._lock:
            index = len(self.connections)
            seen = Seen(path=request.path, headers={k: v for k, v in request.headers.raw_items()})
            self.connections.append(seen)
        script = self._script_for(index)
        if script and script[0] == "reject":
            seen.done.set()
            return connection.respond(int(script[1]), "rejected by the script\n")  # type: ignore[arg-type]
        request.script = (seen, script)  # read by _handle
        return None

    def _handle(self, ws: ServerConnection) -> None:
        seen, script = ws.request.script  # type: ignore[union-attr]
        try:
            for step in script:
                kind = step[0]
                if kind == "send":
                    ws.send(json.dumps(step[1]))
                elif kind == "expect":
                    seen.received.append(json.loads(ws.recv()))
                elif kind == "close":
                    ws.close(step[1], step[2] if len(step) > 2 else "")
                    return
                elif kind == "drop":
                    ws.socket.close()
                    return
                elif kind == "until_closed":
                    for message in ws:
                        seen.received.append(json.loads(message))
                    return
                else:
                    raise ValueError(f"unknown step {step!r}")
        except Exception:  # the client went away mid-script; the test sees what was recorded
            pass
        finally:
            seen.done.set()


# -- events the scripts send ----------------------------------------------------------

SESSION_CREATED = {
    "type": "session.created",
    "event_id": "event_1",
    "session": {"type": "realtime", "id": "sess_1", "object": "realtime.session", "model": "gpt-realtime-2"},
}


def text_delta(delta: str, n: int) -> Dict[str, Any]:
    return {
        "type": "response.output_text.delta",
        "event_id": f"event_d{n}",
        "response_id": "resp_1",
        "item_id": "item_1",
        "output_index": 0,
        "content_index": 0,
        "delta": delta,
    }


TEXT_DONE = {
    "type": "response.output_text.done",
    "event_id": "event_td",
    "response_id": "resp_1",
    "item_id": "item_1",
    "output_index": 0,
    "content_index": 0,
    "text": "Hello there!",
}
RESPONSE_DONE = {
    "type": "response.done",
    "event_id": "event_rd",
    "response": {"id": "resp_1", "object": "realtime.response", "status": "completed", "output": []},
}
ERROR_EVENT = {
    "type": "error",
    "event_id": "event_err",
    "error": {
        "type": "invalid_request_error",
        "code": "invalid_value",
        "message": "Invalid value for 'item.type'.",
        "param": "item.type",
        "event_id": "client_evt_7",
    },
}
