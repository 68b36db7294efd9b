"""A deliberately naive partial-JSON parser, the oracle for the incremental one.

It re-reads the whole prefix with plain recursive descent (O(n) per prefix, so
O(n^2) per document) and shares no code with the parser under test. It only
handles well-formed prefixes; the tests feed it prefixes of valid documents.
"""

from __future__ import annotations

import json
import re
from typing import Any, List, Tuple

MISSING: Any = object()

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_WS = re.compile(r"[ \t\n\r]*")
_STRING_TOKEN = re.compile(r'\\u[0-9a-fA-F]{4}|\\[^u]|[^"\\]')
_LITERALS = {
    "true": True,
    "false": False,
    "null": None,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
}


class _Eof(Exception):
    def __init__(self, partial: Any) -> None:
        self.partial = partial


def reference_partial(text: str, *, partial_strings: bool) -> Any:
    """The snapshot the incremental parser must report after reading ``text``; None if nothing shows."""
    try:
        value, _ = _value(text, _skip(text, 0), partial_strings)
        return value
    except _Eof as eof:
        return None if eof.partial is MISSING else eof.partial


def _skip(text: str, i: int) -> int:
    return _WS.match(text, i).end()  # type: ignore[union-attr]


def _value(text: str, i: int, ps: bool) -> Tuple[Any, int]:
    if i >= len(text):
        raise _Eof(MISSING)
    c = text[i]
    if c == "{":
        return _object(text, i + 1, ps)
    if c == "[":
        return _array(text, i + 1, ps)
    if c == '"':
        return _string(text, i + 1, ps)
    for literal, value in _LITERALS.items():
        if text.startswith(literal, i):
            return value, i + len(literal)
        if literal.startswith(text[i:]):
            raise _Eof(MISSING)
    m = _NUMBER.match(text, i)
    assert m is not None, f"not a valid prefix at {i}: {text[i : i + 20]!r}"
    number = m.group()
    parsed = float(number) if any(ch in number for ch in ".eE") else int(number)
    if m.end() == len(text):
        raise _Eof(parsed)  # may still grow
    if text[m.end()] in ".eE+-0123456789":
        raise _Eof(MISSING)  # an incomplete fraction or exponent at the end
    return parsed, m.end()


def _string(text: str, i: int, ps: bool) -> Tuple[str, int]:
    tokens: List[str] = []
    while True:
        if i >= len(text):
            raise _Eof(_decode(tokens) if ps else MISSING)
        if text[i] == '"':
            return json.loads('"' + "".join(tokens) + '"'), i + 1
        m = _STRING_TOKEN.match(text, i)
        if m is None:  # an escape cut short by the end of the prefix
            raise _Eof(_decode(tokens) if ps else MISSING)
        tokens.append(m.group())
        i = m.end()


def _decode(tokens: List[str]) -> str:
    # a trailing escaped high surrogate may still get its low half: leave it out
    if tokens and re.fullmatch(r"\\u[dD][89abAB][0-9a-fA-F]{2}", tokens[-1]):
        tokens = tokens[:-1]
    return json.loads('"' + "".join(tokens) + '"')


def _array(text: str, i: int, ps: bool) -> Tuple[List[Any], int]:
    out: List[Any] = []
    i = _skip(text, i)
    if i < len(text) and text[i] == "]":
        return out, i + 1
    while True:
        try:
            item, i = _value(text, _skip(text, i), ps)
        except _Eof as eof:
            if eof.partial is not MISSING:
                out.append(eof.partial)
            raise _Eof(out) from None
        out.append(item)
        i = _skip(text, i)
        if i >= len(text):
            raise _Eof(out)
        if text[i] == "]":
            return out, i + 1
        assert text[i] == ","
        i += 1


def _object(text: str, i: int, ps: bool) -> Tuple[dict[str, Any], int]:
    out: dict[str, Any] = {}
    i = _skip(text, i)
    if i < len(text) and text[i] == "}":
        return out, i + 1
    while True:
        i = _skip(text, i)
        try:
            key, i = _string(text, i + 1, False)
        except _Eof:
            raise _Eof(out) from None
        i = _skip(text, i)
        if i >= len(text):
            raise _Eof(out)
        assert text[i] == ":"
        try:
            out[key], i = _value(text, _skip(text, i + 1), ps)
        except _Eof as eof:
            if eof.partial is not MISSING:
                out[key] = eof.partial
            raise _Eof(out) from None
        i = _skip(text, i)
        if i >= len(text):
            raise _Eof(out)
        if text[i] == "}":
            return out, i + 1
        assert text[i] == ","
        i += 1
