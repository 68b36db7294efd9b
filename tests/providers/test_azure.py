"""AzureOpenAI / AsyncAzureOpenAI: URLs, api-version, credentials, errors, copies, realtime."""

from __future__ import annotations

import inspect
from typing import Any, Callable, List, Optional

import httpx
import pytest

import openai
from openai import AsyncAzureOpenAI, AzureOpenAI, OpenAIError
from openai._base_client import make_request_options
from openai.auth._realtime import async_realtime_url_and_headers, realtime_url_and_headers
from openai.lib.azure import API_KEY_SENTINEL, BaseAzureClient, MutuallyExclusiveAuthError

ENDPOINT = "https://example-resource.openai.azure.com"
VERSION = "2024-10-21"


def _ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={"ok": True})


class Recorder:
    def __init__(self, respond: Optional[Callable[[httpx.Request], httpx.Response]] = None) -> None:
        self.requests: List[httpx.Request] = []
        self.respond = respond or _ok

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.respond(request)

    def urls(self) -> List[str]:
        return [str(r.url) for r in self.requests]

    def header(self, name: str) -> List[Optional[str]]:
        return [r.headers.get(name) for r in self.requests]


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


def azure(rec: Recorder, **kwargs: Any) -> AzureOpenAI:
    kwargs.setdefault("api_version", VERSION)
    if "base_url" not in kwargs:
        kwargs.setdefault("azure_endpoint", ENDPOINT)
    if not {"api_key", "azure_ad_token", "azure_ad_token_provider", "workload_identity"} & set(kwargs):
        kwargs["api_key"] = "azure-key-0123456789"
    kwargs.setdefault("http_client", httpx.Client(transport=httpx.MockTransport(rec)))
    kwargs.setdefault("max_retries", 0)
    return AzureOpenAI(**kwargs)


def async_azure(rec: Recorder, **kwargs: Any) -> AsyncAzureOpenAI:
    kwargs.setdefault("api_version", VERSION)
    if "base_url" not in kwargs:
        kwargs.setdefault("azure_endpoint", ENDPOINT)
    if not {"api_key", "azure_ad_token", "azure_ad_token_provider", "workload_identity"} & set(kwargs):
        kwargs["api_key"] = "azure-key-0123456789"
    kwargs.setdefault("http_client", httpx.AsyncClient(transport=httpx.MockTransport(rec)))
    kwargs.setdefault("max_retries", 0)
    return AsyncAzureOpenAI(**kwargs)


DEPLOYMENT_ENDPOINTS = [
    "/completions",
    "/chat/completions",
    "/embeddings",
    "/audio/transcriptions",
    "/audio/translations",
    "/audio/speech",
    "/images/generations",
    "/images/edits",
]


# --- URLs -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DEPLOYMENT_ENDPOINTS)
def test_deployment_endpoints_take_the_model_as_deployment(rec: Recorder, path: str) -> None:
    client = azure(rec)
    client.post(path, body={"model": "my-gpt-deployment", "input": "x"}, cast_to=object)
    assert rec.urls() == [f"{ENDPOINT}/openai/deployments/my-gpt-deployment{path}?api-version={VERSION}"]


@pytest.mark.parametrize("path", ["/responses", "/files", "/batches", "/models", "/vector_stores", "/fine_tuning/jobs"])
def test_other_endpoints_stay_at_the_resource(rec: Recorder, path: str) -> None:
    client = azure(rec)
    client.post(path, body={"model": "my-gpt-deployment"}, cast_to=object)
    assert rec.urls() == [f"{ENDPOINT}/openai{path}?api-version={VERSION}"]


def test_deployment_endpoint_without_model_is_not_rewritten(rec: Recorder) -> None:
    client = azure(rec)
    client.post("/chat/completions", body={"messages": []}, cast_to=object)
    assert rec.urls() == [f"{ENDPOINT}/openai/chat/completions?api-version={VERSION}"]


def test_model_in_extra_body_names_the_deployment(rec: Recorder) -> None:
    client = azure(rec)
    options = make_request_options(extra_body={"model": "from-extra"})
    client.post("/embeddings", body={"input": "x"}, cast_to=object, options=options)
    assert rec.urls() == [f"{ENDPOINT}/openai/deployments/from-extra/embeddings?api-version={VERSION}"]


def test_multipart_deployment_endpoint(rec: Recorder) -> None:
    client = azure(rec)
    client.post(
        "/audio/transcriptions",
        body={"model": "whisper-dep"},
        files=[("file", ("a.wav", b"RIFF", "audio/wav"))],
        cast_to=object,
        options={"headers": {"Content-Type": "multipart/form-data"}},
    )
    assert rec.urls() == [f"{ENDPOINT}/openai/deployments/whisper-dep/audio/transcriptions?api-version={VERSION}"]
    assert rec.requests[0].headers["content-type"].startswith("multipart/form-data; boundary=")


def test_fixed_deployment(rec: Recorder) -> None:
    client = azure(rec, azure_deployment="fixed-dep", azure_endpoint=ENDPOINT + "/")
    assert str(client.base_url) == f"{ENDPOINT}/openai/deployments/fixed-dep/"
    client.post("/chat/completions", body={"model": "ignored"}, cast_to=object)
    client.get("/files", cast_to=object)
    client.post("/batches", body={}, cast_to=object)
    assert rec.urls() == [
        f"{ENDPOINT}/openai/deployments/fixed-dep/chat/completions?api-version={VERSION}",
        f"{ENDPOINT}/openai/files?api-version={VERSION}",
        f"{ENDPOINT}/openai/batches?api-version={VERSION}",
    ]


def test_base_url_instead_of_endpoint(rec: Recorder) -> None:
    client = azure(rec, base_url="https://gateway.example/azure")
    client.post("/chat/completions", body={"model": "dep-1"}, cast_to=object)
    client.get("/files", cast_to=object)
    assert rec.urls() == [
        f"https://gateway.example/azure/deployments/dep-1/chat/completions?api-version={VERSION}",
        f"https://gateway.example/azure/files?api-version={VERSION}",
    ]


def test_api_version_on_every_request_with_other_query(rec: Recorder) -> None:
    client = azure(rec, default_query={"tenant": "t1"})
    client.get("/files", cast_to=object, options=make_request_options(query={"limit": 2}))
    client.get("/files", cast_to=object, options=make_request_options(extra_query={"api-version": "preview"}))
    assert [dict(r.url.params) for r in rec.requests] == [
        {"tenant": "t1", "api-version": VERSION, "limit": "2"},
        {"tenant": "t1", "api-version": "preview"},
    ]
    assert client._custom_query["api-version"] == VERSION


def test_user_agent_names_the_class(rec: Recorder) -> None:
    azure(rec).get("/models", cast_to=object)
    assert rec.requests[0].headers["user-agent"].startswith("AzureOpenAI/Python ")


# --- credentials ----------------------------------------------------------------------------------


def test_api_key_header(rec: Recorder) -> None:
    client = azure(rec, api_key="azure-key-abcdef")
    client.get("/models", cast_to=object)
    assert rec.header("api-key") == ["azure-key-abcdef"]
    assert rec.header("authorization") == [None]
    assert client.api_key == "azure-key-abcdef"
    assert client.auth_headers == {"api-key": "azure-key-abcdef"}


def test_api_key_provider_goes_in_the_api_key_header(rec: Recorder) -> None:
    keys = iter(["rotating-key-1", "rotating-key-2"])
    client = azure(rec, api_key=lambda: next(keys))
    client.get("/models", cast_to=object)
    client.get("/models", cast_to=object)
    assert rec.header("api-key") == ["rotating-key-1", "rotating-key-2"]
    assert client._api_key_provider is not None


def test_ad_token(rec: Recorder) -> None:
    client = azure(rec, azure_ad_token="ad-token-static-123")
    client.get("/models", cast_to=object)
    assert rec.header("authorization") == ["Bearer ad-token-static-123"]
    assert rec.header("api-key") == [None]
    assert client.api_key == API_KEY_SENTINEL
    assert client._azure_ad_token == "ad-token-static-123"
    assert client._get_azure_ad_token() == "ad-token-static-123"


def test_ad_token_wins_over_api_key(rec: Recorder) -> None:
    azure(rec, api_key="azure-key-abcdef", azure_ad_token="ad-token-static-123").get("/models", cast_to=object)
    assert rec.header("authorization") == ["Bearer ad-token-static-123"]
    assert rec.header("api-key") == [None]


def test_token_provider_is_called_for_every_attempt_including_retries() -> None:
    statuses = iter([500, 503, 200])
    rec = Recorder(lambda request: httpx.Response(next(statuses), json={"ok": True}))
    tokens = iter(["ad-token-attempt-1", "ad-token-attempt-2", "ad-token-attempt-3"])
    client = azure(rec, azure_ad_token_provider=lambda: next(tokens), max_retries=2)
    client._sleep = lambda seconds: None  # type: ignore[method-assign]
    assert client.get("/models", cast_to=object) == {"ok": True}
    assert rec.header("authorization") == [
        "Bearer ad-token-attempt-1",
        "Bearer ad-token-attempt-2",
        "Bearer ad-token-attempt-3",
    ]
    assert client._azure_ad_token_provider is not None


async def test_async_token_provider_awaited_for_every_attempt() -> None:
    statuses = iter([429, 200])
    rec = Recorder(lambda request: httpx.Response(next(statuses), json={"ok": True}))
    tokens = iter(["async-ad-token-1", "async-ad-token-2"])

    async def provider() -> str:
        return next(tokens)

    client = async_azure(rec, azure_ad_token_provider=provider, max_retries=1)

    async def no_sleep(seconds: float) -> None:
        return None

    client._sleep = no_sleep  # type: ignore[method-assign]
    await client.get("/models", cast_to=object)
    assert rec.header("authorization") == ["Bearer async-ad-token-1", "Bearer async-ad-token-2"]
    assert inspect.iscoroutinefunction(AsyncAzureOpenAI._get_azure_ad_token)


async def test_async_client_accepts_a_sync_token_provider(rec: Recorder) -> None:
    client = async_azure(rec, azure_ad_token_provider=lambda: "sync-ad-token-xyz")
    await client.get("/models", cast_to=object)
    assert rec.header("authorization") == ["Bearer sync-ad-token-xyz"]


@pytest.mark.parametrize("bad", [None, "", 42])
def test_token_provider_must_return_a_string(rec: Recorder, bad: Any) -> None:
    client = azure(rec, azure_ad_token_provider=lambda: bad)
    with pytest.raises(ValueError, match="`azure_ad_token_provider` to return a non-empty string"):
        client.get("/models", cast_to=object)
    assert rec.requests == []


def test_environment_variables(monkeypatch: pytest.MonkeyPatch, rec: Recorder) -> None:
    monkeypatch.setenv("AZURE_OPENAI_API_KEY", "env-azure-key-123")
    monkeypatch.setenv("OPENAI_API_VERSION", "2025-01-01-preview")
    monkeypatch.setenv("AZURE_OPENAI_ENDPOINT", "https://env-resource.openai.azure.com/")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-must-not-be-used-1234")
    client = AzureOpenAI(http_client=httpx.Client(transport=httpx.MockTransport(rec)))
    client.get("/models", cast_to=object)
    assert rec.urls() == ["https://env-resource.openai.azure.com/openai/models?api-version=2025-01-01-preview"]
    assert rec.header("api-key") == ["env-azure-key-123"]
    assert rec.header("authorization") == [None]


def test_ad_token_from_environment(monkeypatch: pytest.MonkeyPatch, rec: Recorder) -> None:
    monkeypatch.setenv("AZURE_OPENAI_AD_TOKEN", "env-ad-token-456")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-must-not-be-used-1234")
    client = azure(rec, azure_ad_token=None, api_key=None)
    client.get("/models", cast_to=object)
    assert rec.header("authorization") == ["Bearer env-ad-token-456"]


def test_explicit_header_replaces_credentials(rec: Recorder) -> None:
    client = AzureOpenAI(
        api_version=VERSION,
        azure_endpoint=ENDPOINT,
        default_headers={"Authorization": "Bearer gateway-token"},
        http_client=httpx.Client(transport=httpx.MockTransport(rec)),
    )
    client.get("/models", cast_to=object)
    assert rec.header("authorization") == ["Bearer gateway-token"]
    assert rec.header("api-key") == [None]


def test_extra_headers_win_over_credentials(rec: Recorder) -> None:
    client = azure(rec)
    client.get("/models", cast_to=object, options={"headers": {"api-key": "per-request-key"}})
    client.get("/models", cast_to=object, options={"headers": {"api-key": openai.omit}})
    assert rec.header("api-key") == ["per-request-key", None]


# --- errors ---------------------------------------------------------------------------------------


def test_missing_api_version() -> None:
    with pytest.raises(ValueError, match="`api_version`.*OPENAI_API_VERSION"):
        AzureOpenAI(azure_endpoint=ENDPOINT, api_key="k-123456")


def test_missing_endpoint() -> None:
    with pytest.raises(ValueError, match="`azure_endpoint`.*`base_url`.*AZURE_OPENAI_ENDPOINT"):
        AzureOpenAI(api_version=VERSION, api_key="k-123456")


def test_missing_credentials() -> None:
    with pytest.raises(OpenAIError) as info:
        AzureOpenAI(api_version=VERSION, azure_endpoint=ENDPOINT)
    message = str(info.value)
    for name in (
        "api_key",
        "azure_ad_token",
        "azure_ad_token_provider",
        "AZURE_OPENAI_API_KEY",
        "AZURE_OPENAI_AD_TOKEN",
    ):
        assert name in message


def test_missing_credentials_async() -> None:
    with pytest.raises(OpenAIError, match="Missing credentials"):
        AsyncAzureOpenAI(api_version=VERSION, azure_endpoint=ENDPOINT)


def test_base_url_and_endpoint_are_exclusive() -> None:
    with pytest.raises(ValueError, match="mutually exclusive"):
        AzureOpenAI(api_version=VERSION, azure_endpoint=ENDPOINT, base_url="https://x.example", api_key="k-123456")


def test_endpoint_must_be_a_url() -> None:
    with pytest.raises(ValueError, match="`azure_endpoint` must be an http\\(s\\) URL"):
        AzureOpenAI(api_version=VERSION, azure_endpoint="my-resource", api_key="k-123456")


def test_workload_identity_with_ad_token_is_ambiguous() -> None:
    identity: Any = {
        "identity_provider_id": "i",
        "service_account_id": "s",
        "provider": {"token_type": "jwt", "get_token": lambda: "t"},
    }
    with pytest.raises(MutuallyExclusiveAuthError, match="workload_identity"):
        AzureOpenAI(api_version=VERSION, azure_endpoint=ENDPOINT, azure_ad_token="ad-1", workload_identity=identity)


def test_provider_must_be_callable() -> None:
    with pytest.raises(TypeError, match="azure_ad_token_provider"):
        AzureOpenAI(api_version=VERSION, azure_endpoint=ENDPOINT, azure_ad_token_provider="token")  # type: ignore[arg-type]


# --- copies -----------------------------------------------------------------------------------


def test_with_options_keeps_azure_settings(rec: Recorder) -> None:
    provider = lambda: "ad-token-from-provider"  # noqa: E731
    client = azure(rec, azure_deployment="dep-a", azure_ad_token_provider=provider, default_query={"q": "1"})
    for copy in (client.with_options(timeout=3.0), client.copy(max_retries=1)):
        assert isinstance(copy, AzureOpenAI)
        assert copy._azure_deployment == "dep-a"
        assert copy._api_version == VERSION
        assert copy._azure_ad_token_provider is provider
        assert copy._custom_query == {"q": "1", "api-version": VERSION}
        assert copy.api_key == API_KEY_SENTINEL
        copy.get("/files", cast_to=object)
        copy.post("/chat/completions", body={"model": "m"}, cast_to=object)
    assert (
        rec.urls()
        == [
            f"{ENDPOINT}/openai/files?q=1&api-version={VERSION}",
            f"{ENDPOINT}/openai/deployments/dep-a/chat/completions?q=1&api-version={VERSION}",
        ]
        * 2
    )
    assert set(rec.header("authorization")) == {"Bearer ad-token-from-provider"}
    assert set(rec.header("api-key")) == {None}


def test_with_options_changes(rec: Recorder) -> None:
    client = azure(rec, api_key="azure-key-abcdef")
    copy = client.with_options(api_version="2025-04-01-preview", azure_ad_token="new-ad-token-999")
    copy.get("/models", cast_to=object)
    assert rec.urls() == [f"{ENDPOINT}/openai/models?api-version=2025-04-01-preview"]
    assert rec.header("authorization") == ["Bearer new-ad-token-999"]
    assert client._api_version == VERSION  # the original is untouched


def test_set_default_query_keeps_api_version(rec: Recorder) -> None:
    client = azure(rec, default_query={"a": "1"})
    client.with_options(set_default_query={"b": "2"}).get("/models", cast_to=object)
    assert dict(rec.requests[0].url.params) == {"b": "2", "api-version": VERSION}


async def test_async_with_options_keeps_azure_settings(rec: Recorder) -> None:
    client = async_azure(rec, azure_deployment="dep-b")
    copy = client.with_options(timeout=2.0)
    assert isinstance(copy, AsyncAzureOpenAI)
    await copy.get("/files", cast_to=object)
    await copy.post("/embeddings", body={"model": "m"}, cast_to=object)
    assert rec.urls() == [
        f"{ENDPOINT}/openai/files?api-version={VERSION}",
        f"{ENDPOINT}/openai/deployments/dep-b/embeddings?api-version={VERSION}",
    ]
    assert rec.header("api-key") == ["azure-key-0123456789"] * 2


# --- realtime -------------------------------------------------------------------------------------


def test_configure_realtime(rec: Recorder) -> None:
    client = azure(rec, api_key="azure-key-abcdef")
    url, headers = client._configure_realtime("gpt-realtime", {"trace": "1"})
    assert str(url) == (
        "wss://example-resource.openai.azure.com/openai/realtime?trace=1&api-version=2024-10-21&deployment=gpt-realtime"
    )
    assert headers == {"api-key": "azure-key-abcdef"}


def test_configure_realtime_with_fixed_deployment_and_provider(rec: Recorder) -> None:
    client = azure(rec, azure_deployment="rt-dep", azure_ad_token_provider=lambda: "fresh-ad-token-1")
    url, headers = client._configure_realtime("ignored-model", {})
    assert (
        str(url) == "wss://example-resource.openai.azure.com/openai/realtime?api-version=2024-10-21&deployment=rt-dep"
    )
    assert headers == {"Authorization": "Bearer fresh-ad-token-1"}


def test_configure_realtime_websocket_base_url(rec: Recorder) -> None:
    client = azure(rec, websocket_base_url="wss://ws.example/custom/")
    url, _ = client._configure_realtime("m", {})
    assert str(url) == "wss://ws.example/custom/realtime?api-version=2024-10-21&deployment=m"


async def test_async_configure_realtime(rec: Recorder) -> None:
    async def provider() -> str:
        return "async-rt-token-1"

    client = async_azure(rec, azure_ad_token_provider=provider)
    url, headers = await client._configure_realtime("gpt-rt", {})
    assert url.scheme == "wss" and url.params["deployment"] == "gpt-rt"
    assert headers == {"Authorization": "Bearer async-rt-token-1"}


def test_realtime_helper_on_azure(rec: Recorder) -> None:
    client = azure(rec, default_headers={"X-Team": "a"})
    url, headers = realtime_url_and_headers(
        client, model="gpt-rt", extra_query={"x": "1"}, extra_headers={"X-Extra": "e"}
    )
    assert str(url) == (
        "wss://example-resource.openai.azure.com/openai/realtime?x=1&api-version=2024-10-21&deployment=gpt-rt"
    )
    assert headers == {"api-key": "azure-key-0123456789", "X-Team": "a", "X-Extra": "e"}


async def test_async_realtime_helper_on_azure(rec: Recorder) -> None:
    client = async_azure(rec, azure_ad_token="static-ad-token-77")
    url, headers = await async_realtime_url_and_headers(client, model="m")
    assert url.params["api-version"] == VERSION
    assert headers == {"Authorization": "Bearer static-ad-token-77"}


# --- what libraries rely on -------------------------------------------------------------------------


def test_constructor_signatures_match_the_official_package() -> None:
    # kwonlyargs of 2.38 (autogen reads them with inspect.getfullargspec)
    assert inspect.getfullargspec(AzureOpenAI.__init__).kwonlyargs == [
        "api_version", "azure_endpoint", "azure_deployment", "api_key", "admin_api_key", "workload_identity",
        "azure_ad_token", "azure_ad_token_provider", "organization", "project", "webhook_secret",
        "websocket_base_url", "base_url", "timeout", "max_retries", "default_headers", "default_query",
        "http_client", "_strict_response_validation", "_enforce_credentials",
    ]  # fmt: skip
    assert inspect.getfullargspec(AsyncAzureOpenAI.__init__).kwonlyargs == [
        "azure_endpoint", "azure_deployment", "api_version", "api_key", "admin_api_key", "workload_identity",
        "azure_ad_token", "azure_ad_token_provider", "organization", "project", "webhook_secret", "base_url",
        "websocket_base_url", "timeout", "max_retries", "default_headers", "default_query", "http_client",
        "_strict_response_validation", "_enforce_credentials",
    ]  # fmt: skip


def test_class_relations() -> None:
    assert issubclass(AzureOpenAI, openai.OpenAI) and issubclass(AzureOpenAI, BaseAzureClient)
    assert issubclass(AsyncAzureOpenAI, openai.AsyncOpenAI) and issubclass(AsyncAzureOpenAI, BaseAzureClient)
    assert openai.AzureOpenAI is AzureOpenAI
    from openai._utils import is_async_azure_client, is_azure_client

    assert is_azure_client(AzureOpenAI(api_version=VERSION, azure_endpoint=ENDPOINT, api_key="k-123456"))
    assert is_async_azure_client(AsyncAzureOpenAI(api_version=VERSION, azure_endpoint=ENDPOINT, api_key="k-123456"))


def test_subclass_as_posthog_does(rec: Recorder) -> None:
    class Instrumented(AzureOpenAI):
        def __init__(self, marker: str, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.marker = marker

    client = Instrumented(
        "m1",
        api_version=VERSION,
        azure_endpoint=ENDPOINT,
        api_key="k-123456",
        http_client=httpx.Client(transport=httpx.MockTransport(rec)),
    )
    client.post("/chat/completions", body={"model": "d"}, cast_to=object)
    assert client.marker == "m1"
    assert rec.urls() == [f"{ENDPOINT}/openai/deployments/d/chat/completions?api-version={VERSION}"]


# --- workload identity on Azure ------------------------------------------------------------


def _token_or_ok(request: httpx.Request) -> httpx.Response:
    if request.url.host == "auth.openai.com":
        return httpx.Response(200, json={"access_token": "azure-wi-exchanged-1", "expires_in": 3600})
    return httpx.Response(200, json={"ok": True})


def test_workload_identity_on_azure() -> None:
    rec = Recorder(_token_or_ok)
    identity: Any = {
        "identity_provider_id": "idp-1",
        "service_account_id": "sa-1",
        "provider": {"token_type": "jwt", "get_token": lambda: "azure-subject-token"},
    }
    client = azure(rec, workload_identity=identity)
    client.post("/chat/completions", body={"model": "dep"}, cast_to=object)
    client.with_options(timeout=1.0).get("/files", cast_to=object)
    assert rec.urls() == [
        "https://auth.openai.com/oauth/token",
        f"{ENDPOINT}/openai/deployments/dep/chat/completions?api-version={VERSION}",
        f"{ENDPOINT}/openai/files?api-version={VERSION}",
    ]
    assert rec.header("authorization")[1:] == ["Bearer azure-wi-exchanged-1"] * 2
    assert client.api_key == ""


async def test_workload_identity_on_async_azure_resends_after_401() -> None:
    tokens = iter(["azure-wi-a", "azure-wi-b"])

    def respond(request: httpx.Request) -> httpx.Response:
        if request.url.host == "auth.openai.com":
            return httpx.Response(200, json={"access_token": next(tokens), "expires_in": 3600})
        if request.headers["authorization"] == "Bearer azure-wi-a":
            return httpx.Response(401, json={"error": {"message": "expired"}})
        return httpx.Response(200, json={"ok": True})

    rec = Recorder(respond)
    identity: Any = {
        "identity_provider_id": "idp-1",
        "service_account_id": "sa-1",
        "provider": {"token_type": "id", "get_token": lambda: "azure-subject-token"},
    }
    client = async_azure(rec, workload_identity=identity)
    assert await client.get("/models", cast_to=object) == {"ok": True}
    assert [r.url.host for r in rec.requests] == [
        "auth.openai.com",
        "example-resource.openai.azure.com",
        "auth.openai.com",
        "example-resource.openai.azure.com",
    ]
