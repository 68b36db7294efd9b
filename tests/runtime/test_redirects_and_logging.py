"""Redirects that leave the origin drop credentials; logs and reprs never show secrets."""

from __future__ import annotations

import logging
import subprocess
import sys

import httpx
import pytest
import respx

from openai import AsyncOpenAI, OpenAI
from openai._logs import SensitiveHeadersFilter, redact, redact_headers, register_secret
from openai._options import FinalRequestOptions

from .conftest import API_KEY, BASE_URL

CREDENTIALS = ("authorization", "api-key", "openai-organization", "openai-project")


def _client() -> OpenAI:
    return OpenAI(
        api_key=API_KEY,
        base_url=BASE_URL,
        organization="org-1",
        project="proj-1",
        default_headers={"api-key": "azure-style-key-123"},
        http_client=httpx.Client(follow_redirects=True),
    )


@pytest.mark.parametrize(
    "target",
    [
        "http://elsewhere.test/v1/final",  # other host
        "https://api.test/v1/final",  # other scheme
        "http://api.test:8080/v1/final",  # other port
    ],
)
def test_cross_origin_redirect_strips_credentials(target: str) -> None:
    with respx.mock() as router:
        router.get(f"{BASE_URL}/start").respond(302, headers={"location": target})
        final = router.get(target).respond(200, json={"ok": True})
        assert _client().get("/start", cast_to=object) == {"ok": True}
    headers = final.calls[0].request.headers
    for name in CREDENTIALS:
        assert name not in headers, name
    assert headers["x-stainless-lang"] == "python"


def test_same_origin_redirect_keeps_credentials(mock: respx.MockRouter) -> None:
    mock.get("/start").respond(307, headers={"location": "/v1/final"})
    final = mock.get("/final").respond(200, json={"ok": True})
    assert _client().get("/start", cast_to=object) == {"ok": True}
    headers = final.calls[0].request.headers
    assert headers["authorization"] == f"Bearer {API_KEY}"
    assert headers["openai-organization"] == "org-1"
    assert headers["api-key"] == "azure-style-key-123"


def test_redirects_followed_with_default_client(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/a").respond(301, headers={"location": f"{BASE_URL}/b"})
    mock.get("/b").respond(200, json={"at": "b"})
    assert client.get("/a", cast_to=object) == {"at": "b"}


def test_redirect_not_followed_when_disabled(mock: respx.MockRouter) -> None:
    mock.get("/a").respond(302, headers={"location": f"{BASE_URL}/b"})
    target = mock.get("/b").respond(200, json={})
    client = OpenAI(api_key=API_KEY, base_url=BASE_URL, http_client=httpx.Client(follow_redirects=False))
    response = client.get("/a", cast_to=httpx.Response)
    assert response.status_code == 302
    assert target.call_count == 0


async def test_async_cross_origin_redirect_strips_credentials() -> None:
    client = AsyncOpenAI(api_key=API_KEY, base_url=BASE_URL, organization="org-1", project="p-1")
    with respx.mock() as router:
        router.post(f"{BASE_URL}/start").respond(307, headers={"location": "http://evil.test/collect"})
        final = router.post("http://evil.test/collect").respond(200, json={})
        await client.post("/start", cast_to=object, body={"a": 1})
    headers = final.calls[0].request.headers
    for name in CREDENTIALS:
        assert name not in headers
    assert final.calls[0].request.content == b'{"a":1}'
    await client.close()


def test_redact_patterns() -> None:
    text = "Authorization: Bearer abc.def.ghi api_key=plainsecret123 sk-proj-ABCDEFGHIJ whsec_abcdefgh"
    out = redact(text)
    for secret in ("abc.def.ghi", "plainsecret123", "sk-proj-ABCDEFGHIJ", "whsec_abcdefgh"):
        assert secret not in out
    register_secret("odd-shaped-token-9999")
    assert "odd-shaped-token-9999" not in redact("token is odd-shaped-token-9999!")
    headers = redact_headers({"Authorization": "Bearer x", "api-key": "k", "X-Other": "fine"})
    assert headers == {"Authorization": "<redacted>", "api-key": "<redacted>", "X-Other": "fine"}


def test_log_records_are_redacted(caplog: pytest.LogCaptureFixture, mock: respx.MockRouter) -> None:
    mock.get("/w").mock(side_effect=[httpx.Response(500, json={}), httpx.Response(200, json={})])
    client = OpenAI(api_key="sk-logged-key-0000001", base_url=BASE_URL)
    client._sleep = lambda _s: None  # type: ignore[method-assign]
    logger = logging.getLogger("openai")
    old = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        with caplog.at_level(logging.DEBUG, logger="openai"):
            client.get("/w", cast_to=object)
            logging.getLogger("openai").info("key %s and %r", "sk-logged-key-0000001", {"Authorization": "Bearer zzz"})
    finally:
        logger.setLevel(old)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "Request: GET" in text and "Retrying request" in text and "HTTP Response" in text
    assert "sk-logged-key-0000001" not in text
    assert "Bearer zzz" not in text


def test_filter_redacts_mapping_args() -> None:
    record = logging.LogRecord("openai", logging.INFO, __file__, 1, "%(headers)s", None, None)
    record.args = {"headers": {"authorization": "Bearer secret-token-xyz"}}
    SensitiveHeadersFilter().filter(record)
    assert "secret-token-xyz" not in record.getMessage()


def test_options_repr_redacts() -> None:
    options = FinalRequestOptions(method="get", url="/x", headers={"Authorization": "Bearer sk-in-options-123456"})
    assert "sk-in-options-123456" not in repr(options)


def test_openai_log_env_enables_debug() -> None:
    code = (
        "import logging, openai, httpx\n"
        "c = openai.OpenAI(api_key='sk-env-debug-0001')\n"
        "print(logging.getLogger('openai').level)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**_env(), "OPENAI_LOG": "debug"}, timeout=60
    )
    assert out.stdout.strip() == str(logging.DEBUG), out.stderr


def _env() -> dict:
    import os

    return dict(os.environ)
