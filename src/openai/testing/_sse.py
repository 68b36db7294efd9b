"""Server-sent events, with the `drop` fault applied on the way out."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import StreamingResponse

from ._http import dumps

JSON = dict[str, Any]


class DropConnection(Exception):
    """Raised inside a streaming body to make the server abort the connection mid-body."""


class _HideDrops(logging.Filter):
    # the server logs every exception escaping the app; a drop is on purpose
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        seen = 0
        while exc is not None and seen < 8:
            if isinstance(exc, DropConnection):
                return False
            inner = getattr(
                exc, "exceptions", None
            )  # an exception group from the task group
            exc = inner[0] if inner else exc.__cause__ or exc.__context__
            seen += 1
        return True


def install_log_filter() -> None:
    for name in ("uvicorn.error", "uvicorn"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _HideDrops) for f in logger.filters):
            logger.addFilter(_HideDrops())


def data_event(payload: Any) -> bytes:
    return b"data: " + dumps(payload) + b"\n\n"


def named_event(name: str, payload: Any) -> bytes:
    return b"event: " + name.encode() + b"\ndata: " + dumps(payload) + b"\n\n"


DONE = b"data: [DONE]\n\n"


def sse_response(
    request: Request, events: Iterable[bytes], headers: dict[str, str] | None = None
) -> StreamingResponse:
    from ._http import emu

    fault = emu(request).control.take_fault(
        "drop", request.method, emu(request).api_path(request.url.path)
    )
    return StreamingResponse(
        _emit(list(events), fault), media_type="text/event-stream", headers=headers
    )


async def _emit(events: list[bytes], fault: JSON | None) -> AsyncIterator[bytes]:
    limit = int(fault["after_events"]) if fault is not None else None
    for sent, event in enumerate(events):
        if limit is not None and sent >= limit:
            assert fault is not None
            if fault.get("abrupt", True):
                raise DropConnection("emulator fault: connection dropped mid-stream")
            return  # a clean end of body without the terminal event
        yield event
