"""``OpenAI`` and ``AsyncOpenAI``: configuration, credentials, and the resource tree."""

from __future__ import annotations

import os
from typing import (
    TYPE_CHECKING,
    Any,
    Awaitable,
    Callable,
    Dict,
    Mapping,
    Optional,
    Union,
)

import httpx

from ._base_client import AsyncAPIClient, SyncAPIClient
from ._constants import DEFAULT_MAX_RETRIES
from ._exceptions import OpenAIError
from ._logs import register_secret, setup_logging
from ._options import FinalRequestOptions, accepted_credentials
from ._streaming import AsyncStream as AsyncStream, Stream as Stream
from ._types import (
    NotGiven,
    RequestOptions as RequestOptions,
    Timeout as Timeout,
    Transport as Transport,
    not_given,
)
from ._version import __version__
from .resources._root import (
    AsyncOpenAIWithRawResponse as AsyncOpenAIWithRawResponse,
    AsyncOpenAIWithStreamedResponse as AsyncOpenAIWithStreamedResponse,
    AsyncRootResources,
    OpenAIWithRawResponse as OpenAIWithRawResponse,
    OpenAIWithStreamedResponse as OpenAIWithStreamedResponse,
    SyncRootResources,
)

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "OpenAI",
    "AsyncOpenAI",
    "Client",
    "AsyncClient",
    "Timeout",
    "Transport",
    "RequestOptions",
    "Stream",
    "AsyncStream",
]

DEFAULT_BASE_URL = "https://api.openai.com/v1"

WorkloadIdentity = Mapping[str, Any]

_MISSING_CREDENTIALS = (
    "Missing credentials. Pass `api_key` (or `admin_api_key`, or `workload_identity`) to the client, "
    "or set the OPENAI_API_KEY (or OPENAI_ADMIN_KEY) environment variable."
)
_MISSING_ADMIN_KEY = (
    "This endpoint authenticates with an admin API key, and the client has none. "
    "Pass `admin_api_key` to the client or set the OPENAI_ADMIN_KEY environment variable "
    "(the ordinary api key is never used for admin endpoints)."
)
_MISSING_API_KEY = (
    "This request needs an API key and the client has none. "
    "Pass `api_key` to the client or set the OPENAI_API_KEY environment variable."
)


_ORDINARY_ONLY = (True, False)


def _env(name: str) -> Optional[str]:
    value = os.environ.get(name)
    return value if value else None


class _OpenAIConfig:
    """Options and credential logic shared by ``OpenAI`` and ``AsyncOpenAI``."""

    api_key: str
    admin_api_key: Optional[str]
    webhook_secret: Optional[str]
    websocket_base_url: Optional[Union[str, httpx.URL]]
    _api_key_provider: Optional[Callable[[], Any]]
    _workload_identity: Optional[WorkloadIdentity]
    _organization: Optional[str]
    _project: Optional[str]
    _enforce_credentials: bool
    _base_headers: Optional[Dict[str, str]]
    _custom_headers: Dict[str, Any]

    def _init_config(
        self,
        *,
        api_key: Any,
        admin_api_key: Optional[str],
        workload_identity: Optional[WorkloadIdentity],
        organization: Optional[str],
        project: Optional[str],
        webhook_secret: Optional[str],
        websocket_base_url: Optional[Union[str, httpx.URL]],
        enforce_credentials: bool,
    ) -> None:
        setup_logging()
        if api_key is None and workload_identity is None:
            api_key = _env("OPENAI_API_KEY")
        if admin_api_key is None:
            admin_api_key = _env("OPENAI_ADMIN_KEY")
        if api_key is not None and workload_identity is not None:
            raise OpenAIError(
                "The `api_key` and `workload_identity` arguments are mutually exclusive; pass only one of them."
            )
        if workload_identity is not None:
            # every problem with the dict is reported now, naming its key, not at the first request
            from .auth._workload import validate_workload_identity

            validate_workload_identity(workload_identity)
        if (
            enforce_credentials
            and not api_key
            and workload_identity is None
            and not admin_api_key
        ):
            raise OpenAIError(_MISSING_CREDENTIALS)
        if callable(api_key):
            self._api_key_provider = api_key
            self.api_key = ""
        else:
            self._api_key_provider = None
            self.api_key = api_key or ""
        self.admin_api_key = admin_api_key
        self._workload_identity = workload_identity
        self._organization = (
            organization if organization is not None else _env("OPENAI_ORG_ID")
        )
        self._project = project if project is not None else _env("OPENAI_PROJECT_ID")
        self.webhook_secret = (
            webhook_secret
            if webhook_secret is not None
            else _env("OPENAI_WEBHOOK_SECRET")
        )
        self.websocket_base_url = websocket_base_url
        self._enforce_credentials = enforce_credentials
        self._auth_cache_key: Optional[str] = None
        self._auth_cache: Dict[str, str] = {}
        for secret in (self.api_key, self.admin_api_key, self.webhook_secret):
            register_secret(secret)

    @property
    def workload_identity(self) -> Optional[WorkloadIdentity]:
        """The ``workload_identity`` configuration this client was built with (or None)."""
        return self._workload_identity

    @workload_identity.setter
    def workload_identity(self, value: Optional[WorkloadIdentity]) -> None:
        self._workload_identity = value

    # organization and project feed the cached base headers
    @property
    def organization(self) -> Optional[str]:
        return self._organization

    @organization.setter
    def organization(self, value: Optional[str]) -> None:
        self._organization = value
        self._base_headers = None

    @property
    def project(self) -> Optional[str]:
        return self._project

    @project.setter
    def project(self, value: Optional[str]) -> None:
        self._project = value
        self._base_headers = None

    def _extra_default_headers(self) -> Dict[str, str]:
        headers: Dict[str, str] = {}
        if self._organization is not None:
            headers["OpenAI-Organization"] = self._organization
        if self._project is not None:
            headers["OpenAI-Project"] = self._project
        return headers

    @property
    def auth_headers(self) -> Dict[str, str]:
        """``Authorization: Bearer <api_key>`` for a static key (empty otherwise)."""
        api_key = self.api_key
        if not api_key:
            return {}
        if api_key != self._auth_cache_key:
            register_secret(api_key)
            self._auth_cache = {"Authorization": f"Bearer {api_key}"}
            self._auth_cache_key = api_key
        return self._auth_cache

    def _admin_auth_headers(self) -> Dict[str, str]:
        if not self.admin_api_key:
            raise OpenAIError(_MISSING_ADMIN_KEY)
        register_secret(self.admin_api_key)
        return {"Authorization": f"Bearer {self.admin_api_key}"}

    def _check_key(self, key: object) -> str:
        if not isinstance(key, str) or not key:
            raise OpenAIError(
                f"The `api_key` provider must return a non-empty string, but it returned {type(key).__name__}."
            )
        register_secret(key)
        return key

    def _no_credentials(
        self, options: FinalRequestOptions, message: str = _MISSING_API_KEY
    ) -> Dict[str, str]:
        """No credential for this request: fine if the caller sets Authorization themselves,
        else a clear error before anything is sent."""
        names = set(self._custom_headers and {k.lower() for k in self._custom_headers})
        if options.headers:
            names.update(k.lower() for k in options.headers)  # type: ignore[union-attr]
        if "authorization" not in names and "api-key" not in names:
            raise OpenAIError(message)
        return {}

    def _admin_or_missing(
        self, options: FinalRequestOptions, ordinary: bool, admin: bool
    ) -> Mapping[str, str]:
        """The admin key when the request accepts it and the client has one; else no
        credential (which fails clearly unless the caller set Authorization)."""
        if admin and self.admin_api_key:
            return self._admin_auth_headers()
        return self._no_credentials(
            options, _MISSING_API_KEY if ordinary else _MISSING_ADMIN_KEY
        )

    def _copy_arguments(
        self,
        *,
        api_key: Any,
        admin_api_key: Optional[str],
        workload_identity: Optional[WorkloadIdentity],
        organization: Optional[str],
        project: Optional[str],
        webhook_secret: Optional[str],
        websocket_base_url: Optional[Union[str, httpx.URL]],
        base_url: Optional[Union[str, httpx.URL]],
        timeout: Any,
        http_client: Any,
        max_retries: Union[int, NotGiven],
        default_headers: Optional[Mapping[str, str]],
        set_default_headers: Optional[Mapping[str, str]],
        default_query: Optional[Mapping[str, object]],
        set_default_query: Optional[Mapping[str, object]],
        _enforce_credentials: Optional[bool],
        _extra_kwargs: Mapping[str, Any],
    ) -> Dict[str, Any]:
        """The constructor arguments of a ``with_options`` copy. ``with_options`` of every
        client (provider clients included) goes through here, so a subclass whose
        constructor takes other arguments overrides this, not ``with_options``."""
        if default_headers is not None and set_default_headers is not None:
            raise ValueError(
                "The `default_headers` and `set_default_headers` arguments are mutually exclusive"
            )
        if default_query is not None and set_default_query is not None:
            raise ValueError(
                "The `default_query` and `set_default_query` arguments are mutually exclusive"
            )
        this: Any = self
        headers = dict(this._custom_headers)
        if default_headers is not None:
            headers.update(default_headers)
        elif set_default_headers is not None:
            headers = dict(set_default_headers)
        query = dict(this._custom_query)
        if default_query is not None:
            query.update(default_query)
        elif set_default_query is not None:
            query = dict(set_default_query)
        if workload_identity is None and api_key is None:
            workload_identity = self._workload_identity
        if api_key is None and workload_identity is None:
            api_key = self._api_key_provider or self.api_key or None
        arguments = dict(
            api_key=api_key,
            admin_api_key=admin_api_key or self.admin_api_key,
            workload_identity=workload_identity,
            organization=organization or self._organization,
            project=project or self._project,
            webhook_secret=webhook_secret or self.webhook_secret,
            websocket_base_url=websocket_base_url or self.websocket_base_url,
            base_url=base_url or this.base_url,
            timeout=this.timeout if isinstance(timeout, NotGiven) else timeout,
            http_client=http_client or this._client,
            max_retries=this.max_retries
            if isinstance(max_retries, NotGiven)
            else max_retries,
            default_headers=headers,
            default_query=query,
            _strict_response_validation=this._strict_response_validation,
            _enforce_credentials=self._enforce_credentials,
            **_extra_kwargs,
        )
        if _enforce_credentials is not None:
            arguments["_enforce_credentials"] = _enforce_credentials
        return arguments


class OpenAI(SyncRootResources, _OpenAIConfig, SyncAPIClient):
    """The synchronous client."""

    _default_stream_cls = Stream

    def __init__(
        self,
        *,
        api_key: Union[str, Callable[[], str], None] = None,
        admin_api_key: Optional[str] = None,
        workload_identity: Optional[WorkloadIdentity] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        webhook_secret: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        websocket_base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.Client] = None,
        _strict_response_validation: bool = False,
        _enforce_credentials: bool = True,
    ) -> None:
        """Build a client. Each option not given is read from its environment variable
        (``OPENAI_API_KEY``, ``OPENAI_ADMIN_KEY``, ``OPENAI_ORG_ID``, ``OPENAI_PROJECT_ID``,
        ``OPENAI_WEBHOOK_SECRET``, ``OPENAI_BASE_URL``)."""
        self._init_config(
            api_key=api_key,
            admin_api_key=admin_api_key,
            workload_identity=workload_identity,
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            websocket_base_url=websocket_base_url,
            enforce_credentials=_enforce_credentials,
        )
        if base_url is None:
            base_url = _env("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        super().__init__(
            version=__version__,
            base_url=base_url,
            max_retries=max_retries,
            timeout=timeout,
            http_client=http_client,
            custom_headers=default_headers,
            custom_query=default_query,
            _strict_response_validation=_strict_response_validation,
        )

    def _auth_headers_for(self, options: FinalRequestOptions) -> Mapping[str, str]:
        security = options.security
        ordinary, admin = (
            _ORDINARY_ONLY if security is None else accepted_credentials(security)
        )
        if ordinary:
            if self._api_key_provider is not None:
                return {"Authorization": f"Bearer {self._refresh_api_key()}"}
            if self.api_key:
                return self.auth_headers
            if self._workload_identity is not None:
                return self._workload_identity_auth_headers(options)
        return self._admin_or_missing(options, ordinary, admin)

    def _refresh_api_key(self) -> str:
        """Ask the ``api_key`` provider (when there is one) for the key of the next
        request; store it as ``api_key`` and return it."""
        if self._api_key_provider is not None:
            self.api_key = self._check_key(self._api_key_provider())
        return self.api_key

    def _workload_identity_auth_headers(
        self, options: FinalRequestOptions
    ) -> Mapping[str, str]:
        """The exchanged token of this attempt (cached and refreshed by ``openai.auth``)."""
        from .auth import _client_hooks

        return _client_hooks.workload_identity_auth_headers(self, options)

    def _on_unauthorized(
        self, response: httpx.Response, options: FinalRequestOptions
    ) -> bool:
        """After a 401: with workload identity, drop the token it carried and resend once."""
        if self._workload_identity is None:
            return False
        from .auth import _client_hooks

        return _client_hooks.on_unauthorized(self, response, options)

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
        """A new client with some options changed; it shares this client's connection pool."""
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
        return self.__class__(**arguments)

    copy = with_options


class AsyncOpenAI(AsyncRootResources, _OpenAIConfig, AsyncAPIClient):
    """The asynchronous client."""

    _default_stream_cls = AsyncStream

    def __init__(
        self,
        *,
        api_key: Union[str, Callable[[], Awaitable[str]], None] = None,
        admin_api_key: Optional[str] = None,
        workload_identity: Optional[WorkloadIdentity] = None,
        organization: Optional[str] = None,
        project: Optional[str] = None,
        webhook_secret: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        websocket_base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
        _strict_response_validation: bool = False,
        _enforce_credentials: bool = True,
    ) -> None:
        """Build a client. Each option not given is read from its environment variable
        (``OPENAI_API_KEY``, ``OPENAI_ADMIN_KEY``, ``OPENAI_ORG_ID``, ``OPENAI_PROJECT_ID``,
        ``OPENAI_WEBHOOK_SECRET``, ``OPENAI_BASE_URL``)."""
        self._init_config(
            api_key=api_key,
            admin_api_key=admin_api_key,
            workload_identity=workload_identity,
            organization=organization,
            project=project,
            webhook_secret=webhook_secret,
            websocket_base_url=websocket_base_url,
            enforce_credentials=_enforce_credentials,
        )
        if base_url is None:
            base_url = _env("OPENAI_BASE_URL") or DEFAULT_BASE_URL
        super().__init__(
            version=__version__,
            base_url=base_url,
            max_retries=max_retries,
            timeout=timeout,
            http_client=http_client,
            custom_headers=default_headers,
            custom_query=default_query,
            _strict_response_validation=_strict_response_validation,
        )

    async def _auth_headers_for(
        self, options: FinalRequestOptions
    ) -> Mapping[str, str]:
        security = options.security
        ordinary, admin = (
            _ORDINARY_ONLY if security is None else accepted_credentials(security)
        )
        if ordinary:
            if self._api_key_provider is not None:
                return {"Authorization": f"Bearer {await self._refresh_api_key()}"}
            if self.api_key:
                return self.auth_headers
            if self._workload_identity is not None:
                return await self._workload_identity_auth_headers(options)
        return self._admin_or_missing(options, ordinary, admin)

    async def _refresh_api_key(self) -> str:
        """Ask the ``api_key`` provider (when there is one; sync or async) for the key of
        the next request; store it as ``api_key`` and return it."""
        provider = self._api_key_provider
        if provider is not None:
            key = provider()
            if hasattr(key, "__await__"):
                key = await key
            self.api_key = self._check_key(key)
        return self.api_key

    async def _workload_identity_auth_headers(
        self, options: FinalRequestOptions
    ) -> Mapping[str, str]:
        """The exchanged token of this attempt (cached and refreshed by ``openai.auth``)."""
        from .auth import _client_hooks

        return await _client_hooks.async_workload_identity_auth_headers(self, options)

    async def _on_unauthorized(
        self, response: httpx.Response, options: FinalRequestOptions
    ) -> bool:
        """After a 401: with workload identity, drop the token it carried and resend once."""
        if self._workload_identity is None:
            return False
        from .auth import _client_hooks

        return _client_hooks.on_unauthorized(self, response, options)

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
        """A new client with some options changed; it shares this client's connection pool."""
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
        return self.__class__(**arguments)

    copy = with_options


Client = OpenAI
AsyncClient = AsyncOpenAI
