"""What the Azure and Bedrock clients do alike, kept in one place so a fix lands once.

- reading a setting from the environment (an empty variable counts as unset);
- noticing that the caller's own ``default_headers`` carry a credential, which
  stands in for the client's missing one;
- a token from a provider (``azure_ad_token_provider``, ``bedrock_token_provider``),
  called on every attempt: awaited when the provider is async, checked to be a
  non-empty string, and registered as a secret before it goes into a header.

Private: only ``openai.lib.azure`` and ``openai.lib.bedrock`` import it, so it
loads with them and never with ``import openai``.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, Collection, Dict, Mapping, Optional

from .._client import _env
from .._logs import register_secret
from .._types import Omit

__all__ = ["env", "sets_auth_header", "checked_token", "awaited", "bearer"]

# one reading of the environment for the plain client and the providers
env = _env


def sets_auth_header(headers: Optional[Mapping[str, Any]], names: Collection[str]) -> bool:
    """Whether ``headers`` set one of ``names`` (lower case) to a value (``Omit`` removes, so it does not count)."""
    if not headers:
        return False
    return any(k.lower() in names and not isinstance(v, Omit) for k, v in headers.items())


def checked_token(token: object, error: Callable[[object], Exception]) -> str:
    """``token`` when it is a non-empty string, registered as a secret (so logs and
    reprs redact it); else ``error(token)`` is raised, before anything is sent."""
    if not isinstance(token, str) or not token:
        raise error(token)
    register_secret(token)
    return token


async def awaited(value: object) -> object:
    """The result of a provider that may be sync or async: awaited when it is awaitable."""
    if inspect.isawaitable(value):
        return await value
    return value


def bearer(token: str) -> Dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
