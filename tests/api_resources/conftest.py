"""Clients for the generated resource tests, pointed at the spec mock server.

The server (``steady``, npm ``@stdy/cli`` 0.22.x) serves the OpenAPI spec on
127.0.0.1:4010; ``.ci/run`` starts it. It validates every request against the
spec (an invalid one gets a 400) and answers with data generated from the
response schemas. When it is not reachable, every test here is skipped.
"""

from __future__ import annotations

import os
from typing import AsyncIterator, Iterator

import httpx
import pytest

from openai import AsyncOpenAI, OpenAI

BASE_URL = os.environ.get("TEST_API_BASE_URL", "http://127.0.0.1:4010")
_reachable: bool | None = None


def _mock_server_reachable() -> bool:
    global _reachable
    if _reachable is None:
        try:
            _reachable = httpx.get(f"{BASE_URL}/_x-steady/health", timeout=2.0).status_code == 200
        except httpx.HTTPError:
            _reachable = False
    return _reachable


@pytest.fixture(autouse=True)
def _require_mock_server() -> None:
    if not _mock_server_reachable():
        pytest.skip(f"the spec mock server is not reachable at {BASE_URL} (bash .ci/run starts it)")


def _options() -> dict[str, object]:
    # strict validation: a response that does not fit the generated models fails
    # the test instead of falling back to an unvalidated model
    return {
        "base_url": BASE_URL,
        "api_key": "sk-test",
        "admin_api_key": "sk-admin-test",
        "max_retries": 0,
        "_strict_response_validation": True,
    }


@pytest.fixture(scope="session")
def client() -> Iterator[OpenAI]:
    with OpenAI(**_options()) as c:  # type: ignore[arg-type]
        yield c


@pytest.fixture
async def async_client() -> AsyncIterator[AsyncOpenAI]:
    async with AsyncOpenAI(**_options()) as c:  # type: ignore[arg-type]
        yield c
