"""Client attributes, shapes and behaviours libraries rely on (issue 8 and
compat/INVENTORY.md), each with the library that needs it."""

from __future__ import annotations

import inspect
from typing import Any, Iterator, List

import httpx
import pytest

import openai
from openai import AsyncAzureOpenAI, AsyncOpenAI, AzureOpenAI, OpenAI

from ._snapshot import official, params

BASE_URL = "http://compat.test/v1"
KEY = "sk-compat-0000000001"

COMPLETION = {
    "id": "c1",
    "object": "chat.completion",
    "created": 1,
    "model": "gpt-4o",
    "choices": [
        {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": "hi"},
        }
    ],
}


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_ORG_ID",
        "OPENAI_PROJECT_ID",
    ):
        monkeypatch.delenv(name, raising=False)


class Recorder:
    def __init__(self, body: Any = None) -> None:
        self.requests: List[httpx.Request] = []
        self.body = COMPLETION if body is None else body

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json=self.body)


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


@pytest.fixture
def client(rec: Recorder) -> Iterator[OpenAI]:
    c = OpenAI(
        api_key=KEY,
        base_url=BASE_URL,
        http_client=httpx.Client(transport=httpx.MockTransport(rec)),
    )
    yield c
    c.close()


# --- constructor signatures --------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["OpenAI", "AsyncOpenAI", "AzureOpenAI", "AsyncAzureOpenAI"]
)
def test_constructor_keyword_only_names_as_2_38(name: str) -> None:
    # autogen: ``inspect.getfullargspec(AsyncOpenAI.__init__).kwonlyargs`` (and Azure)
    cls = getattr(openai, name)
    facts = official()["clients"][name]
    assert inspect.getfullargspec(cls.__init__).kwonlyargs == facts["kwonlyargs"]
    assert params(cls.__init__) == facts["init"]


# --- attributes ----------------------------------------------------------------------


def test_base_url_is_an_httpx_url(client: OpenAI) -> None:
    # litellm and semantic-kernel read ``client._base_url``
    assert isinstance(client._base_url, httpx.URL)
    assert str(client._base_url) == BASE_URL + "/"
    assert client.base_url == client._base_url


def test_azure_private_attributes() -> None:
    # semantic-kernel: _custom_query["api-version"], _azure_ad_token,
    # _azure_ad_token_provider, _get_azure_ad_token(); litellm: _custom_query
    def provider() -> str:
        return "ad-token-from-provider"

    with_token = AzureOpenAI(
        api_version="2024-10-21",
        azure_endpoint="https://res.openai.azure.com",
        azure_ad_token="ad-token-1",
    )
    assert with_token._custom_query["api-version"] == "2024-10-21"
    assert with_token._azure_ad_token == "ad-token-1"
    assert with_token._get_azure_ad_token() == "ad-token-1"
    with_provider = AzureOpenAI(
        api_version="2024-10-21",
        azure_endpoint="https://res.openai.azure.com",
        azure_ad_token_provider=provider,
    )
    assert with_provider._azure_ad_token_provider is provider
    assert with_provider._get_azure_ad_token() == "ad-token-from-provider"


async def test_async_azure_get_token_is_a_coroutine() -> None:
    async def provider() -> str:
        return "async-ad-token"

    client = AsyncAzureOpenAI(
        api_version="2024-10-21",
        azure_endpoint="https://res.openai.azure.com",
        azure_ad_token_provider=provider,
    )
    assert client._custom_query == {"api-version": "2024-10-21"}
    assert await client._get_azure_ad_token() == "async-ad-token"


def test_realtime_resource_client(client: OpenAI) -> None:
    # semantic-kernel reads ``client.realtime._client`` (and assigns it)
    assert client.realtime._client is client


def test_langsmith_private_attributes() -> None:
    def provider() -> str:
        return "sk-from-provider-01"

    client = OpenAI(
        api_key=provider,
        base_url=BASE_URL,
        default_headers={"X-A": "1"},
        default_query={"q": "1"},
    )
    assert client._api_key_provider is provider
    assert client._custom_headers == {"X-A": "1"}
    assert client._custom_query == {"q": "1"}


async def test_refresh_api_key_is_awaitable_on_the_async_client() -> None:
    # openai-agents: ``getattr(client, "_refresh_api_key", None)`` then awaits it
    client = AsyncOpenAI(api_key=KEY, base_url=BASE_URL)
    assert callable(getattr(client, "_refresh_api_key", None))
    await client._refresh_api_key()
    assert client.api_key == KEY


def test_httpx_client_replaced_after_construction(client: OpenAI) -> None:
    # pydantic-ai: ``client._client = http_client``
    other = Recorder()
    client._client = httpx.Client(transport=httpx.MockTransport(other))
    client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    assert len(other.requests) == 1


# --- resources: cached, assignable, patchable ----------------------------------------


def test_resources_cached_per_client_and_instance_patching(
    client: OpenAI, rec: Recorder
) -> None:
    # instructor patches ``client.chat.completions.create`` on the instance
    assert client.chat is client.chat
    assert client.chat.completions is client.chat.completions
    original = client.chat.completions.create
    calls: List[Any] = []

    def patched(**kwargs: Any) -> Any:
        calls.append(kwargs["model"])
        return original(**kwargs)

    client.chat.completions.create = patched  # type: ignore[method-assign]
    result = client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    assert calls == ["gpt-4o"] and result.choices[0].message.content == "hi"
    other = OpenAI(api_key=KEY, base_url=BASE_URL)
    assert other.chat.completions is not client.chat.completions
    assert other.chat.completions.create is not patched


def test_resource_class_patched_at_class_level(
    client: OpenAI, rec: Recorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    # azure-ai-projects: ``setattr(openai.resources.responses.Responses, "create", wrapper)``
    import openai.resources.responses

    original = openai.resources.responses.Responses.create
    seen: List[str] = []

    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs["model"])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(openai.resources.responses.Responses, "create", wrapper)
    rec.body = {"id": "resp_1", "object": "response", "created_at": 1, "model": "gpt-4o", "output": [],
                "parallel_tool_calls": True, "tool_choice": "auto", "tools": [], "status": "completed"}  # fmt: skip
    response = client.responses.create(model="gpt-4o", input="hi")
    assert seen == ["gpt-4o"] and response.id == "resp_1"


def test_client_subclass_replacing_resources_per_instance(rec: Recorder) -> None:
    # posthog (installed with mem0) subclasses the clients and replaces
    # chat / embeddings / responses / beta on the instance
    class Wrapped:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

    class TracedOpenAI(OpenAI):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.chat = Wrapped(self.chat)  # type: ignore[assignment]
            self.embeddings = Wrapped(self.embeddings)  # type: ignore[assignment]
            self.responses = Wrapped(self.responses)  # type: ignore[assignment]
            self.beta = Wrapped(self.beta)  # type: ignore[assignment]

    traced = TracedOpenAI(
        api_key=KEY,
        base_url=BASE_URL,
        http_client=httpx.Client(transport=httpx.MockTransport(rec)),
    )
    assert isinstance(traced.chat, Wrapped) and isinstance(traced.beta, Wrapped)
    completion = traced.chat.inner.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    assert completion.choices[0].message.content == "hi"
    assert isinstance(OpenAI(api_key=KEY).chat, openai.resources.chat.Chat)

    class TracedAzure(AsyncAzureOpenAI):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.chat = Wrapped(self.chat)  # type: ignore[assignment]

    azure = TracedAzure(
        api_key="k",
        api_version="2024-10-21",
        azure_endpoint="https://res.openai.azure.com",
    )
    assert isinstance(azure.chat, Wrapped)


# --- httpx clients ---------------------------------------------------------------------


def test_default_httpx_clients_subclassable(rec: Recorder) -> None:
    # langchain subclasses both to keep a reference for closing
    class Kept(openai.DefaultHttpxClient):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.kept = True

    class AsyncKept(openai.DefaultAsyncHttpxClient):
        pass

    http = Kept(transport=httpx.MockTransport(rec))
    assert http.kept and isinstance(http, httpx.Client)
    assert http.timeout.connect == 5.0  # the package's defaults apply to subclasses too
    client = OpenAI(api_key=KEY, base_url=BASE_URL, http_client=http)
    client.chat.completions.create(
        model="gpt-4o", messages=[{"role": "user", "content": "x"}]
    )
    assert rec.requests[0].headers["authorization"] == f"Bearer {KEY}"
    assert isinstance(AsyncKept(), httpx.AsyncClient)


# --- module-level client and globals ----------------------------------------------------


@pytest.fixture
def module_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorder]:
    recorder = Recorder(
        body={"id": "gpt-4o", "object": "model", "created": 1, "owned_by": "openai"}
    )
    for name, value in {
        "api_key": KEY,
        "base_url": BASE_URL,
        "api_type": None,
        "api_version": None,
        "organization": None,
        "http_client": httpx.Client(transport=httpx.MockTransport(recorder)),
    }.items():
        monkeypatch.setattr(openai, name, value)
    yield recorder


def test_module_client_models_retrieve(module_settings: Recorder) -> None:
    # litellm: ``openai.models.retrieve(...)`` on the module client; llama-index reads
    # openai.api_key / base_url / api_version
    model = openai.models.retrieve("gpt-4o")
    assert model.id == "gpt-4o"
    (request,) = module_settings.requests
    assert str(request.url) == BASE_URL + "/models/gpt-4o"
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert (openai.api_key, openai.base_url, openai.api_version) == (
        KEY,
        BASE_URL,
        None,
    )


def test_module_globals_assigned_by_litellm(module_settings: Recorder) -> None:
    # litellm assigns openai.api_type / api_version / organization
    openai.organization = "org-compat"
    openai.models.retrieve("gpt-4o")
    assert module_settings.requests[-1].headers["openai-organization"] == "org-compat"
    openai.api_type = "azure"
    openai.api_version = "2024-10-21"
    openai.base_url = None
    openai.azure_endpoint = "https://res.openai.azure.com"
    try:
        openai.models.retrieve("gpt-4o")
    finally:
        openai.azure_endpoint = None
    azure_request = module_settings.requests[-1]
    assert (
        str(azure_request.url)
        == "https://res.openai.azure.com/openai/models/gpt-4o?api-version=2024-10-21"
    )
    assert azure_request.headers["api-key"] == KEY
