"""The poll loop shared by the ``*_and_poll`` / ``poll`` helpers.

Each round retrieves the object through the raw-response path (so the headers are
there), stops as soon as its status leaves the resource's "still working" set, and
otherwise sleeps: ``poll_interval_ms`` when the caller gave it, else the server's
``openai-poll-after-ms`` header of that response, else one second.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Collection, Dict, Mapping, Union

from ..._constants import RAW_RESPONSE_HEADER
from ..._types import Omit
from ..._utils import is_given

__all__ = ["poll", "async_poll", "poll_headers", "check_poll_interval"]

DEFAULT_POLL_INTERVAL_MS = 1000
POLL_AFTER_HEADER = "openai-poll-after-ms"


def check_poll_interval(poll_interval_ms: Union[int, Omit]) -> None:
    """Refuse a ``poll_interval_ms`` that is not a non-negative integer."""
    if not is_given(poll_interval_ms):
        return
    if (
        isinstance(poll_interval_ms, bool)
        or not isinstance(poll_interval_ms, int)
        or poll_interval_ms < 0
    ):
        raise ValueError(
            f"`poll_interval_ms` must be a non-negative integer (milliseconds), got {poll_interval_ms!r}"
        )


def poll_headers(
    poll_interval_ms: Union[int, Omit], extra_headers: Mapping[str, Any] | None = None
) -> Dict[str, Any]:
    """The headers of a poll request: the raw-response switch and the poll markers."""
    headers: Dict[str, Any] = {"X-Stainless-Poll-Helper": "true"}
    if is_given(poll_interval_ms):
        headers["X-Stainless-Custom-Poll-Interval"] = str(poll_interval_ms)
    if extra_headers:
        headers.update(extra_headers)
    headers[RAW_RESPONSE_HEADER] = "raw"
    return headers


def _delay_seconds(
    poll_interval_ms: Union[int, Omit], response_headers: Mapping[str, str]
) -> float:
    if is_given(poll_interval_ms):
        return poll_interval_ms / 1000
    advised = response_headers.get(POLL_AFTER_HEADER)
    if advised is not None:
        try:
            return max(int(advised), 0) / 1000
        except ValueError:
            pass  # a malformed header: fall back to the default
    return DEFAULT_POLL_INTERVAL_MS / 1000


def poll(
    retrieve: Callable[[Dict[str, Any]], Any],
    *,
    working: Collection[str],
    poll_interval_ms: Union[int, Omit],
    sleep: Callable[[float], None],
    extra_headers: Mapping[str, Any] | None = None,
) -> Any:
    """Call ``retrieve(headers)`` (a generated retrieve method returning the raw response)
    until the object's ``status`` is not in ``working``; return that object."""
    check_poll_interval(poll_interval_ms)
    headers = poll_headers(poll_interval_ms, extra_headers)
    while True:
        raw = retrieve(headers)
        obj = raw.parse()
        if obj.status not in working:
            return obj
        sleep(_delay_seconds(poll_interval_ms, raw.headers))


async def async_poll(
    retrieve: Callable[[Dict[str, Any]], Awaitable[Any]],
    *,
    working: Collection[str],
    poll_interval_ms: Union[int, Omit],
    sleep: Callable[[float], Awaitable[None]],
    extra_headers: Mapping[str, Any] | None = None,
) -> Any:
    """The async twin of :func:`poll`."""
    check_poll_interval(poll_interval_ms)
    headers = poll_headers(poll_interval_ms, extra_headers)
    while True:
        raw = await retrieve(headers)
        obj = raw.parse()
        if obj.status not in working:
            return obj
        await sleep(_delay_seconds(poll_interval_ms, raw.headers))
