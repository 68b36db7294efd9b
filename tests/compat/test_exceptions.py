"""Exception classes keep 2.38's constructor signatures and bases, and can be
subclassed and built the way libraries do (litellm subclasses every status error,
langchain ``APIError`` and ``BadRequestError``)."""

from __future__ import annotations

import importlib
from typing import Any, Dict, List, Optional

import httpx
import pytest

import openai

from ._snapshot import official, params

REQUEST = httpx.Request("POST", "https://api.openai.com/v1/chat/completions")


def _exception_facts() -> Dict[str, Any]:
    facts: Dict[str, Any] = official()["exceptions"]
    return {k: v for k, v in facts.items() if not k.startswith("_")}


def _class(name: str) -> Any:
    found = getattr(openai, name, None)
    return (
        found
        if found is not None
        else getattr(importlib.import_module("openai._exceptions"), name)
    )


@pytest.mark.parametrize("name", sorted(_exception_facts()))
def test_constructor_signature_and_bases_as_2_38(name: str) -> None:
    facts = _exception_facts()[name]
    cls = _class(name)
    assert params(cls.__init__) == facts["init"]
    assert [b.__name__ for b in cls.__bases__][: len(facts["bases"])] == facts["bases"]


def test_every_exception_of_2_38_is_covered() -> None:
    assert len(_exception_facts()) >= 20
    assert {"APIStatusError", "BadRequestError", "APITimeoutError"} <= set(
        _exception_facts()
    )


def test_status_error_subclass_like_litellm() -> None:
    # litellm: class RateLimitError(openai.RateLimitError) with its own __init__
    class LiteRateLimit(openai.RateLimitError):
        def __init__(
            self, message: str, model: str, response: Optional[httpx.Response] = None
        ) -> None:
            self.model = model
            response = response or httpx.Response(429, request=REQUEST)
            super().__init__(message, response=response, body=None)

    err = LiteRateLimit("slow down", model="gpt-4o")
    assert err.status_code == 429 and err.model == "gpt-4o"
    assert err.message == "slow down" and err.body is None
    assert isinstance(err, openai.APIStatusError) and isinstance(
        err, openai.OpenAIError
    )
    with pytest.raises(openai.RateLimitError):
        raise err


def test_api_error_subclass_like_langchain() -> None:
    class Wrapped(openai.APIError):
        pass

    # body is the error object itself (the runtime unwraps {"error": ...} before raising)
    err = Wrapped(
        "bad", REQUEST, body={"code": "x", "param": "model", "type": "invalid"}
    )
    assert (
        err.request is REQUEST
        and err.code == "x"
        and err.param == "model"
        and err.type == "invalid"
    )
    bad = openai.BadRequestError(
        "nope", response=httpx.Response(400, request=REQUEST), body=None
    )
    assert bad.status_code == 400 and bad.request is REQUEST


@pytest.mark.parametrize(
    "build",
    [
        lambda: openai.APIConnectionError(request=REQUEST),
        lambda: openai.APIConnectionError(message="down", request=REQUEST),
        lambda: openai.APITimeoutError(REQUEST),
        lambda: openai.APIResponseValidationError(
            httpx.Response(200, request=REQUEST), {"a": 1}
        ),
        lambda: openai.LengthFinishReasonError(completion=None),  # type: ignore[arg-type]
        lambda: openai.ContentFilterFinishReasonError(),
        lambda: openai.InternalServerError(
            "boom", response=httpx.Response(500, request=REQUEST), body=None
        ),
    ],
)
def test_built_with_the_official_arguments(build: Any) -> None:
    err = build()
    assert isinstance(err, openai.OpenAIError)
    assert str(err)


def test_status_errors_by_code() -> None:
    classes: List[Any] = [
        openai.BadRequestError, openai.AuthenticationError, openai.PermissionDeniedError,
        openai.NotFoundError, openai.ConflictError, openai.UnprocessableEntityError,
        openai.RateLimitError, openai.InternalServerError,
    ]  # fmt: skip
    codes = [400, 401, 403, 404, 409, 422, 429, 500]
    for cls, code in zip(classes, codes):
        subclass = type(f"Lib{cls.__name__}", (cls,), {})
        err = subclass("m", response=httpx.Response(code, request=REQUEST), body=None)
        assert err.status_code == code and isinstance(err, cls)
