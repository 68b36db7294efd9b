"""What the providers need from the runtime (docs/ARCHITECTURE.md, providers contract).

The xfail tests name runtime changes that are still pending; they start passing
(XPASS) once the runtime makes them, and the marker can go.
"""

from __future__ import annotations

from typing import Any, List, Optional

import httpx
import pytest

from openai import AsyncOpenAI, OpenAI, OpenAIError
from openai._base_client import make_request_options

from ._wiring import runtime_delegates_workload_identity


@pytest.mark.runtime_as_is
@pytest.mark.xfail(
    strict=False,
    reason="runtime: OpenAI/AsyncOpenAI._workload_identity_auth_headers and _on_unauthorized "
    "must delegate to openai.auth._client_hooks (tests install a stand-in meanwhile)",
)
def test_runtime_delegates_workload_identity_hooks() -> None:
    assert runtime_delegates_workload_identity()
    for cls in (OpenAI, AsyncOpenAI):
        assert "_on_unauthorized" in vars(cls)
        assert "on_unauthorized" in vars(cls)["_on_unauthorized"].__code__.co_names


def _capture() -> "tuple[List[Optional[str]], httpx.Client]":
    seen: List[Optional[str]] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization"))
        return httpx.Response(200, json={})

    return seen, httpx.Client(transport=httpx.MockTransport(respond))


def test_admin_endpoint_string_form_uses_the_admin_key() -> None:
    seen, http_client = _capture()
    client = OpenAI(api_key="sk-ordinary-111111", admin_api_key="sk-admin-222222", http_client=http_client)
    client.get("/organization/users", cast_to=object, options=make_request_options(security="admin_api_key"))
    client.get("/models", cast_to=object)
    assert seen == ["Bearer sk-admin-222222", "Bearer sk-ordinary-111111"]


def test_admin_endpoint_without_admin_key_fails_before_sending() -> None:
    seen, http_client = _capture()
    client = OpenAI(api_key="sk-ordinary-111111", http_client=http_client)
    with pytest.raises(OpenAIError, match="admin_api_key.*OPENAI_ADMIN_KEY"):
        client.get("/organization/users", cast_to=object, options=make_request_options(security="admin_api_key"))
    assert seen == []


@pytest.mark.xfail(
    strict=False,
    reason="runtime: security={'admin_api_key_auth': True} (the official dict form) must select the admin key; "
    "today the ordinary key is sent",
)
def test_admin_endpoint_official_dict_form_never_uses_the_ordinary_key() -> None:
    seen, http_client = _capture()
    client = OpenAI(api_key="sk-ordinary-111111", http_client=http_client)
    options: Any = make_request_options(security={"admin_api_key_auth": True})  # type: ignore[arg-type]
    with pytest.raises(OpenAIError, match="admin"):
        client.get("/organization/users", cast_to=object, options=options)
    assert seen == []
