"""URL and header building: OpenAI (base_url, websocket_base_url, call_id, extra query and
headers), key providers, the beta header, Responses, and the client hook Azure uses."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional, Tuple

import httpx
import pytest

import openai
from openai import AsyncOpenAI, OpenAI, omit
from openai.lib.realtime._target import websocket_url

from ._script import SESSION_CREATED
from .conftest import beta_realtime, realtime, responses

KEY = "sk-test-target-0123456789"
ONE_EVENT = [("send", SESSION_CREATED), ("close", 1000, "")]


def _open_once(manager: Any) -> None:
    with manager as connection:
        assert connection.recv().type == "session.created"


def test_openai_url_and_headers(scripted: Any) -> None:
    server = scripted([ONE_EVENT])
    client = OpenAI(api_key=KEY, base_url=server.base_url, organization="org-1", default_headers={"X-Default": "d"})
    _open_once(
        realtime(client).connect(
            model="gpt-realtime-2",
            extra_query={"trace": "1", "dropped": None},
            extra_headers={"X-Extra": "e", "User-Agent": omit},
        )
    )
    seen = server.wait(0)
    assert seen.path == "/v1/realtime?model=gpt-realtime-2&trace=1"
    assert seen.headers["Authorization"] == f"Bearer {KEY}"
    assert seen.headers["X-Extra"] == "e"
    # as the official client: credentials and extra_headers only (no default headers)
    assert "X-Default" not in seen.headers and "OpenAI-Organization" not in seen.headers
    assert "OpenAI-Beta" not in seen.headers


def test_user_agent_and_extra_header_overrides_auth(scripted: Any) -> None:
    server = scripted([ONE_EVENT])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    _open_once(realtime(client).connect(model="m", extra_headers={"authorization": "Bearer ek_ephemeral"}))
    seen = server.wait(0)
    assert seen.headers["User-Agent"] == f"OpenAI/Python {openai.__version__}"
    auth = [v for k, v in seen.headers.items() if k.lower() == "authorization"]
    assert auth == ["Bearer ek_ephemeral"]


def test_call_id_and_websocket_base_url(scripted: Any) -> None:
    server = scripted([ONE_EVENT])
    client = OpenAI(
        api_key=KEY,
        base_url="https://api.example.invalid/v1",
        websocket_base_url=f"ws://127.0.0.1:{server.port}/custom/",
    )
    _open_once(realtime(client).connect(call_id="rtc_123"))
    assert server.wait(0).path == "/custom/realtime?call_id=rtc_123"


def test_api_key_provider_is_called_per_connection(scripted: Any) -> None:
    server = scripted([ONE_EVENT])
    keys = iter(["sk-rotating-key-aaaaaa", "sk-rotating-key-bbbbbb"])
    client = OpenAI(api_key=lambda: next(keys), base_url=server.base_url)
    _open_once(realtime(client).connect(model="m"))
    _open_once(realtime(client).connect(model="m"))
    assert server.wait(0).headers["Authorization"] == "Bearer sk-rotating-key-aaaaaa"
    assert server.wait(1).headers["Authorization"] == "Bearer sk-rotating-key-bbbbbb"


async def test_async_key_provider(scripted: Any) -> None:
    server = scripted([ONE_EVENT])

    async def key() -> str:
        return "sk-async-provided-key"

    client = AsyncOpenAI(api_key=key, base_url=server.base_url)
    async with realtime(client).connect(model="m") as connection:
        assert (await connection.recv()).type == "session.created"
    seen = server.wait(0)
    assert seen.headers["Authorization"] == "Bearer sk-async-provided-key"
    assert seen.headers["User-Agent"] == f"AsyncOpenAI/Python {openai.__version__}"


def test_beta_sends_the_beta_header(scripted: Any) -> None:
    server = scripted([ONE_EVENT])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    _open_once(beta_realtime(client).connect(model="gpt-4o-realtime-preview"))
    seen = server.wait(0)
    assert seen.path == "/v1/realtime?model=gpt-4o-realtime-preview"
    assert seen.headers["OpenAI-Beta"] == "realtime=v1"


def test_responses_url(scripted: Any) -> None:
    server = scripted([[("expect", "response.create"), ("close", 1000, "")]])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    with responses(client).connect(extra_query={"x": "1"}) as connection:
        connection.response.create(model="gpt-5.5", input="Hi", store=False)
        assert list(connection) == []
    seen = server.wait(0)
    assert seen.path == "/v1/responses?x=1"
    assert seen.received == [{"type": "response.create", "model": "gpt-5.5", "input": "Hi", "store": False}]


@pytest.mark.parametrize(
    ("base", "params", "expected"),
    [
        ("https://api.openai.com/v1", {"model": "m"}, "wss://api.openai.com/v1/realtime?model=m"),
        ("http://localhost:8080/v1/", {"model": "m"}, "ws://localhost:8080/v1/realtime?model=m"),
        ("https://h/v1?api-version=1", {"model": None, "q": omit}, "wss://h/v1/realtime?api-version=1"),
        ("wss://h/base", {"a": "b c"}, "wss://h/base/realtime?a=b+c"),
    ],
)
def test_websocket_url(base: str, params: Dict[str, Any], expected: str) -> None:
    assert str(websocket_url(base, "realtime", params)) == expected


class HookedClient(OpenAI):
    """A client with the URL/credential hook, built the way the Azure client uses it
    (``{endpoint}/openai/realtime?api-version=...&deployment=...`` and ``api-key``)."""

    def _realtime_url_and_headers(
        self, resource: str, *, model: Optional[str], query: Mapping[str, object], extra_headers: Any
    ) -> Tuple[httpx.URL, Dict[str, str]]:
        if not model:
            raise openai.OpenAIError("`model` is required for Azure Realtime API")
        params = {**query, "api-version": "2025-04-01-preview", "deployment": model}
        return websocket_url(self.base_url.copy_with(path="/openai"), resource, params), {"api-key": self.api_key}


def test_client_hook_decides_url_and_credentials(scripted: Any) -> None:
    server = scripted([ONE_EVENT])
    client = HookedClient(api_key="azure-key-0123456789", base_url=server.base_url)
    _open_once(realtime(client).connect(model="my-deployment", call_id="c1", extra_query={"x": "y"}))
    seen = server.wait(0)
    assert seen.path == "/openai/realtime?call_id=c1&x=y&api-version=2025-04-01-preview&deployment=my-deployment"
    assert seen.headers["api-key"] == "azure-key-0123456789"
    assert "Authorization" not in seen.headers
    with pytest.raises(openai.OpenAIError, match="`model` is required"):
        realtime(client).connect().enter()


def test_azure_client_realtime(scripted: Any) -> None:
    azure = pytest.importorskip("openai.lib.azure", reason="the Azure client (providers) is not on this branch yet")
    if not hasattr(azure.AzureOpenAI, "_realtime_url_and_headers"):
        pytest.skip("AzureOpenAI has no realtime hook yet")
    server = scripted([ONE_EVENT])
    client = azure.AzureOpenAI(
        api_key="azure-key-0123456789",
        api_version="2025-04-01-preview",
        azure_endpoint=f"http://127.0.0.1:{server.port}",
    )
    _open_once(realtime(client).connect(model="my-deployment"))
    seen = server.wait(0)
    assert seen.path == "/openai/realtime?api-version=2025-04-01-preview&deployment=my-deployment"
    assert seen.headers["api-key"] == "azure-key-0123456789"


def test_missing_websockets_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from openai.lib.realtime import _ws

    monkeypatch.setitem(sys.modules, "websockets", None)
    monkeypatch.setitem(sys.modules, "websockets.exceptions", None)
    monkeypatch.setattr(_ws, "_closed_error_classes", {})
    client = OpenAI(api_key=KEY, base_url="http://127.0.0.1:9/v1")
    with pytest.raises(openai.OpenAIError, match=r"pip install 'openai\[realtime\]'"):
        realtime(client).connect(model="m").enter()


def test_credentials_stay_out_of_websockets_debug_logs(scripted: Any, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    server = scripted([ONE_EVENT])
    client = OpenAI(api_key=KEY, base_url=server.base_url)
    with caplog.at_level(logging.DEBUG, logger="websockets.client"):
        _open_once(realtime(client).connect(model="m", extra_headers={"api-key": "azure-secret-value-42"}))
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "Authorization" in text or "authorization" in text.lower()  # the handshake was logged
    assert KEY not in text and "azure-secret-value-42" not in text
