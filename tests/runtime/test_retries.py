"""Retries, waits, timeouts, and the typed errors."""

from __future__ import annotations

import email.utils
import time
from typing import Any, List

import httpx
import pytest
import respx

import openai
from openai import AsyncOpenAI, OpenAI
from openai._base_client import make_request_options
from openai._retry import parse_retry_after, retry_delay, should_retry

from .conftest import API_KEY, BASE_URL, Widget

WIDGET = {"id": "w1", "object": "widget", "count": 3}


def _request_retry_counts(route: respx.Route) -> List[str]:
    return [call.request.headers["x-stainless-retry-count"] for call in route.calls]


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503])
def test_retryable_statuses(client: OpenAI, mock: respx.MockRouter, status: int) -> None:
    route = mock.get("/w").mock(side_effect=[httpx.Response(status, json={}), httpx.Response(200, json=WIDGET)])
    widget = client.get("/w", cast_to=Widget)
    assert widget.count == 3
    assert route.call_count == 2
    assert _request_retry_counts(route) == ["0", "1"]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_non_retryable_statuses(client: OpenAI, mock: respx.MockRouter, status: int) -> None:
    route = mock.get("/w").respond(status, json={"error": {"message": "nope"}})
    with pytest.raises(openai.APIStatusError) as info:
        client.get("/w", cast_to=Widget)
    assert info.value.status_code == status
    assert route.call_count == 1


def test_default_retry_count_is_two(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.get("/w").respond(500, json={"error": {"message": "boom"}})
    with pytest.raises(openai.InternalServerError):
        client.get("/w", cast_to=Widget)
    assert route.call_count == 3
    assert _request_retry_counts(route) == ["0", "1", "2"]
    delays = client._sleep.delays  # type: ignore[attr-defined]
    assert len(delays) == 2
    assert 0.375 <= delays[0] <= 0.5 and 0.75 <= delays[1] <= 1.0


def test_max_retries_on_client_with_options_and_per_request(mock: respx.MockRouter) -> None:
    route = mock.get("/w").respond(503, json={})
    client = OpenAI(api_key=API_KEY, base_url=BASE_URL, max_retries=0)
    with pytest.raises(openai.InternalServerError):
        client.get("/w", cast_to=Widget)
    assert route.call_count == 1
    copy = client.with_options(max_retries=3)
    copy._sleep = lambda _s: None  # type: ignore[method-assign]
    with pytest.raises(openai.InternalServerError):
        copy.get("/w", cast_to=Widget)
    assert route.call_count == 1 + 4
    client._sleep = lambda _s: None  # type: ignore[method-assign]
    with pytest.raises(openai.InternalServerError):
        client.get("/w", cast_to=Widget, options={"max_retries": 1})
    assert route.call_count == 1 + 4 + 2


def test_x_should_retry_header_decides(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.get("/w").mock(
        side_effect=[httpx.Response(400, json={}, headers={"x-should-retry": "true"}), httpx.Response(200, json=WIDGET)]
    )
    assert client.get("/w", cast_to=Widget).id == "w1"
    assert route.call_count == 2
    no = mock.get("/n").respond(500, json={}, headers={"x-should-retry": "false"})
    with pytest.raises(openai.InternalServerError):
        client.get("/n", cast_to=Widget)
    assert no.call_count == 1


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "2.5", "retry-after-ms": "100"}, 0.1),
    ],
)
def test_server_given_wait(client: OpenAI, mock: respx.MockRouter, headers: Any, expected: float) -> None:
    mock.get("/w").mock(side_effect=[httpx.Response(429, json={}, headers=headers), httpx.Response(200, json=WIDGET)])
    client.get("/w", cast_to=Widget)
    assert client._sleep.delays == [pytest.approx(expected)]  # type: ignore[attr-defined]


def test_retry_after_http_date() -> None:
    date = email.utils.formatdate(time.time() + 10, usegmt=True)
    delay = parse_retry_after(httpx.Headers({"retry-after": date}))
    assert delay is not None and 8 <= delay <= 10.5
    assert retry_delay(retries_taken=0, headers=httpx.Headers({"retry-after": date})) == pytest.approx(delay, abs=1.5)


def test_unreasonable_retry_after_falls_back_to_backoff() -> None:
    for value in ("0", "-1", "120", "garbage"):
        delay = retry_delay(retries_taken=0, headers=httpx.Headers({"retry-after": value}))
        assert 0.375 <= delay <= 0.5, value


def test_backoff_grows_and_caps() -> None:
    delays = [retry_delay(retries_taken=n, headers=None) for n in range(8)]
    bases = [0.5, 1, 2, 4, 8, 8, 8, 8]
    for delay, base in zip(delays, bases):
        assert base * 0.75 <= delay <= base


def test_should_retry_rules() -> None:
    request = httpx.Request("GET", "http://x")
    assert should_retry(httpx.Response(500, request=request))
    assert should_retry(httpx.Response(429, request=request))
    assert not should_retry(httpx.Response(404, request=request))
    assert should_retry(httpx.Response(404, headers={"x-should-retry": "true"}, request=request))
    assert not should_retry(httpx.Response(503, headers={"x-should-retry": "false"}, request=request))


def test_failed_responses_are_closed_before_retrying(client: OpenAI, mock: respx.MockRouter) -> None:
    responses = [httpx.Response(500, json={}), httpx.Response(500, json={}), httpx.Response(200, json=WIDGET)]
    mock.get("/w").mock(side_effect=responses)
    client.get("/w", cast_to=Widget)
    assert responses[0].is_closed and responses[1].is_closed


def test_retries_taken_on_raw_response(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/w").mock(side_effect=[httpx.Response(500, json={}), httpx.Response(200, json=WIDGET)])
    raw = client.get("/w", cast_to=Widget, options={"headers": {"X-Stainless-Raw-Response": "raw"}})
    assert raw.retries_taken == 1
    assert raw.parse().id == "w1"


def test_connection_errors_are_retried_then_raised(client: OpenAI, mock: respx.MockRouter) -> None:
    cause = httpx.ConnectError("refused")
    route = mock.get("/w").mock(side_effect=cause)
    with pytest.raises(openai.APIConnectionError) as info:
        client.get("/w", cast_to=Widget)
    assert route.call_count == 3
    assert info.value.__cause__ is cause
    assert not isinstance(info.value, openai.APITimeoutError)


def test_timeouts_raise_api_timeout_error_after_retries(client: OpenAI, mock: respx.MockRouter) -> None:
    route = mock.get("/w").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(openai.APITimeoutError) as info:
        client.get("/w", cast_to=Widget)
    assert route.call_count == 3
    assert isinstance(info.value, openai.APIConnectionError)
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)


def test_timeout_then_success(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/w").mock(side_effect=[httpx.ConnectTimeout("slow"), httpx.Response(200, json=WIDGET)])
    assert client.get("/w", cast_to=Widget).count == 3


def test_timeout_values_reach_the_request(mock: respx.MockRouter) -> None:
    route = mock.get("/w").respond(200, json=WIDGET)
    client = OpenAI(api_key=API_KEY, base_url=BASE_URL, timeout=20.0)
    client.get("/w", cast_to=Widget)
    assert route.calls[0].request.extensions["timeout"] == httpx.Timeout(20.0).as_dict()
    client.get(
        "/w",
        cast_to=Widget,
        options=make_request_options(timeout=httpx.Timeout(60.0, read=5.0, write=10.0, connect=2.0)),
    )
    assert route.calls[1].request.extensions["timeout"] == {"connect": 2.0, "read": 5.0, "write": 10.0, "pool": 60.0}
    assert route.calls[1].request.headers["x-stainless-read-timeout"] == "5.0"
    client.with_options(timeout=None).get("/w", cast_to=Widget)
    assert route.calls[2].request.extensions["timeout"] == httpx.Timeout(None).as_dict()
    assert "x-stainless-read-timeout" not in route.calls[2].request.headers


def test_timeout_from_custom_http_client_is_kept() -> None:
    client = OpenAI(api_key=API_KEY, http_client=httpx.Client(timeout=12.0))
    assert client.timeout == httpx.Timeout(12.0)
    default = OpenAI(api_key=API_KEY, http_client=httpx.Client())
    assert default.timeout == httpx.Timeout(600, connect=5.0)


async def test_async_retries_and_counts(async_client: AsyncOpenAI, mock: respx.MockRouter) -> None:
    route = mock.get("/w").mock(
        side_effect=[httpx.Response(429, json={}, headers={"retry-after-ms": "10"}), httpx.Response(200, json=WIDGET)]
    )
    widget = await async_client.get("/w", cast_to=Widget)
    assert widget.id == "w1"
    assert _request_retry_counts(route) == ["0", "1"]
    assert async_client.sleep_recorder.delays == [pytest.approx(0.01)]  # type: ignore[attr-defined]


async def test_async_timeout(async_client: AsyncOpenAI, mock: respx.MockRouter) -> None:
    route = mock.get("/w").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(openai.APITimeoutError):
        await async_client.get("/w", cast_to=Widget)
    assert route.call_count == 3


async def test_async_connection_error(async_client: AsyncOpenAI, mock: respx.MockRouter) -> None:
    cause = httpx.ConnectError("refused")
    mock.get("/w").mock(side_effect=cause)
    with pytest.raises(openai.APIConnectionError) as info:
        await async_client.get("/w", cast_to=Widget, options={"max_retries": 0})
    assert info.value.__cause__ is cause
