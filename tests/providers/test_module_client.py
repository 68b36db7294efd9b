"""The module-level client: ``openai.api_key = ...`` and ``openai.<resource>`` calls."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from typing import Any, Dict, Iterator, List, Optional

import httpx
import pytest

import openai
import openai._module_client as module_client
from openai import AzureOpenAI, BedrockOpenAI, OpenAI, OpenAIError


class Recorder:
    def __init__(self) -> None:
        self.requests: List[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={"object": "list", "data": []})

    def last(self) -> httpx.Request:
        return self.requests[-1]


@pytest.fixture
def rec(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    """Fresh module settings and a mock transport as ``openai.http_client``."""
    defaults: Dict[str, Any] = {name: None for name in module_client._SETTINGS}
    defaults["max_retries"] = 2
    del defaults["timeout"]
    for name, value in defaults.items():
        monkeypatch.setattr(openai, name, value, raising=False)
    openai.__dict__.pop("timeout", None)  # unassigned: it reads DEFAULT_TIMEOUT
    monkeypatch.setattr(module_client, "_client", None)
    monkeypatch.setattr(module_client, "_built_from", None)
    recorder = Recorder()
    openai.http_client = httpx.Client(transport=httpx.MockTransport(recorder))
    yield recorder
    openai.__dict__.pop("timeout", None)


def test_first_use_creates_the_client(rec: Recorder) -> None:
    openai.api_key = "sk-module-first-123"
    assert module_client._client is None
    page = openai.models.list()
    assert page.data == [] and page.object == "list"
    client = module_client._client
    assert type(client) is OpenAI
    assert rec.last().headers["authorization"] == "Bearer sk-module-first-123"
    openai.models.list()
    assert module_client._client is client  # nothing changed: same client


def test_settings_changed_after_first_use_apply_on_the_next_call(rec: Recorder) -> None:
    openai.api_key = "sk-module-first-123"
    openai.models.list()
    openai.api_key = "sk-module-second-456"
    openai.organization = "org-42"
    openai.project = "proj-7"
    openai.base_url = "https://gateway.example/v2"
    openai.models.list()
    request = rec.last()
    assert request.headers["authorization"] == "Bearer sk-module-second-456"
    assert request.headers["openai-organization"] == "org-42"
    assert request.headers["openai-project"] == "proj-7"
    assert str(request.url) == "https://gateway.example/v2/models"


def test_default_headers_changed_in_place_count_as_a_change(rec: Recorder) -> None:
    openai.api_key = "sk-module-first-123"
    openai.default_headers = {"X-Team": "one"}
    openai.default_query = {"q": "1"}
    openai.models.list()
    openai.default_headers["X-Team"] = "two"
    openai.models.list()
    assert [r.headers["x-team"] for r in rec.requests] == ["one", "two"]
    assert rec.last().url.params["q"] == "1"


def test_timeout_and_max_retries(rec: Recorder) -> None:
    openai.api_key = "sk-module-first-123"
    openai.timeout = 12.5  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]
    openai.max_retries = 0
    openai.models.list()
    client = module_client._client
    assert client is not None and client.timeout == 12.5 and client.max_retries == 0
    assert rec.last().headers["x-stainless-read-timeout"] == "12.5"


def test_admin_key_and_webhook_secret(rec: Recorder) -> None:
    openai.admin_api_key = "sk-admin-module-789"
    openai.webhook_secret = "whsec_bW9kdWxlLXNlY3JldA=="
    openai.models.list  # noqa: B018 - builds the client
    client = module_client._client
    assert client is not None
    assert client.admin_api_key == "sk-admin-module-789"
    assert client.webhook_secret == "whsec_bW9kdWxlLXNlY3JldA=="


def test_api_key_from_environment(rec: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env-000111")
    openai.models.list()
    assert rec.last().headers["authorization"] == "Bearer sk-from-env-000111"


def test_missing_credentials_fail_on_first_use(rec: Recorder) -> None:
    with pytest.raises(OpenAIError, match="OPENAI_API_KEY"):
        openai.models.list()
    assert rec.requests == []


def test_replaced_clients_share_the_connection_pool(monkeypatch: pytest.MonkeyPatch, rec: Recorder) -> None:
    openai.http_client = None
    openai.api_key = "sk-module-first-123"
    first = module_client._load_client()
    openai.api_key = "sk-module-second-456"
    second = module_client._load_client()
    assert second is not first
    assert second._client is first._client
    assert second._owns_client and not first._owns_client


# --- api_type -----------------------------------------------------------------------------


def test_api_type_azure(rec: Recorder) -> None:
    openai.api_type = "azure"
    openai.api_key = "azure-module-key-1"
    openai.api_version = "2024-10-21"
    openai.azure_endpoint = "https://res.openai.azure.com"
    openai.models.list()
    assert type(module_client._client) is AzureOpenAI
    assert str(rec.last().url) == "https://res.openai.azure.com/openai/models?api-version=2024-10-21"
    assert rec.last().headers["api-key"] == "azure-module-key-1"
    # later changes apply too
    openai.api_key = None
    openai.azure_ad_token_provider = lambda: "module-ad-token-2"
    openai.api_version = "2025-01-01"
    openai.models.list()
    assert rec.last().headers["authorization"] == "Bearer module-ad-token-2"
    assert rec.last().url.params["api-version"] == "2025-01-01"


def test_api_type_azure_with_static_ad_token(rec: Recorder) -> None:
    openai.api_type = "azure"
    openai.api_version = "2024-10-21"
    openai.azure_endpoint = "https://res.openai.azure.com"
    openai.azure_ad_token = "module-ad-token-static"
    openai.models.list()
    assert rec.last().headers["authorization"] == "Bearer module-ad-token-static"


def test_api_type_bedrock(rec: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "us-west-2")
    openai.api_type = "amazon-bedrock"
    openai.bedrock_token_provider = lambda: "module-bedrock-token"
    openai.models.list()
    assert type(module_client._client) is BedrockOpenAI
    assert str(rec.last().url) == "https://bedrock-mantle.us-west-2.api.aws/openai/v1/models"
    assert rec.last().headers["authorization"] == "Bearer module-bedrock-token"


def test_switching_api_type_switches_the_class(rec: Recorder) -> None:
    openai.api_key = "sk-module-first-123"
    openai.models.list()
    assert type(module_client._client) is OpenAI
    openai.api_type = "azure"
    openai.api_version = "2024-10-21"
    openai.azure_endpoint = "https://res.openai.azure.com"
    openai.models.list()
    assert type(module_client._client) is AzureOpenAI
    openai.api_type = "openai"
    openai.models.list()
    assert type(module_client._client) is OpenAI
    assert [r.url.host for r in rec.requests] == ["api.openai.com", "res.openai.azure.com", "api.openai.com"]


def test_api_type_from_environment(rec: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_TYPE", "amazon-bedrock")
    monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", "env-bedrock-token")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    openai.models.list()
    assert type(module_client._client) is BedrockOpenAI
    assert rec.last().headers["authorization"] == "Bearer env-bedrock-token"


def test_unknown_api_type(rec: Recorder) -> None:
    openai.api_type = "azure_ad"
    with pytest.raises(OpenAIError, match="'openai', 'azure', 'amazon-bedrock'.*'azure_ad'"):
        openai.models.list()


def test_azure_errors_surface_on_use(rec: Recorder) -> None:
    openai.api_type = "azure"
    openai.api_key = "azure-module-key-1"
    openai.azure_endpoint = "https://res.openai.azure.com"
    with pytest.raises(ValueError, match="OPENAI_API_VERSION"):
        openai.models.list()


# --- the proxies ------------------------------------------------------------------------------


def test_every_top_level_resource_has_a_proxy() -> None:
    for name in openai._MODULE_CLIENT_RESOURCES:
        proxy = getattr(openai, name)
        assert isinstance(proxy, module_client._ResourceProxy)
        assert repr(proxy) == f"<module-level client proxy for client.{name}>"


def test_proxy_attribute_resolves_on_the_current_client(rec: Recorder) -> None:
    openai.api_key = "sk-module-first-123"
    first = openai.models._client
    openai.api_key = "sk-module-second-456"
    second = openai.models._client
    assert first is not second
    assert first.api_key == "sk-module-first-123" and second.api_key == "sk-module-second-456"


# --- import cost --------------------------------------------------------------------------------


def _run(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "AZURE_", "AWS_"))}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout.strip()


def test_import_openai_loads_no_provider_module() -> None:
    out = _run(
        """
        import sys
        import openai
        heavy = ["httpx", "pydantic", "openai._module_client", "openai.lib.azure", "openai.lib.bedrock", "openai.auth"]
        print(sorted(name for name in heavy if name in sys.modules))
        openai.api_key = "sk-x-123456"
        openai.chat  # a proxy: still no httpx
        print(sorted(name for name in ["httpx", "pydantic"] if name in sys.modules))
        """
    )
    assert out.splitlines() == ["[]", "[]"]


def test_using_the_module_client_loads_only_what_it_needs() -> None:
    out = _run(
        """
        import sys
        import openai
        openai.api_key = "sk-x-123456"
        import openai._module_client

        client = openai._module_client._load_client()
        assert type(client).__name__ == "OpenAI"
        print(sorted(n for n in ["openai.lib.azure", "openai.lib.bedrock", "openai.auth"] if n in sys.modules))
        """
    )
    assert out == "[]"


def test_admin_security_dict_form_reaches_azure_admin_key(rec: Recorder) -> None:
    from openai._base_client import make_request_options

    captured: List[Optional[str]] = []

    def respond(request: httpx.Request) -> httpx.Response:
        captured.append(request.headers.get("authorization"))
        return httpx.Response(200, json={})

    client = AzureOpenAI(
        api_version="v",
        azure_endpoint="https://res.openai.azure.com",
        api_key="azure-key-123",
        admin_api_key="sk-admin-azure-999",
        http_client=httpx.Client(transport=httpx.MockTransport(respond)),
    )
    options: Any = make_request_options(security={"admin_api_key_auth": True})  # type: ignore[arg-type]
    client.get("/organization/users", cast_to=object, options=options)
    assert captured == ["Bearer sk-admin-azure-999"]
