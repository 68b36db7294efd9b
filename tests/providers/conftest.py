from __future__ import annotations

import ipaddress
import socket
from typing import Any, Iterator

import pytest

from ._wiring import runtime_delegates_workload_identity, stand_in_methods

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


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "runtime_as_is: run without the workload identity stand-in of _wiring")


@pytest.fixture(autouse=True)
def _workload_identity_wiring(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Until ``OpenAI`` delegates its workload identity hooks to ``openai.auth._client_hooks``
    (see ``_wiring``), install exactly that delegation for each test."""
    if request.node.get_closest_marker("runtime_as_is") is None and not runtime_delegates_workload_identity():
        for cls, name, method in stand_in_methods():
            monkeypatch.setattr(cls, name, method)
    yield
