"""Stand-in for the runtime change that hands workload identity to ``openai.auth._client_hooks``.

``OpenAI._workload_identity_auth_headers`` / ``_on_unauthorized`` (and the async
twins) should delegate to the hooks module, as docs/ARCHITECTURE.md (providers
section) describes. Until the runtime does, the tests install exactly that.
"""

from __future__ import annotations

from typing import Any, Callable, List, Tuple

from openai import AsyncOpenAI, OpenAI
from openai.auth import _client_hooks


def runtime_delegates_workload_identity() -> bool:
    names = OpenAI._workload_identity_auth_headers.__code__.co_names
    return "workload_identity_auth_headers" in names


def stand_in_methods() -> List[Tuple[type, str, Callable[..., Any]]]:
    def sync_headers(self: Any, options: Any) -> Any:
        return _client_hooks.workload_identity_auth_headers(self, options)

    async def async_headers(self: Any, options: Any) -> Any:
        return await _client_hooks.async_workload_identity_auth_headers(self, options)

    def sync_unauthorized(self: Any, response: Any, options: Any) -> bool:
        return _client_hooks.on_unauthorized(self, response, options)

    async def async_unauthorized(self: Any, response: Any, options: Any) -> bool:
        return _client_hooks.on_unauthorized(self, response, options)

    return [
        (OpenAI, "_workload_identity_auth_headers", sync_headers),
        (AsyncOpenAI, "_workload_identity_auth_headers", async_headers),
        (OpenAI, "_on_unauthorized", sync_unauthorized),
        (AsyncOpenAI, "_on_unauthorized", async_unauthorized),
    ]


def install() -> None:
    """For subprocesses: install the stand-in for good (no-op once the runtime delegates)."""
    if runtime_delegates_workload_identity():
        return
    for cls, name, method in stand_in_methods():
        setattr(cls, name, method)
