"""Scripted replies and injected faults: what tests tell the emulator to do next.

Both are plain data (JSON-able dicts), so the same control works in-process
(`Emulator().script(...)`) and over HTTP (`POST /_emulator/script`) for an
emulator running in another process.

A scripted reply is one of:
  {"type": "text", "text": "...", "chunks": ["...", ...]}      chunks: how it is streamed
  {"type": "tool_calls", "calls": [{"name": "...", "arguments": {...} | "..."}]}
  {"type": "refusal", "refusal": "..."}
  {"type": "length", "text": "..."}                            a reply cut at the token limit

A fault is one of:
  {"kind": "http", "status": 429, "retry_after": 1, "times": 2, "path": "/chat/completions", "method": "POST"}
  {"kind": "drop", "after_events": 2, "abrupt": true, "times": 1, "path": "..."}
  {"kind": "slow", "seconds": 2.0, "times": 1, "path": "..."}
  {"kind": "ws_close", "code": 1011, "after_events": 0, "times": 1, "path": "/realtime"}
`path` is an fnmatch pattern on the path below `/v1` (default `*`), `times` how
many requests it hits before it is used up.
"""

from __future__ import annotations

import fnmatch
import threading
from collections import deque
from typing import Any

JSON = dict[str, Any]

REPLY_TYPES = ("text", "tool_calls", "refusal", "length")
FAULT_KINDS = ("http", "drop", "slow", "ws_close")
ANY_MODEL = "*"


class ControlError(ValueError):
    """A script or fault that the emulator cannot follow; the message names the field."""


def validate_reply(reply: JSON) -> JSON:
    kind = reply.get("type")
    if kind not in REPLY_TYPES:
        raise ControlError(f"reply `type` must be one of {REPLY_TYPES}, got {kind!r}")
    if kind in ("text", "length") and not isinstance(reply.get("text"), str):
        raise ControlError(f"a {kind!r} reply needs a string `text`")
    chunks = reply.get("chunks")
    if chunks is not None:
        if not isinstance(chunks, list) or not all(isinstance(c, str) for c in chunks):  # pyright: ignore[reportUnknownVariableType]
            raise ControlError("`chunks` must be a list of strings")
        if "".join(chunks) != reply.get("text", reply.get("refusal")):  # pyright: ignore[reportUnknownArgumentType]
            raise ControlError("`chunks` must join to the reply's text")
    if kind == "refusal" and not isinstance(reply.get("refusal"), str):
        raise ControlError("a 'refusal' reply needs a string `refusal`")
    if kind == "tool_calls":
        calls = reply.get("calls")
        if not isinstance(calls, list) or not calls:
            raise ControlError("a 'tool_calls' reply needs a non-empty list `calls`")
        for call in calls:  # pyright: ignore[reportUnknownVariableType]
            if not isinstance(call, dict) or not isinstance(call.get("name"), str):  # pyright: ignore[reportUnknownMemberType]
                raise ControlError("each tool call needs a string `name`")
    return reply


def validate_fault(fault: JSON) -> JSON:
    kind = fault.get("kind")
    if kind not in FAULT_KINDS:
        raise ControlError(f"fault `kind` must be one of {FAULT_KINDS}, got {kind!r}")
    times = fault.setdefault("times", 1)
    if not isinstance(times, int) or times < 1:
        raise ControlError(f"fault `times` must be a positive integer, got {times!r}")
    fault.setdefault("path", "*")
    if kind == "http":
        status = fault.get("status")
        if not isinstance(status, int) or not 400 <= status <= 599:
            raise ControlError(
                f"fault `status` must be an HTTP error status (400-599), got {status!r}"
            )
    elif kind == "drop":
        fault.setdefault("after_events", 1)
        fault.setdefault("abrupt", True)
    elif kind == "slow":
        seconds = fault.get("seconds")
        if not isinstance(seconds, (int, float)) or seconds < 0:
            raise ControlError(
                f"fault `seconds` must be a non-negative number, got {seconds!r}"
            )
    else:
        code = fault.get("code", 1011)
        if not isinstance(code, int) or not 1000 <= code <= 4999:
            raise ControlError(
                f"fault `code` must be a WebSocket close code (1000-4999), got {code!r}"
            )
        fault["code"] = code
        fault.setdefault("after_events", 0)
    return fault


class Control:
    """Thread-safe queues: the test thread writes, the server loop reads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._replies: dict[str, deque[JSON]] = {}
        self._faults: list[JSON] = []
        self.requests: deque[JSON] = deque(maxlen=2000)

    def add_replies(self, model: str | None, replies: list[JSON]) -> None:
        checked = [validate_reply(dict(r)) for r in replies]
        with self._lock:
            self._replies.setdefault(model or ANY_MODEL, deque()).extend(checked)

    def next_reply(self, model: str) -> JSON | None:
        with self._lock:
            for key in (model, ANY_MODEL):
                queue = self._replies.get(key)
                if queue:
                    return queue.popleft()
        return None

    def pending_replies(self) -> dict[str, int]:
        with self._lock:
            return {k: len(v) for k, v in self._replies.items() if v}

    def add_fault(self, fault: JSON) -> None:
        checked = validate_fault(dict(fault))
        with self._lock:
            self._faults.append(checked)

    def take_fault(self, kind: str, method: str, path: str) -> JSON | None:
        """The first matching fault of this kind; one use of it is consumed."""
        with self._lock:
            for fault in self._faults:
                if fault["kind"] != kind:
                    continue
                if fault.get("method") and str(fault["method"]).upper() != method:
                    continue
                if not fnmatch.fnmatchcase(path, str(fault["path"])):
                    continue
                fault["times"] -= 1
                if fault["times"] <= 0:
                    self._faults.remove(fault)
                return dict(fault)
        return None

    def pending_faults(self) -> list[JSON]:
        with self._lock:
            return [dict(f) for f in self._faults]

    def log_request(self, entry: JSON) -> None:
        self.requests.append(entry)

    def reset(self) -> None:
        with self._lock:
            self._replies.clear()
            self._faults.clear()
            self.requests.clear()
