"""Azure OpenAI: ``AzureOpenAI`` and ``AsyncAzureOpenAI``.

They are the plain clients plus four things, all done through the runtime's hooks:

- the base URL ``{azure_endpoint}/openai`` (``/deployments/{azure_deployment}``
  with a fixed deployment), and per request the deployment taken from the body's
  ``model`` for the endpoints that Azure serves per deployment;
- ``api-version`` on every request (it lives in the default query);
- credentials: ``api-key`` header, or ``Authorization: Bearer`` with an Entra ID
  (AD) token or a token provider called on every attempt, retries included;
- the Realtime URL and headers (``_configure_realtime``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Awaitable, Callable, Dict, Mapping, Optional, Tuple, Union, cast
from urllib.parse import quote

import httpx

from .._client import AsyncOpenAI, OpenAI
from .._constants import DEFAULT_MAX_RETRIES
from .._exceptions import OpenAIError
from .._logs import register_secret
from .._options import FinalRequestOptions
from .._types import NotGiven, not_given
from ..auth._client_hooks import (
    async_workload_identity_auth_headers,
    is_admin_request,
    on_unauthorized,
    workload_identity_auth_headers,
)
from ..auth._realtime import websocket_url
from ._provider_common import awaited, bearer, checked_token, env, sets_auth_header

if TYPE_CHECKING:
    from typing_extensions import Self

    from .._client import WorkloadIdentity

__all__ = [
    "AzureOpenAI",
    "AsyncAzureOpenAI",
    "AzureADTokenProvider",
    "AsyncAzureADTokenProvider",
    "MutuallyExclusiveAuthError",
    "API_KEY_SENTINEL",
    "BaseAzureClient",
]

AzureADTokenProvider = Callable[[], str]
AsyncAzureADTokenProvider = Callable[[], "Union[str, Awaitable[str]]"]

# ``client.api_key`` of a client that authenticates without a key (as in the official package)
API_KEY_SENTINEL = "<missing API key>"

# Endpoints Azure serves per deployment: without a fixed deployment the body's
# `model` names it.
_DEPLOYMENT_ENDPOINTS = frozenset(
    {
        "/completions",
        "/chat/completions",
        "/embeddings",
        "/audio/transcriptions",
        "/audio/translations",
        "/audio/speech",
        "/images/generations",
        "/images/edits",
    }
)

_MISSING_CREDENTIALS = (
    "Missing credentials. Pass one of `api_key`, `azure_ad_token` or `azure_ad_token_provider` "
    "(or `workload_identity`), or set the AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN environment variable."
)
_MISSING_API_VERSION = (
    "Missing API version. Pass `api_version` or set the OPENAI_API_VERSION environment variable "
    "(for example api_version='2024-10-21')."
)
_MISSING_ENDPOINT = (
    "Missing endpoint. Pass `azure_endpoint` (for example 'https://my-resource.openai.azure.com') or `base_url`, "
    "or set the AZURE_OPENAI_ENDPOINT environment variable."
)


class MutuallyExclusiveAuthError(OpenAIError):
    def __init__(self) -> None:
        super().__init__(
            "The `workload_identity` argument cannot be combined with `api_key`, `azure_ad_token` or "
            "`azure_ad_token_provider`; pass only one kind of credential."
        )


# a caller's own header with either name stands in for the client's credential
_AUTH_HEADER_NAMES = ("authorization", "api-key")


def _bad_token(value: object) -> ValueError:
    return ValueError(
        f"Expected `azure_ad_token_provider` to return a non-empty string, but it returned {type(value).__name__}."
    )


class BaseAzureClient:
    """The Azure settings and the logic shared by the sync and async clients."""

    _api_version: str
    _azure_endpoint: Optional[httpx.URL]
    _azure_deployment: Optional[str]
    _azure_ad_token: Optional[str]
    _azure_ad_token_provider: Optional[Callable[[], Any]]

    def _azure_settings(
        self,
        *,
        api_version: Optional[str],
        azure_endpoint: Optional[str],
        azure_deployment: Optional[str],
        api_key: Any,
        workload_identity: Optional[WorkloadIdentity],
        azure_ad_token: Optional[str],
        azure_ad_token_provider: Optional[Callable[[], Any]],
        base_url: Optional[str],
        default_headers: Optional[Mapping[str, str]],
        default_query: Optional[Mapping[str, object]],
        enforce_credentials: bool,
    ) -> Dict[str, Any]:
        """Validate the Azure options and store them; return what the plain client's
        constructor gets (api key, base URL, default query)."""
        if api_key is None:
            api_key = env("AZURE_OPENAI_API_KEY")
        if azure_ad_token is None:
            azure_ad_token = env("AZURE_OPENAI_AD_TOKEN")
        if workload_identity is not None and (azure_ad_token is not None or azure_ad_token_provider is not None):
            raise MutuallyExclusiveAuthError()
        if azure_ad_token_provider is not None and not callable(azure_ad_token_provider):
            raise TypeError("`azure_ad_token_provider` must be a callable that returns a token string.")
        has_credential = bool(api_key or azure_ad_token or azure_ad_token_provider or workload_identity is not None)
        if enforce_credentials and not has_credential and not sets_auth_header(default_headers, _AUTH_HEADER_NAMES):
            raise OpenAIError(_MISSING_CREDENTIALS)

        if api_version is None:
            api_version = env("OPENAI_API_VERSION")
        if not api_version:
            raise ValueError(_MISSING_API_VERSION)

        endpoint_url: Optional[httpx.URL] = None
        if base_url is None:
            if azure_endpoint is None:
                azure_endpoint = env("AZURE_OPENAI_ENDPOINT")
            if not azure_endpoint:
                raise ValueError(_MISSING_ENDPOINT)
            endpoint_url = httpx.URL(azure_endpoint)
            if endpoint_url.scheme not in ("http", "https") or not endpoint_url.host:
                raise ValueError(
                    f"`azure_endpoint` must be an http(s) URL such as 'https://my-resource.openai.azure.com', "
                    f"got {azure_endpoint!r}."
                )
            base_url = f"{azure_endpoint.rstrip('/')}/openai"
            if azure_deployment:
                base_url += f"/deployments/{azure_deployment}"
        elif azure_endpoint is not None:
            raise ValueError("The `base_url` and `azure_endpoint` arguments are mutually exclusive; pass only one.")

        register_secret(azure_ad_token)
        self._api_version = api_version
        self._azure_endpoint = endpoint_url
        self._azure_deployment = azure_deployment or None
        self._azure_ad_token = azure_ad_token
        self._azure_ad_token_provider = azure_ad_token_provider
        # Without a key the plain client must not read OPENAI_API_KEY: give it the placeholder
        if api_key is None and workload_identity is None:
            api_key = API_KEY_SENTINEL
        return {
            "api_key": api_key,
            "base_url": base_url,
            "default_query": {**(default_query or {}), "api-version": api_version},
        }

    # --- per request --------------------------------------------------------------

    def _azure_options(self, options: FinalRequestOptions) -> FinalRequestOptions:
        url = options.url
        if url in _DEPLOYMENT_ENDPOINTS:
            if self._azure_deployment is None:
                model = _model_of(options)
                if model is not None:
                    return options.copy(url=f"/deployments/{quote(model)}{url}")
        elif (
            self._azure_deployment is not None
            and self._azure_endpoint is not None
            and not url.startswith(("http://", "https://"))
        ):
            # a client fixed to one deployment still reaches files, batches, ... at the resource level
            return options.copy(url=f"{self._endpoint_base()}/openai/{url.lstrip('/')}")
        return options

    def _endpoint_base(self) -> str:
        assert self._azure_endpoint is not None
        return str(self._azure_endpoint).rstrip("/")

    @property
    def auth_headers(self) -> Dict[str, str]:
        """The headers of the static credential (providers are called per request, not here)."""
        static = self._static_azure_auth()
        if static is not None:
            return static
        this: Any = self
        key = this.api_key
        return {"api-key": key} if key and key != API_KEY_SENTINEL else {}

    def _static_azure_auth(self) -> Optional[Dict[str, str]]:
        """The headers of a static credential, or None when a provider must be called."""
        if self._azure_ad_token is not None:
            return bearer(self._azure_ad_token)
        return None

    def _key_headers(self, key: str) -> Dict[str, str]:
        register_secret(key)
        return {"api-key": key}

    # --- realtime ---------------------------------------------------------------

    def _realtime_url(self, model: Optional[str], extra_query: Optional[Mapping[str, object]]) -> httpx.URL:
        this: Any = self
        websocket_base = this.websocket_base_url
        if websocket_base is not None:
            base = str(websocket_base).rstrip("/")
        elif self._azure_endpoint is not None:
            base = f"{self._endpoint_base()}/openai"
        else:
            base = str(this.base_url).rstrip("/")
        url = websocket_url(base, "realtime")
        query: Dict[str, Any] = dict(extra_query or {})
        query["api-version"] = self._api_version
        deployment = self._azure_deployment or model
        if deployment:
            query["deployment"] = deployment
        return url.copy_merge_params({k: str(v) for k, v in query.items()})


def _model_of(options: FinalRequestOptions) -> Optional[str]:
    for body in (options.json_data, options.extra_json):
        if isinstance(body, Mapping):
            model = cast("Mapping[str, object]", body).get("model")
            if isinstance(model, str) and model:
                return model
    return None


def _azure_copy_arguments(
    client: Any,
    arguments: Dict[str, Any],
    *,
    base_url: Any,
    api_version: Optional[str],
    azure_ad_token: Optional[str],
    azure_ad_token_provider: Optional[Callable[[], Any]],
) -> Dict[str, Any]:
    """Turn the plain client's copy arguments into the Azure constructor's."""
    if arguments.get("api_key") == API_KEY_SENTINEL:
        arguments["api_key"] = None
    query = dict(arguments.pop("default_query") or {})
    arguments["api_version"] = api_version or query.pop("api-version", None) or client._api_version
    query.pop("api-version", None)
    arguments["default_query"] = query
    if base_url is None and client._azure_endpoint is not None:
        # rebuild from the endpoint, so the copy keeps the deployment rules
        del arguments["base_url"]
        arguments["azure_endpoint"] = str(client._azure_endpoint)
    arguments["azure_deployment"] = client._azure_deployment
    if arguments.get("workload_identity") is None:
        arguments["azure_ad_token"] = azure_ad_token or client._azure_ad_token
        arguments["azure_ad_token_provider"] = azure_ad_token_provider or client._azure_ad_token_provider
    return arguments


class AzureOpenAI(BaseAzureClient, OpenAI):
    """The client for Azure OpenAI."""

    def __init__(
        self,
        *,
        api_version: Optional[str] = None,
        azure_endpoint: Optional[str] = None,
        azure_deployment: Optional[str] = None,
        api_key: Union[str, Callable[[], str], None] = None,
        admin_api_key: Optional[str] = None,
        workload_identity: Optional[WorkloadIdentity] = None,
        azure_ad_token: Optional[str] = None,
        azure_ad_token_provider: Optional[AzureADTokenProvider] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        webhook_secret: Optional[str] = None,
        websocket_base_url: Union[str, httpx.URL, None] = None,
        base_url: Optional[str] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.Client] = None,
        _strict_response_validation: bool = False,
        _enforce_credentials: bool = True,
    ) -> None:
        """Build a client for an Azure OpenAI resource.

        Read from the environment when not passed: ``api_key`` (AZURE_OPENAI_API_KEY),
        ``azure_ad_token`` (AZURE_OPENAI_AD_TOKEN), ``api_version`` (OPENAI_API_VERSION),
        ``azure_endpoint`` (AZURE_OPENAI_ENDPOINT).
        """
        settings = self._azure_settings(
            api_version=api_version,
            azure_endpoint=azure_endpoint,
            azure_deployment=azure_deployment,
            api_key=api_key,
            workload_identity=workload_identity,
            azure_ad_token=azure_ad_token,
            azure_ad_token_provider=azure_ad_token_provider,
            base_url=base_url,
            default_headers=default_headers,
            default_query=default_query,
            enforce_credentials=_enforce_credentials,
        )
        super().__init__(
            api_key=settings["api_key"],
            admin_api_key=admin_api_key,
            workload_identity=workload_identity,
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            base_url=settings["base_url"],
            websocket_base_url=websocket_base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=settings["default_query"],
            http_client=http_client,
            _strict_response_validation=_strict_response_validation,
            _enforce_credentials=_enforce_credentials,
        )

    # --- runtime hooks ------------------------------------------------------------

    def _prepare_options(self, options: FinalRequestOptions) -> FinalRequestOptions:
        return self._azure_options(options)

    def _auth_headers_for(self, options: FinalRequestOptions) -> Mapping[str, str]:
        if is_admin_request(options):
            return self._admin_auth_headers()
        static = self._static_azure_auth()
        if static is not None:
            return static
        if self._azure_ad_token_provider is not None:
            return {"Authorization": f"Bearer {self._get_azure_ad_token()}"}
        if self._api_key_provider is not None:
            return self._key_headers(self._check_key(self._api_key_provider()))
        if self.api_key and self.api_key != API_KEY_SENTINEL:
            return self._key_headers(self.api_key)
        if self._workload_identity is not None:
            return workload_identity_auth_headers(self, options)
        return self._no_credentials(options)

    def _on_unauthorized(self, response: httpx.Response, options: FinalRequestOptions) -> bool:
        return on_unauthorized(self, response, options)

    # --- names other libraries call -------------------------------------------------

    def _get_azure_ad_token(self) -> Optional[str]:
        """The AD token for this attempt: the static one, else the provider's (called now)."""
        if self._azure_ad_token is not None:
            return self._azure_ad_token
        provider = self._azure_ad_token_provider
        if provider is None:
            return None
        return checked_token(provider(), _bad_token)

    def _configure_realtime(self, model: str, extra_query: Mapping[str, object]) -> Tuple[httpx.URL, Dict[str, str]]:
        """The WebSocket URL and credential headers of a Realtime connection."""
        headers = dict(self._auth_headers_for(FinalRequestOptions(method="get", url="/realtime")))
        return self._realtime_url(model, extra_query), headers

    def with_options(
        self,
        *,
        api_key: Union[str, Callable[[], str], None] = None,
        admin_api_key: Optional[str] = None,
        workload_identity: Optional[WorkloadIdentity] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        webhook_secret: Optional[str] = None,
        websocket_base_url: Union[str, httpx.URL, None] = None,
        api_version: Optional[str] = None,
        azure_ad_token: Optional[str] = None,
        azure_ad_token_provider: Optional[AzureADTokenProvider] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        http_client: Optional[httpx.Client] = None,
        max_retries: Union[int, NotGiven] = not_given,
        default_headers: Optional[Mapping[str, str]] = None,
        set_default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        set_default_query: Optional[Mapping[str, object]] = None,
        _enforce_credentials: Optional[bool] = None,
        _extra_kwargs: Mapping[str, Any] = {},  # noqa: B006 - read only
    ) -> Self:
        """A new client with some options changed; the Azure settings carry over."""
        arguments = self._copy_arguments(
            api_key=api_key,
            admin_api_key=admin_api_key,
            workload_identity=workload_identity,
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            websocket_base_url=websocket_base_url,
            base_url=base_url,
            timeout=timeout,
            http_client=http_client,
            max_retries=max_retries,
            default_headers=default_headers,
            set_default_headers=set_default_headers,
            default_query=default_query,
            set_default_query=set_default_query,
            _enforce_credentials=_enforce_credentials,
            _extra_kwargs=_extra_kwargs,
        )
        arguments = _azure_copy_arguments(
            self,
            arguments,
            base_url=base_url,
            api_version=api_version,
            azure_ad_token=azure_ad_token,
            azure_ad_token_provider=azure_ad_token_provider,
        )
        return self.__class__(**arguments)

    copy = with_options


class AsyncAzureOpenAI(BaseAzureClient, AsyncOpenAI):
    """The async client for Azure OpenAI."""

    def __init__(
        self,
        *,
        azure_endpoint: Optional[str] = None,
        azure_deployment: Optional[str] = None,
        api_version: Optional[str] = None,
        api_key: Union[str, Callable[[], Awaitable[str]], None] = None,
        admin_api_key: Optional[str] = None,
        workload_identity: Optional[WorkloadIdentity] = None,
        azure_ad_token: Optional[str] = None,
        azure_ad_token_provider: Optional[AsyncAzureADTokenProvider] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        webhook_secret: Optional[str] = None,
        base_url: Optional[str] = None,
        websocket_base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
        _strict_response_validation: bool = False,
        _enforce_credentials: bool = True,
    ) -> None:
        """Build an async client for an Azure OpenAI resource (options as ``AzureOpenAI``;
        ``azure_ad_token_provider`` may be a coroutine function)."""
        settings = self._azure_settings(
            api_version=api_version,
            azure_endpoint=azure_endpoint,
            azure_deployment=azure_deployment,
            api_key=api_key,
            workload_identity=workload_identity,
            azure_ad_token=azure_ad_token,
            azure_ad_token_provider=azure_ad_token_provider,
            base_url=base_url,
            default_headers=default_headers,
            default_query=default_query,
            enforce_credentials=_enforce_credentials,
        )
        super().__init__(
            api_key=settings["api_key"],
            admin_api_key=admin_api_key,
            workload_identity=workload_identity,
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            base_url=settings["base_url"],
            websocket_base_url=websocket_base_url,
            timeout=timeout,
            max_retries=max_retries,
            default_headers=default_headers,
            default_query=settings["default_query"],
            http_client=http_client,
            _strict_response_validation=_strict_response_validation,
            _enforce_credentials=_enforce_credentials,
        )

    # --- runtime hooks ------------------------------------------------------------

    async def _prepare_options(self, options: FinalRequestOptions) -> FinalRequestOptions:  # type: ignore[override]
        return self._azure_options(options)

    async def _auth_headers_for(self, options: FinalRequestOptions) -> Mapping[str, str]:
        if is_admin_request(options):
            return self._admin_auth_headers()
        static = self._static_azure_auth()
        if static is not None:
            return static
        if self._azure_ad_token_provider is not None:
            return {"Authorization": f"Bearer {await self._get_azure_ad_token()}"}
        if self._api_key_provider is not None:
            return self._key_headers(self._check_key(await awaited(self._api_key_provider())))
        if self.api_key and self.api_key != API_KEY_SENTINEL:
            return self._key_headers(self.api_key)
        if self._workload_identity is not None:
            return await async_workload_identity_auth_headers(self, options)
        return self._no_credentials(options)

    async def _on_unauthorized(self, response: httpx.Response, options: FinalRequestOptions) -> bool:
        return on_unauthorized(self, response, options)

    # --- names other libraries call -------------------------------------------------

    async def _get_azure_ad_token(self) -> Optional[str]:
        """The AD token for this attempt: the static one, else the provider's (called and awaited now)."""
        if self._azure_ad_token is not None:
            return self._azure_ad_token
        provider = self._azure_ad_token_provider
        if provider is None:
            return None
        return checked_token(await awaited(provider()), _bad_token)

    async def _configure_realtime(
        self, model: str, extra_query: Mapping[str, object]
    ) -> Tuple[httpx.URL, Dict[str, str]]:
        """The WebSocket URL and credential headers of a Realtime connection."""
        headers = dict(await self._auth_headers_for(FinalRequestOptions(method="get", url="/realtime")))
        return self._realtime_url(model, extra_query), headers

    def with_options(
        self,
        *,
        api_key: Union[str, Callable[[], Awaitable[str]], None] = None,
        admin_api_key: Optional[str] = None,
        workload_identity: Optional[WorkloadIdentity] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        webhook_secret: Optional[str] = None,
        websocket_base_url: Union[str, httpx.URL, None] = None,
        api_version: Optional[str] = None,
        azure_ad_token: Optional[str] = None,
        azure_ad_token_provider: Optional[AsyncAzureADTokenProvider] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        http_client: Optional[httpx.AsyncClient] = None,
        max_retries: Union[int, NotGiven] = not_given,
        default_headers: Optional[Mapping[str, str]] = None,
        set_default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        set_default_query: Optional[Mapping[str, object]] = None,
        _enforce_credentials: Optional[bool] = None,
        _extra_kwargs: Mapping[str, Any] = {},  # noqa: B006 - read only
    ) -> Self:
        """A new client with some options changed; the Azure settings carry over."""
        arguments = self._copy_arguments(
            api_key=api_key,
            admin_api_key=admin_api_key,
            workload_identity=workload_identity,
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            websocket_base_url=websocket_base_url,
            base_url=base_url,
            timeout=timeout,
            http_client=http_client,
            max_retries=max_retries,
            default_headers=default_headers,
            set_default_headers=set_default_headers,
            default_query=default_query,
            set_default_query=set_default_query,
            _enforce_credentials=_enforce_credentials,
            _extra_kwargs=_extra_kwargs,
        )
        arguments = _azure_copy_arguments(
            self,
            arguments,
            base_url=base_url,
            api_version=api_version,
            azure_ad_token=azure_ad_token,
            azure_ad_token_provider=azure_ad_token_provider,
        )
        return self.__class__(**arguments)

    copy = with_options
