"""Which credential a request carries: the official ``security`` dict (``SecurityOptions``),
the admin key, key providers and ``_refresh_api_key``."""

from __future__ import annotations

import inspect
from typing import Any, List, Optional

import httpx
import pytest
import respx

from openai import AsyncOpenAI, OpenAI, OpenAIError
from openai._base_client import make_request_options
from openai._options import FinalRequestOptions, accepted_credentials
from openai._types import RequestOptions, SecurityOptions

from .conftest import API_KEY, BASE_URL

ADMIN_KEY = "sk-admin-0987654321"


def _users(client: OpenAI, **security: bool) -> Any:
    return client.get(
        "/organization/users",
        cast_to=object,
        options=make_request_options(security=SecurityOptions(**security)),  # type: ignore[typeddict-item]
    )


def test_make_request_options_has_the_official_signature() -> None:
    parameters = inspect.signature(make_request_options).parameters
    # exactly the official parameters, in order (pre_parser is set on the dict afterwards)
    assert list(parameters) == [
        "query", "extra_headers", "extra_query", "extra_body", "idempotency_key", "timeout",
        "post_parser", "security", "synthesize_event_and_data",
    ]  # fmt: skip
    assert parameters["security"].default is None
    assert parameters["synthesize_event_and_data"].default is None
    options = make_request_options(
        security={"bearer_auth": True}, synthesize_event_and_data=True
    )
    assert options == {
        "security": {"bearer_auth": True},
        "synthesize_event_and_data": True,
    }
    final = FinalRequestOptions.from_request_options("get", "/x", options)
    assert final.security == {"bearer_auth": True}
    assert final.synthesize_event_and_data is True


def test_security_options_typed_dict_is_the_official_shape() -> None:
    from openai._models import SecurityOptions as FromModels

    assert FromModels is SecurityOptions
    assert set(SecurityOptions.__annotations__) == {"bearer_auth", "admin_api_key_auth"}
    assert SecurityOptions.__total__ is False
    assert "security" in RequestOptions.__annotations__


@pytest.mark.parametrize(
    ("security", "expected"),
    [
        (None, (True, False)),
        ({}, (False, False)),
        ({"bearer_auth": True}, (True, False)),
        ({"admin_api_key_auth": True}, (False, True)),
        ({"bearer_auth": True, "admin_api_key_auth": True}, (True, True)),
        ({"bearer_auth": False, "admin_api_key_auth": True}, (False, True)),
        ("admin_api_key", (False, True)),
    ],
)
def test_accepted_credentials(security: Any, expected: "tuple[bool, bool]") -> None:
    assert accepted_credentials(security) == expected


def test_unknown_security_value_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="security"):
        accepted_credentials(["admin"])


def test_admin_dict_sends_the_admin_key_only(mock: respx.MockRouter) -> None:
    route = mock.get("/organization/users").respond(200, json={"ok": True})
    client = OpenAI(api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=BASE_URL)
    assert _users(client, admin_api_key_auth=True) == {"ok": True}
    assert route.calls[0].request.headers["authorization"] == f"Bearer {ADMIN_KEY}"


def test_admin_dict_without_admin_key_fails_before_sending(
    mock: respx.MockRouter,
) -> None:
    route = mock.get("/organization/users").respond(200, json={})
    client = OpenAI(api_key=API_KEY, base_url=BASE_URL)
    with pytest.raises(OpenAIError, match="admin_api_key.*OPENAI_ADMIN_KEY"):
        _users(client, admin_api_key_auth=True)
    assert route.call_count == 0


def test_admin_dict_with_callers_own_authorization(mock: respx.MockRouter) -> None:
    route = mock.get("/organization/users").respond(200, json={})
    client = OpenAI(api_key=API_KEY, base_url=BASE_URL)
    client.get(
        "/organization/users",
        cast_to=object,
        options=make_request_options(
            security={"admin_api_key_auth": True},
            extra_headers={"Authorization": "Bearer caller-admin-token"},
        ),
    )
    assert (
        route.calls[0].request.headers["authorization"] == "Bearer caller-admin-token"
    )


def test_bearer_dict_is_the_ordinary_key(mock: respx.MockRouter) -> None:
    """litellm passes ``security={"bearer_auth": True}`` on every call."""
    route = mock.get("/organization/users").respond(200, json={})
    client = OpenAI(api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=BASE_URL)
    _users(client, bearer_auth=True)
    assert route.calls[0].request.headers["authorization"] == f"Bearer {API_KEY}"
    admin_only = OpenAI(admin_api_key=ADMIN_KEY, base_url=BASE_URL)
    with pytest.raises(OpenAIError, match="OPENAI_API_KEY"):
        _users(admin_only, bearer_auth=True)
    assert route.call_count == 1


def test_both_flags_prefer_the_ordinary_key_then_the_admin_key(
    mock: respx.MockRouter,
) -> None:
    route = mock.get("/organization/users").respond(200, json={})
    both = {"bearer_auth": True, "admin_api_key_auth": True}
    _users(OpenAI(api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=BASE_URL), **both)
    _users(OpenAI(admin_api_key=ADMIN_KEY, base_url=BASE_URL), **both)
    sent = [call.request.headers["authorization"] for call in route.calls]
    assert sent == [f"Bearer {API_KEY}", f"Bearer {ADMIN_KEY}"]


def test_generated_admin_method_sends_the_admin_key(mock: respx.MockRouter) -> None:
    route = mock.get("/organization/projects/proj_1").respond(
        200, json={"id": "proj_1", "object": "organization.project", "name": "p"}
    )
    client = OpenAI(api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=BASE_URL)
    project = client.admin.organization.projects.retrieve("proj_1")
    assert project.id == "proj_1"
    assert route.calls[0].request.headers["authorization"] == f"Bearer {ADMIN_KEY}"
    without = OpenAI(api_key=API_KEY, base_url=BASE_URL)
    with pytest.raises(OpenAIError, match="admin"):
        without.admin.organization.projects.retrieve("proj_1")
    assert route.call_count == 1


async def test_async_generated_admin_method(mock: respx.MockRouter) -> None:
    route = mock.get("/organization/projects/proj_1").respond(
        200, json={"id": "proj_1", "object": "organization.project", "name": "p"}
    )
    client = AsyncOpenAI(api_key=API_KEY, admin_api_key=ADMIN_KEY, base_url=BASE_URL)
    project = await client.admin.organization.projects.retrieve("proj_1")
    assert project.id == "proj_1"
    assert route.calls[0].request.headers["authorization"] == f"Bearer {ADMIN_KEY}"
    without = AsyncOpenAI(api_key=API_KEY, base_url=BASE_URL)
    with pytest.raises(OpenAIError, match="admin"):
        await without.admin.organization.projects.retrieve("proj_1")
    assert route.call_count == 1


def test_refresh_api_key_sync(mock: respx.MockRouter) -> None:
    route = mock.get("/models").respond(200, json={})
    keys = iter(["sk-rotating-000001", "sk-rotating-000002", "sk-rotating-000003"])
    client = OpenAI(api_key=lambda: next(keys), base_url=BASE_URL)
    assert client.api_key == ""
    assert client._refresh_api_key() == "sk-rotating-000001"
    assert client.api_key == "sk-rotating-000001"
    client.get("/models", cast_to=object)
    assert (
        route.calls[0].request.headers["authorization"] == "Bearer sk-rotating-000002"
    )
    assert client.api_key == "sk-rotating-000002"
    static = OpenAI(api_key=API_KEY, base_url=BASE_URL)
    assert static._refresh_api_key() == API_KEY


async def test_refresh_api_key_async_is_awaitable(mock: respx.MockRouter) -> None:
    """openai-agents awaits ``client._refresh_api_key()`` before each request."""
    route = mock.get("/models").respond(200, json={})
    seen: List[Optional[str]] = []

    async def provider() -> str:
        seen.append("called")
        return f"sk-async-rotating-{len(seen):06d}"

    client = AsyncOpenAI(api_key=provider, base_url=BASE_URL)
    refresh = client._refresh_api_key
    assert inspect.iscoroutinefunction(refresh)
    assert await refresh() == "sk-async-rotating-000001"
    await client.get("/models", cast_to=object)
    assert (
        route.calls[0].request.headers["authorization"]
        == "Bearer sk-async-rotating-000002"
    )
    static = AsyncOpenAI(api_key=API_KEY, base_url=BASE_URL)
    assert await static._refresh_api_key() == API_KEY
    await client.close()


def test_oauth_error_redacts_its_message() -> None:
    from openai import OAuthError
    from openai._logs import register_secret

    secret = "subject-token-SECRET-4242"
    register_secret(secret)
    response = httpx.Response(
        400, request=httpx.Request("POST", "https://auth.test/token")
    )
    body = {"error": "invalid_grant", "error_description": f"bad token {secret}"}
    err = OAuthError(response=response, body=body)
    assert secret not in str(err)
    assert secret not in (err.error_description or "")
    assert str(err).startswith(
        "OAuth token exchange failed with status 400: invalid_grant"
    )
    assert err.status_code == 400
