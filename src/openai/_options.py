"""Per-request options: the ``RequestOptions`` dict that generated methods build with
:func:`make_request_options`, and the ``FinalRequestOptions`` the request loop uses."""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Mapping,
    Optional,
    Tuple,
    Union,
    cast,
)

from ._types import (
    Body,
    Headers,
    NotGiven,
    Query,
    RequestFiles,
    RequestOptions,
    SecurityOptions,
    not_given,
)

if TYPE_CHECKING:
    import httpx

__all__ = ["FinalRequestOptions", "make_request_options", "accepted_credentials"]

_MISSING: Any = not_given


def make_request_options(
    *,
    query: Optional[Query] = None,
    extra_headers: Optional[Headers] = None,
    extra_query: Optional[Query] = None,
    extra_body: Optional[Body] = None,
    idempotency_key: Optional[str] = None,
    timeout: "float | httpx.Timeout | None | NotGiven" = not_given,
    post_parser: "Callable[[Any], Any] | NotGiven" = not_given,
    security: Optional[SecurityOptions] = None,
    synthesize_event_and_data: Optional[bool] = None,
) -> RequestOptions:
    """Collect a method's per-request options into the dict the client methods accept.

    The signature is the official one. Our own option ``pre_parser`` (see
    ``RequestOptions``) is set on the returned dict by the code that needs it.
    """
    options: Dict[str, Any] = {}
    if extra_headers is not None:
        options["headers"] = extra_headers
    if extra_body is not None:
        options["extra_json"] = extra_body
    if query is not None:
        options["params"] = query
    if extra_query is not None:
        options["params"] = (
            {**options["params"], **extra_query} if "params" in options else extra_query
        )
    if not isinstance(timeout, NotGiven):
        options["timeout"] = timeout
    if idempotency_key is not None:
        options["idempotency_key"] = idempotency_key
    if not isinstance(post_parser, NotGiven):
        options["post_parser"] = post_parser
    if security is not None:
        options["security"] = security
    if synthesize_event_and_data is not None:
        options["synthesize_event_and_data"] = synthesize_event_and_data
    return options  # type: ignore[return-value]


# (ordinary credential accepted, admin key accepted)
_ORDINARY_ONLY = (True, False)
_ADMIN_ONLY = (False, True)


def accepted_credentials(security: object) -> Tuple[bool, bool]:
    """Which credentials a request's ``security`` value accepts:
    ``(ordinary credential, admin key)``.

    ``None`` (the default) is the ordinary credential only: the admin key is never
    sent to an endpoint that did not ask for it. The official dict form
    (``SecurityOptions``) says it per credential; the earlier string form
    ``"admin_api_key"`` still selects the admin key.
    """
    if security is None:
        return _ORDINARY_ONLY
    if isinstance(security, Mapping):
        flags = cast("Mapping[str, object]", security)
        return (bool(flags.get("bearer_auth")), bool(flags.get("admin_api_key_auth")))
    if security == "admin_api_key":
        return _ADMIN_ONLY
    if security in ("api_key", "bearer_auth"):
        return _ORDINARY_ONLY
    raise TypeError(
        f"Request option `security` must be a dict like {{'admin_api_key_auth': True}}, got {security!r}"
    )


class FinalRequestOptions:
    """Everything about one request except the client's defaults.

    A plain slotted object: built once per call, shared by every retry, never
    deep-copied. Hooks that change options per attempt use :meth:`copy`.
    """

    __slots__ = (
        "method",
        "url",
        "params",
        "headers",
        "max_retries",
        "timeout",
        "files",
        "json_data",
        "content",
        "extra_json",
        "idempotency_key",
        "post_parser",
        "pre_parser",
        "follow_redirects",
        "security",
        "synthesize_event_and_data",
    )

    def __init__(
        self,
        *,
        method: str,
        url: str,
        params: Optional[Query] = None,
        headers: Union[Headers, NotGiven, None] = not_given,
        max_retries: Union[int, NotGiven] = not_given,
        timeout: "float | httpx.Timeout | None | NotGiven" = not_given,
        files: Optional[RequestFiles] = None,
        json_data: Optional[Body] = None,
        content: Any = None,
        extra_json: Optional[Mapping[str, object]] = None,
        idempotency_key: Optional[str] = None,
        post_parser: "Callable[[Any], Any] | NotGiven" = not_given,
        pre_parser: "Callable[[Any], Any] | NotGiven" = not_given,
        follow_redirects: Optional[bool] = None,
        security: Optional[SecurityOptions] = None,
        synthesize_event_and_data: Optional[bool] = None,
    ) -> None:
        self.method = method
        self.url = url
        self.params = params if params is not None else {}
        self.headers = headers
        self.max_retries = max_retries
        self.timeout = timeout
        self.files = files
        self.json_data = json_data
        self.content = content
        self.extra_json = extra_json
        self.idempotency_key = idempotency_key
        self.post_parser = post_parser
        # applied to the decoded JSON before it is validated (see make_request_options)
        self.pre_parser = pre_parser
        self.follow_redirects = follow_redirects
        self.security = security
        self.synthesize_event_and_data = synthesize_event_and_data

    @classmethod
    def construct(cls, **values: Any) -> "FinalRequestOptions":
        """Build from keyword values (the official package's spelling)."""
        return cls(**values)

    model_construct = construct

    @classmethod
    def from_request_options(
        cls,
        method: str,
        url: str,
        options: Mapping[str, Any],
        *,
        json_data: Optional[Body] = None,
        files: Optional[RequestFiles] = None,
        content: Any = None,
    ) -> "FinalRequestOptions":
        get = options.get
        return cls(
            method=method,
            url=url,
            params=get("params"),
            headers=get("headers", _MISSING),
            max_retries=get("max_retries", _MISSING),
            timeout=get("timeout", _MISSING),
            files=files,
            json_data=json_data,
            content=content,
            extra_json=get("extra_json"),
            idempotency_key=get("idempotency_key"),
            post_parser=get("post_parser", _MISSING),
            pre_parser=get("pre_parser", _MISSING),
            follow_redirects=get("follow_redirects"),
            security=get("security"),
            synthesize_event_and_data=get("synthesize_event_and_data"),
        )

    def copy(self, **changes: Any) -> "FinalRequestOptions":
        new = object.__new__(FinalRequestOptions)
        for name in self.__slots__:
            object.__setattr__(
                new, name, changes.pop(name) if name in changes else getattr(self, name)
            )
        if changes:
            raise TypeError(f"Unknown request options: {', '.join(sorted(changes))}")
        return new

    model_copy = copy

    def get_max_retries(self, default: int) -> int:
        return default if isinstance(self.max_retries, NotGiven) else self.max_retries

    def __repr__(self) -> str:
        from ._logs import redact

        fields = ", ".join(
            f"{name}={getattr(self, name)!r}"
            for name in ("method", "url", "params", "headers")
        )
        return redact(f"FinalRequestOptions({fields})")
