"""Sentinels and type aliases shared by the runtime and the generated code.

This module is imported by nearly everything, so it must stay cheap: it never
imports httpx or pydantic at runtime (only under ``TYPE_CHECKING``).
"""

from __future__ import annotations

import os
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Protocol,
    Sequence,
    Tuple,
    TypeVar,
    Union,
    overload,
)

from typing_extensions import Literal, SupportsIndex, TypeAlias, TypedDict, final

if TYPE_CHECKING:
    import httpx
    from httpx import Response as Response

    from ._models import BaseModel

__all__ = [
    "NotGiven",
    "NOT_GIVEN",
    "not_given",
    "Omit",
    "omit",
    "NoneType",
    "Body",
    "Query",
    "Headers",
    "HeadersLike",
    "Timeout",
    "Transport",
    "ProxiesTypes",
    "RequestFiles",
    "FileTypes",
    "FileContent",
    "RequestOptions",
    "SecurityOptions",
    "SequenceNotStr",
    "StrBytesIntFloat",
]

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)

NoneType: type[None] = type(None)


@final
class NotGiven:
    """Marks a parameter the caller did not pass, as distinct from an explicit ``None``.

    ``None`` is a meaningful value for many options (``timeout=None`` disables the
    timeout), so "not given" needs its own sentinel. It is falsy.
    """

    __slots__ = ()
    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        # a singleton, so ``is`` comparisons work across copies and pickling
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"

    def __copy__(self) -> NotGiven:
        return self

    def __deepcopy__(self, memo: Any) -> NotGiven:
        return self


not_given = NotGiven()
NOT_GIVEN = not_given


@final
class Omit:
    """Removes a value that would otherwise be sent.

    As a parameter default it means "leave this field out of the request". As a
    header value (``extra_headers={"OpenAI-Organization": omit}``) it removes a
    header the client would send by default.
    """

    __slots__ = ()
    _instance: Omit | None = None

    def __new__(cls) -> Omit:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "omit"

    def __reduce__(self) -> str:
        return "omit"

    def __copy__(self) -> Omit:
        return self

    def __deepcopy__(self, memo: Any) -> Omit:
        return self


omit = Omit()

# --- request building blocks -------------------------------------------------

Query = Mapping[str, object]
Body = object
AnyMapping = Mapping[str, object]
Headers = Mapping[str, Union[str, Omit]]
HeadersLike = Headers

# ``Timeout`` and ``Transport`` are httpx's classes, as in 2.38: libraries call
# ``openai.Timeout(connect=...)`` and read ``.connect`` from what they built.
# At runtime they (and ``ProxiesTypes``) come from ``__getattr__`` below, so that
# importing this module never loads httpx.
if TYPE_CHECKING:
    from httpx import BaseTransport as Transport, Timeout as Timeout

    ProxiesTypes: TypeAlias = Union[
        str,
        httpx.Proxy,
        Dict[Union[str, "httpx.URL"], Union[None, str, httpx.URL, httpx.Proxy]],
    ]

# File parameters: raw bytes, a file object, a path, or a tuple of
# (filename, contents[, content type[, extra headers]]).
# (``os.PathLike`` evaluated here, not a string: a forward reference would have to
# resolve in every params module that uses the alias, and ``get_type_hints`` fails there)
FileContent = Union[IO[bytes], bytes, os.PathLike]
FileTypes = Union[
    FileContent,
    Tuple[Optional[str], FileContent],
    Tuple[Optional[str], FileContent, Optional[str]],
    Tuple[Optional[str], FileContent, Optional[str], Mapping[str, str]],
]
RequestFiles = Union[Mapping[str, FileTypes], Sequence[Tuple[str, FileTypes]]]

StrBytesIntFloat = Union[str, bytes, int, float]

# the type of what the response parser produces
ResponseT = TypeVar("ResponseT")
ModelT = TypeVar("ModelT", bound="BaseModel")


class SecurityOptions(TypedDict, total=False):
    """Which credentials may authenticate a request (the official shape).

    ``bearer_auth``: the ordinary credential (api key, key provider, workload
    identity). ``admin_api_key_auth``: the organization admin key. Generated admin
    methods pass ``{"admin_api_key_auth": True}``; no value means the ordinary
    credential only.
    """

    bearer_auth: bool
    admin_api_key_auth: bool


class RequestOptions(TypedDict, total=False):
    """Per-request options, as accepted by ``client.get/post/...`` and built by
    ``make_request_options``."""

    headers: Headers
    max_retries: int
    timeout: Union[float, "httpx.Timeout", None]
    params: Query
    extra_json: AnyMapping
    idempotency_key: str
    follow_redirects: bool
    # which credentials authenticate the request (see SecurityOptions)
    security: SecurityOptions
    post_parser: Callable[[Any], Any]
    # ours, not in 2.38: receives the decoded JSON before validation, for answers whose
    # wire shape differs from the declared type (base64 embeddings); validating the
    # converted data keeps strict validation meaningful and skips the lenient path
    pre_parser: Callable[[Any], Any]
    # wrap `thread.*`-style events as {"event": ..., "data": ...} before parsing
    synthesize_event_and_data: bool


class HttpxSendArgs(TypedDict, total=False):
    auth: Any
    follow_redirects: bool


# --- SequenceNotStr ----------------------------------------------------------
# ``Sequence[str]`` accepts a bare ``str`` (a str is a sequence of str), which is
# almost always a bug for list parameters. For type checkers this protocol matches
# lists and tuples but, thanks to the ``__contains__``/``index`` signatures, not
# ``str``. At runtime it is plain ``Sequence``: pydantic (``TypeAdapter`` over a
# params TypedDict) and ``typing.get_type_hints`` understand that, not a Protocol.

if TYPE_CHECKING:

    class SequenceNotStr(Protocol[_T_co]):
        @overload
        def __getitem__(self, index: SupportsIndex, /) -> _T_co: ...

        @overload
        def __getitem__(self, index: slice, /) -> Sequence[_T_co]: ...

        def __contains__(self, value: object, /) -> bool: ...

        def __len__(self) -> int: ...

        def __iter__(self) -> Iterator[_T_co]: ...

        def index(self, value: Any, start: int = 0, stop: int = ..., /) -> int: ...

        def count(self, value: Any, /) -> int: ...

        def __reversed__(self) -> Iterator[_T_co]: ...

else:
    SequenceNotStr = Sequence


# for the lenient JSON helpers
JSONValue = Union[str, int, float, bool, None, List[Any], Dict[str, Any]]
PostParser = Callable[[Any], Any]


def __getattr__(name: str) -> Any:
    # names that are (or are built from) httpx's classes, resolved on first use so
    # that importing this module never loads httpx; ``openai._types.Response`` is
    # httpx's response class (libraries import it from here)
    if name in ("Response", "Timeout", "Transport", "ProxiesTypes"):
        import httpx

        value: Any
        if name == "ProxiesTypes":
            value = Union[
                str,
                httpx.Proxy,
                Dict[Union[str, httpx.URL], Union[None, str, httpx.URL, httpx.Proxy]],
            ]
        else:
            value = {
                "Response": httpx.Response,
                "Timeout": httpx.Timeout,
                "Transport": httpx.BaseTransport,
            }[name]
        globals()[name] = value  # cached: later lookups are plain attribute reads
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
