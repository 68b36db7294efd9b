"""Workload identity: trade a cloud identity token for a short-lived OpenAI access token.

One :class:`WorkloadIdentityAuth` holds the cached access token of one
``workload_identity`` configuration. It is shared by every thread of a sync
client and every task of an async client (and by their ``with_options`` copies),
so that concurrent requests that find the token stale wait for one exchange
instead of each making their own.

Timing rule: a token obtained at ``t`` that lives ``expires_in`` seconds is
refreshed from ``t + expires_in - min(buffer, expires_in / 2)`` on and is never
sent after ``t + expires_in`` (``t`` is taken before the exchange is sent, so
network time only makes the estimate safer).
"""

from __future__ import annotations

import collections
import inspect
import json
import math
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Deque, Mapping, Optional, Tuple, Union, cast

from .._exceptions import APIConnectionError, APITimeoutError, OAuthError, OpenAIError, SubjectTokenProviderError
from .._logs import logger as log, redact, register_secret
from ._types import (
    DEFAULT_REFRESH_BUFFER_SECONDS,
    DEFAULT_TOKEN_EXCHANGE_URL,
    SUBJECT_TOKEN_TYPES,
    TOKEN_EXCHANGE_GRANT_TYPE,
    TOKEN_EXCHANGE_TIMEOUT_SECONDS,
    WorkloadIdentity,
)

if TYPE_CHECKING:
    import anyio
    import httpx

__all__ = ["WorkloadIdentityAuth", "validate_workload_identity"]

# After a failed early refresh the old token is still good; try again after this
# many seconds (or half of what is left of its life, if that is shorter).
_RETRY_EARLY_REFRESH_AFTER = 30.0


def validate_workload_identity(config: object) -> Tuple[float, str]:
    """Check a ``workload_identity`` argument; return (refresh buffer, subject token type URN).

    Every problem is reported with the key that causes it, before any request is sent.
    """
    if not isinstance(config, Mapping):
        raise OpenAIError(
            f"`workload_identity` must be a dict with `identity_provider_id`, `service_account_id` and "
            f"`provider`, not {type(config).__name__}."
        )
    config = cast("Mapping[str, Any]", config)
    for key in ("identity_provider_id", "service_account_id"):
        value = config.get(key)
        if not isinstance(value, str) or not value:
            raise OpenAIError(f"`workload_identity[{key!r}]` must be a non-empty string, got {value!r}.")
    provider = config.get("provider")
    if not isinstance(provider, Mapping):
        raise OpenAIError(
            "`workload_identity['provider']` must be a dict `{'token_type': 'jwt' | 'id', 'get_token': callable}` "
            "(for example `openai.auth.k8s_service_account_token_provider(path)`)."
        )
    provider = cast("Mapping[str, Any]", provider)
    token_type = provider.get("token_type")
    if token_type not in SUBJECT_TOKEN_TYPES:
        raise OpenAIError(f"`workload_identity['provider']['token_type']` must be 'jwt' or 'id', got {token_type!r}.")
    if not callable(provider.get("get_token")):
        raise OpenAIError("`workload_identity['provider']['get_token']` must be a callable that returns the token.")
    buffer = config.get("refresh_buffer_seconds", DEFAULT_REFRESH_BUFFER_SECONDS)
    if isinstance(buffer, bool) or not isinstance(buffer, (int, float)) or not buffer >= 0 or math.isinf(buffer):
        raise OpenAIError(
            f"`workload_identity['refresh_buffer_seconds']` must be a number of seconds >= 0, got {buffer!r}."
        )
    return float(buffer), SUBJECT_TOKEN_TYPES[cast(str, token_type)]


class _Token:
    __slots__ = ("value", "refresh_at", "expires_at")

    def __init__(self, value: str, refresh_at: float, expires_at: float) -> None:
        self.value = value
        self.refresh_at = refresh_at
        self.expires_at = expires_at

    def __repr__(self) -> str:
        return f"_Token(refresh_at={self.refresh_at:.1f}, expires_at={self.expires_at:.1f})"


# What a caller of get_token should do, decided under the lock.
_USE, _REFRESH, _WAIT = "use", "refresh", "wait"


class WorkloadIdentityAuth:
    """Exchanges the workload's identity token (RFC 8693) and caches the access token.

    Usable on its own (``get_token()`` / ``await get_token_async()``); the clients
    pass their own httpx client so the exchange uses the same transport and proxies.
    """

    def __init__(
        self,
        *,
        workload_identity: WorkloadIdentity,
        token_exchange_url: str = DEFAULT_TOKEN_EXCHANGE_URL,
    ) -> None:
        self._buffer, self._subject_token_type = validate_workload_identity(workload_identity)
        self.workload_identity = workload_identity
        self.token_exchange_url = token_exchange_url
        self._clock: Callable[[], float] = time.monotonic
        self._lock = threading.Lock()
        self._round_done = threading.Condition(self._lock)
        self._token: Optional[_Token] = None
        self._refreshing = False
        # every finished refresh (good or bad) ends a round; waiters watch the counter
        self._round = 0
        self._round_error: Optional[BaseException] = None
        # set while an async task refreshes: (event loop token, event set when it ends)
        self._async_done: Optional[Tuple[object, anyio.Event]] = None
        # tokens handed out lately, to recognise a 401 that our token caused
        self._recent: Deque[str] = collections.deque(maxlen=4)

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__name__}(identity_provider_id={self.workload_identity['identity_provider_id']!r}, "
            f"service_account_id={self.workload_identity['service_account_id']!r}, "
            f"token_exchange_url={self.token_exchange_url!r})"
        )

    # --- public API -------------------------------------------------------------

    def get_token(self, *, http_client: Optional[httpx.Client] = None) -> str:
        """The current access token, exchanging a new one when needed (blocking)."""
        token = self._token
        if token is not None and self._clock() < token.refresh_at:
            return token.value
        while True:
            with self._lock:
                action, stale = self._decide()
                if action == _WAIT:
                    waited_for = self._round
                    while self._round == waited_for:
                        self._round_done.wait()
                    if self._round_error is not None:
                        raise self._round_error
                    continue
            if action == _USE:
                assert stale is not None
                return stale.value
            return self._refresh_sync(stale, http_client)

    async def get_token_async(self, *, http_client: Optional[httpx.AsyncClient] = None) -> str:
        """The current access token, exchanging a new one when needed (without blocking the loop)."""
        token = self._token
        if token is not None and self._clock() < token.refresh_at:
            return token.value
        import anyio

        loop = _loop_token()
        waited_for = 0
        while True:
            event: Optional[anyio.Event] = None
            with self._lock:
                action, stale = self._decide()
                if action == _REFRESH:
                    self._async_done = (loop, anyio.Event())
                elif action == _WAIT:
                    waited_for = self._round
                    in_flight = self._async_done
                    if in_flight is not None and loop is not None and in_flight[0] == loop:
                        event = in_flight[1]
            if action == _USE:
                assert stale is not None
                return stale.value
            if action == _REFRESH:
                return await self._refresh_async(stale, http_client)
            if event is not None:
                await event.wait()
            else:
                # the refresh runs in a thread or in another event loop: wait off the loop
                await anyio.to_thread.run_sync(self._wait_for_round_after, waited_for)
            with self._lock:
                if self._round != waited_for and self._round_error is not None:
                    raise self._round_error

    def invalidate_token(self) -> None:
        """Forget the cached token: the next request exchanges a new one."""
        with self._lock:
            self._token = None

    # --- used by the clients ----------------------------------------------------

    def issued(self, token: str) -> bool:
        """Whether ``token`` is one this object handed out recently."""
        return token in self._recent

    def invalidate_if_current(self, token: str) -> None:
        """Forget the cached token if it is ``token`` (a request using it got a 401).

        A token already replaced by another thread's refresh is left alone, so a burst
        of 401s after an expiry still costs a single exchange.
        """
        with self._lock:
            if self._token is not None and self._token.value == token:
                self._token = None

    # --- the shared-refresh state machine (callers hold the lock) ---------------

    def _decide(self) -> Tuple[str, Optional[_Token]]:
        now = self._clock()
        token = self._token
        usable = token is not None and now < token.expires_at
        if token is not None and now < token.refresh_at:
            return _USE, token
        if self._refreshing:
            # someone else is refreshing: a token that has not expired is still fine
            return (_USE, token) if usable else (_WAIT, None)
        self._refreshing = True
        return _REFRESH, token if usable else None

    def _wait_for_round_after(self, round_number: int) -> None:
        with self._lock:
            while self._round == round_number:
                self._round_done.wait()

    def _finish(
        self,
        *,
        started: float,
        result: Optional[Tuple[str, float]],
        error: Optional[BaseException],
        stale: Optional[_Token],
    ) -> None:
        event: Optional[anyio.Event] = None
        with self._lock:
            self._refreshing = False
            if result is not None:
                value, expires_in = result
                refresh_at = started + expires_in - min(self._buffer, expires_in / 2)
                self._token = _Token(value, refresh_at, started + expires_in)
                self._recent.append(value)
            elif stale is not None and error is not None:
                # keep the old token, which has not expired, and try again a little later
                now = self._clock()
                delay = min(_RETRY_EARLY_REFRESH_AFTER, max(0.0, stale.expires_at - now) / 2)
                self._token = _Token(stale.value, now + delay, stale.expires_at)
            self._round += 1
            # a cancelled refresher (BaseException) passes nothing on: waiters try themselves
            self._round_error = error
            self._round_done.notify_all()
            if self._async_done is not None:
                event = self._async_done[1]
                self._async_done = None
        if event is not None:
            event.set()

    def _refresh_sync(self, stale: Optional[_Token], http_client: Optional[httpx.Client]) -> str:
        started = self._clock()
        try:
            subject = self._subject_token_sync()
            result = self._exchange_sync(subject, http_client)
        except Exception as err:
            return self._refresh_failed(err, started, stale)
        except BaseException:
            self._finish(started=started, result=None, error=None, stale=None)
            raise
        self._finish(started=started, result=result, error=None, stale=None)
        return result[0]

    async def _refresh_async(self, stale: Optional[_Token], http_client: Optional[httpx.AsyncClient]) -> str:
        started = self._clock()
        try:
            subject = await self._subject_token_async()
            result = await self._exchange_async(subject, http_client)
        except Exception as err:
            return self._refresh_failed(err, started, stale)
        except BaseException:
            self._finish(started=started, result=None, error=None, stale=None)
            raise
        self._finish(started=started, result=result, error=None, stale=None)
        return result[0]

    def _refresh_failed(self, err: Exception, started: float, stale: Optional[_Token]) -> str:
        if stale is not None and self._clock() < stale.expires_at:
            log.warning(
                "Refreshing the workload identity token failed (%s); the current token stays in use until it expires.",
                type(err).__name__,
            )
            self._finish(started=started, result=None, error=err, stale=stale)
            return stale.value
        self._finish(started=started, result=None, error=err, stale=None)
        raise err

    # --- the subject token --------------------------------------------------------

    def _provider_get_token(self) -> Callable[[], Any]:
        return cast(Callable[[], Any], self.workload_identity["provider"]["get_token"])

    def _subject_token_sync(self) -> str:
        try:
            token = self._provider_get_token()()
        except OpenAIError:
            raise
        except Exception as err:
            raise _provider_failed(err) from err
        return _check_subject_token(token)

    async def _subject_token_async(self) -> str:
        get_token = self._provider_get_token()
        try:
            if inspect.iscoroutinefunction(get_token):
                token = await get_token()
            else:
                import anyio.to_thread

                # providers read files or call metadata servers: keep that off the loop
                token = await anyio.to_thread.run_sync(get_token)
                if inspect.isawaitable(token):
                    token = await token
        except OpenAIError:
            raise
        except Exception as err:
            raise _provider_failed(err) from err
        return _check_subject_token(token)

    # --- the exchange -------------------------------------------------------------

    def _exchange_body(self, subject_token: str) -> bytes:
        config = self.workload_identity
        return json.dumps(
            {
                "grant_type": TOKEN_EXCHANGE_GRANT_TYPE,
                "subject_token": subject_token,
                "subject_token_type": self._subject_token_type,
                "identity_provider_id": config["identity_provider_id"],
                "service_account_id": config["service_account_id"],
            }
        ).encode()

    def _exchange_sync(self, subject_token: str, http_client: Optional[httpx.Client]) -> Tuple[str, float]:
        import httpx

        body = self._exchange_body(subject_token)
        try:
            if http_client is None:
                with httpx.Client(timeout=TOKEN_EXCHANGE_TIMEOUT_SECONDS) as own:
                    response = _post(own, self.token_exchange_url, body)
            else:
                response = _post(http_client, self.token_exchange_url, body)
        except httpx.HTTPError as err:
            raise _exchange_unreachable(err) from err
        return _read_exchange_response(response)

    async def _exchange_async(self, subject_token: str, http_client: Optional[httpx.AsyncClient]) -> Tuple[str, float]:
        import httpx

        body = self._exchange_body(subject_token)
        try:
            if http_client is None:
                async with httpx.AsyncClient(timeout=TOKEN_EXCHANGE_TIMEOUT_SECONDS) as own:
                    response = await _post_async(own, self.token_exchange_url, body)
            else:
                response = await _post_async(http_client, self.token_exchange_url, body)
        except httpx.HTTPError as err:
            raise _exchange_unreachable(err) from err
        return _read_exchange_response(response)


_EXCHANGE_HEADERS = {"Content-Type": "application/json", "Accept": "application/json"}


def _post(client: httpx.Client, url: str, body: bytes) -> httpx.Response:
    request = client.build_request(
        "POST", url, content=body, headers=_EXCHANGE_HEADERS, timeout=TOKEN_EXCHANGE_TIMEOUT_SECONDS
    )
    # never follow a redirect (the body carries the subject token), and no client-level auth
    return client.send(request, follow_redirects=False, auth=None)


async def _post_async(client: httpx.AsyncClient, url: str, body: bytes) -> httpx.Response:
    request = client.build_request(
        "POST", url, content=body, headers=_EXCHANGE_HEADERS, timeout=TOKEN_EXCHANGE_TIMEOUT_SECONDS
    )
    return await client.send(request, follow_redirects=False, auth=None)


def _exchange_unreachable(err: Exception) -> OpenAIError:
    import httpx

    request: Optional[httpx.Request]
    try:
        request = cast(Any, err).request
    except RuntimeError:
        request = None
    if request is None:
        return OpenAIError(f"Could not reach the workload identity token endpoint ({type(err).__name__}).")
    if isinstance(err, httpx.TimeoutException):
        return APITimeoutError(request=request)
    return APIConnectionError(
        message=f"Could not reach the workload identity token endpoint ({type(err).__name__}).", request=request
    )


def _response_body(response: httpx.Response) -> object:
    try:
        return json.loads(response.content)
    except ValueError:
        return response.text


def _read_exchange_response(response: httpx.Response) -> Tuple[str, float]:
    status = response.status_code
    if status in (400, 401, 403):
        error = OAuthError(response=response, body=_response_body(response))
        # the endpoint's own words might quote a token back: never show one
        error.message = redact(error.message)
        error.args = (error.message,)
        if error.error_description is not None:
            error.error_description = redact(error.error_description)
        raise error
    if not 200 <= status < 300:
        raise OpenAIError(f"The workload identity token exchange failed with HTTP status {status}.")
    data = _response_body(response)
    if not isinstance(data, dict):
        raise OpenAIError("The workload identity token endpoint answered with a body that is not a JSON object.")
    data = cast("dict[str, Any]", data)
    access_token = data.get("access_token")
    if not isinstance(access_token, str) or not access_token:
        raise OpenAIError("The workload identity token endpoint answered without a non-empty `access_token`.")
    register_secret(access_token)
    expires_in: Union[object, float] = data.get("expires_in")
    if (
        isinstance(expires_in, bool)
        or not isinstance(expires_in, (int, float))
        or not expires_in > 0
        or math.isinf(expires_in)
    ):
        raise OpenAIError(
            f"The workload identity token endpoint answered with an invalid `expires_in` ({expires_in!r}); "
            "expected a positive number of seconds."
        )
    log.debug("Exchanged a workload identity token, valid for %s s", expires_in)
    return access_token, float(expires_in)


def _provider_failed(err: Exception) -> SubjectTokenProviderError:
    return SubjectTokenProviderError(
        f"The workload identity subject token provider failed: {type(err).__name__}: {redact(str(err))}"
    )


def _check_subject_token(token: object) -> str:
    if not isinstance(token, str):
        raise SubjectTokenProviderError(
            f"The workload identity subject token provider must return a string, but it returned "
            f"{type(token).__name__}."
        )
    token = token.strip()
    if not token:
        raise SubjectTokenProviderError("The workload identity subject token provider returned an empty token.")
    register_secret(token)
    return token


def _loop_token() -> Optional[object]:
    """An identity for the running event loop (None when it cannot be told)."""
    try:
        import anyio.lowlevel

        return anyio.lowlevel.current_token()
    except Exception:
        return None
