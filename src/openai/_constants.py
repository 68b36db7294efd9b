"""Defaults shared by the clients, and the names of internal headers."""

from __future__ import annotations

import httpx

# Set by the `.with_raw_response` / `.with_streaming_response` wrappers and popped by
# the runtime before the request is sent: "raw" returns a LegacyAPIResponse,
# "stream" an APIResponse whose body is read on demand.
RAW_RESPONSE_HEADER = "X-Stainless-Raw-Response"
# Lets a wrapper ask the runtime to parse into another type than the method's own.
OVERRIDE_CAST_TO_HEADER = "____stainless_override_cast_to"

DEFAULT_TIMEOUT = httpx.Timeout(timeout=600, connect=5.0)
DEFAULT_MAX_RETRIES = 2
DEFAULT_CONNECTION_LIMITS = httpx.Limits(max_connections=1000, max_keepalive_connections=100)

INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
