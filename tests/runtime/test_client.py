"""Client construction, environment defaults, headers, credentials, copies and lifetime."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from typing import Any, Dict

import httpx
import pytest
import respx

import openai
from openai import AsyncOpenAI, OpenAI, OpenAIError, omit
from openai._base_client import make_request_options
from openai._constants import DEFAULT_TIMEOUT

from .conftest import API_KEY, BASE_URL


def test_missing_credentials_explain_the_fix() -> None:
    with pytest.raises(OpenAIError) as info:
        OpenAI()
    message = str(info.value)
    assert (
        "api_key" in message
        and "OPENAI_API_KEY" in message
        and "OPENAI_ADMIN_KEY" in message
    )


def test_environment_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env-key-123456")
    monkeypatch.setenv("OPENAI_ADMIN_KEY", "sk-admin-123456")
    monkeypatch.setenv("OPENAI_ORG_ID", "org-env")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-env")
    monkeypatch.setenv("OPENAI_WEBHOOK_SECRET", "whsec_abcdef")
    monkeypatch.setenv("OPENAI_BASE_URL", "http://env.test/v2")
    client = OpenAI()
    assert client.api_key == "sk-env-key-123456"
    assert client.admin_api_key == "sk-admin-123456"
    assert client.organization == "org-env"
    assert client.project == "proj-env"
    assert client.webhook_secret == "whsec_abcdef"
    assert str(client.base_url) == "http://env.test/v2/"


def test_default_base_url_and_timeout() -> None:
    client = OpenAI(api_key=API_KEY)
    assert str(client.base_url) == "https://api.openai.com/v1/"
    assert client.timeout == DEFAULT_TIMEOUT
    assert client.timeout == httpx.Timeout(600, connect=5.0)
    assert client.max_retries == 2


def test_admin_key_alone_is_enough() -> None:
    client = OpenAI(admin_api_key="sk-admin-only-1234")
    assert client.api_key == ""
    assert client.admin_api_key == "sk-admin-only-1234"


def test_api_key_and_workload_identity_are_exclusive() -> None:
    with pytest.raises(OpenAIError, match="mutually exclusive"):
        OpenAI(api_key="sk-x-123456", workload_identity={"identity_provider_id": "idp"})


def test_workload_identity_is_stored() -> None:
    wi: Dict[str, Any] = {
        "identity_provider_id": "idp-1",
        "service_account_id": "sa-1",
        "provider": {"token_type": "jwt", "get_token": lambda: "subject"},
    }
    client = OpenAI(workload_identity=wi)
    assert client._workload_identity is wi
    assert client.workload_identity is wi
    assert client.api_key == ""
    with pytest.raises(OpenAIError, match="provider"):
        OpenAI(workload_identity={**wi, "provider": {}})


def test_constructor_keyword_names_match_official() -> None:
    expected = {
        "api_key",
        "admin_api_key",
        "workload_identity",
        "organization",
        "project",
        "webhook_secret",
        "base_url",
        "websocket_base_url",
        "timeout",
        "max_retries",
        "default_headers",
        "default_query",
        "http_client",
        "_strict_response_validation",
        "_enforce_credentials",
    }
    assert set(inspect.getfullargspec(OpenAI.__init__).kwonlyargs) == expected
    assert set(inspect.getfullargspec(AsyncOpenAI.__init__).kwonlyargs) == expected
    assert openai.Client is OpenAI and openai.AsyncClient is AsyncOpenAI


def test_request_headers(mock: respx.MockRouter) -> None:
    route = mock.get("/models").respond(200, json={"ok": True})
    client = OpenAI(
        api_key=API_KEY, base_url=BASE_URL, organization="org-1", project="proj-1"
    )
    client.get("/models", cast_to=object)
    headers = route.calls[0].request.headers
    assert headers["authorization"] == f"Bearer {API_KEY}"
    assert headers["openai-organization"] == "org-1"
    assert headers["openai-project"] == "proj-1"
    assert headers["user-agent"] == f"OpenAI/Python {openai.__version__}"
    assert headers["x-stainless-lang"] == "python"
    assert headers["x-stainless-package-version"] == openai.__version__
    assert headers["x-stainless-async"] == "false"
    assert headers["x-stainless-retry-count"] == "0"
    assert headers["x-stainless-read-timeout"] == "600"
    for name in (
        "x-stainless-os",
        "x-stainless-arch",
        "x-stainless-runtime",
        "x-stainless-runtime-version",
    ):
        assert headers[name]
    assert "content-type" not in headers  # no body, no content type
    assert headers["accept"] == "application/json"


def test_content_type_only_with_body(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.post("/things").respond(200, json={})
    client.post("/things", cast_to=object, body={"a": 1})
    assert route.calls[0].request.headers["content-type"] == "application/json"
    assert json.loads(route.calls[0].request.content) == {"a": 1}


def test_user_headers_win_and_omit_removes(mock: respx.MockRouter) -> None:
    route = mock.get("/models").respond(200, json={})
    client = OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        organization="org-1",
        default_headers={"X-Custom": "one", "openai-organization": omit},  # type: ignore[dict-item]
    )
    client.get(
        "/models",
        cast_to=object,
        options={"headers": {"x-custom": "two", "Authorization": "Bearer other"}},
    )
    headers = route.calls[0].request.headers
    assert headers.get_list("x-custom") == ["two"]
    assert headers.get_list("authorization") == ["Bearer other"]
    assert "openai-organization" not in headers


def test_default_headers_override_auth(mock: respx.MockRouter) -> None:
    route = mock.get("/models").respond(200, json={})
    client = OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        default_headers={"Authorization": "Bearer custom"},
    )
    client.get("/models", cast_to=object)
    assert route.calls[0].request.headers.get_list("authorization") == ["Bearer custom"]


def test_extra_headers_omit_removes_default_header(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    route = mock.get("/models").respond(200, json={})
    client.get(
        "/models",
        cast_to=object,
        options=make_request_options(extra_headers={"X-Stainless-Lang": omit}),
    )
    assert "x-stainless-lang" not in route.calls[0].request.headers


def test_callable_api_key_is_called_per_request(mock: respx.MockRouter) -> None:
    route = mock.get("/models").respond(200, json={})
    keys = iter(["sk-first-123456", "sk-second-123456"])
    client = OpenAI(api_key=lambda: next(keys), base_url=BASE_URL)
    client.get("/models", cast_to=object)
    client.get("/models", cast_to=object)
    assert [c.request.headers["authorization"] for c in route.calls] == [
        "Bearer sk-first-123456",
        "Bearer sk-second-123456",
    ]


async def test_async_callable_api_key(mock: respx.MockRouter) -> None:
    route = mock.get("/models").respond(200, json={})

    async def provider() -> str:
        return "sk-async-provided-1"

    client = AsyncOpenAI(api_key=provider, base_url=BASE_URL)
    await client.get("/models", cast_to=object)
    assert (
        route.calls[0].request.headers["authorization"] == "Bearer sk-async-provided-1"
    )
    assert route.calls[0].request.headers["x-stainless-async"] == "async:asyncio"
    await client.close()


def test_bad_api_key_provider_result(mock: respx.MockRouter) -> None:
    mock.get("/models").respond(200, json={})
    client = OpenAI(api_key=lambda: None, base_url=BASE_URL)  # type: ignore[arg-type, return-value]
    with pytest.raises(OpenAIError, match="non-empty string"):
        client.get("/models", cast_to=object)


def test_admin_endpoints_use_admin_key(mock: respx.MockRouter) -> None:
    route = mock.get("/organization/users").respond(200, json={})
    client = OpenAI(api_key=API_KEY, admin_api_key="sk-admin-abcdef", base_url=BASE_URL)
    client.get(
        "/organization/users",
        cast_to=object,
        options=make_request_options(security={"admin_api_key_auth": True}),
    )
    assert route.calls[0].request.headers["authorization"] == "Bearer sk-admin-abcdef"


def test_admin_endpoint_without_admin_key_fails_before_sending(
    mock: respx.MockRouter,
) -> None:
    route = mock.get("/organization/users").respond(200, json={})
    client = OpenAI(api_key=API_KEY, base_url=BASE_URL)
    with pytest.raises(OpenAIError, match="OPENAI_ADMIN_KEY"):
        client.get(
            "/organization/users",
            cast_to=object,
            options=make_request_options(security={"admin_api_key_auth": True}),
        )
    assert route.call_count == 0


async def test_async_admin_endpoint_without_admin_key(mock: respx.MockRouter) -> None:
    route = mock.get("/organization/users").respond(200, json={})
    client = AsyncOpenAI(api_key=API_KEY, base_url=BASE_URL)
    with pytest.raises(OpenAIError, match="admin"):
        await client.get(
            "/organization/users",
            cast_to=object,
            options=make_request_options(security={"admin_api_key_auth": True}),
        )
    assert route.call_count == 0
    await client.close()


def test_ordinary_endpoint_with_only_admin_key_fails_clearly(
    mock: respx.MockRouter,
) -> None:
    route = mock.get("/models").respond(200, json={})
    client = OpenAI(admin_api_key="sk-admin-abcdef", base_url=BASE_URL)
    with pytest.raises(OpenAIError, match="OPENAI_API_KEY"):
        client.get("/models", cast_to=object)
    assert route.call_count == 0


def test_default_query_and_extra_query(mock: respx.MockRouter) -> None:
    route = mock.get("/models").respond(200, json={})
    client = OpenAI(
        api_key=API_KEY, base_url=BASE_URL, default_query={"api-version": "1"}
    )
    client.get(
        "/models",
        cast_to=object,
        options=make_request_options(
            query={"limit": 3, "include": ["a", "b"], "after": openai.NOT_GIVEN},
            extra_query={"x": "y"},
        ),
    )
    url = route.calls[0].request.url
    assert url.params.get("api-version") == "1"
    assert url.params.get("limit") == "3"
    assert url.params.get_list("include[]") == ["a", "b"]
    assert url.params.get("x") == "y"
    assert "after" not in url.params


def test_with_options_shares_the_pool_and_overrides(mock: respx.MockRouter) -> None:
    route = mock.get("/models").respond(200, json={})
    client = OpenAI(api_key=API_KEY, base_url=BASE_URL, default_headers={"X-A": "1"})
    copy = client.with_options(max_retries=5, timeout=3.0, default_headers={"X-B": "2"})
    assert copy._client is client._client
    assert copy.max_retries == 5 and copy.timeout == 3.0
    assert client.max_retries == 2
    assert copy.api_key == API_KEY
    copy.get("/models", cast_to=object)
    headers = route.calls[0].request.headers
    assert headers["x-a"] == "1" and headers["x-b"] == "2"
    assert headers["x-stainless-read-timeout"] == "3.0"
    replaced = client.copy(set_default_headers={"X-C": "3"})
    assert replaced._custom_headers == {"X-C": "3"}
    with pytest.raises(ValueError, match="mutually exclusive"):
        client.copy(default_headers={"a": "b"}, set_default_headers={"c": "d"})
    # closing a copy leaves the shared pool open
    copy.close()
    assert not client._client.is_closed


def test_close_and_context_manager() -> None:
    with OpenAI(api_key=API_KEY) as client:
        assert not client.is_closed()
    assert client.is_closed()


async def test_async_close_and_context_manager() -> None:
    async with AsyncOpenAI(api_key=API_KEY) as client:
        assert not client.is_closed()
    assert client.is_closed()


def test_user_http_client_is_not_closed_by_us() -> None:
    http_client = httpx.Client()
    client = OpenAI(api_key=API_KEY, http_client=http_client)
    client.close()
    assert not http_client.is_closed
    http_client.close()


def test_http_client_type_is_checked() -> None:
    with pytest.raises(TypeError, match="httpx.Client"):
        OpenAI(api_key=API_KEY, http_client=httpx.AsyncClient())  # type: ignore[arg-type]


def test_max_retries_validation() -> None:
    with pytest.raises(TypeError, match="max_retries"):
        OpenAI(api_key=API_KEY, max_retries=None)  # type: ignore[arg-type]


def test_repr_hides_the_key() -> None:
    client = OpenAI(api_key="sk-very-secret-key-0001")
    assert "sk-very-secret-key-0001" not in repr(client)
    assert "api.openai.com" in repr(client)


def test_undocumented_endpoint_returns_raw_httpx_response(
    client: OpenAI, mock: respx.MockRouter
) -> None:
    mock.post("/foo").respond(200, json={"bar": 1}, headers={"x-foo": "yes"})
    response = client.post("/foo", cast_to=httpx.Response, body={"my_param": True})
    assert isinstance(response, httpx.Response)
    assert response.headers["x-foo"] == "yes"
    assert response.json() == {"bar": 1}


def test_verbs(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.patch("/x").respond(200, json={"m": "patch"})
    mock.put("/x").respond(200, json={"m": "put"})
    mock.delete("/x").respond(200, json={"m": "delete"})
    assert client.patch("/x", cast_to=object, body={}) == {"m": "patch"}
    assert client.put("/x", cast_to=object, body={}) == {"m": "put"}
    assert client.delete("/x", cast_to=object) == {"m": "delete"}


async def test_async_verbs(async_client: AsyncOpenAI, mock: respx.MockRouter) -> None:
    mock.patch("/x").respond(200, json={"m": "patch"})
    mock.put("/x").respond(200, json={"m": "put"})
    mock.delete("/x").respond(200, json={"m": "delete"})
    mock.get("/x").respond(200, text="plain", headers={"content-type": "text/plain"})
    assert await async_client.patch("/x", cast_to=object, body={}) == {"m": "patch"}
    assert await async_client.put("/x", cast_to=object, body={}) == {"m": "put"}
    assert await async_client.delete("/x", cast_to=object) == {"m": "delete"}
    assert await async_client.get("/x", cast_to=str) == "plain"


_GC_SCRIPT = r"""
import asyncio, gc, sys, threading
from http.server import BaseHTTPRequestHandler, HTTPServer

class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass

server = HTTPServer(("127.0.0.1", 0), H)
threading.Thread(target=server.serve_forever, daemon=True).start()
import openai

async def main():
    client = openai.AsyncOpenAI(api_key="sk-test-123456", base_url=f"http://127.0.0.1:{server.server_port}/v1")
    print(await client.get("/ok", cast_to=object))
    return client

client = asyncio.run(main())
del client
gc.collect()
print("collected")
"""


def test_async_client_collected_after_loop_closed_is_quiet() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _GC_SCRIPT], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "{'ok': True}" in result.stdout and "collected" in result.stdout
    assert "Event loop is closed" not in result.stderr
    assert "Exception ignored" not in result.stderr


def test_base_url_without_path(mock: respx.MockRouter) -> None:
    with respx.mock() as router:
        route = router.get("http://host.test:8080/models").respond(200, json={"ok": 1})
        client = OpenAI(api_key=API_KEY, base_url="http://host.test:8080")
        assert client.get("/models", cast_to=object) == {"ok": 1}
        assert route.call_count == 1
    client.base_url = "http://other.test/v9"  # type: ignore[assignment]
    assert client._prepare_url("/files") == "http://other.test/v9/files"
    assert client._prepare_url("https://abs.test/x") == "https://abs.test/x"


def test_with_options_signature_matches_official() -> None:
    expected = [
        "self", "api_key", "admin_api_key", "workload_identity", "organization", "project", "webhook_secret",
        "websocket_base_url", "base_url", "timeout", "http_client", "max_retries", "default_headers",
        "set_default_headers", "default_query", "set_default_query", "_enforce_credentials", "_extra_kwargs",
    ]  # fmt: skip
    assert list(inspect.signature(OpenAI.with_options).parameters) == expected
    assert list(inspect.signature(AsyncOpenAI.with_options).parameters) == expected
    assert (
        OpenAI(api_key=API_KEY)
        .with_options(_enforce_credentials=False)
        ._enforce_credentials
        is False
    )
