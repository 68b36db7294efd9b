"""The shapes of the ``workload_identity`` argument and the RFC 8693 constants."""

from __future__ import annotations

from typing import Callable, Dict

from typing_extensions import Literal, NotRequired, TypedDict

__all__ = [
    "SubjectTokenProvider",
    "WorkloadIdentity",
    "DEFAULT_TOKEN_EXCHANGE_URL",
    "DEFAULT_REFRESH_BUFFER_SECONDS",
    "TOKEN_EXCHANGE_GRANT_TYPE",
    "SUBJECT_TOKEN_TYPES",
]

DEFAULT_TOKEN_EXCHANGE_URL = "https://auth.openai.com/oauth/token"
DEFAULT_REFRESH_BUFFER_SECONDS = 1200.0
TOKEN_EXCHANGE_TIMEOUT_SECONDS = 10.0
TOKEN_EXCHANGE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange"
SUBJECT_TOKEN_TYPES: Dict[str, str] = {
    "jwt": "urn:ietf:params:oauth:token-type:jwt",
    "id": "urn:ietf:params:oauth:token-type:id_token",
}


class SubjectTokenProvider(TypedDict):
    """Where the cloud identity token comes from.

    ``get_token`` is called (with no arguments) whenever a new OpenAI access token
    is needed; it returns the identity token of the workload.
    """

    token_type: Literal["jwt", "id"]
    get_token: Callable[[], str]


class WorkloadIdentity(TypedDict):
    """The ``workload_identity`` argument of ``OpenAI`` / ``AsyncOpenAI``."""

    identity_provider_id: str
    service_account_id: str
    provider: SubjectTokenProvider
    refresh_buffer_seconds: NotRequired[float]
    """Refresh this many seconds before the access token expires (default 1200),
    but never earlier than half of its lifetime."""
