"""BaseModel: unknown fields kept, drift tolerated, strict mode, serialization helpers."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Dict, List, Optional, Union

import pydantic
import pytest
import respx
from pydantic import Field
from typing_extensions import Annotated, Literal

import openai
from openai import OpenAI
from openai._models import BaseModel, construct_type, parse_json, validate_type

from .conftest import API_KEY, BASE_URL


class Inner(BaseModel):
    value: int
    label: Optional[str] = None


class Cat(BaseModel):
    type: Literal["cat"]
    meow: str


class Dog(BaseModel):
    type: Literal["dog"]
    bark: str


class Outer(BaseModel):
    id: str
    status: Literal["ok", "failed"]
    inner: Inner
    items: List[Inner] = []
    created: Optional[datetime] = None
    pet: Optional[Annotated[Union[Cat, Dog], Field(discriminator="type")]] = None
    schema_: Optional[Dict[str, object]] = Field(default=None, alias="schema")


def test_valid_data_validates() -> None:
    outer = parse_json(
        Outer,
        json.dumps(
            {"id": "a", "status": "ok", "inner": {"value": 1}, "created": 0, "pet": {"type": "dog", "bark": "woof"}}
        ),
    )
    assert isinstance(outer.inner, Inner) and outer.inner.value == 1
    assert isinstance(outer.pet, Dog)
    assert outer.created == datetime(1970, 1, 1, tzinfo=timezone.utc)


def test_unknown_fields_are_kept() -> None:
    outer = parse_json(
        Outer, b'{"id": "a", "status": "ok", "inner": {"value": 1, "deep_new": true}, "brand_new": [1, 2]}'
    )
    assert outer.brand_new == [1, 2]  # type: ignore[attr-defined]
    assert outer.model_extra == {"brand_new": [1, 2]}
    assert outer.inner.deep_new is True  # type: ignore[attr-defined]


def test_drift_is_tolerated() -> None:
    data = {
        "id": "a",
        "status": "paused",  # a new enum value
        "inner": {"value": "not a number", "label": "x"},  # a wrong type
        "items": [{"value": 1}, {"value": "two"}],
        "pet": {"type": "fish", "fins": 2},  # an unknown union member
        # "created" is missing, as optional; nothing required missing at top level
    }
    outer = parse_json(Outer, json.dumps(data))
    assert outer.status == "paused"
    assert isinstance(outer.inner, Inner) and outer.inner.value == "not a number" and outer.inner.label == "x"
    assert [i.value for i in outer.items] == [1, "two"]
    assert isinstance(outer.items[0], Inner)
    assert outer.pet is not None and outer.pet.type == "fish" and outer.pet.fins == 2  # type: ignore[union-attr]


def test_missing_required_field_reads_as_none() -> None:
    outer = parse_json(Outer, b'{"status": "ok", "inner": {"value": 1}}')
    assert outer.id is None
    assert "id" not in outer.model_fields_set
    assert "status" in outer.model_fields_set


def test_union_member_chosen_by_tag_in_fallback() -> None:
    outer = parse_json(Outer, b'{"id": 1, "status": "ok", "inner": {"value": 1}, "pet": {"type": "cat", "meow": 3}}')
    assert isinstance(outer.pet, Cat) and outer.pet.meow == 3


def test_null_versus_missing() -> None:
    explicit = parse_json(Inner, b'{"value": 1, "label": null}')
    missing = parse_json(Inner, b'{"value": 1}')
    assert explicit.label is None and missing.label is None
    assert "label" in explicit.model_fields_set
    assert "label" not in missing.model_fields_set


def test_to_dict_and_to_json() -> None:
    outer = parse_json(
        Outer,
        b'{"id": "a", "status": "ok", "inner": {"value": 1}, "schema": {"x": 1}, "created": "2024-01-02T03:04:05Z"}',
    )
    assert outer.schema_ == {"x": 1}
    as_dict = outer.to_dict()
    assert as_dict["schema"] == {"x": 1} and "items" not in as_dict
    assert isinstance(as_dict["created"], datetime)
    assert outer.to_dict(mode="json")["created"] == "2024-01-02T03:04:05Z"
    assert "schema_" in outer.to_dict(use_api_names=False)
    assert "items" in outer.to_dict(exclude_unset=False)
    assert "pet" not in outer.to_dict(exclude_unset=False, exclude_none=True)
    assert outer.to_dict(exclude_unset=False, exclude_defaults=True).keys() == {
        "id",
        "status",
        "inner",
        "schema",
        "created",
    }
    text = outer.to_json()
    assert text.startswith("{\n  ") and json.loads(text)["schema"] == {"x": 1}
    assert "\n" not in outer.to_json(indent=None)
    assert str(outer).startswith("Outer(id='a'")


def test_strict_validation_raises(mock: respx.MockRouter) -> None:
    mock.get("/o").respond(200, json={"id": "a", "status": "new-value", "inner": {"value": 1}})
    strict = OpenAI(api_key=API_KEY, base_url=BASE_URL, _strict_response_validation=True)
    with pytest.raises(openai.APIResponseValidationError) as info:
        strict.get("/o", cast_to=Outer)
    assert info.value.status_code == 200
    assert isinstance(info.value.__cause__, pydantic.ValidationError)
    lenient = OpenAI(api_key=API_KEY, base_url=BASE_URL)
    assert lenient.get("/o", cast_to=Outer).status == "new-value"


def test_construct_and_validate_helpers() -> None:
    built = construct_type(value={"value": "x"}, type_=Inner)
    assert isinstance(built, Inner) and built.value == "x"
    assert construct_type(value=[{"value": 1}], type_=List[Inner])[0].value == 1  # type: ignore[index]
    assert construct_type(value="2024-01-01T00:00:00", type_=datetime) == datetime(2024, 1, 1)
    assert construct_type(value="not a date", type_=datetime) == "not a date"
    with pytest.raises(pydantic.ValidationError):
        validate_type(type_=Inner, value={"value": "x"})
    assert validate_type(type_=List[int], value=["1"]) == [1]


def test_models_can_be_subclassed_with_extra_fields() -> None:
    class Mine(Inner):
        extra_info: str = "default"

    mine = parse_json(Mine, b'{"value": 5}')
    assert mine.value == 5 and mine.extra_info == "default"
    assert mine._request_id is None
