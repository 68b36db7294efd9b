"""When to retry, and how long to wait first."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Optional

from ._constants import INITIAL_RETRY_DELAY, MAX_RETRY_DELAY

if TYPE_CHECKING:
    import httpx

__all__ = ["should_retry", "retry_delay", "parse_retry_after"]

_RETRY_STATUSES = frozenset({408, 409, 429})
# a server-given wait longer than this is not honoured (we back off instead)
_MAX_SERVER_DELAY = 60.0


def should_retry(response: httpx.Response) -> bool:
    """``x-should-retry`` decides when present; otherwise 408, 409, 429 and 5xx are retried."""
    explicit = response.headers.get("x-should-retry")
    if explicit == "true":
        return True
    if explicit == "false":
        return False
    status = response.status_code
    return status in _RETRY_STATUSES or status >= 500


def parse_retry_after(headers: Optional[httpx.Headers]) -> Optional[float]:
    """Seconds to wait from ``retry-after-ms``, else ``retry-after`` (seconds or an HTTP date)."""
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return float(value) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    import email.utils

    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return float(email.utils.mktime_tz(parsed) - time.time())


def retry_delay(*, retries_taken: int, headers: Optional[httpx.Headers]) -> float:
    """How long to sleep before retry number ``retries_taken + 1``."""
    server = parse_retry_after(headers)
    if server is not None and 0 < server <= _MAX_SERVER_DELAY:
        return server
    base = min(INITIAL_RETRY_DELAY * (2.0 ** min(retries_taken, 32)), MAX_RETRY_DELAY)
    import random

    # up to 25% jitter, downward, so that many clients do not retry in lockstep
    return base * (1 - 0.25 * random.random())
