from __future__ import annotations

import json
import math
import re
from typing import Any, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openai.lib.streaming import _partial_json
from openai.lib.streaming._partial_json import (
    PartialJSONError,
    PartialJSONParser,
    parse_partial_json,
)

from ._reference_partial_json import reference_partial

# ----------------------------------------------------------------------------- helpers


def feed_all(pieces: List[Any], *, partial_strings: bool = False) -> List[Any]:
    parser = PartialJSONParser(partial_strings=partial_strings)
    return [parser.feed(p) for p in pieces]


def split(text: str, cuts: List[int]) -> List[str]:
    points = sorted({c % (len(text) + 1) for c in cuts} | {0, len(text)})
    return [text[a:b] for a, b in zip(points, points[1:])]


def same(a: Any, b: Any) -> bool:
    """Structural equality that also checks types and key order (and treats NaN as equal)."""
    if (
        isinstance(a, float)
        and isinstance(b, float)
        and math.isnan(a)
        and math.isnan(b)
    ):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)  # pyright: ignore
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))  # pyright: ignore
    return bool(a == b)


def consistent(partial: Any, full: Any, *, tip: bool = True) -> bool:
    """``partial`` is what a prefix of the document that yields ``full`` may show.

    Everything but the last member of each open container must be complete; the
    last one (the tip) may itself be partial.
    """
    if isinstance(full, dict):
        if not isinstance(partial, dict):
            return False
        keys = list(partial)  # pyright: ignore
        if keys != list(full)[: len(keys)]:  # pyright: ignore
            return False
        return all(
            consistent(partial[k], full[k], tip=tip and k == keys[-1]) for k in keys
        )  # pyright: ignore
    if isinstance(full, list):
        if not isinstance(partial, list) or len(partial) > len(full):  # pyright: ignore
            return False
        n = len(partial)  # pyright: ignore
        return all(
            consistent(partial[i], full[i], tip=tip and i == n - 1) for i in range(n)
        )  # pyright: ignore
    if tip and isinstance(full, str) and isinstance(partial, str):
        return full.startswith(partial)
    if tip and type(full) in (int, float) and type(partial) in (int, float):
        return True  # a number still growing: 4 of 42, 1500.0 of 1.5e30
    return same(partial, full)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)
dump_options = st.sampled_from(
    [
        {},
        {"ensure_ascii": False},
        {"indent": 2},
        {"separators": (",", ":"), "ensure_ascii": False},
        {"indent": "\t", "ensure_ascii": False},
    ]
)


# ----------------------------------------------------------------------------- properties


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    value=json_values,
    options=dump_options,
    cuts=st.lists(st.integers(min_value=0, max_value=10**6), max_size=12),
)
def test_final_value_equals_json_loads(
    value: Any, options: Any, cuts: List[int]
) -> None:
    text = json.dumps(value, **options)
    parser = PartialJSONParser()
    for piece in split(text, cuts):
        parser.feed(piece)
    assert same(parser.finish(), json.loads(text))
    assert parser.done


@settings(max_examples=200, deadline=None)
@given(
    value=json_values,
    cuts=st.lists(st.integers(min_value=0, max_value=10**6), max_size=12),
)
def test_utf8_bytes_split_anywhere(value: Any, cuts: List[int]) -> None:
    data = json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")
    points = sorted({c % (len(data) + 1) for c in cuts} | {0, len(data)})
    parser = PartialJSONParser()
    for a, b in zip(points, points[1:]):
        parser.feed(data[a:b])
    assert same(parser.finish(), json.loads(data.decode("utf-8", "surrogatepass")))


@settings(max_examples=150, deadline=None)
@given(
    value=json_values,
    options=dump_options,
    cuts=st.lists(st.integers(min_value=0, max_value=10**6), max_size=8),
    partial_strings=st.booleans(),
)
def test_every_prefix_matches_the_reference_and_the_full_document(
    value: Any, options: Any, cuts: List[int], partial_strings: bool
) -> None:
    text = json.dumps(value, **options)
    full = json.loads(text)
    # one parser fed piece by piece, checked after each piece
    parser = PartialJSONParser(partial_strings=partial_strings)
    seen = 0
    for piece in split(text, cuts):
        snapshot = parser.feed(piece)
        seen += len(piece)
        assert same(
            snapshot, reference_partial(text[:seen], partial_strings=partial_strings)
        )
    # and every single prefix, read in one piece
    for k in range(len(text) + 1):
        snapshot = parse_partial_json(text[:k], partial_strings=partial_strings)
        assert same(
            snapshot, reference_partial(text[:k], partial_strings=partial_strings)
        ), text[:k]
        if snapshot is not None or k == len(text):
            assert consistent(snapshot, full), (text[:k], snapshot)


@settings(max_examples=100, deadline=None)
@given(value=json_values, partial_strings=st.booleans())
def test_snapshots_are_not_changed_by_later_pieces(
    value: Any, partial_strings: bool
) -> None:
    text = json.dumps(value)
    parser = PartialJSONParser(partial_strings=partial_strings)
    kept = []
    for k in range(len(text)):
        snapshot = parser.feed(text[k])
        kept.append((k + 1, json.dumps(snapshot)))
    parser.finish()
    for k, dumped in kept:
        assert dumped == json.dumps(
            reference_partial(text[:k], partial_strings=partial_strings)
        )


# ----------------------------------------------------------------------------- partial values


@pytest.mark.parametrize(
    "prefix, strict, with_strings",
    [
        ("", None, None),
        ("  ", None, None),
        ("{", {}, {}),
        ('{"a', {}, {}),
        ('{"a":', {}, {}),
        ('{"a": "', {}, {"a": ""}),
        ('{"a": "hel', {}, {"a": "hel"}),
        ('{"a": "h\\', {}, {"a": "h"}),
        ('{"a": "h\\u00', {}, {"a": "h"}),
        ('{"a": "h\\u00e9', {}, {"a": "hé"}),
        ('{"a": "h\\u00e9"', {"a": "hé"}, {"a": "hé"}),
        ('{"a": 1', {"a": 1}, {"a": 1}),
        ('{"a": -', {}, {}),
        ('{"a": 1.', {}, {}),
        ('{"a": 1.5', {"a": 1.5}, {"a": 1.5}),
        ('{"a": 1.5e', {}, {}),
        ('{"a": 1.5e+', {}, {}),
        ('{"a": 1.5e3', {"a": 1500.0}, {"a": 1500.0}),
        ('{"a": tru', {}, {}),
        ('{"a": true', {"a": True}, {"a": True}),
        ('{"a": [1, {"b": nu', {"a": [1, {}]}, {"a": [1, {}]}),
        ('{"a": [1, {"b": "x', {"a": [1, {}]}, {"a": [1, {"b": "x"}]}),
        ('{"a": 1, "b"', {"a": 1}, {"a": 1}),
        ('["x', [], ["x"]),
        ('"abc', None, "abc"),
        ("12", 12, 12),
        ("-", None, None),
        ("-Inf", None, None),
        ("-Infinity", -math.inf, -math.inf),
        ('{"a": "x\\ud83d', {}, {"a": "x"}),
        ('{"a": "x\\ud83d\\ude00', {}, {"a": "x\U0001f600"}),
        ('{"a": 1}  ', {"a": 1}, {"a": 1}),
    ],
)
def test_partial_values(prefix: str, strict: Any, with_strings: Any) -> None:
    assert same(parse_partial_json(prefix), strict)
    assert same(parse_partial_json(prefix, partial_strings=True), with_strings)


def test_has_value_tells_null_from_nothing() -> None:
    parser = PartialJSONParser()
    assert parser.feed("nul") is None and not parser.has_value
    assert parser.feed("l") is None and parser.has_value
    assert parser.done and parser.finish() is None


def test_a_number_at_the_top_level_ends_at_finish() -> None:
    parser = PartialJSONParser()
    assert parser.feed("4") == 4
    assert parser.feed("2") == 42
    assert not parser.done
    assert parser.finish() == 42 and parser.done


def test_json_loads_extensions_are_accepted() -> None:
    parser = PartialJSONParser()
    for piece in ["[Na", "N, Infin", "ity, -Infinity, 1e400", "]"]:
        parser.feed(piece)
    value = parser.finish()
    assert math.isnan(value[0]) and value[1:] == [math.inf, -math.inf, math.inf]


def test_duplicate_keys_keep_the_last_value_like_json_loads() -> None:
    text = '{"a": 1, "b": 2, "a": [3]}'
    assert same(PartialJSONParser().feed(text), json.loads(text))


def test_big_integers_are_exact() -> None:
    assert parse_partial_json("[123456789012345678901234567890]") == [
        123456789012345678901234567890
    ]


def test_negative_zero() -> None:
    value = PartialJSONParser()
    value.feed("[-0, -0.0")
    result = value.feed("]")
    assert result[0] == 0 and type(result[0]) is int
    assert math.copysign(1.0, result[1]) == -1.0


# ----------------------------------------------------------------------------- unicode


ESCAPED = json.dumps({"k": 'a\u00e9\U0001f600\n"\\/\t\u2028z'}, ensure_ascii=True)


@pytest.mark.parametrize("cut", range(len(ESCAPED) + 1))
def test_escapes_split_at_every_position(cut: int) -> None:
    parser = PartialJSONParser(partial_strings=True)
    first = parser.feed(ESCAPED[:cut])
    parser.feed(ESCAPED[cut:])
    assert parser.finish() == {"k": 'a\u00e9\U0001f600\n"\\/\t\u2028z'}
    assert first == reference_partial(ESCAPED[:cut], partial_strings=True)


def test_escapes_one_character_at_a_time_never_show_half_a_pair() -> None:
    parser = PartialJSONParser(partial_strings=True)
    shown = [parser.feed(ch) for ch in '["\\ud83d\\ude00!"]']
    strings = [s[0] for s in shown if s]
    assert all("\ud83d" not in s for s in strings)
    assert strings[-1] == "\U0001f600!"


@pytest.mark.parametrize(
    "text",
    [
        '"\\ud83d"',  # lone high surrogate
        '"\\ude00"',  # lone low surrogate
        '"\\ud83dx"',  # high surrogate followed by a plain character
        '"\\ud83d\\n"',  # ... by another escape
        '"\\ud83d\\u0041"',  # ... by a non-surrogate \\u escape
        '"\\ud83d\\ud83d\\ude00"',  # a lone high half, then a pair
        '"\\uD83D\\uDE00"',  # upper-case hex
    ],
)
def test_surrogates_decode_like_json_loads(text: str) -> None:
    for cut in range(len(text) + 1):
        parser = PartialJSONParser()
        parser.feed(text[:cut])
        parser.feed(text[cut:])
        assert parser.finish() == json.loads(text)


def test_multibyte_utf8_split_inside_a_character() -> None:
    data = '{"w": "é😀中"}'.encode()
    for cut in range(len(data) + 1):
        parser = PartialJSONParser(partial_strings=True)
        parser.feed(data[:cut])
        parser.feed(data[cut:])
        assert parser.finish() == {"w": "é😀中"}


def test_partial_multibyte_character_is_not_shown() -> None:
    parser = PartialJSONParser(partial_strings=True)
    assert parser.feed(b'["a\xf0\x9f') == ["a"]
    assert parser.feed(b"\x98\x80") == ["a\U0001f600"]


# ----------------------------------------------------------------------------- invalid input


@pytest.mark.parametrize(
    "text, message, pos",
    [
        ('{"a": 1} x', "Extra data after the JSON document", 9),
        ('{"a" 1', "Expecting ':' after an object key", 5),
        ("{]", "Expecting a property name enclosed in double quotes", 1),
        ("[1 2", "Expecting ',' or ']' after an array element", 3),
        ('{"a": 1,}', "Expecting a property name enclosed in double quotes", 8),
        ("[1,]", "Expecting value", 3),
        ("[01]", "Expecting ',' or ']' after an array element", 2),
        ("[-x]", "Invalid number: expecting a digit after '-'", 2),
        ("[1.x]", "Invalid number: expecting a digit after '.'", 3),
        ("[1ex]", "Invalid number: expecting a digit in the exponent", 3),
        ("[1e+]", "Invalid number: expecting a digit in the exponent", 4),
        ('["a\x01"]', "Invalid control character in string", 3),
        ('["\\x"]', "Invalid \\escape in string", 3),
        ('["\\u12g4"]', "Invalid \\uXXXX escape in string", 6),
        ("[trux]", "Expecting value", 4),
        ("[nope]", "Expecting value", 2),
        ("@", "Expecting value", 0),
        ("\ufeff{}", "Expecting value", 0),
    ],
)
def test_invalid_json_is_reported_at_the_first_bad_character(
    text: str, message: str, pos: int
) -> None:
    # whichever way the text is cut, the error is the same
    for cut in range(len(text) + 1):
        parser = PartialJSONParser()
        with pytest.raises(PartialJSONError) as info:
            parser.feed(text[:cut])
            parser.feed(text[cut:])
        assert info.value.msg.startswith(message)
        assert info.value.pos == pos
        assert isinstance(info.value, ValueError)


def test_error_position_counts_lines_across_pieces() -> None:
    parser = PartialJSONParser()
    parser.feed('{\n  "a": 1,\n')
    with pytest.raises(PartialJSONError) as info:
        parser.feed('  "b" 2\n}')
    assert (info.value.lineno, info.value.colno, info.value.pos) == (3, 7, 18)
    assert (
        str(info.value)
        == "Expecting ':' after an object key, found '2': line 3 column 7 (char 18)"
    )


def test_a_failed_parser_stays_failed() -> None:
    parser = PartialJSONParser()
    with pytest.raises(PartialJSONError) as first:
        parser.feed("[1 2")
    with pytest.raises(PartialJSONError) as again:
        parser.feed("]")
    assert again.value is first.value
    with pytest.raises(PartialJSONError):
        parser.finish()


@pytest.mark.parametrize(
    "text", ['{"a": [1, 2', '"abc', "", "   ", "tru", "-", "1.", '{"a"']
)
def test_finish_rejects_an_incomplete_document(text: str) -> None:
    parser = PartialJSONParser()
    parser.feed(text)
    with pytest.raises(
        PartialJSONError, match="Unexpected end of JSON input|Expecting value"
    ):
        parser.finish()


def test_invalid_utf8_is_reported() -> None:
    parser = PartialJSONParser()
    with pytest.raises(PartialJSONError, match="Invalid UTF-8"):
        parser.feed(b'["\xff"]')
    parser = PartialJSONParser()
    parser.feed(b'["\xe4\xb8')  # a truncated 3-byte character
    with pytest.raises(PartialJSONError, match="Invalid UTF-8"):
        parser.finish()


def test_str_after_an_incomplete_utf8_character_is_refused() -> None:
    parser = PartialJSONParser(partial_strings=True)
    assert parser.feed(b'["a') == ["a"]
    assert parser.feed("b") == ["ab"]  # mixing is fine on character boundaries
    parser.feed(b"\xc3")
    with pytest.raises(ValueError, match="inside a UTF-8 character"):
        parser.feed("c")


def test_feed_rejects_other_types() -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        PartialJSONParser().feed(123)  # type: ignore[arg-type]


def test_too_many_integer_digits_is_a_clear_error() -> None:
    import sys

    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    if not limit:
        pytest.skip("this Python has no int digit limit")
    with pytest.raises(PartialJSONError, match="digits"):
        PartialJSONParser().feed("[" + "1" * (limit + 1) + "]")


# ----------------------------------------------------------------------------- snapshots and cost


def test_snapshot_shares_completed_values_and_copies_open_ones() -> None:
    parser = PartialJSONParser()
    first = parser.feed('{"done": [1, 2], "open": [3')
    second = parser.feed(", 4")
    assert first == {"done": [1, 2], "open": [3]}
    assert second == {"done": [1, 2], "open": [3, 4]}
    assert first["done"] is second["done"]  # closed: shared
    assert first["open"] is not second["open"]  # open: copied


def test_snapshot_is_reused_while_nothing_visible_changes() -> None:
    parser = PartialJSONParser()
    first = parser.feed('{"a": 1, "text": "lo')
    assert parser.feed("ng string that is") is first
    assert parser.feed(" still going") is first
    assert parser.feed('", "b": 2') == {
        "a": 1,
        "text": "long string that is still going",
        "b": 2,
    }


def test_live_value_is_built_in_place() -> None:
    parser = PartialJSONParser()
    parser.feed('{"items": [')
    live = parser.value
    parser.feed("1, 2]}")
    assert live == {"items": [1, 2]} and live is parser.value


def test_work_is_linear_in_the_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count the scanner's regex calls while feeding one character at a time.

    A parser that re-read the prefix on every piece would make O(n^2) calls; this
    one makes a bounded number per character, whatever the size.
    """
    calls = {"n": 0}

    class Counting:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def match(self, *args: Any) -> Any:
            calls["n"] += 1
            return self.pattern.match(*args)

    for name in ("_WS", "_STRING_RUN", "_DIGITS", "_HEX"):
        monkeypatch.setattr(_partial_json, name, Counting(getattr(_partial_json, name)))

    def calls_for(n_items: int) -> int:
        text = json.dumps(
            {
                "rows": [
                    {"id": i, "name": f"n\u00e9\\{i}", "ok": True}
                    for i in range(n_items)
                ]
            }
        )
        calls["n"] = 0
        parser = PartialJSONParser(partial_strings=True)
        for ch in text:
            parser.feed(ch)
        assert parser.finish()["rows"][-1]["id"] == n_items - 1
        return calls["n"] / len(text)  # type: ignore[return-value]

    small, large = calls_for(10), calls_for(400)
    assert large <= 2.0
    assert large <= small * 1.1
