"""Shared fixtures for the drop-in checks.

Each check runs inside its own library's venv (see ../run.sh). The fake server
is started once per session on an ephemeral loopback port; each test gets it
reset. Outbound sockets to anything but loopback are refused, so a library that
quietly phones home (telemetry, tokenizer or price-list downloads) cannot make
a check pass or hang on the network; refused attempts are printed at the end.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fake_server import FakeOpenAI

FAKE_KEY = "sk-compat-fake-key"

# Set before any library is imported (conftest loads before the test modules):
# no telemetry, no tracing exporters, no price-list/tokenizer/config downloads.
OFFLINE_ENV = {
    "OPENAI_API_KEY": FAKE_KEY,
    "OPENAI_AGENTS_DISABLE_TRACING": "1",
    "CREWAI_DISABLE_TELEMETRY": "true",
    "CREWAI_DISABLE_TRACKING": "true",
    "CREWAI_TRACING_ENABLED": "false",
    "OTEL_SDK_DISABLED": "true",
    "LITELLM_OFFLINE_MODE": "true",
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS": "True",
    "LITELLM_TELEMETRY": "False",
    "MEM0_TELEMETRY": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "POSTHOG_DISABLED": "1",
    "DO_NOT_TRACK": "1",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS": "false",
    "SEMANTICKERNEL_EXPERIMENTAL_GENAI_ENABLE_OTEL_DIAGNOSTICS_SENSITIVE": "false",
}
for _name, _value in OFFLINE_ENV.items():
    os.environ.setdefault(_name, _value)

_blocked: list[str] = []
_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo


def _is_loopback(host: Any) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(
        address[0]
    ):
        _blocked.append(f"connect {address!r}")
        raise ConnectionRefusedError(
            f"compat checks are offline: refused connection to {address!r}"
        )
    _real_connect(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if isinstance(host, bytes):
        host = host.decode()
    if not _is_loopback(host):
        _blocked.append(f"resolve {host!r}")
        raise socket.gaierror(
            socket.EAI_NONAME, f"compat checks are offline: refused lookup of {host!r}"
        )
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign,assignment]
socket.getaddrinfo = _guarded_getaddrinfo


@pytest.fixture(scope="session")
def _server() -> Iterator[FakeOpenAI]:
    server = FakeOpenAI()
    base_url = server.start()
    # A safety net for code paths that read the environment instead of the
    # arguments the check passes.
    os.environ["OPENAI_BASE_URL"] = base_url
    os.environ["OPENAI_API_KEY"] = FAKE_KEY
    yield server
    server.stop()


@pytest.fixture
def fake(_server: FakeOpenAI) -> Iterator[FakeOpenAI]:
    _server.reset()
    yield _server
    _server.reset()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _blocked:
        terminalreporter.write_line(
            f"offline guard refused {len(_blocked)} network attempt(s):"
        )
        for entry in sorted(set(_blocked)):
            terminalreporter.write_line(f"  {entry}")


def pytest_report_header() -> str:
    import openai

    return f"openai {openai.__version__} from {Path(openai.__file__).parent}"
