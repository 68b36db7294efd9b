"""Amazon Bedrock's OpenAI-compatible API: ``BedrockOpenAI`` and ``AsyncBedrockOpenAI``.

The plain clients with AWS bearer auth and the Bedrock endpoint; resources,
retries, streaming and errors are the plain client's.

- Token: ``api_key`` or env ``AWS_BEARER_TOKEN_BEDROCK``, or a
  ``bedrock_token_provider`` called for every attempt (short-lived tokens).
- Base URL: ``base_url``, else env ``AWS_BEDROCK_BASE_URL``, else
  ``https://bedrock-mantle.{region}.api.aws/openai/v1`` with the region from
  ``aws_region``, env ``AWS_REGION`` or env ``AWS_DEFAULT_REGION``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Dict, Mapping, Optional, Union

import httpx

from .._client import AsyncOpenAI, OpenAI
from .._constants import DEFAULT_MAX_RETRIES
from .._exceptions import OpenAIError
from .._options import FinalRequestOptions
from .._types import NotGiven, not_given
from ..auth._client_hooks import is_admin_request
from ._provider_common import awaited, bearer, checked_token, env, sets_auth_header

if TYPE_CHECKING:
    from .._client import WorkloadIdentity

__all__ = ["BedrockOpenAI", "AsyncBedrockOpenAI", "BedrockTokenProvider", "AsyncBedrockTokenProvider"]

BedrockTokenProvider = Callable[[], str]
AsyncBedrockTokenProvider = Callable[[], "Union[str, Awaitable[str]]"]

_REGION = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

_MISSING_TOKEN = (
    "Missing Amazon Bedrock credentials. Pass `api_key` (a Bedrock API key) or `bedrock_token_provider`, "
    "or set the AWS_BEARER_TOKEN_BEDROCK environment variable."
)
_MISSING_LOCATION = (
    "Cannot tell which Amazon Bedrock endpoint to use. Pass `base_url` or `aws_region`, or set one of the "
    "AWS_BEDROCK_BASE_URL, AWS_REGION or AWS_DEFAULT_REGION environment variables."
)


def bedrock_base_url(base_url: Union[str, httpx.URL, None], aws_region: Optional[str]) -> Union[str, httpx.URL]:
    """The base URL, in the documented order of precedence."""
    if base_url is not None:
        return base_url
    from_env = env("AWS_BEDROCK_BASE_URL")
    if from_env is not None:
        return from_env
    region = aws_region or env("AWS_REGION") or env("AWS_DEFAULT_REGION")
    if region is None:
        raise OpenAIError(_MISSING_LOCATION)
    if not _REGION.fullmatch(region):
        raise ValueError(f"`aws_region` must be an AWS region name such as 'us-west-2', got {region!r}.")
    return f"https://bedrock-mantle.{region}.api.aws/openai/v1"


def _no_openai_credentials(admin_api_key: object, workload_identity: object) -> None:
    if admin_api_key is not None or workload_identity is not None:
        raise OpenAIError("Amazon Bedrock clients take neither `admin_api_key` nor `workload_identity`.")


def _bad_token(token: object) -> OpenAIError:
    return OpenAIError(
        f"`bedrock_token_provider` must return a non-empty string, but it returned {type(token).__name__}."
    )


class BaseBedrockClient:
    """Settings and checks shared by the sync and async Bedrock clients."""

    _bedrock_token_provider: Optional[Callable[[], Any]]
    _aws_region: Optional[str]

    def _bedrock_settings(
        self,
        *,
        api_key: object,
        bedrock_token_provider: Optional[Callable[[], Any]],
        aws_region: Optional[str],
        base_url: Union[str, httpx.URL, None],
        default_headers: Optional[Mapping[str, str]],
    ) -> Dict[str, Any]:
        if callable(api_key):
            raise TypeError(
                "`api_key` must be a string for Amazon Bedrock; to refresh tokens, pass a callable as "
                "`bedrock_token_provider` instead."
            )
        if api_key is not None and bedrock_token_provider is not None:
            raise OpenAIError(
                "The `api_key` and `bedrock_token_provider` arguments are mutually exclusive; pass only one."
            )
        if bedrock_token_provider is not None and not callable(bedrock_token_provider):
            raise TypeError("`bedrock_token_provider` must be a callable that returns a token string.")
        if api_key is None and bedrock_token_provider is None:
            api_key = env("AWS_BEARER_TOKEN_BEDROCK")
            if api_key is None and not sets_auth_header(default_headers, ("authorization",)):
                raise OpenAIError(_MISSING_TOKEN)
        self._bedrock_token_provider = bedrock_token_provider
        self._aws_region = aws_region
        # "" rather than None: the plain client must not fall back to OPENAI_API_KEY
        return {"api_key": api_key or "", "base_url": bedrock_base_url(base_url, aws_region)}

    def _copy_arguments(
        self,
        *,
        api_key: Any,
        admin_api_key: Optional[str],
        workload_identity: Optional[WorkloadIdentity],
        **options: Any,
    ) -> Dict[str, Any]:
        """The plain client's ``with_options`` (inherited, with its signature) builds the
        copy through this: token source and region carry over."""
        _no_openai_credentials(admin_api_key, workload_identity)
        plain: Any = super()  # the plain client's _copy_arguments, next in the MRO
        arguments: Dict[str, Any] = plain._copy_arguments(
            api_key=api_key, admin_api_key=None, workload_identity=None, **options
        )
        if api_key is None and self._bedrock_token_provider is not None:
            arguments["api_key"] = None
            arguments["bedrock_token_provider"] = self._bedrock_token_provider
        arguments["aws_region"] = self._aws_region
        # the plain client's copy arguments carry things Bedrock does not take
        for name in ("admin_api_key", "workload_identity", "_enforce_credentials"):
            arguments.pop(name, None)
        return arguments


class BedrockOpenAI(BaseBedrockClient, OpenAI):
    """The client for Amazon Bedrock's OpenAI-compatible endpoint."""

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        bedrock_token_provider: Optional[BedrockTokenProvider] = None,
        aws_region: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        webhook_secret: Optional[str] = None,
        websocket_base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.Client] = None,
        _strict_response_validation: bool = False,
    ) -> None:
        """Build a Bedrock client (token from AWS_BEARER_TOKEN_BEDROCK, region from
        AWS_REGION / AWS_DEFAULT_REGION unless passed)."""
        settings = self._bedrock_settings(
            api_key=api_key,
            bedrock_token_provider=bedrock_token_provider,
            aws_region=aws_region,
            base_url=base_url,
            default_headers=default_headers,
        )
        super().__init__(
            api_key=settings["api_key"],
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            base_url=settings["base_url"],
            websocket_base_url=websocket_base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            _strict_response_validation=_strict_response_validation,
            _enforce_credentials=False,
        )
        # an OpenAI admin key (OPENAI_ADMIN_KEY) must never travel to AWS
        self.admin_api_key = None

    def _auth_headers_for(self, options: FinalRequestOptions) -> Mapping[str, str]:
        provider = self._bedrock_token_provider
        if provider is None or is_admin_request(options):
            return super()._auth_headers_for(options)
        return bearer(checked_token(provider(), _bad_token))



class AsyncBedrockOpenAI(BaseBedrockClient, AsyncOpenAI):
    """The async client for Amazon Bedrock's OpenAI-compatible endpoint."""

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        bedrock_token_provider: Optional[AsyncBedrockTokenProvider] = None,
        aws_region: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        webhook_secret: Optional[str] = None,
        websocket_base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
        _strict_response_validation: bool = False,
    ) -> None:
        """Build an async Bedrock client (``bedrock_token_provider`` may return an awaitable)."""
        settings = self._bedrock_settings(
            api_key=api_key,
            bedrock_token_provider=bedrock_token_provider,
            aws_region=aws_region,
            base_url=base_url,
            default_headers=default_headers,
        )
        super().__init__(
            api_key=settings["api_key"],
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            base_url=settings["base_url"],
            websocket_base_url=websocket_base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=default_query,
            http_client=http_client,
            _strict_response_validation=_strict_response_validation,
            _enforce_credentials=False,
        )
        # an OpenAI admin key (OPENAI_ADMIN_KEY) must never travel to AWS
        self.admin_api_key = None

    async def _auth_headers_for(self, options: FinalRequestOptions) -> Mapping[str, str]:
        provider = self._bedrock_token_provider
        if provider is None or is_admin_request(options):
            return await super()._auth_headers_for(options)
        return bearer(checked_token(await awaited(provider()), _bad_token))

