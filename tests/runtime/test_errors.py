"""Status codes map to typed errors that carry the API's error body."""

from __future__ import annotations

import inspect

import httpx
import pytest
import respx

import openai
from openai import AsyncOpenAI, OpenAI

from .conftest import Widget

ERROR_BODY = {
    "error": {"message": "Invalid model", "type": "invalid_request_error", "param": "model", "code": "model_not_found"}
}


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, openai.BadRequestError),
        (401, openai.AuthenticationError),
        (403, openai.PermissionDeniedError),
        (404, openai.NotFoundError),
        (409, openai.ConflictError),
        (422, openai.UnprocessableEntityError),
        (429, openai.RateLimitError),
        (500, openai.InternalServerError),
        (503, openai.InternalServerError),
        (418, openai.APIStatusError),
    ],
)
def test_status_mapping(client: OpenAI, mock: respx.MockRouter, status: int, cls: type) -> None:
    mock.get("/w").respond(status, json=ERROR_BODY, headers={"x-request-id": "req_err"})
    with pytest.raises(cls) as info:
        client.get("/w", cast_to=Widget, options={"max_retries": 0})
    err = info.value
    assert type(err) is cls
    assert (
        isinstance(err, openai.APIStatusError)
        and isinstance(err, openai.APIError)
        and isinstance(err, openai.OpenAIError)
    )
    assert err.status_code == status
    assert err.request_id == "req_err"
    assert err.message.startswith(f"Error code: {status}")
    assert "Invalid model" in err.message
    assert err.body == ERROR_BODY["error"]
    assert err.code == "model_not_found" and err.param == "model" and err.type == "invalid_request_error"
    assert err.response.status_code == status
    assert err.request.url.path == "/v1/w"


def test_non_json_error_body(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/w").respond(400, text="plain failure")
    with pytest.raises(openai.BadRequestError) as info:
        client.get("/w", cast_to=Widget)
    assert info.value.body == "plain failure"
    assert info.value.message == "Error code: 400 - plain failure"
    assert info.value.code is None


def test_error_messages_never_show_keys(client: OpenAI, mock: respx.MockRouter) -> None:
    mock.get("/w").respond(401, json={"error": {"message": "Incorrect API key provided: sk-test-0123456789abcdef"}})
    with pytest.raises(openai.AuthenticationError) as info:
        client.get("/w", cast_to=Widget)
    assert "sk-test-0123456789abcdef" not in str(info.value)


async def test_async_status_error(async_client: AsyncOpenAI, mock: respx.MockRouter) -> None:
    mock.get("/w").respond(404, json=ERROR_BODY)
    with pytest.raises(openai.NotFoundError) as info:
        await async_client.get("/w", cast_to=Widget)
    assert info.value.param == "model"


def test_constructor_signatures_match_official() -> None:
    def sig(cls: type) -> str:
        return str(inspect.signature(cls.__init__))  # type: ignore[misc]

    assert (
        sig(openai.APIError) == "(self, message: 'str', request: 'httpx.Request', *, body: 'object | None') -> 'None'"
    )
    assert (
        sig(openai.APIStatusError)
        == "(self, message: 'str', *, response: 'httpx.Response', body: 'object | None') -> 'None'"
    )
    assert (
        sig(openai.APIConnectionError)
        == "(self, *, message: 'str' = 'Connection error.', request: 'httpx.Request') -> 'None'"
    )
    assert sig(openai.APITimeoutError) == "(self, request: 'httpx.Request') -> 'None'"
    assert sig(openai.APIResponseValidationError) == (
        "(self, response: 'httpx.Response', body: 'object | None', *, message: 'str | None' = None) -> 'None'"
    )
    assert sig(openai.OAuthError) == "(self, *, response: 'httpx.Response', body: 'object | None') -> 'None'"


def test_errors_can_be_subclassed_and_built_by_hand() -> None:
    class MyError(openai.RateLimitError):
        pass

    request = httpx.Request("GET", "http://x")
    response = httpx.Response(429, request=request, headers={"x-request-id": "r1"})
    err = MyError("slow down", response=response, body={"code": "rate"})
    assert err.status_code == 429 and err.request_id == "r1" and err.code == "rate"
    assert str(openai.APITimeoutError(request)) == "Request timed out."
    assert openai.APIConnectionError(request=request).message == "Connection error."
    assert issubclass(openai.InvalidWebhookSignatureError, ValueError)
    assert issubclass(openai.OAuthError, openai.AuthenticationError)
    oauth = openai.OAuthError(response=httpx.Response(400, request=request), body={"error": "invalid_grant"})
    assert "invalid_grant" in str(oauth) and oauth.error == "invalid_grant"
    assert "content filter" in str(openai.ContentFilterFinishReasonError())
