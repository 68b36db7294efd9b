"""Small generic helpers (predicates, coercions, file extraction, path templates)."""

from __future__ import annotations

import functools
import re
from typing import (
    Any,
    Callable,
    Dict,
    Iterable,
    List,
    Mapping,
    Sequence,
    Tuple,
    TypeVar,
    Union,
    cast,
)
from urllib.parse import quote

from typing_extensions import TypeGuard

from .._types import FileTypes, HeadersLike, NotGiven, Omit

_T = TypeVar("_T")
CallableT = TypeVar("CallableT", bound=Callable[..., Any])


def flatten(t: Iterable[Iterable[_T]]) -> List[_T]:
    return [item for sub in t for item in sub]


def is_given(obj: Union[_T, NotGiven, Omit]) -> TypeGuard[_T]:
    return not isinstance(obj, (NotGiven, Omit))


def is_dict(obj: object) -> TypeGuard[Dict[object, object]]:
    return isinstance(obj, dict)


def is_list(obj: object) -> TypeGuard[List[object]]:
    return isinstance(obj, list)


def is_tuple(obj: object) -> TypeGuard[Tuple[object, ...]]:
    return isinstance(obj, tuple)


def is_tuple_t(obj: Union[Tuple[_T, ...], object]) -> TypeGuard[Tuple[_T, ...]]:
    return isinstance(obj, tuple)


def is_mapping(obj: object) -> TypeGuard[Mapping[str, object]]:
    return isinstance(obj, Mapping)


def is_mapping_t(obj: Union[Mapping[str, _T], object]) -> TypeGuard[Mapping[str, _T]]:
    return isinstance(obj, Mapping)


def is_sequence(obj: object) -> TypeGuard[Sequence[object]]:
    return isinstance(obj, Sequence)


def is_sequence_t(obj: Union[Sequence[_T], object]) -> TypeGuard[Sequence[_T]]:
    return isinstance(obj, Sequence)


def is_iterable(obj: object) -> TypeGuard[Iterable[object]]:
    return isinstance(obj, Iterable)


def strip_not_given(obj: object) -> object:
    """A copy of a mapping without its not-given/omitted values; anything else unchanged."""
    if obj is None or not isinstance(obj, Mapping):
        return obj
    return {k: v for k, v in cast("Mapping[str, object]", obj).items() if not isinstance(v, (NotGiven, Omit))}


def coerce_integer(val: str) -> int:
    return int(val, base=10)


def coerce_float(val: str) -> float:
    return float(val)


def coerce_boolean(val: str) -> bool:
    return val in ("true", "1", "on")


def maybe_coerce_integer(val: Union[str, None]) -> Union[int, None]:
    return None if val is None else coerce_integer(val)


def maybe_coerce_float(val: Union[str, None]) -> Union[float, None]:
    return None if val is None else coerce_float(val)


def maybe_coerce_boolean(val: Union[str, None]) -> Union[bool, None]:
    return None if val is None else coerce_boolean(val)


def removeprefix(string: str, prefix: str) -> str:
    return string[len(prefix) :] if prefix and string.startswith(prefix) else string


def removesuffix(string: str, suffix: str) -> str:
    return string[: -len(suffix)] if suffix and string.endswith(suffix) else string


def get_required_header(headers: HeadersLike, header: str) -> str:
    """The value of ``header`` (case-insensitive); ValueError when it is missing."""
    lower = header.lower()
    if isinstance(headers, Mapping):
        for key, value in headers.items():
            if key.lower() == lower and isinstance(value, str):
                return value
    getter = getattr(headers, "get", None)
    if getter is not None:
        value = getter(header)
        if isinstance(value, str):
            return value
    raise ValueError(f"Could not find {header} header")


def get_async_library() -> str:
    """The running async library ("asyncio", "trio", ...), or "false" outside async code."""
    try:
        import sniffio  # pyright: ignore[reportMissingImports]

        return sniffio.current_async_library()
    except ImportError:
        pass
    except Exception:
        return "false"
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return "false"
    return "asyncio"


def lru_cache(*, maxsize: Union[int, None] = 128) -> Callable[[CallableT], CallableT]:
    """``functools.lru_cache`` that keeps the wrapped function's signature for type checkers."""

    def decorator(func: CallableT) -> CallableT:
        return cast(CallableT, functools.lru_cache(maxsize=maxsize)(func))

    return decorator


def json_safe(data: object) -> object:
    """``data`` with datetimes turned into ISO strings, recursively (for JSON encoding)."""
    if isinstance(data, Mapping):
        return {json_safe(k): json_safe(v) for k, v in cast("Mapping[object, object]", data).items()}
    if isinstance(data, (list, tuple, set, frozenset)) or (
        isinstance(data, Iterable) and not isinstance(data, (str, bytes, bytearray))
    ):
        return [json_safe(item) for item in cast("Iterable[object]", data)]
    isoformat = getattr(data, "isoformat", None)
    if isoformat is not None and callable(isoformat) and not isinstance(data, type):
        return isoformat()
    return data


def required_args(*variants: Sequence[str]) -> Callable[[CallableT], CallableT]:
    """Check that a call passes every argument of at least one of ``variants``.

    Used on overloaded methods whose overloads require different arguments.
    """

    def decorator(func: CallableT) -> CallableT:
        import inspect

        params = inspect.signature(func).parameters
        positional = [
            name
            for name, p in params.items()
            if p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        ]

        @functools.wraps(func)
        def wrapper(*args: object, **kwargs: object) -> object:
            given = set(kwargs)
            for index, _ in enumerate(args):
                if index >= len(positional):
                    raise TypeError(f"{func.__name__}() takes {len(positional)} argument(s) but {len(args)} were given")
                given.add(positional[index])
            for variant in variants:
                if all(name in given for name in variant):
                    return func(*args, **kwargs)
            if len(variants) == 1:
                missing = [f"'{n}'" for n in variants[0] if n not in given]
                raise TypeError(f"Missing required argument{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
            options = " or ".join("(" + ", ".join(f"'{n}'" for n in v) + ")" for v in variants)
            raise TypeError(f"Missing required arguments; Expected either {options} arguments to be given")

        return cast(CallableT, wrapper)

    return decorator


# --- multipart -----------------------------------------------------------------


def extract_files(
    query: Mapping[str, object], *, paths: Sequence[Sequence[str]], array_format: str = "brackets"
) -> List[Tuple[str, FileTypes]]:
    """Pop the file values at ``paths`` out of ``query`` (mutated) and return them as
    ``(form key, file)`` pairs. ``"<array>"`` in a path stands for every item of a list."""
    files: List[Tuple[str, FileTypes]] = []
    for path in paths:
        files.extend(_extract(cast(Dict[str, object], query), path, 0, None, array_format))
    return files


def _extract(
    obj: object, path: Sequence[str], index: int, key: Union[str, None], array_format: str
) -> List[Tuple[str, FileTypes]]:
    from .._files import assert_is_file_content

    if index >= len(path):
        if isinstance(obj, (NotGiven, Omit)) or obj is None:
            return []
        assert key is not None
        if isinstance(obj, list):
            out: List[Tuple[str, FileTypes]] = []
            for item in cast(List[object], obj):
                assert_is_file_content(item, key=key)
                out.append((key + "[]" if array_format == "brackets" else key, cast(FileTypes, item)))
            return out
        assert_is_file_content(obj, key=key)
        return [(key, cast(FileTypes, obj))]

    part = path[index]
    if part == "<array>":
        if not isinstance(obj, list):
            return []
        found: List[Tuple[str, FileTypes]] = []
        item_key = (key or "") + ("[]" if array_format == "brackets" else "")
        for item in cast(List[object], obj):
            found.extend(_extract(item, path, index + 1, item_key, array_format))
        return found
    if not isinstance(obj, dict):
        return []
    container = cast(Dict[str, object], obj)
    if part not in container:
        return []
    # the last key on the path is removed from the body (arrays of files included)
    is_last_key = all(p == "<array>" for p in path[index + 1 :])
    value = container.pop(part) if is_last_key else container[part]
    sub_key = part if key is None else f"{key}[{part}]"
    return _extract(value, path, index + 1, sub_key, array_format)


# --- paths ---------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def path_template(template: str, /, **kwargs: Any) -> str:
    """Fill ``{name}`` placeholders with URL-quoted values (``/`` included)."""

    def replace(match: "re.Match[str]") -> str:
        name = match.group(1)
        if name not in kwargs:
            raise KeyError(f"Missing value for path parameter `{name}` in {template!r}")
        return quote(str(kwargs[name]), safe="")

    return _PLACEHOLDER.sub(replace, template)


# --- provider checks (imported lazily: the Azure module is optional) -----------


def is_azure_client(client: object) -> bool:
    try:
        from ..lib.azure import AzureOpenAI  # pyright: ignore
    except ImportError:
        return False
    return isinstance(client, AzureOpenAI)  # pyright: ignore


def is_async_azure_client(client: object) -> bool:
    try:
        from ..lib.azure import AsyncAzureOpenAI  # pyright: ignore
    except ImportError:
        return False
    return isinstance(client, AsyncAzureOpenAI)  # pyright: ignore
