from __future__ import annotations

import ipaddress
import socket
from typing import Any, Iterator

import pytest

from openai import AsyncOpenAI, OpenAI
from openai.auth import _client_hooks

_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_ADMIN_KEY",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "OPENAI_WEBHOOK_SECRET",
    "OPENAI_BASE_URL",
    "OPENAI_LOG",
    "OPENAI_API_TYPE",
    "OPENAI_API_VERSION",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_AD_TOKEN",
    "AZURE_OPENAI_ENDPOINT",
    "AWS_BEARER_TOKEN_BEDROCK",
    "AWS_BEDROCK_BASE_URL",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may reach a real address (cloud metadata servers, auth.openai.com, ...)."""
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            if not ipaddress.ip_address(host).is_loopback:
                raise OSError(f"test tried to reach a non-loopback address: {host}")
        real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in ("localhost", "127.0.0.1", "::1"):
            raise socket.gaierror(f"test tried to resolve a non-loopback name: {name}")
        return real_getaddrinfo(host, *args, **kwargs)

    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def runtime_delegates_workload_identity() -> bool:
    """Whether ``OpenAI`` already hands workload identity to ``openai.auth._client_hooks``."""
    names = OpenAI._workload_identity_auth_headers.__code__.co_names
    return "workload_identity_auth_headers" in names


@pytest.fixture(autouse=True)
def _workload_identity_wiring(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Stand-in for the runtime change described in docs/ARCHITECTURE.md (providers section):
    until ``OpenAI`` delegates its workload identity hooks to ``openai.auth._client_hooks``,
    the tests install exactly that delegation."""
    if runtime_delegates_workload_identity():
        yield
        return

    def sync_headers(self: Any, options: Any) -> Any:
        return _client_hooks.workload_identity_auth_headers(self, options)

    async def async_headers(self: Any, options: Any) -> Any:
        return await _client_hooks.async_workload_identity_auth_headers(self, options)

    def sync_unauthorized(self: Any, response: Any, options: Any) -> bool:
        return _client_hooks.on_unauthorized(self, response, options)

    async def async_unauthorized(self: Any, response: Any, options: Any) -> bool:
        return _client_hooks.on_unauthorized(self, response, options)

    monkeypatch.setattr(OpenAI, "_workload_identity_auth_headers", sync_headers)
    monkeypatch.setattr(AsyncOpenAI, "_workload_identity_auth_headers", async_headers)
    monkeypatch.setattr(OpenAI, "_on_unauthorized", sync_unauthorized)
    monkeypatch.setattr(AsyncOpenAI, "_on_unauthorized", async_unauthorized)
    yield
