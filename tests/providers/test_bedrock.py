"""BedrockOpenAI / AsyncBedrockOpenAI: token sources, base URL resolution, errors."""

from __future__ import annotations

from typing import Any, List, Optional

import httpx
import pytest

import openai
from openai import AsyncBedrockOpenAI, BedrockOpenAI, OpenAIError
from openai._base_client import make_request_options
from openai.auth._realtime import async_realtime_url_and_headers, realtime_url_and_headers


class Recorder:
    def __init__(self) -> None:
        self.requests: List[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={"ok": True})

    def auth(self) -> List[Optional[str]]:
        return [r.headers.get("authorization") for r in self.requests]


@pytest.fixture
def rec() -> Recorder:
    return Recorder()


def bedrock(rec: Recorder, **kwargs: Any) -> BedrockOpenAI:
    kwargs.setdefault("http_client", httpx.Client(transport=httpx.MockTransport(rec)))
    return BedrockOpenAI(**kwargs)


def test_token_from_environment_and_region(monkeypatch: pytest.MonkeyPatch, rec: Recorder) -> None:
    monkeypatch.setenv("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-abc")
    monkeypatch.setenv("AWS_REGION", "us-west-2")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-not-for-aws-123")
    client = bedrock(rec)
    client.post("/responses", body={"model": "openai.gpt-5.4", "input": "hi"}, cast_to=object)
    assert [str(r.url) for r in rec.requests] == ["https://bedrock-mantle.us-west-2.api.aws/openai/v1/responses"]
    assert rec.auth() == ["Bearer bedrock-api-key-abc"]
    assert rec.requests[0].headers["user-agent"].startswith("BedrockOpenAI/Python ")


def test_explicit_api_key(rec: Recorder) -> None:
    bedrock(rec, api_key="explicit-bedrock-key", aws_region="eu-central-1").get("/models", cast_to=object)
    assert rec.auth() == ["Bearer explicit-bedrock-key"]
    assert str(rec.requests[0].url) == "https://bedrock-mantle.eu-central-1.api.aws/openai/v1/models"


def test_token_provider_called_for_each_request(rec: Recorder) -> None:
    tokens = iter(["short-lived-1", "short-lived-2"])
    client = bedrock(rec, bedrock_token_provider=lambda: next(tokens), aws_region="us-east-1")
    client.get("/models", cast_to=object)
    client.get("/models", cast_to=object)
    assert rec.auth() == ["Bearer short-lived-1", "Bearer short-lived-2"]


def test_token_provider_called_on_each_retry() -> None:
    statuses = iter([500, 200])
    seen: List[Optional[str]] = []

    def respond(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization"))
        return httpx.Response(next(statuses), json={})

    tokens = iter(["attempt-token-1", "attempt-token-2"])
    client = BedrockOpenAI(
        bedrock_token_provider=lambda: next(tokens),
        aws_region="us-east-1",
        http_client=httpx.Client(transport=httpx.MockTransport(respond)),
        max_retries=1,
    )
    client._sleep = lambda seconds: None  # type: ignore[method-assign]
    client.get("/models", cast_to=object)
    assert seen == ["Bearer attempt-token-1", "Bearer attempt-token-2"]


async def test_async_token_provider_may_be_awaitable(rec: Recorder) -> None:
    async def provider() -> str:
        return "awaited-bedrock-token"

    client = AsyncBedrockOpenAI(
        bedrock_token_provider=provider,
        aws_region="us-east-1",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(rec)),
    )
    await client.get("/models", cast_to=object)
    sync_provided = AsyncBedrockOpenAI(
        bedrock_token_provider=lambda: "plain-bedrock-token",
        aws_region="us-east-1",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(rec)),
    )
    await sync_provided.get("/models", cast_to=object)
    assert rec.auth() == ["Bearer awaited-bedrock-token", "Bearer plain-bedrock-token"]


@pytest.mark.parametrize("bad", [None, "", 123, b"bytes"])
def test_non_string_token_is_a_clear_error(rec: Recorder, bad: Any) -> None:
    client = bedrock(rec, bedrock_token_provider=lambda: bad, aws_region="us-east-1")
    with pytest.raises(OpenAIError, match="`bedrock_token_provider` must return a non-empty string"):
        client.get("/models", cast_to=object)
    assert rec.requests == []


def test_api_key_and_provider_are_exclusive() -> None:
    with pytest.raises(OpenAIError, match="mutually exclusive"):
        BedrockOpenAI(api_key="k-123456", bedrock_token_provider=lambda: "t", aws_region="us-east-1")


def test_callable_api_key_points_to_the_provider_option() -> None:
    with pytest.raises(TypeError, match="bedrock_token_provider"):
        BedrockOpenAI(api_key=lambda: "t", aws_region="us-east-1")  # type: ignore[arg-type]


def test_missing_token_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-not-for-aws-123")
    with pytest.raises(OpenAIError) as info:
        BedrockOpenAI(aws_region="us-east-1")
    for name in ("api_key", "bedrock_token_provider", "AWS_BEARER_TOKEN_BEDROCK"):
        assert name in str(info.value)


def test_explicit_authorization_header_is_enough(rec: Recorder) -> None:
    client = bedrock(rec, aws_region="us-east-1", default_headers={"Authorization": "Bearer via-gateway"})
    client.get("/models", cast_to=object)
    assert rec.auth() == ["Bearer via-gateway"]


# --- base URL --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argument", "region_argument", "env", "expected"),
    [
        ("https://arg.example/v1", "us-east-1", {"AWS_BEDROCK_BASE_URL": "https://env.example/v1"}, "https://arg.example/v1/"),
        (None, "us-east-1", {"AWS_BEDROCK_BASE_URL": "https://env.example/v1", "AWS_REGION": "eu-west-1"}, "https://env.example/v1/"),
        (None, "ap-south-1", {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-2"}, "https://bedrock-mantle.ap-south-1.api.aws/openai/v1/"),
        (None, None, {"AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "us-east-2"}, "https://bedrock-mantle.eu-west-1.api.aws/openai/v1/"),
        (None, None, {"AWS_DEFAULT_REGION": "us-east-2"}, "https://bedrock-mantle.us-east-2.api.aws/openai/v1/"),
    ],
)  # fmt: skip
def test_base_url_resolution_order(
    monkeypatch: pytest.MonkeyPatch, argument: Any, region_argument: Any, env: Any, expected: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    client = BedrockOpenAI(api_key="k-123456", base_url=argument, aws_region=region_argument)
    assert str(client.base_url) == expected


def test_missing_region_and_base_url_names_every_option() -> None:
    with pytest.raises(OpenAIError) as info:
        BedrockOpenAI(api_key="k-123456")
    for name in ("base_url", "aws_region", "AWS_BEDROCK_BASE_URL", "AWS_REGION", "AWS_DEFAULT_REGION"):
        assert name in str(info.value)


def test_malformed_region() -> None:
    with pytest.raises(ValueError, match="`aws_region` must be an AWS region name"):
        BedrockOpenAI(api_key="k-123456", aws_region="us-east-1.evil.example/")


# --- keys that must not travel to AWS ----------------------------------------------------------


def test_openai_keys_from_the_environment_are_never_sent(monkeypatch: pytest.MonkeyPatch, rec: Recorder) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-openai-not-for-aws-123")
    monkeypatch.setenv("OPENAI_ADMIN_KEY", "sk-admin-not-for-aws-456")
    client = bedrock(rec, bedrock_token_provider=lambda: "bedrock-tok-789", aws_region="us-east-1")
    assert client.api_key == ""
    assert client.admin_api_key is None
    client.get("/models", cast_to=object)
    with pytest.raises(OpenAIError, match="admin"):
        client.get("/organization/users", cast_to=object, options=make_request_options(security="admin_api_key"))
    assert rec.auth() == ["Bearer bedrock-tok-789"]


# --- copies, realtime, module --------------------------------------------------------------------


def test_with_options_keeps_token_source_and_region(rec: Recorder) -> None:
    tokens = iter(["p-token-1", "p-token-2"])
    client = bedrock(rec, bedrock_token_provider=lambda: next(tokens), aws_region="us-west-2")
    copy = client.with_options(timeout=5.0)
    assert isinstance(copy, BedrockOpenAI)
    copy.get("/models", cast_to=object)
    client.copy(max_retries=0).get("/models", cast_to=object)
    assert rec.auth() == ["Bearer p-token-1", "Bearer p-token-2"]
    assert {str(r.url) for r in rec.requests} == {"https://bedrock-mantle.us-west-2.api.aws/openai/v1/models"}


async def test_async_with_options(rec: Recorder) -> None:
    client = AsyncBedrockOpenAI(
        api_key="static-bedrock-key",
        aws_region="us-west-2",
        http_client=httpx.AsyncClient(transport=httpx.MockTransport(rec)),
    )
    await client.with_options(max_retries=0).get("/models", cast_to=object)
    assert rec.auth() == ["Bearer static-bedrock-key"]


def test_realtime_helper(rec: Recorder) -> None:
    client = bedrock(rec, bedrock_token_provider=lambda: "rt-bedrock-token", aws_region="us-west-2")
    url, headers = realtime_url_and_headers(client, model="openai.gpt-realtime")
    assert str(url) == "wss://bedrock-mantle.us-west-2.api.aws/openai/v1/realtime?model=openai.gpt-realtime"
    assert headers == {"Authorization": "Bearer rt-bedrock-token"}


async def test_async_realtime_helper_on_plain_client() -> None:
    client = openai.AsyncOpenAI(api_key="sk-plain-123456", base_url="http://127.0.0.1:5/v1", project="proj_1")
    url, headers = await async_realtime_url_and_headers(client, call_id="call_9", extra_query={"a": "b"})
    assert str(url) == "ws://127.0.0.1:5/v1/realtime?call_id=call_9&a=b"
    assert headers == {"Authorization": "Bearer sk-plain-123456", "OpenAI-Project": "proj_1"}


def test_realtime_helper_without_credentials_but_own_header() -> None:
    client = openai.OpenAI(admin_api_key="sk-admin-only-123", websocket_base_url="wss://ws.example/base")
    url, headers = realtime_url_and_headers(
        client, model="m", path="responses", extra_headers={"Authorization": "Bearer mine"}
    )
    assert str(url) == "wss://ws.example/base/responses?model=m"
    assert headers == {"Authorization": "Bearer mine"}


def test_signatures() -> None:
    import inspect

    expected = [
        "api_key", "bedrock_token_provider", "aws_region", "base_url", "organization", "project", "webhook_secret",
        "websocket_base_url", "timeout", "max_retries", "default_headers", "default_query", "http_client",
        "_strict_response_validation",
    ]  # fmt: skip
    assert inspect.getfullargspec(BedrockOpenAI.__init__).kwonlyargs == expected
    assert inspect.getfullargspec(AsyncBedrockOpenAI.__init__).kwonlyargs == expected
    assert issubclass(BedrockOpenAI, openai.OpenAI) and issubclass(AsyncBedrockOpenAI, openai.AsyncOpenAI)
