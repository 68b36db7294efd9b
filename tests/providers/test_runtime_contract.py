"""What the providers need from the runtime (docs/ARCHITECTURE.md, providers contract)."""

from __future__ import annotations

import asyncio
from typing import Any, List, Optional

import httpx
import pytest

from openai import AsyncOpenAI, OpenAI, OpenAIError
from openai._base_client import make_request_options


_IDENTITY: Any = {
    "identity_provider_id": "idp-1",
    "service_account_id": "sa-1",
    "provider": {"token_type": "jwt", "get_token": lambda: "subject"},
}


def test_runtime_delegates_workload_identity_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    from openai.auth import _client_hooks

    calls: List[str] = []

    def headers(client: Any, options: Any) -> Any:
        calls.append("sync headers")
        return {"Authorization": "Bearer exchanged-sync"}

    async def async_headers(client: Any, options: Any) -> Any:
        calls.append("async headers")
        return {"Authorization": "Bearer exchanged-async"}

    def unauthorized(client: Any, response: Any, options: Any) -> bool:
        calls.append(f"401 {type(client).__name__}")
        return False

    monkeypatch.setattr(_client_hooks, "workload_identity_auth_headers", headers)
    monkeypatch.setattr(_client_hooks, "async_workload_identity_auth_headers", async_headers)
    monkeypatch.setattr(_client_hooks, "on_unauthorized", unauthorized)
    options: Any = make_request_options()
    from openai._options import FinalRequestOptions

    final = FinalRequestOptions.from_request_options("get", "/models", options)
    response = httpx.Response(401, request=httpx.Request("GET", "https://x.test/models"))

    client = OpenAI(workload_identity=_IDENTITY)
    assert client.workload_identity is _IDENTITY
    assert client._auth_headers_for(final) == {"Authorization": "Bearer exchanged-sync"}
    assert client._on_unauthorized(response, final) is False
    aclient = AsyncOpenAI(workload_identity=_IDENTITY)
    assert asyncio.run(aclient._auth_headers_for(final)) == {"Authorization": "Bearer exchanged-async"}
    assert asyncio.run(aclient._on_unauthorized(response, final)) is False
    # a client without workload identity never asks the hook about a 401
    assert OpenAI(api_key="sk-plain-123456")._on_unauthorized(response, final) is False
    assert calls == ["sync headers", "401 OpenAI", "async headers", "401 AsyncOpenAI"]


def test_workload_identity_is_validated_at_construction() -> None:
    with pytest.raises(OpenAIError, match="service_account_id"):
        OpenAI(workload_identity={"identity_provider_id": "idp-1", "provider": _IDENTITY["provider"]})
    with pytest.raises(OpenAIError, match="token_type"):
        AsyncOpenAI(workload_identity={**_IDENTITY, "provider": {"token_type": "saml", "get_token": str}})
    assert OpenAI(api_key="sk-plain-123456").workload_identity is None


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


def test_admin_endpoint_official_dict_form_never_uses_the_ordinary_key() -> None:
    seen, http_client = _capture()
    client = OpenAI(api_key="sk-ordinary-111111", http_client=http_client)
    options: Any = make_request_options(security={"admin_api_key_auth": True})
    with pytest.raises(OpenAIError, match="admin"):
        client.get("/organization/users", cast_to=object, options=options)
    assert seen == []
