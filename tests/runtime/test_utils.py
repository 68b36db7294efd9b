"""Query strings, path templates, sentinels and the small helpers of openai._utils."""

from __future__ import annotations

import copy
import csv
import pickle
from datetime import date, datetime
from pathlib import Path

import pytest
from typing_extensions import Annotated, Required, TypedDict

import openai._utils as utils
from openai import NOT_GIVEN, NotGiven, Omit, not_given, omit
from openai._qs import stringify, stringify_items
from openai._utils import PropertyInfo

EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "reference" / "exports.tsv"


def test_brackets_query_format() -> None:
    assert stringify({"include": ["a", "b"]}) == "include%5B%5D=a&include%5B%5D=b"
    assert stringify({"metadata": {"k": "v"}, "flag": True, "n": None, "skip": NOT_GIVEN}) == "metadata%5Bk%5D=v&flag=true"
    assert stringify_items({"include": ["a"], "metadata": {"k": "v"}}) == [("include[]", "a"), ("metadata[k]", "v")]
    assert stringify({"q": "a b&c"}) == "q=a%20b%26c"
    assert stringify_items({"a": [1, 2]}, array_format="comma") == [("a", "1,2")]
    assert stringify_items({"a": [1, 2]}, array_format="indices") == [("a[0]", "1"), ("a[1]", "2")]


def test_path_template_quotes() -> None:
    assert utils.path_template("/files/{file_id}/content", file_id="a b/c") == "/files/a%20b%2Fc/content"
    with pytest.raises(KeyError, match="file_id"):
        utils.path_template("/files/{file_id}")


def test_sentinels() -> None:
    assert NOT_GIVEN is not_given and NotGiven() is not_given and Omit() is omit
    assert not not_given and not omit
    assert repr(not_given) == "NOT_GIVEN" and repr(omit) == "omit"
    assert copy.deepcopy(not_given) is not_given
    assert pickle.loads(pickle.dumps({"a": 1})) == {"a": 1}


def test_predicates_and_coercions() -> None:
    assert utils.is_given(1) and not utils.is_given(not_given) and not utils.is_given(omit)
    assert utils.is_dict({}) and utils.is_list([]) and utils.is_mapping({}) and utils.is_tuple(())
    assert utils.flatten([[1], [2, 3]]) == [1, 2, 3]
    assert utils.strip_not_given({"a": 1, "b": not_given}) == {"a": 1}
    assert utils.coerce_boolean("true") and not utils.coerce_boolean("no")
    assert utils.maybe_coerce_integer(None) is None and utils.maybe_coerce_integer("4") == 4
    assert utils.maybe_coerce_float("1.5") == 1.5 and utils.maybe_coerce_boolean("1") is True
    assert utils.removeprefix("abc", "a") == "bc" and utils.removesuffix("abc", "c") == "ab"
    assert utils.get_required_header({"X-Key": "v"}, "x-key") == "v"
    with pytest.raises(ValueError, match="missing"):
        utils.get_required_header({}, "missing")
    assert utils.json_safe({"d": date(2024, 1, 2), "l": (1, 2)}) == {"d": "2024-01-02", "l": [1, 2]}
    assert utils.parse_date("2024-01-02") == date(2024, 1, 2)
    assert utils.parse_datetime("2024-01-02T03:04:05Z").hour == 3
    assert isinstance(utils.parse_datetime(0), datetime)


def test_required_args() -> None:
    @utils.required_args(["a"], ["b", "c"])
    def f(*, a: int = 0, b: int = 0, c: int = 0) -> int:
        return a + b + c

    assert f(a=1) == 1 and f(b=1, c=2) == 3
    with pytest.raises(TypeError, match="Expected either"):
        f(b=1)


def test_transform_applies_aliases_and_formats() -> None:
    class Params(TypedDict, total=False):
        card_id: Required[Annotated[str, PropertyInfo(alias="cardID")]]
        when: Annotated[datetime, PropertyInfo(format="iso8601")]
        data: Annotated[bytes, PropertyInfo(format="base64")]

    out = utils.maybe_transform({"card_id": "c", "when": datetime(2024, 1, 2), "data": b"hi", "x": not_given}, Params)
    assert out == {"cardID": "c", "when": "2024-01-02T00:00:00", "data": "aGk="}
    assert utils.maybe_transform(None, Params) is None


def test_typing_helpers() -> None:
    from typing import List, Optional, Union

    from typing_extensions import Literal

    assert utils.is_union_type(Optional[int]) and utils.is_list_type(List[int]) and utils.is_literal_type(Literal["a"])
    assert utils.strip_annotated_type(Required[Annotated[int, "m"]]) is int
    assert utils.extract_type_arg(List[int], 0) is int
    assert utils.is_union(Union)


def test_lazy_proxy() -> None:
    class P(utils.LazyProxy[list]):  # type: ignore[type-arg]
        def __load__(self) -> list:  # type: ignore[type-arg]
            return [1, 2]

    proxy = P()
    assert proxy.count(1) == 1  # type: ignore[attr-defined]
    assert repr(proxy) == "[1, 2]"


async def test_asyncify() -> None:
    def blocking(x: int) -> int:
        return x * 2

    assert await utils.asyncify(blocking)(21) == 42


@pytest.mark.skipif(not EXPORTS.exists(), reason="shared reference not beside the repo")
def test_every_listed_utils_name_is_exported() -> None:
    with EXPORTS.open() as f:
        names = [row["name"] for row in csv.DictReader(f, delimiter="\t") if row["module"] == "openai._utils"]
    assert len(names) > 50
    missing = [name for name in names if not hasattr(utils, name)]
    assert missing == []
