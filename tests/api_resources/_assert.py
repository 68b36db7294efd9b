"""Recursive type assertions for the resource tests.

``assert_matches_type(T, value)`` checks that ``value`` is a ``T`` all the way
down: model fields against their annotations, list items, dict values, union
members, literal values, pages and their items, binary responses. A failure
names the path to the offending value (``response.choices[0].message``).
Stream items are checked one by one with ``assert_stream``.
"""

from __future__ import annotations

import importlib
import typing
from typing import Any, Dict, List, Optional, Sequence, Tuple

import typing_extensions

from openai import APIConnectionError, APIResponseValidationError
from openai._legacy_response import HttpxBinaryResponseContent
from openai._models import BaseModel

__all__ = ["assert_matches_type", "assert_stream", "assert_async_stream"]

_UNION_ORIGINS: Tuple[Any, ...] = (typing.Union,)
try:  # Python 3.10+: ``X | Y``
    import types as _types

    _UNION_ORIGINS += (_types.UnionType,)  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover - Python 3.9
    pass

_LIST_ORIGINS = (list, List, Sequence, typing.Iterable, tuple)


def _resolve(expected: Any) -> Any:
    """``"module.path:Name"`` references (as the generated methods write them) -> the type."""
    if isinstance(expected, str):
        module, _, name = expected.partition(":")
        value: Any = importlib.import_module(module)
        for part in name.split("."):
            value = getattr(value, part)
        return value
    return expected


def _where(path: Sequence[str]) -> str:
    return "".join(p if p.startswith("[") else f".{p}" for p in path).lstrip(".") or "value"


def _fail(path: Sequence[str], message: str) -> None:
    raise AssertionError(f"{_where(path)}: {message}")


def assert_matches_type(expected: Any, value: object, *, path: Sequence[str] = ("response",)) -> None:
    """Assert ``value`` is an instance of the type expression ``expected``, recursively."""
    expected = _resolve(expected)
    path = list(path)
    if expected is Any or expected is object:
        return
    if expected is None or expected is type(None):
        if value is not None:
            _fail(path, f"expected None, got {type(value).__name__}")
        return
    origin = typing_extensions.get_origin(expected)
    args = typing_extensions.get_args(expected)
    if origin is typing_extensions.Annotated:
        assert_matches_type(args[0], value, path=path)
        return
    if origin in (typing_extensions.Required, typing_extensions.NotRequired):
        assert_matches_type(args[0], value, path=path)
        return
    if origin is typing_extensions.Literal or origin is typing.Literal:
        if value not in args:
            _fail(path, f"{value!r} is not one of {args!r}")
        return
    if origin in _UNION_ORIGINS:
        errors: List[str] = []
        for member in args:
            try:
                assert_matches_type(member, value, path=path)
                return
            except AssertionError as exc:
                errors.append(str(exc))
        _fail(path, f"{value!r:.80} matches no member of {expected}: " + "; ".join(errors))
        return
    if origin in _LIST_ORIGINS or expected in (list, tuple):
        if not isinstance(value, (list, tuple)):
            _fail(path, f"expected a list, got {type(value).__name__}")
        item = args[0] if args else Any
        for index, element in enumerate(value):  # type: ignore[arg-type]
            assert_matches_type(item, element, path=[*path, f"[{index}]"])
        return
    if origin in (dict, Dict, typing.Mapping) or expected is dict:
        if not isinstance(value, dict):
            _fail(path, f"expected a dict, got {type(value).__name__}")
        item = args[1] if len(args) == 2 else Any
        for key, element in value.items():  # type: ignore[union-attr]
            if not isinstance(key, str):
                _fail(path, f"expected str keys, got {key!r}")
            assert_matches_type(item, element, path=[*path, f"[{key!r}]"])
        return
    if isinstance(expected, type):
        _assert_instance(expected, value, path)
        return
    _fail(path, f"cannot check against {expected!r}")


def _assert_instance(expected: type, value: object, path: List[str]) -> None:
    if expected is float:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            _fail(path, f"expected float, got {type(value).__name__} {value!r:.40}")
        return
    if expected is int:
        if not isinstance(value, int) or isinstance(value, bool):
            _fail(path, f"expected int, got {type(value).__name__} {value!r:.40}")
        return
    if issubclass(expected, BaseModel):
        _assert_model(expected, value, path)
        return
    if expected is HttpxBinaryResponseContent:
        if not isinstance(value, HttpxBinaryResponseContent):
            _fail(path, f"expected binary content, got {type(value).__name__}")
        if not isinstance(value.read(), bytes):
            _fail(path, "binary content did not read as bytes")
        return
    if not isinstance(value, expected):
        _fail(path, f"expected {expected.__name__}, got {type(value).__name__} {value!r:.60}")


def _generic_origin(cls: type) -> Optional[type]:
    meta = getattr(cls, "__pydantic_generic_metadata__", None)
    if meta and meta.get("origin") is not None:
        return meta["origin"]  # type: ignore[no-any-return]
    return None


def _assert_model(expected: type, value: object, path: List[str]) -> None:
    origin = _generic_origin(expected)
    if not isinstance(value, origin or expected):
        _fail(path, f"expected {expected.__name__}, got {type(value).__name__}")
    fields: Dict[str, Any] = expected.model_fields  # type: ignore[attr-defined]
    for name, info in fields.items():
        if not hasattr(value, name):
            if info.is_required():
                _fail([*path, name], "required field is missing")
            continue
        field_value = getattr(value, name)
        annotation = info.annotation
        if field_value is None and not info.is_required():
            continue  # an optional field the response left out
        assert_matches_type(annotation, field_value, path=[*path, name])


def _mock_stream_end(exc: Exception) -> bool:
    """How the mock server ends every stream: an ``event: done`` with ``data: {}``,
    never the provider's terminal event (``[DONE]``, ``response.completed``, ...).
    The runtime parses that ``{}`` as one more event (which fails validation) or,
    when nothing follows, reports the stream as cut off. Anything else is a failure."""
    if isinstance(exc, APIResponseValidationError):
        return exc.body == "{}" or exc.body == {}
    return isinstance(exc, APIConnectionError) and "terminal event" in str(exc)


def _drain(iterator: Any, chunk: Any) -> int:
    count = 0
    try:
        for item in iterator:
            assert_matches_type(chunk, item, path=["stream", f"[{count}]"])
            count += 1
    except (APIConnectionError, APIResponseValidationError) as exc:
        if not _mock_stream_end(exc):
            raise
    return count


def assert_stream(chunk: Any, stream: Any) -> int:
    """Check every item of a sync stream; returns how many there were."""
    from openai import Stream

    assert isinstance(stream, Stream), type(stream)
    try:
        return _drain(stream, chunk)
    finally:
        stream.close()


async def assert_async_stream(chunk: Any, stream: Any) -> int:
    """Check every item of an async stream; returns how many there were."""
    from openai import AsyncStream

    assert isinstance(stream, AsyncStream), type(stream)
    count = 0
    try:
        async for item in stream:
            assert_matches_type(chunk, item, path=["stream", f"[{count}]"])
            count += 1
    except (APIConnectionError, APIResponseValidationError) as exc:
        if not _mock_stream_end(exc):  # see _drain
            raise
    finally:
        await stream.close()
    return count
