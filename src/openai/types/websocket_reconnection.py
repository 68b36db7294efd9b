# Handwritten (realtime work item, issue 6): the generator leaves this module alone and
# exports its names from `openai.types` and `openai`.
"""What a WebSocket connection tells ``on_reconnecting``, and what that callback may answer."""

from __future__ import annotations

import dataclasses
from typing import FrozenSet

from typing_extensions import TypedDict

from .._types import Headers, Query

__all__ = ["ReconnectingEvent", "ReconnectingOverrides", "is_recoverable_close"]

# Close codes after which the server expects the client to come back: going away,
# no status, abnormal closure, internal error, service restart, try again later,
# and a failed TLS handshake.
_RECOVERABLE_CLOSE_CODES: FrozenSet[int] = frozenset({1001, 1005, 1006, 1011, 1012, 1013, 1015})


def is_recoverable_close(code: int) -> bool:
    """Whether a connection closed with ``code`` may be reopened."""
    return code in _RECOVERABLE_CLOSE_CODES


@dataclasses.dataclass(frozen=True, repr=False)
class ReconnectingEvent:
    """One reconnection attempt, announced to ``on_reconnecting`` before the client waits ``delay``."""

    attempt: int
    """1 for the first attempt after the connection closed."""
    max_attempts: int
    delay: float
    """Seconds the client waits before this attempt."""
    close_code: int
    """The close code that ended the connection."""
    extra_query: Query
    """The query parameters this attempt would use."""
    extra_headers: Headers
    """The extra headers this attempt would use."""

    def __repr__(self) -> str:
        # extra_headers may hold a credential the caller added; never show it
        from .._logs import redact_headers

        headers = redact_headers({k: v for k, v in self.extra_headers.items() if isinstance(v, str)})
        return (
            f"ReconnectingEvent(attempt={self.attempt}, max_attempts={self.max_attempts}, "
            f"delay={self.delay!r}, close_code={self.close_code}, extra_query={dict(self.extra_query)!r}, "
            f"extra_headers={headers!r})"
        )


class ReconnectingOverrides(TypedDict, total=False):
    """What ``on_reconnecting`` may return: values for the next attempt, or ``abort``."""

    extra_query: Query
    """Replaces the query parameters from this attempt on."""
    extra_headers: Headers
    """Replaces the extra headers from this attempt on."""
    abort: bool
    """``True`` stops reconnecting; the close is then raised."""
