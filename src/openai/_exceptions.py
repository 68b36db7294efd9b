"""The error hierarchy. Constructor signatures follow the official package, since
libraries subclass and construct these classes themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Optional, Type

from typing_extensions import Literal

if TYPE_CHECKING:
    import httpx

    from .types.chat import ChatCompletion

__all__ = [
    "OpenAIError",
    "APIError",
    "APIStatusError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "LengthFinishReasonError",
    "ContentFilterFinishReasonError",
    "InvalidWebhookSignatureError",
    "OAuthError",
    "SubjectTokenProviderError",
    "WebSocketConnectionClosedError",
    "WebSocketQueueFullError",
    "status_error_class",
]


class OpenAIError(Exception):
    """The root of every error this package raises."""


def _error_field(body: object, name: str) -> Optional[str]:
    if isinstance(body, dict):
        value = body.get(name)  # pyright: ignore[reportUnknownMemberType, reportUnknownVariableType]
        if isinstance(value, str):
            return value
    return None


class APIError(OpenAIError):
    message: str
    request: httpx.Request
    body: object | None
    """The decoded JSON error body (the `error` object when the API wrapped it), or the raw text."""
    code: Optional[str] = None
    param: Optional[str] = None
    type: Optional[str]

    def __init__(
        self, message: str, request: httpx.Request, *, body: object | None
    ) -> None:
        super().__init__(message)
        self.request = request
        self.message = message
        self.body = body
        self.code = _error_field(body, "code")
        self.param = _error_field(body, "param")
        self.type = _error_field(body, "type")


class APIResponseValidationError(APIError):
    response: httpx.Response
    status_code: int

    def __init__(
        self,
        response: httpx.Response,
        body: object | None,
        *,
        message: str | None = None,
    ) -> None:
        super().__init__(
            message or "Data returned by API invalid for expected schema.",
            response.request,
            body=body,
        )
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The API answered with a 4xx or 5xx status."""

    response: httpx.Response
    status_code: int
    request_id: str | None

    def __init__(
        self, message: str, *, response: httpx.Response, body: object | None
    ) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = response.headers.get("x-request-id")


class APIConnectionError(APIError):
    """The request did not get a complete answer: a network failure, or a body cut short."""

    def __init__(
        self, *, message: str = "Connection error.", request: httpx.Request
    ) -> None:
        super().__init__(message, request, body=None)


class APITimeoutError(APIConnectionError):
    def __init__(self, request: httpx.Request) -> None:
        super().__init__(message="Request timed out.", request=request)


class BadRequestError(APIStatusError):
    status_code: Literal[400] = 400  # pyright: ignore[reportIncompatibleVariableOverride]


class AuthenticationError(APIStatusError):
    status_code: Literal[401] = 401  # pyright: ignore[reportIncompatibleVariableOverride]


class PermissionDeniedError(APIStatusError):
    status_code: Literal[403] = 403  # pyright: ignore[reportIncompatibleVariableOverride]


class NotFoundError(APIStatusError):
    status_code: Literal[404] = 404  # pyright: ignore[reportIncompatibleVariableOverride]


class ConflictError(APIStatusError):
    status_code: Literal[409] = 409  # pyright: ignore[reportIncompatibleVariableOverride]


class UnprocessableEntityError(APIStatusError):
    status_code: Literal[422] = 422  # pyright: ignore[reportIncompatibleVariableOverride]


class RateLimitError(APIStatusError):
    status_code: Literal[429] = 429  # pyright: ignore[reportIncompatibleVariableOverride]


class InternalServerError(APIStatusError):
    pass


_BY_STATUS: Dict[int, Type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> Type[APIStatusError]:
    """The error class for an HTTP status (>= 400)."""
    if status_code >= 500:
        return InternalServerError
    return _BY_STATUS.get(status_code, APIStatusError)


class LengthFinishReasonError(OpenAIError):
    completion: ChatCompletion
    """The completion that hit the length limit (`finish_reason == "length"`)."""

    def __init__(self, *, completion: ChatCompletion) -> None:
        msg = "Could not parse response content as the length limit was reached"
        usage = getattr(completion, "usage", None)
        if usage:
            msg += f" - {usage}"
        super().__init__(msg)
        self.completion = completion


class ContentFilterFinishReasonError(OpenAIError):
    def __init__(self) -> None:
        super().__init__(
            "Could not parse response content as the request was rejected by the content filter"
        )


class InvalidWebhookSignatureError(ValueError):
    """A webhook payload whose signature does not verify."""


class OAuthError(AuthenticationError):
    """The token endpoint refused a workload identity exchange (HTTP 400, 401 or 403)."""

    status_code: int  # type: ignore[assignment]  # pyright: ignore[reportIncompatibleVariableOverride]
    error: Optional[str]
    error_description: Optional[str]

    def __init__(self, *, response: httpx.Response, body: object | None) -> None:
        error = _error_field(body, "error")
        description = _error_field(body, "error_description")
        message = f"OAuth token exchange failed with status {response.status_code}"
        if error:
            message += f": {error}"
        if description:
            message += f" ({description})"
        # the token endpoint may echo what it was sent (a subject token, say)
        from ._logs import redact

        super().__init__(redact(message), response=response, body=body)
        self.error = error
        self.error_description = redact(description) if description else description


class SubjectTokenProviderError(OpenAIError):
    """A workload identity provider could not produce a subject token."""

    response: httpx.Response | None

    def __init__(self, message: str, *, response: httpx.Response | None = None) -> None:
        super().__init__(message)
        self.response = response


class WebSocketConnectionClosedError(OpenAIError):
    """A WebSocket connection closed and was not recovered."""

    unsent_messages: List[str]
    """Messages queued while reconnecting that were never sent."""

    def __init__(self, message: str, *, unsent_messages: List[str]) -> None:
        super().__init__(message)
        self.unsent_messages = unsent_messages


class WebSocketQueueFullError(OpenAIError):
    """A send while reconnecting would exceed the outgoing queue's size limit."""
