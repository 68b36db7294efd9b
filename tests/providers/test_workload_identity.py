"""Workload identity end to end: a loopback token endpoint and a loopback API behind the real URLs."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, Iterator, List, Tuple

import httpx
import pytest

from openai import AsyncOpenAI, AuthenticationError, OAuthError, OpenAI, OpenAIError
from openai._exceptions import SubjectTokenProviderError
from openai.auth import WorkloadIdentity, WorkloadIdentityAuth
from openai.auth._client_hooks import auth_for

from ._loopback import (
    AsyncRedirectTo,
    RedirectTo,
    Reply,
    Server,
    TokenEndpoint,
    api_ok,
    exchange_requests,
)

SUBJECT = "subject-jwt-eyJhbGciOi.payload.signature"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def identity(get_token: Callable[[], Any] = lambda: SUBJECT, token_type: str = "jwt", **extra: Any) -> Any:
    config: Dict[str, Any] = {
        "identity_provider_id": "idp-123",
        "service_account_id": "sa-456",
        "provider": {"token_type": token_type, "get_token": get_token},
    }
    config.update(extra)
    return config


class Setup:
    def __init__(self, token: TokenEndpoint, token_server: Server, api: Server) -> None:
        self.token = token
        self.token_server = token_server
        self.api = api
        self.mapping = {"auth.openai.com": token_server, "api.openai.com": api}

    def client(self, config: Any = None, **kwargs: Any) -> OpenAI:
        http_client = httpx.Client(transport=RedirectTo(self.mapping))
        return OpenAI(workload_identity=config or identity(), http_client=http_client, **kwargs)

    def async_client(self, config: Any = None, **kwargs: Any) -> AsyncOpenAI:
        http_client = httpx.AsyncClient(transport=AsyncRedirectTo(self.mapping))
        return AsyncOpenAI(workload_identity=config or identity(), http_client=http_client, **kwargs)

    def exchanges(self) -> int:
        return len(exchange_requests(self.token_server))

    def api_auth(self) -> List[str]:
        return [r.headers.get("authorization", "") for r in self.api.requests]


@pytest.fixture
def setup() -> Iterator[Setup]:
    token = TokenEndpoint()
    with Server(token) as token_server, Server(api_ok) as api:
        yield Setup(token, token_server, api)


# --- the exchange -------------------------------------------------------------------


def test_exchange_request_is_rfc8693(setup: Setup) -> None:
    client = setup.client(identity(token_type="jwt"))
    assert client.get("/models", cast_to=object) == {"ok": True, "path": "/v1/models"}
    (exchange,) = exchange_requests(setup.token_server)
    assert exchange.method == "POST"
    assert exchange.headers["content-type"] == "application/json"
    assert exchange.json() == {
        "grant_type": "urn:ietf:params:oauth:grant-type:token-exchange",
        "subject_token": SUBJECT,
        "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
        "identity_provider_id": "idp-123",
        "service_account_id": "sa-456",
    }
    assert "authorization" not in exchange.headers
    assert setup.api_auth() == ["Bearer exchanged-token-1"]


def test_id_token_type_and_cached_token(setup: Setup) -> None:
    client = setup.client(identity(token_type="id"))
    for _ in range(3):
        client.get("/models", cast_to=object)
    assert setup.exchanges() == 1
    assert exchange_requests(setup.token_server)[0].json()["subject_token_type"] == (
        "urn:ietf:params:oauth:token-type:id_token"
    )
    assert setup.api_auth() == ["Bearer exchanged-token-1"] * 3


def test_with_options_copies_share_the_cached_token(setup: Setup) -> None:
    client = setup.client()
    client.get("/models", cast_to=object)
    copy = client.with_options(timeout=5.0, max_retries=0)
    copy.get("/models", cast_to=object)
    assert setup.exchanges() == 1
    assert auth_for(copy) is auth_for(client)
    assert setup.api_auth() == ["Bearer exchanged-token-1", "Bearer exchanged-token-1"]


async def test_async_exchange_and_cache(setup: Setup) -> None:
    client = setup.async_client()
    assert await client.get("/models", cast_to=object) == {"ok": True, "path": "/v1/models"}
    await client.get("/models", cast_to=object)
    assert setup.exchanges() == 1
    assert setup.api_auth() == ["Bearer exchanged-token-1"] * 2


async def test_async_provider_may_be_a_coroutine_function(setup: Setup) -> None:
    async def get_token() -> str:
        return "async-subject-token"

    client = setup.async_client(identity(get_token))
    await client.get("/models", cast_to=object)
    assert exchange_requests(setup.token_server)[0].json()["subject_token"] == "async-subject-token"


def test_subject_token_is_read_for_each_exchange(setup: Setup) -> None:
    tokens = iter(["subject-one-123", "subject-two-456"])
    setup.token.expires_in = 100
    client = setup.client(identity(lambda: next(tokens)))
    clock = FakeClock()
    auth_for(client)._clock = clock
    client.get("/models", cast_to=object)
    clock.now += 100  # expired
    client.get("/models", cast_to=object)
    assert [r.json()["subject_token"] for r in exchange_requests(setup.token_server)] == [
        "subject-one-123",
        "subject-two-456",
    ]


# --- timing rule ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expires_in", "buffer", "refresh_after"),
    [
        (3600, None, 3600 - 1200),  # default buffer 1200 s
        (3600, 120.0, 3600 - 120),
        (600, None, 300),  # the buffer is capped at half the lifetime
        (600, 0, 600),
    ],
)
def test_refresh_point(setup: Setup, expires_in: float, buffer: Any, refresh_after: float) -> None:
    setup.token.expires_in = expires_in
    extra = {} if buffer is None else {"refresh_buffer_seconds": buffer}
    client = setup.client(identity(**extra))
    clock = FakeClock()
    auth_for(client)._clock = clock
    client.get("/models", cast_to=object)
    clock.now += refresh_after - 0.001
    client.get("/models", cast_to=object)
    assert setup.exchanges() == 1
    clock.now += 0.001
    client.get("/models", cast_to=object)
    assert setup.exchanges() == 2
    assert setup.api_auth() == ["Bearer exchanged-token-1"] * 2 + ["Bearer exchanged-token-2"]


def test_expired_token_is_never_sent(setup: Setup) -> None:
    setup.token.expires_in = 60
    client = setup.client()
    clock = FakeClock()
    auth_for(client)._clock = clock
    client.get("/models", cast_to=object)
    clock.now += 60  # exactly expired
    setup.token.script.append(Reply(503, {"error": "unavailable"}))
    with pytest.raises(OpenAIError, match="status 503"):
        client.get("/models", cast_to=object)
    assert setup.api_auth() == ["Bearer exchanged-token-1"]  # the expired one was not used


def test_failed_early_refresh_keeps_the_valid_token(setup: Setup, caplog: pytest.LogCaptureFixture) -> None:
    setup.token.expires_in = 3600
    client = setup.client()
    clock = FakeClock()
    auth_for(client)._clock = clock
    client.get("/models", cast_to=object)
    clock.now += 3000  # in the refresh window, not expired
    setup.token.script.append(Reply(500, {"error": "boom"}))
    with caplog.at_level(logging.WARNING, logger="openai"):
        client.get("/models", cast_to=object)
    assert setup.api_auth() == ["Bearer exchanged-token-1", "Bearer exchanged-token-1"]
    assert any("Refreshing the workload identity token failed" in r.getMessage() for r in caplog.records)
    # the next try waits a little (half of the remaining life, at most 30 s)
    client.get("/models", cast_to=object)
    assert setup.exchanges() == 2
    clock.now += 30
    client.get("/models", cast_to=object)
    assert setup.exchanges() == 3
    assert setup.api_auth()[-1] == "Bearer exchanged-token-3"


# --- one refresh for many concurrent requests ---------------------------------------------


def _get_models(client: OpenAI) -> Callable[[int], Any]:
    def call(_: int) -> Any:
        return client.get("/models", cast_to=object)

    return call


def _count_decisions(auth: WorkloadIdentityAuth, threshold: int, gate: threading.Event) -> None:
    """Open ``gate`` once ``threshold`` callers have looked at the token state."""
    lock = threading.Lock()
    seen = [0]
    original = auth._decide

    def counting() -> Tuple[str, Any]:
        result = original()
        with lock:
            seen[0] += 1
            if seen[0] >= threshold:
                gate.set()
        return result

    auth._decide = counting  # type: ignore[method-assign]


@pytest.mark.parametrize("state", ["empty", "expired", "refresh-window"])
def test_fifty_threads_share_one_exchange(setup: Setup, state: str) -> None:
    setup.token.expires_in = 3600
    client = setup.client()
    auth = auth_for(client)
    clock = FakeClock()
    auth._clock = clock
    if state != "empty":
        client.get("/models", cast_to=object)
        clock.now += 3600 if state == "expired" else 3000
    before = setup.exchanges()
    gate = threading.Event()
    setup.token.gate = gate
    _count_decisions(auth, 50, gate)
    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(_get_models(client), range(50)))
    assert results == [{"ok": True, "path": "/v1/models"}] * 50
    assert setup.exchanges() - before == 1
    sent = setup.api_auth()[-50:]
    if state == "refresh-window":
        # requests that came while the refresh ran used the still-valid token
        assert set(sent) <= {"Bearer exchanged-token-1", "Bearer exchanged-token-2"}
    else:
        expected = "Bearer exchanged-token-1" if state == "empty" else "Bearer exchanged-token-2"
        assert sent == [expected] * 50


@pytest.mark.parametrize("state", ["empty", "expired"])
async def test_fifty_tasks_share_one_exchange(setup: Setup, state: str) -> None:
    client = setup.async_client()
    auth = auth_for(client)
    clock = FakeClock()
    auth._clock = clock
    if state == "expired":
        await client.get("/models", cast_to=object)
        clock.now += 3600
    before = setup.exchanges()
    gate = threading.Event()
    setup.token.gate = gate
    _count_decisions(auth, 50, gate)
    results = await asyncio.gather(*(client.get("/models", cast_to=object) for _ in range(50)))
    assert results == [{"ok": True, "path": "/v1/models"}] * 50
    assert setup.exchanges() - before == 1
    expected = "Bearer exchanged-token-1" if state == "empty" else "Bearer exchanged-token-2"
    assert setup.api_auth()[-50:] == [expected] * 50


def test_a_failed_exchange_is_reported_to_every_waiting_thread(setup: Setup) -> None:
    client = setup.client()
    auth = auth_for(client)
    gate = threading.Event()
    setup.token.gate = gate
    setup.token.script.append(Reply(400, {"error": "invalid_grant", "error_description": "bad subject"}))
    _count_decisions(auth, 10, gate)

    def call(_: int) -> str:
        try:
            client.get("/models", cast_to=object)
        except OAuthError as err:
            return f"{err.status_code}:{err.error}"
        return "ok"

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = list(pool.map(call, range(10)))
    assert outcomes == ["400:invalid_grant"] * 10
    assert setup.exchanges() == 1
    assert setup.api.requests == []


def test_sync_and_async_waiters_share_one_auth() -> None:
    """A refresh running in a thread is awaited by a task of another thread's event loop."""
    token = TokenEndpoint()
    gate = threading.Event()
    token.gate = gate
    with Server(token) as server:
        auth = WorkloadIdentityAuth(workload_identity=identity(), token_exchange_url=f"{server.url}/oauth/token")
        _count_decisions(auth, 2, gate)
        with ThreadPoolExecutor(max_workers=2) as pool:
            from_thread = pool.submit(auth.get_token)
            from_loop = pool.submit(lambda: asyncio.run(auth.get_token_async()))
            assert from_thread.result() == "exchanged-token-1"
            assert from_loop.result() == "exchanged-token-1"
        assert token.count == 1


# --- 401 ---------------------------------------------------------------------------------


def _unauthorized_for(bad: str) -> Callable[..., Reply]:
    def handler(request: Any) -> Reply:
        if request.headers.get("authorization") == f"Bearer {bad}":
            return Reply(401, {"error": {"message": "token revoked", "type": "invalid_request_error"}})
        return api_ok(request)

    return handler


def _always_401(request: Any) -> Reply:
    return Reply(401, {"error": {"message": "nope"}})


def test_401_exchanges_again_and_resends_once(setup: Setup) -> None:
    setup.api.handler = _unauthorized_for("exchanged-token-1")
    client = setup.client(max_retries=0)
    assert client.get("/models", cast_to=object) == {"ok": True, "path": "/v1/models"}
    assert setup.exchanges() == 2
    assert setup.api_auth() == ["Bearer exchanged-token-1", "Bearer exchanged-token-2"]


def test_401_twice_is_an_authentication_error(setup: Setup) -> None:
    setup.api.handler = _always_401
    client = setup.client()
    with pytest.raises(AuthenticationError) as info:
        client.get("/models", cast_to=object)
    assert info.value.status_code == 401
    assert setup.exchanges() == 2
    assert len(setup.api.requests) == 2  # one resend, never more


async def test_async_401_exchanges_again_and_resends_once(setup: Setup) -> None:
    setup.api.handler = _unauthorized_for("exchanged-token-1")
    client = setup.async_client()
    assert await client.get("/models", cast_to=object) == {"ok": True, "path": "/v1/models"}
    assert setup.api_auth() == ["Bearer exchanged-token-1", "Bearer exchanged-token-2"]


def test_401_burst_costs_one_new_exchange(setup: Setup) -> None:
    client = setup.client()
    client.get("/models", cast_to=object)
    setup.api.handler = _unauthorized_for("exchanged-token-1")
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(_get_models(client), range(20)))
    assert results == [{"ok": True, "path": "/v1/models"}] * 20
    assert setup.exchanges() == 2


def test_401_for_a_callers_own_authorization_header_is_final(setup: Setup) -> None:
    setup.api.handler = _always_401
    client = setup.client(default_headers={"Authorization": "Bearer callers-own-token"})
    with pytest.raises(AuthenticationError):
        client.get("/models", cast_to=object)
    assert len(setup.api.requests) == 1
    assert setup.api_auth() == ["Bearer callers-own-token"]


# --- bad token responses ------------------------------------------------------------------


@pytest.mark.parametrize("status", [400, 401, 403])
def test_oauth_error_keeps_response_and_body(setup: Setup, status: int) -> None:
    body = {"error": "invalid_grant", "error_description": "identity provider not trusted"}
    setup.token.script.append(Reply(status, body))
    client = setup.client()
    with pytest.raises(OAuthError) as info:
        client.get("/models", cast_to=object)
    err = info.value
    assert isinstance(err, AuthenticationError)
    assert err.status_code == status
    assert err.response.status_code == status
    assert err.body == body
    assert err.error == "invalid_grant"
    assert err.error_description == "identity provider not trusted"
    assert "invalid_grant" in str(err)
    assert setup.api.requests == []


async def test_async_oauth_error(setup: Setup) -> None:
    setup.token.script.append(Reply(403, {"error": "access_denied"}))
    client = setup.async_client()
    with pytest.raises(OAuthError) as info:
        await client.get("/models", cast_to=object)
    assert info.value.status_code == 403
    assert info.value.error == "access_denied"


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(500, {"error": "server"}), "HTTP status 500"),
        (Reply(429, {"error": "slow down"}), "HTTP status 429"),
        (Reply(302, "", {"location": "http://127.0.0.1:9/elsewhere"}), "HTTP status 302"),
        (Reply(200, {"expires_in": 3600}), "non-empty `access_token`"),
        (Reply(200, {"access_token": "", "expires_in": 3600}), "non-empty `access_token`"),
        (Reply(200, {"access_token": 123, "expires_in": 3600}), "non-empty `access_token`"),
        (Reply(200, {"access_token": "tok-abcdef"}), "invalid `expires_in` \\(None\\)"),
        (Reply(200, {"access_token": "tok-abcdef", "expires_in": "3600"}), "invalid `expires_in`"),
        (Reply(200, {"access_token": "tok-abcdef", "expires_in": True}), "invalid `expires_in`"),
        (Reply(200, {"access_token": "tok-abcdef", "expires_in": -5}), "invalid `expires_in`"),
        (Reply(200, "not json at all"), "not a JSON object"),
        (Reply(200, [1, 2]), "not a JSON object"),
    ],
)
def test_bad_token_responses(setup: Setup, reply: Reply, message: str) -> None:
    setup.token.script.append(reply)
    client = setup.client()
    with pytest.raises(OpenAIError, match=message) as info:
        client.get("/models", cast_to=object)
    assert not isinstance(info.value, OAuthError)
    assert setup.api.requests == []
    assert setup.exchanges() == 1  # a redirect is not followed


def test_unreachable_token_endpoint_is_a_connection_error() -> None:
    from openai import APIConnectionError

    auth = WorkloadIdentityAuth(workload_identity=identity(), token_exchange_url="http://127.0.0.1:9/oauth/token")
    with pytest.raises(APIConnectionError, match="token endpoint"):
        auth.get_token()


# --- the subject token provider ------------------------------------------------------------


def test_provider_exception_becomes_subject_token_provider_error(setup: Setup) -> None:
    def broken() -> str:
        raise RuntimeError("metadata unavailable")

    client = setup.client(identity(broken))
    with pytest.raises(SubjectTokenProviderError, match="RuntimeError: metadata unavailable") as info:
        client.get("/models", cast_to=object)
    assert isinstance(info.value.__cause__, RuntimeError)
    assert info.value.response is None
    assert setup.exchanges() == 0


@pytest.mark.parametrize(("value", "message"), [("", "empty token"), ("   \n", "empty token"), (None, "NoneType")])
def test_empty_or_non_string_subject_token(setup: Setup, value: Any, message: str) -> None:
    client = setup.client(identity(lambda: value))
    with pytest.raises(SubjectTokenProviderError, match=message):
        client.get("/models", cast_to=object)
    assert setup.exchanges() == 0


async def test_async_provider_failure(setup: Setup) -> None:
    client = setup.async_client(identity(lambda: ""))
    with pytest.raises(SubjectTokenProviderError, match="empty token"):
        await client.get("/models", cast_to=object)


# --- configuration --------------------------------------------------------------------------


def test_api_key_and_workload_identity_are_exclusive() -> None:
    with pytest.raises(OpenAIError, match="mutually exclusive"):
        OpenAI(api_key="sk-abcdef123456", workload_identity=identity())


def test_workload_identity_alone_is_a_credential() -> None:
    client = OpenAI(workload_identity=identity())
    assert client._workload_identity is not None


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("idp-123", "must be a dict"),
        ({**identity(), "identity_provider_id": ""}, r"identity_provider_id'\]` must be a non-empty string"),
        ({k: v for k, v in identity().items() if k != "service_account_id"}, r"service_account_id'\]"),
        ({**identity(), "provider": lambda: "x"}, r"\['provider'\]` must be a dict"),
        (identity(token_type="saml"), "must be 'jwt' or 'id', got 'saml'"),
        ({**identity(), "provider": {"token_type": "jwt", "get_token": "token"}}, "must be a callable"),
        (identity(refresh_buffer_seconds=-1), "refresh_buffer_seconds'\\]` must be a number"),
        (identity(refresh_buffer_seconds="60"), "refresh_buffer_seconds'\\]` must be a number"),
    ],
)
def test_invalid_configuration_names_the_key(config: Any, message: str) -> None:
    with pytest.raises(OpenAIError, match=message):
        WorkloadIdentityAuth(workload_identity=config)


def test_invalid_configuration_fails_before_any_request(setup: Setup) -> None:
    # the constructor checks the dict, as the official client does
    with pytest.raises(OpenAIError, match="'jwt' or 'id'"):
        setup.client(identity(token_type="saml"))
    assert setup.token_server.requests == [] and setup.api.requests == []


def test_standalone_auth_object(setup: Setup) -> None:
    """litellm builds ``WorkloadIdentityAuth`` itself and calls ``get_token`` / ``get_token_async``."""
    config: WorkloadIdentity = identity()
    auth = WorkloadIdentityAuth(workload_identity=config, token_exchange_url=f"{setup.token_server.url}/oauth/token")
    assert auth.get_token() == "exchanged-token-1"
    assert auth.get_token() == "exchanged-token-1"
    assert asyncio.run(auth.get_token_async()) == "exchanged-token-1"
    auth.invalidate_token()
    assert asyncio.run(auth.get_token_async()) == "exchanged-token-2"
    assert auth.workload_identity is config
    assert auth.token_exchange_url.endswith("/oauth/token")
    assert "exchanged-token" not in repr(auth) and SUBJECT not in repr(auth)


def test_exchange_uses_the_clients_transport(setup: Setup) -> None:
    """The exchange goes through the client's own httpx client (proxies, transport)."""
    calls: List[str] = []
    inner = RedirectTo(setup.mapping)

    timeouts: List[Any] = []

    class Spy(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            calls.append(f"{request.method} {request.url.host}{request.url.path}")
            timeouts.append(request.extensions["timeout"])
            return inner.handle_request(request)

    client = OpenAI(workload_identity=identity(), http_client=httpx.Client(transport=Spy()))
    client.get("/models", cast_to=object)
    assert calls == ["POST auth.openai.com/oauth/token", "GET api.openai.com/v1/models"]
    assert timeouts[0] == {"connect": 10.0, "read": 10.0, "write": 10.0, "pool": 10.0}
    assert json.loads(exchange_requests(setup.token_server)[0].body)["service_account_id"] == "sa-456"
