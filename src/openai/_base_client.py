"""The request loop shared by every client: build the request, send it, retry, parse.

One loop, written twice (sync and async). What the loop does per call is kept
small on purpose: headers come from a cached base, options are not copied, the
body is one ``json.dumps``, and parsing goes straight to pydantic-core.

Hooks for the credential providers (Azure, Bedrock, workload identity):

- ``_prepare_options(options)``: per attempt; return a (copied) options object to
  change the URL, query or headers. Must not mutate its argument.
- ``_auth_headers_for(options)``: per attempt; the credential headers for this
  request (async in the async client).
- ``_on_unauthorized(response, options)``: after a 401; return True to have the
  request sent once more (after refreshing credentials).
- ``_prepare_request(request)``: last look at the ``httpx.Request``.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import date, datetime
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Generic,
    List,
    Mapping,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
    cast,
)

import httpx

from . import _exceptions
from ._constants import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, RAW_RESPONSE_HEADER
from ._exceptions import APIConnectionError, APIStatusError, APITimeoutError
from ._files import async_to_httpx_files, to_httpx_files
from ._http_clients import (
    AsyncHttpxClientWrapper,
    DefaultAsyncHttpxClient,
    DefaultHttpxClient,
    SyncHttpxClientWrapper,
)
from ._logs import logger, redact, redact_headers
from ._options import FinalRequestOptions, make_request_options
from ._parse import parse_response, resolve_cast_to
from ._platform import platform_headers
from ._qs import stringify, stringify_items
from ._retry import retry_delay, should_retry
from ._types import NotGiven, Omit, RequestFiles, RequestOptions, not_given, omit

if TYPE_CHECKING:
    from ._pagination_base import (
        AsyncPaginator,
        BaseAsyncPage,
        BasePage,
        BaseSyncPage,
        PageInfo,
    )
    from ._streaming import AsyncStream, Stream

__all__ = [
    "BaseClient",
    "SyncAPIClient",
    "AsyncAPIClient",
    "make_request_options",
    "FinalRequestOptions",
    "DefaultHttpxClient",
    "DefaultAsyncHttpxClient",
    "SyncHttpxClientWrapper",
    "AsyncHttpxClientWrapper",
    "BasePage",
    "BaseSyncPage",
    "BaseAsyncPage",
    "AsyncPaginator",
    "PageInfo",
]

_T = TypeVar("_T")
_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)

_RAW_HEADER_LOWER = RAW_RESPONSE_HEADER.lower()
# Headers that carry credentials: dropped when a redirect leaves the origin.
CREDENTIAL_HEADERS = (
    "authorization",
    "api-key",
    "openai-organization",
    "openai-project",
)


def _json_default(value: object) -> object:
    """JSON for what ``json.dumps`` does not know: models, dates, other iterables."""
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        raise TypeError(
            "bytes are not JSON serializable; pass files as file parameters or base64-encode them"
        )
    try:
        return list(cast(Any, value))
    except TypeError:
        raise TypeError(
            f"Object of type {type(value).__name__} is not JSON serializable"
        ) from None


def encode_json(body: object) -> bytes:
    return json.dumps(
        body,
        default=_json_default,
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    ).encode()


def _origin(url: httpx.URL) -> Tuple[bytes, str, Optional[int]]:
    return (url.raw_scheme, url.host, url.port)


class _ForceMultipart(dict):  # type: ignore[type-arg]
    """An empty file mapping that is still truthy, so httpx encodes multipart."""

    def __bool__(self) -> bool:
        return True


class BaseClient(Generic[_HttpxClientT]):
    """What the sync and async clients share: configuration, headers, request building."""

    _client: _HttpxClientT
    _version: str
    _base_url: httpx.URL
    max_retries: int
    timeout: Union[float, httpx.Timeout, None]
    _strict_response_validation: bool
    _idempotency_header: Optional[str] = None
    _is_async: bool = False

    def __init__(
        self,
        *,
        version: str,
        base_url: Union[str, httpx.URL],
        _strict_response_validation: bool,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: Union[float, httpx.Timeout, None] = DEFAULT_TIMEOUT,
        custom_headers: Optional[Mapping[str, Any]] = None,
        custom_query: Optional[Mapping[str, object]] = None,
    ) -> None:
        if max_retries is None:  # pyright: ignore[reportUnnecessaryComparison]
            raise TypeError("max_retries cannot be None; pass 0 to disable retries")
        if not isinstance(max_retries, int) or max_retries < 0:  # pyright: ignore[reportUnnecessaryIsInstance]
            raise ValueError(
                f"max_retries must be a non-negative integer, got {max_retries!r}"
            )
        self._version = version
        self._base_url = self._enforce_trailing_slash(httpx.URL(base_url))
        self.max_retries = max_retries
        self.timeout = timeout
        self._custom_headers: Dict[str, Any] = dict(custom_headers or {})
        self._custom_query: Dict[str, object] = dict(custom_query or {})
        self._strict_response_validation = _strict_response_validation
        self._invalidate_caches()

    # --- configuration ------------------------------------------------------

    def _invalidate_caches(self) -> None:
        self._base_headers: Optional[Dict[str, str]] = None
        base = str(self._base_url)
        # "http://host:port" has the path "/" but prints without it
        self._base_url_str = base if base.endswith("/") else base + "/"

    @staticmethod
    def _enforce_trailing_slash(url: httpx.URL) -> httpx.URL:
        if url.raw_path.endswith(b"/"):
            return url
        return url.copy_with(raw_path=url.raw_path + b"/")

    @property
    def base_url(self) -> httpx.URL:
        return self._base_url

    @base_url.setter
    def base_url(self, url: Union[httpx.URL, str]) -> None:
        self._base_url = self._enforce_trailing_slash(
            url if isinstance(url, httpx.URL) else httpx.URL(url)
        )
        self._invalidate_caches()

    @property
    def custom_auth(self) -> Optional[httpx.Auth]:
        return None

    @property
    def auth_headers(self) -> Dict[str, str]:
        """The credential headers of an ordinary request (static credentials only)."""
        return {}

    @property
    def default_headers(self) -> Dict[str, Union[str, Omit]]:
        return {
            "Accept": "application/json",
            "Content-Type": "application/json",
            "User-Agent": self.user_agent,
            **self.platform_headers(),
            **self.auth_headers,
            **self._custom_headers,
        }

    @property
    def default_query(self) -> Dict[str, object]:
        return dict(self._custom_query)

    @property
    def user_agent(self) -> str:
        return f"{self.__class__.__name__}/Python {self._version}"

    def platform_headers(self) -> Dict[str, str]:
        headers = platform_headers()
        headers["X-Stainless-Async"] = self._async_header_value()
        return headers

    def _async_header_value(self) -> str:
        return "false"

    def _extra_default_headers(self) -> Dict[str, str]:
        """Client-specific headers that do not change per request (organization, project)."""
        return {}

    def _compute_base_headers(self) -> Dict[str, str]:
        # The httpx client's own headers come first (as httpx would merge them), then
        # ours, then the user's `default_headers`; names compare case-insensitively.
        client_headers = self._client.headers
        self._client_headers_raw = client_headers.raw
        headers: Dict[str, str] = {}
        lower: Dict[str, str] = {}
        removed: List[str] = []

        def put(key: str, value: Any) -> None:
            existing = lower.pop(key.lower(), None)
            if existing is not None:
                del headers[existing]
            if isinstance(value, Omit):
                removed.append(key.lower())
                return
            headers[key] = value
            lower[key.lower()] = key

        for raw_key, raw_value in client_headers.raw:
            put(raw_key.decode("latin-1"), raw_value.decode("latin-1"))
        ours: Dict[str, str] = {
            "Accept": "application/json",
            "User-Agent": self.user_agent,
        }
        ours.update(self.platform_headers())
        ours.update(self._extra_default_headers())
        for key, value in ours.items():
            put(key, value)
        for key, value in self._custom_headers.items():
            put(key, value)
        self._custom_headers_seen = dict(self._custom_headers)
        # names the user set or removed themselves: credential headers must not override them
        self._user_header_names = frozenset(k.lower() for k in self._custom_headers)
        self._removed_headers = frozenset(removed)
        self._url_cache: Dict[str, httpx.URL] = {}
        self._timeout_cache: Tuple[Any, Dict[str, Any]] = (None, {})
        return headers

    # --- request building -------------------------------------------------------

    def _prepare_url(self, url: str) -> str:
        if url.startswith(("http://", "https://")):
            return url
        return self._base_url_str + url.lstrip("/")

    def _build_headers(
        self,
        options: FinalRequestOptions,
        auth: Mapping[str, str],
        retries_taken: int,
        has_body: bool,
    ) -> Dict[str, str]:
        base = self._base_headers
        if (
            base is None
            or self._client.headers.raw != self._client_headers_raw
            # libraries edit `_custom_headers` in place or replace it
            or self._custom_headers != self._custom_headers_seen
        ):
            base = self._base_headers = self._compute_base_headers()
        headers = base.copy()
        user = self._user_header_names
        for key, value in auth.items():
            if key.lower() not in user:
                headers[key] = value
        extra = options.headers
        explicit: frozenset[str] = frozenset()
        if extra:
            lower = {k.lower(): k for k in headers}
            names = []
            for key, value in cast(Mapping[str, Any], extra).items():
                lk = key.lower()
                names.append(lk)
                existing = lower.pop(lk, None)
                if existing is not None:
                    del headers[existing]
                if isinstance(value, (Omit, NotGiven)):
                    continue
                headers[key] = value
                lower[lk] = key
            explicit = frozenset(names)
            # the raw/streaming view marker is for us, not for the server
            for key in [k for k in headers if k.lower() == _RAW_HEADER_LOWER]:
                del headers[key]
        if (
            "x-stainless-retry-count" not in explicit
            and "x-stainless-retry-count" not in user
        ):
            headers["X-Stainless-Retry-Count"] = str(retries_taken)
        if (
            "x-stainless-read-timeout" not in explicit
            and "x-stainless-read-timeout" not in user
        ):
            timeout = (
                self.timeout
                if isinstance(options.timeout, NotGiven)
                else options.timeout
            )
            if isinstance(timeout, httpx.Timeout):
                timeout = timeout.read
            if timeout is not None:
                headers["X-Stainless-Read-Timeout"] = str(timeout)
        if has_body and "content-type" not in explicit and "content-type" not in user:
            headers["Content-Type"] = "application/json"
        if options.idempotency_key and self._idempotency_header:
            headers[self._idempotency_header] = options.idempotency_key
        for name in self._removed_headers:
            for key in [k for k in headers if k.lower() == name]:
                del headers[key]
        return headers

    def _build_body(
        self, options: FinalRequestOptions
    ) -> Tuple[Any, Optional[Dict[str, Any]]]:
        """The JSON body as bytes (or form fields for multipart), with top-level
        not-given/omitted values dropped and ``extra_body`` merged in."""
        data = options.json_data
        if isinstance(data, Mapping):
            data = {
                k: v
                for k, v in cast(Mapping[str, Any], data).items()
                if v is not not_given and v is not omit
            }
        extra = options.extra_json
        if extra:
            data = (
                {**cast(Dict[str, Any], data), **extra}
                if isinstance(data, dict)
                else dict(extra)
            )
        if options.files is not None or data is None:
            return None, cast(Optional[Dict[str, Any]], data)
        return encode_json(data), None

    def _build_request(
        self,
        options: FinalRequestOptions,
        *,
        retries_taken: int = 0,
        auth: Mapping[str, str] = {},  # noqa: B006 - read only
        files: Any = None,
    ) -> httpx.Request:
        content: Any = options.content
        form: Optional[Dict[str, Any]] = None
        if content is None:
            content, form = self._build_body(options)
        is_multipart = options.files is not None
        # JSON content type with a body, and (as the official client sends it) on
        # every request but GET even without one: POST .../cancel, DELETE
        headers = self._build_headers(
            options,
            auth,
            retries_taken,
            has_body=(content is not None or options.method.lower() != "get")
            and not is_multipart,
        )
        if is_multipart:
            # httpx writes the boundary; a bare multipart content type would lack it
            for key in [k for k in headers if k.lower() == "content-type"]:
                if (
                    headers[key].startswith("multipart/form-data")
                    and "boundary" not in headers[key]
                ):
                    del headers[key]
        url = self._prepare_url(options.url)
        params = options.params
        query = {**self._custom_query, **params} if self._custom_query else params
        if query:
            encoded = stringify(query)
            if encoded:
                url = f"{url}{'&' if '?' in url else '?'}{encoded}"
        timeout = (
            self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        )
        if is_multipart:
            fields: Dict[str, Any] = {}
            for key, value in stringify_items(form or {}):
                if key in fields:
                    previous: Any = fields[key]
                    fields[key] = (
                        [*previous, value]
                        if isinstance(previous, list)
                        else [previous, value]
                    )
                else:
                    fields[key] = value
            return self._client.build_request(
                options.method,
                url,
                headers=headers,
                data=fields,
                files=files if files else _ForceMultipart(),
                timeout=timeout,
            )
        client = self._client
        if client.cookies or client.params:
            # let httpx merge the client's cookies and query parameters
            return client.build_request(
                options.method, url, headers=headers, content=content, timeout=timeout
            )
        # Fast path: the headers already include the httpx client's own, the URL is
        # absolute, so building the Request directly skips httpx's merging work.
        return httpx.Request(
            options.method,
            self._parsed_url(url),
            headers=headers,
            content=content,
            extensions={"timeout": self._timeout_dict(timeout)},
        )

    def _parsed_url(self, url: str) -> httpx.URL:
        cache = self._url_cache
        parsed = cache.get(url)
        if parsed is None:
            if len(cache) >= 256:
                cache.clear()
            parsed = cache[url] = httpx.URL(url)
        return parsed

    def _timeout_dict(self, timeout: Any) -> Dict[str, Any]:
        cached_for, as_dict = self._timeout_cache
        if timeout is cached_for and cached_for is not None:
            return as_dict
        as_dict = httpx.Timeout(timeout).as_dict()
        self._timeout_cache = (timeout, as_dict)
        return as_dict

    # --- responses ------------------------------------------------------------

    def _make_status_error(
        self, err_msg: str, *, body: object, response: httpx.Response
    ) -> APIStatusError:
        data = body.get("error", body) if isinstance(body, Mapping) else body  # pyright: ignore
        return _exceptions.status_error_class(response.status_code)(
            err_msg, response=response, body=data
        )

    def _make_status_error_from_response(
        self, response: httpx.Response
    ) -> APIStatusError:
        if response.is_closed and not response.is_stream_consumed:
            # a streamed body that was closed unread: the error text is gone
            return self._make_status_error(
                f"Error code: {response.status_code}", body=None, response=response
            )
        text = response.text.strip()
        body: object = text
        try:
            body = json.loads(text)
        except ValueError:
            pass
        message = f"Error code: {response.status_code}"
        if text:
            message += f" - {body}"
        return self._make_status_error(redact(message), body=body, response=response)

    def _should_follow(self, options: FinalRequestOptions) -> bool:
        if options.follow_redirects is not None:
            return options.follow_redirects
        return bool(self._client.follow_redirects)

    def _redirect_request(
        self, request: httpx.Request, response: httpx.Response
    ) -> Optional[httpx.Request]:
        """The next request of a redirect, without credentials when it leaves the origin."""
        next_request = response.next_request
        if next_request is None:
            return None
        if _origin(next_request.url) != _origin(request.url):
            for name in CREDENTIAL_HEADERS:
                if name in next_request.headers:
                    del next_request.headers[name]
        return next_request

    def _log_request(
        self, request: httpx.Request, options: FinalRequestOptions
    ) -> None:
        logger.debug(
            "Request: %s %s headers=%s",
            request.method,
            redact(str(request.url)),
            redact_headers(request.headers),
        )

    def _log_response(self, request: httpx.Request, response: httpx.Response) -> None:
        logger.debug(
            'HTTP Response: %s %s "%i %s" %s',
            request.method,
            redact(str(request.url)),
            response.status_code,
            response.reason_phrase,
            redact_headers(response.headers),
        )

    def _resolve_stream_cls(
        self, cast_to: Any, stream_cls: Any, default: Any
    ) -> Tuple[Any, Any]:
        """``(stream class, item type)``: a parametrized ``Stream[X]`` names its item type;
        a bare stream class means ``cast_to`` is the item type."""
        from typing_extensions import get_args, get_origin

        if stream_cls is None:
            return default, cast_to
        origin = get_origin(stream_cls)
        if origin is not None:
            return origin, get_args(stream_cls)[0]
        if stream_cls is default or getattr(stream_cls, "__parameters__", None):
            return stream_cls, cast_to
        from ._utils._typing import extract_type_var_from_base

        try:
            return stream_cls, extract_type_var_from_base(
                stream_cls, generic_bases=(default,), index=0
            )
        except RuntimeError:
            return stream_cls, cast_to

    def __repr__(self) -> str:
        return redact(
            f"<{self.__class__.__module__}.{self.__class__.__name__} base_url={str(self._base_url)!r}>"
        )

    def _retry_log(
        self,
        retries_taken: int,
        max_retries: int,
        request: httpx.Request,
        response: Optional[httpx.Response],
    ) -> float:
        delay = retry_delay(
            retries_taken=retries_taken,
            headers=response.headers if response is not None else None,
        )
        logger.info(
            "Retrying request to %s in %f seconds (%s)",
            redact(str(request.url.path)),
            delay,
            f"status {response.status_code}"
            if response is not None
            else "connection error",
        )
        return delay

    # kept for callers written against the official package
    def _process_response_data(
        self, *, data: object, cast_to: Any, response: httpx.Response
    ) -> Any:
        """Build ``cast_to`` from already-decoded JSON ``data`` (lenient unless strict)."""
        from ._models import construct_type, validate_type

        if data is None:
            return None
        cast_to = resolve_cast_to(cast_to)
        if cast_to is object:
            return data
        try:
            return validate_type(type_=cast_to, value=data)
        except Exception as err:
            if self._strict_response_validation:
                from ._exceptions import APIResponseValidationError

                raise APIResponseValidationError(response=response, body=data) from err
        return construct_type(type_=cast_to, value=data)

    def _make_sse_decoder(self) -> Any:
        from ._streaming import SSEDecoder

        return SSEDecoder()

    def _calculate_retry_timeout(
        self,
        remaining_retries: int,
        options: FinalRequestOptions,
        response_headers: Optional[httpx.Headers],
    ) -> float:
        taken = options.get_max_retries(self.max_retries) - remaining_retries
        return retry_delay(retries_taken=taken, headers=response_headers)

    def _should_retry(self, response: httpx.Response) -> bool:
        return should_retry(response)


def _raw_mode(options: FinalRequestOptions) -> Optional[str]:
    headers = options.headers
    if not headers:
        return None
    value = cast(Mapping[str, Any], headers).get(RAW_RESPONSE_HEADER)
    if value is None:
        for key, candidate in cast(Mapping[str, Any], headers).items():
            if key.lower() == "x-stainless-raw-response":
                value = candidate
    if value in ("raw", "true"):
        return "raw"
    if value == "stream":
        return "stream"
    return None


class SyncAPIClient(BaseClient[httpx.Client]):
    _default_stream_cls: Optional[Type[Stream[Any]]] = None

    def __init__(
        self,
        *,
        version: str,
        base_url: Union[str, httpx.URL],
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        http_client: Optional[httpx.Client] = None,
        custom_headers: Optional[Mapping[str, Any]] = None,
        custom_query: Optional[Mapping[str, object]] = None,
        _strict_response_validation: bool,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(
                f"Invalid `http_client` argument; Expected an instance of `httpx.Client` but got {type(http_client)}"
            )
        if isinstance(timeout, NotGiven):
            timeout = (
                http_client.timeout
                if http_client is not None
                and not _is_httpx_default_timeout(http_client)
                else DEFAULT_TIMEOUT
            )
        super().__init__(
            version=version,
            base_url=base_url,
            max_retries=max_retries,
            timeout=timeout,
            custom_headers=custom_headers,
            custom_query=custom_query,
            _strict_response_validation=_strict_response_validation,
        )
        self._owns_client = http_client is None
        self._client = http_client or SyncHttpxClientWrapper(
            base_url=base_url, timeout=cast(Any, timeout)
        )

    # --- credentials hooks -------------------------------------------------------

    def _prepare_options(self, options: FinalRequestOptions) -> FinalRequestOptions:
        """Per-attempt hook; return a copy to change anything."""
        return options

    def _prepare_request(self, request: httpx.Request) -> None:
        """Per-attempt hook on the built ``httpx.Request``."""
        return None

    def _auth_headers_for(self, options: FinalRequestOptions) -> Mapping[str, str]:
        """The credential headers for one request attempt."""
        return self.auth_headers

    def _on_unauthorized(
        self, response: httpx.Response, options: FinalRequestOptions
    ) -> bool:
        """Called on a 401; return True to resend the request once (after a refresh)."""
        return False

    # --- lifetime ---------------------------------------------------------------

    def is_closed(self) -> bool:
        return self._client.is_closed

    def close(self) -> None:
        """Close the connection pool (only if this client created it)."""
        if hasattr(self, "_client") and self._owns_client:
            self._client.close()

    def __enter__(self: _T) -> _T:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    # --- the request loop ---------------------------------------------------------

    def request(
        self,
        cast_to: Any,
        options: FinalRequestOptions,
        *,
        stream: bool = False,
        stream_cls: Any = None,
    ) -> Any:
        raw_mode = _raw_mode(options)
        max_retries = options.get_max_retries(self.max_retries)
        retries_taken = 0
        resent_after_401 = False
        httpx_files: Any = None
        if options.files is not None:
            httpx_files = to_httpx_files(options.files)
        send_stream = stream or raw_mode == "stream"
        debug = logger.isEnabledFor(logging.DEBUG)
        while True:
            attempt = self._prepare_options(options)
            auth = self._auth_headers_for(attempt)
            request = self._build_request(
                attempt, retries_taken=retries_taken, auth=auth, files=httpx_files
            )
            self._prepare_request(request)
            if debug:
                self._log_request(request, attempt)
            try:
                response = self._send(request, attempt, send_stream)
            except httpx.TimeoutException as err:
                if retries_taken < max_retries:
                    self._sleep(
                        self._retry_log(retries_taken, max_retries, request, None)
                    )
                    retries_taken += 1
                    continue
                raise APITimeoutError(request=request) from err
            except Exception as err:
                if retries_taken < max_retries:
                    self._sleep(
                        self._retry_log(retries_taken, max_retries, request, None)
                    )
                    retries_taken += 1
                    continue
                raise APIConnectionError(request=request) from err
            if debug:
                self._log_response(request, response)
            status = response.status_code
            if status >= 400:
                if (
                    status == 401
                    and not resent_after_401
                    and self._on_unauthorized(response, attempt)
                ):
                    response.close()
                    resent_after_401 = True
                    continue
                if retries_taken < max_retries and should_retry(response):
                    response.close()
                    self._sleep(
                        self._retry_log(retries_taken, max_retries, request, response)
                    )
                    retries_taken += 1
                    continue
                if not response.is_closed:
                    response.read()
                raise self._make_status_error_from_response(response)
            return parse_response(
                client=self,
                response=response,
                cast_to=cast_to,
                options=attempt,
                stream=stream,
                stream_cls=stream_cls,
                retries_taken=retries_taken,
                raw_mode=raw_mode,
            )

    def _send(
        self, request: httpx.Request, options: FinalRequestOptions, stream: bool
    ) -> httpx.Response:
        response = self._client.send(request, stream=stream, follow_redirects=False)
        if response.is_redirect and self._should_follow(options):
            remaining = getattr(self._client, "max_redirects", 20)
            while response.is_redirect:
                next_request = self._redirect_request(request, response)
                if next_request is None:
                    break
                if remaining <= 0:
                    response.close()
                    raise httpx.TooManyRedirects(
                        "Exceeded maximum allowed redirects.", request=request
                    )
                remaining -= 1
                response.close()
                request = next_request
                response = self._client.send(
                    request, stream=stream, follow_redirects=False
                )
        return response

    # --- verbs ----------------------------------------------------------------

    def get(
        self,
        path: str,
        *,
        cast_to: Any,
        options: RequestOptions = {},  # noqa: B006 - never mutated
        stream: bool = False,
        stream_cls: Any = None,
    ) -> Any:
        opts = FinalRequestOptions.from_request_options("get", path, options)
        return self.request(
            resolve_cast_to(cast_to), opts, stream=stream, stream_cls=stream_cls
        )

    def post(
        self,
        path: str,
        *,
        cast_to: Any,
        body: Optional[object] = None,
        content: Any = None,
        options: RequestOptions = {},  # noqa: B006
        files: Optional[RequestFiles] = None,
        stream: bool = False,
        stream_cls: Any = None,
    ) -> Any:
        opts = FinalRequestOptions.from_request_options(
            "post", path, options, json_data=body, files=files, content=content
        )
        return self.request(
            resolve_cast_to(cast_to), opts, stream=stream, stream_cls=stream_cls
        )

    def patch(
        self,
        path: str,
        *,
        cast_to: Any,
        body: Optional[object] = None,
        content: Any = None,
        files: Optional[RequestFiles] = None,
        options: RequestOptions = {},  # noqa: B006
    ) -> Any:
        opts = FinalRequestOptions.from_request_options(
            "patch", path, options, json_data=body, files=files, content=content
        )
        return self.request(resolve_cast_to(cast_to), opts)

    def put(
        self,
        path: str,
        *,
        cast_to: Any,
        body: Optional[object] = None,
        content: Any = None,
        files: Optional[RequestFiles] = None,
        options: RequestOptions = {},  # noqa: B006
    ) -> Any:
        opts = FinalRequestOptions.from_request_options(
            "put", path, options, json_data=body, files=files, content=content
        )
        return self.request(resolve_cast_to(cast_to), opts)

    def delete(
        self,
        path: str,
        *,
        cast_to: Any,
        body: Optional[object] = None,
        content: Any = None,
        options: RequestOptions = {},  # noqa: B006
    ) -> Any:
        opts = FinalRequestOptions.from_request_options(
            "delete", path, options, json_data=body, content=content
        )
        return self.request(resolve_cast_to(cast_to), opts)

    def get_api_list(
        self,
        path: str,
        *,
        model: Any,
        page: Any,
        body: Optional[object] = None,
        options: RequestOptions = {},  # noqa: B006
        method: str = "get",
    ) -> Any:
        opts = FinalRequestOptions.from_request_options(
            method, path, options, json_data=body
        )
        return self._request_api_list(resolve_cast_to(model), page, opts)

    def _request_api_list(
        self, model: Any, page: Any, options: FinalRequestOptions
    ) -> Any:
        from ._pagination_base import page_type_for

        return self.request(page_type_for(resolve_cast_to(page), model), options)


class AsyncAPIClient(BaseClient[httpx.AsyncClient]):
    _default_stream_cls: Optional[Type[AsyncStream[Any]]] = None
    _is_async = True
    _async_library: Optional[str] = None

    def __init__(
        self,
        *,
        version: str,
        base_url: Union[str, httpx.URL],
        _strict_response_validation: bool,
        max_retries: int = DEFAULT_MAX_RETRIES,
        timeout: Union[float, httpx.Timeout, None, NotGiven] = not_given,
        http_client: Optional[httpx.AsyncClient] = None,
        custom_headers: Optional[Mapping[str, Any]] = None,
        custom_query: Optional[Mapping[str, object]] = None,
    ) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):  # pyright: ignore[reportUnnecessaryIsInstance]
            raise TypeError(
                f"Invalid `http_client` argument; Expected an instance of `httpx.AsyncClient` but got {type(http_client)}"
            )
        if isinstance(timeout, NotGiven):
            timeout = (
                http_client.timeout
                if http_client is not None
                and not _is_httpx_default_timeout(http_client)
                else DEFAULT_TIMEOUT
            )
        super().__init__(
            version=version,
            base_url=base_url,
            max_retries=max_retries,
            timeout=timeout,
            custom_headers=custom_headers,
            custom_query=custom_query,
            _strict_response_validation=_strict_response_validation,
        )
        self._owns_client = http_client is None
        self._client = http_client or AsyncHttpxClientWrapper(
            base_url=base_url, timeout=cast(Any, timeout)
        )

    def _async_header_value(self) -> str:
        library = AsyncAPIClient._async_library
        if library is None:
            from ._utils._utils import get_async_library

            library = get_async_library()
            if library == "false":
                return "async:asyncio"
            AsyncAPIClient._async_library = library
        return f"async:{library}"

    # --- credentials hooks -------------------------------------------------------

    async def _auth_headers_for(
        self, options: FinalRequestOptions
    ) -> Mapping[str, str]:
        """The credential headers for one request attempt."""
        return self.auth_headers

    async def _on_unauthorized(
        self, response: httpx.Response, options: FinalRequestOptions
    ) -> bool:
        """Called on a 401; return True to resend the request once (after a refresh)."""
        return False

    async def _prepare_options(
        self, options: FinalRequestOptions
    ) -> FinalRequestOptions:
        """Per-attempt hook; return a copy to change anything."""
        return options

    async def _prepare_request(self, request: httpx.Request) -> None:
        """Per-attempt hook on the built ``httpx.Request``."""
        return None

    # --- lifetime ---------------------------------------------------------------

    def is_closed(self) -> bool:
        return self._client.is_closed

    async def close(self) -> None:
        """Close the connection pool (only if this client created it)."""
        if hasattr(self, "_client") and self._owns_client:
            await self._client.aclose()

    async def __aenter__(self: _T) -> _T:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    async def _sleep(self, seconds: float) -> None:
        import anyio

        await anyio.sleep(seconds)

    # --- the request loop ---------------------------------------------------------

    async def request(
        self,
        cast_to: Any,
        options: FinalRequestOptions,
        *,
        stream: bool = False,
        stream_cls: Any = None,
    ) -> Any:
        raw_mode = _raw_mode(options)
        max_retries = options.get_max_retries(self.max_retries)
        retries_taken = 0
        resent_after_401 = False
        httpx_files: Any = None
        if options.files is not None:
            httpx_files = await async_to_httpx_files(options.files)
        send_stream = stream or raw_mode == "stream"
        debug = logger.isEnabledFor(logging.DEBUG)
        while True:
            attempt = await self._prepare_options(options)
            auth = await self._auth_headers_for(attempt)
            request = self._build_request(
                attempt, retries_taken=retries_taken, auth=auth, files=httpx_files
            )
            await self._prepare_request(request)
            if debug:
                self._log_request(request, attempt)
            try:
                response = await self._send(request, attempt, send_stream)
            except httpx.TimeoutException as err:
                if retries_taken < max_retries:
                    await self._sleep(
                        self._retry_log(retries_taken, max_retries, request, None)
                    )
                    retries_taken += 1
                    continue
                raise APITimeoutError(request=request) from err
            except Exception as err:
                if retries_taken < max_retries:
                    await self._sleep(
                        self._retry_log(retries_taken, max_retries, request, None)
                    )
                    retries_taken += 1
                    continue
                raise APIConnectionError(request=request) from err
            if debug:
                self._log_response(request, response)
            status = response.status_code
            if status >= 400:
                if (
                    status == 401
                    and not resent_after_401
                    and await self._on_unauthorized(response, attempt)
                ):
                    await response.aclose()
                    resent_after_401 = True
                    continue
                if retries_taken < max_retries and should_retry(response):
                    await response.aclose()
                    await self._sleep(
                        self._retry_log(retries_taken, max_retries, request, response)
                    )
                    retries_taken += 1
                    continue
                if not response.is_closed:
                    await response.aread()
                raise self._make_status_error_from_response(response)
            return parse_response(
                client=self,
                response=response,
                cast_to=cast_to,
                options=attempt,
                stream=stream,
                stream_cls=stream_cls,
                retries_taken=retries_taken,
                raw_mode=raw_mode,
            )

    async def _send(
        self, request: httpx.Request, options: FinalRequestOptions, stream: bool
    ) -> httpx.Response:
        response = await self._client.send(
            request, stream=stream, follow_redirects=False
        )
        if response.is_redirect and self._should_follow(options):
            remaining = getattr(self._client, "max_redirects", 20)
            while response.is_redirect:
                next_request = self._redirect_request(request, response)
                if next_request is None:
                    break
                if remaining <= 0:
                    await response.aclose()
                    raise httpx.TooManyRedirects(
                        "Exceeded maximum allowed redirects.", request=request
                    )
                remaining -= 1
                await response.aclose()
                request = next_request
                response = await self._client.send(
                    request, stream=stream, follow_redirects=False
                )
        return response

    # --- verbs ----------------------------------------------------------------

    async def get(
        self,
        path: str,
        *,
        cast_to: Any,
        options: RequestOptions = {},  # noqa: B006
        stream: bool = False,
        stream_cls: Any = None,
    ) -> Any:
        opts = FinalRequestOptions.from_request_options("get", path, options)
        return await self.request(
            resolve_cast_to(cast_to), opts, stream=stream, stream_cls=stream_cls
        )

    async def post(
        self,
        path: str,
        *,
        cast_to: Any,
        body: Optional[object] = None,
        content: Any = None,
        files: Optional[RequestFiles] = None,
        options: RequestOptions = {},  # noqa: B006
        stream: bool = False,
        stream_cls: Any = None,
    ) -> Any:
        opts = FinalRequestOptions.from_request_options(
            "post", path, options, json_data=body, files=files, content=content
        )
        return await self.request(
            resolve_cast_to(cast_to), opts, stream=stream, stream_cls=stream_cls
        )

    async def patch(
        self,
        path: str,
        *,
        cast_to: Any,
        body: Optional[object] = None,
        content: Any = None,
        files: Optional[RequestFiles] = None,
        options: RequestOptions = {},  # noqa: B006
    ) -> Any:
        opts = FinalRequestOptions.from_request_options(
            "patch", path, options, json_data=body, files=files, content=content
        )
        return await self.request(resolve_cast_to(cast_to), opts)

    async def put(
        self,
        path: str,
        *,
        cast_to: Any,
        body: Optional[object] = None,
        content: Any = None,
        files: Optional[RequestFiles] = None,
        options: RequestOptions = {},  # noqa: B006
    ) -> Any:
        opts = FinalRequestOptions.from_request_options(
            "put", path, options, json_data=body, files=files, content=content
        )
        return await self.request(resolve_cast_to(cast_to), opts)

    async def delete(
        self,
        path: str,
        *,
        cast_to: Any,
        body: Optional[object] = None,
        content: Any = None,
        options: RequestOptions = {},  # noqa: B006
    ) -> Any:
        opts = FinalRequestOptions.from_request_options(
            "delete", path, options, json_data=body, content=content
        )
        return await self.request(resolve_cast_to(cast_to), opts)

    def get_api_list(
        self,
        path: str,
        *,
        model: Any,
        page: Any,
        body: Optional[object] = None,
        options: RequestOptions = {},  # noqa: B006
        method: str = "get",
    ) -> AsyncPaginator[Any, Any]:
        """Not a coroutine: returns a paginator that can be awaited (first page) or
        iterated with ``async for`` (every item)."""
        from ._pagination_base import AsyncPaginator, page_type_for

        opts = FinalRequestOptions.from_request_options(
            method, path, options, json_data=body
        )
        page_cls = page_type_for(resolve_cast_to(page), resolve_cast_to(model))
        return AsyncPaginator(client=self, options=opts, page_cls=page_cls, model=model)


def _is_httpx_default_timeout(client: Union[httpx.Client, httpx.AsyncClient]) -> bool:
    # a plain httpx client has a 5 s default; only a timeout chosen on purpose is kept
    timeout = client.timeout
    return isinstance(timeout, httpx.Timeout) and timeout == httpx.Timeout(5.0)


_LAZY = {"BasePage", "BaseSyncPage", "BaseAsyncPage", "AsyncPaginator", "PageInfo"}


def __getattr__(name: str) -> Any:
    # the page base classes need pydantic; load them only when asked for
    if name in _LAZY:
        from . import _pagination_base

        return getattr(_pagination_base, name)
    if name == "DefaultAioHttpClient":
        from . import _http_clients

        return _http_clients.DefaultAioHttpClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
