"""Incremental parsing of JSON that arrives in pieces.

Structured output streams a JSON document a few characters at a time, and the
stream helpers report the best-effort value after every piece. Re-parsing the
whole text each time costs O(n) per piece, O(n^2) per document. This parser
keeps its state between pieces instead (the stack of open containers, the
token in progress), so each character is scanned once: feeding a document in
any number of pieces costs O(total length).

The value under construction is a tree of ordinary dicts and lists that the
parser appends to in place. ``snapshot()`` returns a value that later pieces do
not change: it copies only the containers that are still open (the path from the
root to the current token) and shares every completed sub-value, which is never
touched again. A snapshot is cached until the value changes, so asking after a
piece that only extended a hidden token (a key, a literal, a string when partial
strings are off) costs nothing.

What a snapshot contains (the same rules as the official client's partial mode):

- containers appear as soon as they open (``{"a": [`` gives ``{"a": []}``);
- an object member appears once its value has started to appear, never with a
  partial key;
- a number appears once its text is a valid number (``12`` yes, ``1.`` or ``-``
  no), and may still grow;
- ``true``/``false``/``null``/``NaN``/``Infinity`` appear when complete;
- an unfinished string appears only with ``partial_strings=True``, without any
  escape sequence that is still incomplete.

Anything that cannot be the prefix of a JSON document raises
``PartialJSONError`` (a ``ValueError``) at the first character that proves it,
with its position; the parser then stays failed. The accepted language is that
of ``json.loads``: standard JSON plus ``NaN``, ``Infinity`` and ``-Infinity``.
"""

from __future__ import annotations

import codecs
import re
import sys
from typing import Any, Dict, List, Optional, Union

from typing_extensions import NoReturn

__all__ = ["PartialJSONError", "PartialJSONParser", "parse_partial_json"]


class PartialJSONError(ValueError):
    """The text fed so far cannot be (the start of) a JSON document."""

    def __init__(self, msg: str, pos: int, lineno: int, colno: int) -> None:
        super().__init__(f"{msg}: line {lineno} column {colno} (char {pos})")
        self.msg = msg
        self.pos = pos
        self.lineno = lineno
        self.colno = colno


# Parser states. The first group are "between tokens" states, where whitespace is
# skipped and one structural character decides what comes next.
_VALUE = 0  # a value must come next: the top level, after ':', after ',' in an array
_ARRAY_FIRST = 1  # just after '[': a value or ']'
_ARRAY_NEXT = 2  # after an array element: ',' or ']'
_OBJECT_FIRST = 3  # just after '{': a key or '}'
_OBJECT_KEY = 4  # after ',' in an object: a key
_COLON = 5  # after a key: ':'
_OBJECT_NEXT = 6  # after a member: ',' or '}'
_END = 7  # the document is complete; only whitespace may follow
# Inside a token.
_STRING = 8
_NUMBER = 9
_LITERAL = 10
_FAILED = 11

# Number sub-states, one per position in the grammar -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
_N_SIGN = 0  # after '-'
_N_ZERO = 1  # a leading 0
_N_INT = 2  # integer digits
_N_DOT = 3  # after '.'
_N_FRAC = 4  # fraction digits
_N_E = 5  # after 'e'
_N_ESIGN = 6  # after the exponent's sign
_N_EXP = 7  # exponent digits
_N_COMPLETE = (False, True, True, False, True, False, False, True)

_WS = re.compile(r"[ \t\n\r]*")
_STRING_RUN = re.compile(r'[^"\\\x00-\x1f]+')
_DIGITS = re.compile(r"[0-9]+")
_HEX = re.compile(r"[0-9a-fA-F]{1,4}")

_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
_LITERALS: Dict[str, Any] = {
    "true": True,
    "false": False,
    "null": None,
    "NaN": float("nan"),
    "Infinity": float("inf"),
    "-Infinity": float("-inf"),
}
_LITERAL_BY_FIRST = {
    "t": "true",
    "f": "false",
    "n": "null",
    "N": "NaN",
    "I": "Infinity",
}

_MISSING: Any = object()

Container = Union[Dict[str, Any], List[Any]]


class PartialJSONParser:
    """Parses one JSON document fed in pieces; see the module docstring.

    ``feed(piece)`` returns ``snapshot()``; ``finish()`` checks the document is
    complete and returns its value, equal to ``json.loads`` of the whole text.
    """

    def __init__(self, *, partial_strings: bool = False) -> None:
        self._partial_strings = partial_strings
        self._state = _VALUE
        self._error: Optional[PartialJSONError] = None
        # open containers, outermost first, and for objects the key of the member
        # being parsed (the key under which the innermost open child hangs)
        self._stack: List[Container] = []
        self._keys: List[Optional[str]] = []
        self._root: Any = None
        self._has_root = False
        # string in progress
        self._str_parts: List[str] = []
        self._str_is_key = False
        self._escape = 0  # 0: none, 1: after a backslash, 2: in the hex digits of \u
        self._hex = ""
        self._high = 0  # a high surrogate waiting for its low half
        # number / literal in progress
        self._num_parts: List[str] = []
        self._num_state = _N_SIGN
        self._literal = ""
        self._literal_pos = 0
        # bumped whenever the visible value changes; guards the snapshot cache
        self._version = 0
        self._snapshot_version = -1
        self._snapshot: Any = None
        # position, for error messages
        self._pos = 0
        self._line = 1
        self._line_start = 0
        self._decoder: Optional[codecs.IncrementalDecoder] = None

    # ---------------------------------------------------------------- public API

    @property
    def done(self) -> bool:
        """True once a complete top-level value has been read."""
        return self._state == _END

    @property
    def has_value(self) -> bool:
        """True once ``snapshot()`` has something to show (``None`` is ambiguous: it is also JSON null)."""
        return self._has_root or self._tip() is not _MISSING

    @property
    def value(self) -> Any:
        """The live value, updated in place by later pieces: read it, never keep or mutate it."""
        if self._has_root:
            return self._root
        tip = self._tip()
        return None if tip is _MISSING else tip

    def feed(self, piece: Union[str, bytes]) -> Any:
        """Consume the next piece of text (``str``, or UTF-8 ``bytes`` that may split characters)."""
        if self._error is not None:
            raise self._error
        if isinstance(piece, bytes):
            if self._decoder is None:
                self._decoder = codecs.getincrementaldecoder("utf-8")()
            try:
                text = self._decoder.decode(piece)
            except UnicodeDecodeError as exc:
                self._fail_at_end(f"Invalid UTF-8 ({exc.reason})")
        elif isinstance(piece, str):
            if self._decoder is not None and self._decoder.getstate()[0]:
                raise ValueError(
                    "feed() got str while the bytes fed before end inside a UTF-8 character"
                )
            text = piece
        else:
            raise TypeError(f"feed() expects str or bytes, got {type(piece).__name__}")
        if text:
            self._consume(text)
        return self.snapshot()

    def snapshot(self) -> Any:
        """The best-effort value so far, independent of later pieces; ``None`` before anything shows."""
        if self._snapshot_version != self._version:
            self._snapshot = self._build_snapshot()
            self._snapshot_version = self._version
        return self._snapshot

    def finish(self) -> Any:
        """Declare the end of the input; return the complete value or raise ``PartialJSONError``."""
        if self._error is not None:
            raise self._error
        if self._decoder is not None:
            try:
                self._decoder.decode(b"", final=True)
            except UnicodeDecodeError as exc:
                self._fail_at_end(f"Invalid UTF-8 ({exc.reason})")
        if self._state == _NUMBER and _N_COMPLETE[self._num_state]:
            # a number only ends when something follows it, or here
            try:
                self._emit(_number_value("".join(self._num_parts)))
            except ValueError as exc:
                self._fail_at_end(str(exc))
        if self._state != _END:
            self._fail_at_end(
                "Unexpected end of JSON input" if self._pos else "Expecting value"
            )
        return self._root

    # ---------------------------------------------------------------- scanning

    def _consume(self, s: str) -> None:
        i = 0
        n = len(s)
        try:
            while i < n:
                state = self._state
                if state == _STRING:
                    i = self._scan_string(s, i, n)
                    continue
                if state == _NUMBER:
                    i = self._scan_number(s, i, n)
                    continue
                if state == _LITERAL:
                    i = self._scan_literal(s, i, n)
                    continue
                i = _WS.match(s, i).end()  # type: ignore[union-attr]  # always matches
                if i >= n:
                    break
                c = s[i]
                if state == _VALUE or state == _ARRAY_FIRST:
                    if c == "]" and state == _ARRAY_FIRST:
                        self._close()
                        i += 1
                    else:
                        i = self._start_value(s, i, c)
                elif state == _ARRAY_NEXT:
                    if c == ",":
                        self._state = _VALUE
                    elif c == "]":
                        self._close()
                    else:
                        raise self._error_at(
                            s, i, "Expecting ',' or ']' after an array element"
                        )
                    i += 1
                elif state == _OBJECT_NEXT:
                    if c == ",":
                        self._state = _OBJECT_KEY
                    elif c == "}":
                        self._close()
                    else:
                        raise self._error_at(
                            s, i, "Expecting ',' or '}' after an object member"
                        )
                    i += 1
                elif state == _COLON:
                    if c != ":":
                        raise self._error_at(s, i, "Expecting ':' after an object key")
                    self._state = _VALUE
                    i += 1
                elif state == _OBJECT_FIRST or state == _OBJECT_KEY:
                    if c == '"':
                        self._begin_string(is_key=True)
                    elif c == "}" and state == _OBJECT_FIRST:
                        self._close()
                    else:
                        raise self._error_at(
                            s, i, "Expecting a property name enclosed in double quotes"
                        )
                    i += 1
                elif state == _END:
                    raise self._error_at(s, i, "Extra data after the JSON document")
                else:  # _FAILED is unreachable: feed() raises first
                    raise AssertionError(f"unexpected parser state {state}")
        except PartialJSONError as exc:
            self._error = exc
            self._state = _FAILED
            raise
        finally:
            newlines = s.count("\n", 0, i)
            if newlines:
                self._line += newlines
                self._line_start = self._pos + s.rfind("\n", 0, i) + 1
            self._pos += i

    def _start_value(self, s: str, i: int, c: str) -> int:
        if c == '"':
            self._begin_string(is_key=False)
            return i + 1
        if c == "{":
            self._open({}, _OBJECT_FIRST)
            return i + 1
        if c == "[":
            self._open([], _ARRAY_FIRST)
            return i + 1
        if c == "-" or "0" <= c <= "9":
            self._state = _NUMBER
            self._num_parts = []
            self._num_state = _N_SIGN
            if c == "-":
                self._num_parts.append(c)
                return i + 1
            return i  # the digit is read by _scan_number
        literal = _LITERAL_BY_FIRST.get(c)
        if literal is not None:
            self._state = _LITERAL
            self._literal = literal
            self._literal_pos = 0
            return i
        raise self._error_at(s, i, "Expecting value")

    def _scan_string(self, s: str, i: int, n: int) -> int:
        parts = self._str_parts
        grew = False
        while i < n:
            if self._escape:
                i = self._scan_escape(s, i, n)
                grew = True
                continue
            m = _STRING_RUN.match(s, i)
            if m is not None:
                if self._high:
                    parts.append(chr(self._high))
                    self._high = 0
                parts.append(m.group())
                grew = True
                i = m.end()
                if i >= n:
                    break
            c = s[i]
            if c == '"':
                if self._high:
                    parts.append(chr(self._high))
                    self._high = 0
                self._end_string()
                return i + 1
            if c == "\\":
                self._escape = 1
                i += 1
                continue
            raise self._error_at(s, i, "Invalid control character in string")
        if grew and self._partial_strings and not self._str_is_key:
            self._version += 1
        return i

    def _scan_escape(self, s: str, i: int, n: int) -> int:
        parts = self._str_parts
        if self._escape == 1:
            c = s[i]
            if c == "u":
                self._escape = 2
                self._hex = ""
                return i + 1
            replacement = _ESCAPES.get(c)
            if replacement is None:
                raise self._error_at(s, i, "Invalid \\escape in string")
            if self._high:
                parts.append(chr(self._high))
                self._high = 0
            parts.append(replacement)
            self._escape = 0
            return i + 1
        # collecting the four hex digits of \uXXXX, possibly across pieces
        m = _HEX.match(s, i, min(n, i + 4 - len(self._hex)))
        if m is None:
            raise self._error_at(s, i, "Invalid \\uXXXX escape in string")
        self._hex += m.group()
        i = m.end()
        if len(self._hex) < 4:
            if i < n:
                raise self._error_at(s, i, "Invalid \\uXXXX escape in string")
            return i
        code = int(self._hex, 16)
        self._escape = 0
        # Surrogate pairs combine the way json.loads combines them: a high half
        # followed by an escaped low half makes one character; a lone half stays
        # a lone surrogate character.
        if self._high:
            if 0xDC00 <= code <= 0xDFFF:
                parts.append(
                    chr(0x10000 + ((self._high - 0xD800) << 10) + (code - 0xDC00))
                )
                self._high = 0
                return i
            parts.append(chr(self._high))
            self._high = 0
        if 0xD800 <= code <= 0xDBFF:
            self._high = code
        else:
            parts.append(chr(code))
        return i

    def _scan_number(self, s: str, i: int, n: int) -> int:
        parts = self._num_parts
        start_version = self._version
        while i < n:
            st = self._num_state
            c = s[i]
            if st == _N_INT or st == _N_FRAC or st == _N_EXP:
                m = _DIGITS.match(s, i)
                if m is not None:
                    parts.append(m.group())
                    i = m.end()
                    continue
                if st != _N_EXP and c == ".":
                    if st == _N_FRAC:
                        return self._end_number(s, i)
                    self._num_state = _N_DOT
                elif st != _N_EXP and c in "eE":
                    self._num_state = _N_E
                else:
                    return self._end_number(s, i)
            elif st == _N_SIGN:
                if c == "0":
                    self._num_state = _N_ZERO
                elif "1" <= c <= "9":
                    self._num_state = _N_INT
                elif c == "I":  # -Infinity
                    self._state = _LITERAL
                    self._literal = "-Infinity"
                    self._literal_pos = 1
                    return i
                else:
                    raise self._error_at(
                        s, i, "Invalid number: expecting a digit after '-'"
                    )
            elif st == _N_ZERO:
                if c == ".":
                    self._num_state = _N_DOT
                elif c in "eE":
                    self._num_state = _N_E
                else:
                    return self._end_number(s, i)
            elif st == _N_DOT:
                if not "0" <= c <= "9":
                    raise self._error_at(
                        s, i, "Invalid number: expecting a digit after '.'"
                    )
                self._num_state = _N_FRAC
            elif st == _N_E:
                if c == "+" or c == "-":
                    self._num_state = _N_ESIGN
                elif "0" <= c <= "9":
                    self._num_state = _N_EXP
                else:
                    raise self._error_at(
                        s, i, "Invalid number: expecting a digit in the exponent"
                    )
            else:  # _N_ESIGN
                if not "0" <= c <= "9":
                    raise self._error_at(
                        s, i, "Invalid number: expecting a digit in the exponent"
                    )
                self._num_state = _N_EXP
            parts.append(c)
            i += 1
        if self._version == start_version:
            self._version += 1  # the visible partial number changed (or became hidden)
        return i

    def _end_number(self, s: str, i: int) -> int:
        # the character at i is not part of the number; the enclosing state reads it
        try:
            value = _number_value("".join(self._num_parts))
        except ValueError as exc:
            raise self._error_at(s, i, str(exc)) from None
        self._emit(value)
        return i

    def _scan_literal(self, s: str, i: int, n: int) -> int:
        literal = self._literal
        pos = self._literal_pos
        take = min(len(literal) - pos, n - i)
        if not s.startswith(literal[pos : pos + take], i):
            for k in range(take):  # find the first wrong character, for the position
                if s[i + k] != literal[pos + k]:
                    raise self._error_at(s, i + k, "Expecting value")
        pos += take
        if pos == len(literal):
            self._emit(_LITERALS[literal])
        else:
            self._literal_pos = pos
        return i + take

    # ---------------------------------------------------------------- building

    def _begin_string(self, *, is_key: bool) -> None:
        self._state = _STRING
        self._str_parts = []
        self._str_is_key = is_key
        self._escape = 0
        self._high = 0
        if self._partial_strings and not is_key:
            self._version += 1  # an empty partial string is now visible

    def _end_string(self) -> None:
        text = "".join(self._str_parts)
        self._str_parts = []
        if self._str_is_key:
            self._keys[-1] = text
            self._state = _COLON
        else:
            self._emit(text)

    def _emit(self, value: Any) -> None:
        """Attach a complete scalar to the innermost open container (or make it the root)."""
        stack = self._stack
        if not stack:
            self._root = value
            self._has_root = True
            self._state = _END
        else:
            top = stack[-1]
            if isinstance(top, list):
                top.append(value)
                self._state = _ARRAY_NEXT
            else:
                top[self._keys[-1]] = value  # type: ignore[index]  # a key always precedes a member value
                self._state = _OBJECT_NEXT
        self._version += 1

    def _open(self, container: Container, state: int) -> None:
        stack = self._stack
        if not stack:
            self._root = container
            self._has_root = True
        else:
            top = stack[-1]
            if isinstance(top, list):
                top.append(container)
            else:
                top[self._keys[-1]] = container  # type: ignore[index]
        stack.append(container)
        self._keys.append(None)
        self._state = state
        self._version += 1

    def _close(self) -> None:
        stack = self._stack
        stack.pop()
        self._keys.pop()
        if not stack:
            self._state = _END
        else:
            self._state = _ARRAY_NEXT if isinstance(stack[-1], list) else _OBJECT_NEXT

    def _tip(self) -> Any:
        """The visible part of the scalar in progress, or ``_MISSING``."""
        state = self._state
        if state == _NUMBER:
            if _N_COMPLETE[self._num_state]:
                try:
                    return _number_value("".join(self._num_parts))
                except ValueError:  # too many digits for int(); finish() reports it
                    return _MISSING
        elif state == _STRING:
            if self._partial_strings and not self._str_is_key:
                parts = self._str_parts
                if len(parts) > 1:
                    parts[:] = ["".join(parts)]  # joined once, extended from there
                return parts[0] if parts else ""
        return _MISSING

    def _build_snapshot(self) -> Any:
        stack = self._stack
        tip = self._tip()
        if not stack:
            if self._has_root:
                return self._root
            return None if tip is _MISSING else tip
        # Copy the open containers innermost first, each with its open child
        # replaced by that child's copy; closed sub-values are shared.
        keys = self._keys
        child: Any = tip
        for depth in range(len(stack) - 1, -1, -1):
            container = stack[depth]
            copy: Container = container.copy()
            if child is not _MISSING:
                if isinstance(copy, list):
                    if depth == len(stack) - 1:
                        copy.append(
                            child
                        )  # the scalar in progress is not in the list yet
                    else:
                        copy[-1] = child
                else:
                    copy[keys[depth]] = child  # type: ignore[index]
            child = copy
        return child

    # ---------------------------------------------------------------- errors

    def _error_at(self, s: str, i: int, msg: str) -> PartialJSONError:
        pos = self._pos + i
        newlines = s.count("\n", 0, i)
        line = self._line + newlines
        line_start = (
            self._pos + s.rfind("\n", 0, i) + 1 if newlines else self._line_start
        )
        if i < len(s):
            msg = f"{msg}, found {s[i]!r}"
        return PartialJSONError(msg, pos, line, pos - line_start + 1)

    def _fail_at_end(self, msg: str) -> NoReturn:
        self._error = PartialJSONError(
            msg, self._pos, self._line, self._pos - self._line_start + 1
        )
        self._state = _FAILED
        raise self._error


def _number_value(text: str) -> Union[int, float]:
    if "." in text or "e" in text or "E" in text:
        return float(text)
    try:
        return int(text)
    except (
        ValueError
    ):  # longer than sys.get_int_max_str_digits(), as json.loads refuses too
        limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
        raise ValueError(
            f"JSON integer with {len(text)} digits exceeds the limit of {limit} digits"
        ) from None


def parse_partial_json(
    text: Union[str, bytes], *, partial_strings: bool = False
) -> Any:
    """One-shot: the best-effort value of a possibly incomplete document (``None`` if nothing shows)."""
    return PartialJSONParser(partial_strings=partial_strings).feed(text)
