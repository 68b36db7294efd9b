from __future__ import annotations

import copy
import pickle
from typing import List, Optional

import pydantic
import pytest
from pydantic import BaseModel, Field

import openai.lib
from openai.lib._pydantic import StrictSchemaError, to_strict_json_schema
from openai.lib._tools import (
    PydanticFunctionTool,
    ResponsesPydanticFunctionTool,
    pydantic_function_tool,
    to_responses_tool,
)

from . import strict_schema_models as models


class GetWeather(BaseModel):
    """Get the current weather for a city."""

    city: str = Field(description="City name")
    unit: Optional[str] = None


class NoDoc(BaseModel):
    a: int


def test_chat_tool_shape() -> None:
    tool = pydantic_function_tool(GetWeather)
    assert tool == {
        "type": "function",
        "function": {
            "name": "GetWeather",
            "strict": True,
            "parameters": to_strict_json_schema(GetWeather),
            "description": "Get the current weather for a city.",
        },
    }
    assert list(tool["function"]) == ["name", "strict", "parameters", "description"]
    assert tool["function"]["parameters"]["required"] == ["city", "unit"]
    assert tool["function"]["parameters"]["properties"]["unit"] == {
        "anyOf": [{"type": "string"}, {"type": "null"}],
        "title": "Unit",
    }


def test_function_part_remembers_the_model() -> None:
    function = pydantic_function_tool(GetWeather)["function"]
    assert isinstance(function, PydanticFunctionTool) and isinstance(function, dict)
    assert function.model is GetWeather
    assert function.cast() is function


def test_name_and_description_overrides() -> None:
    tool = pydantic_function_tool(GetWeather, name="weather", description="Look it up.")
    assert tool["function"]["name"] == "weather"
    assert tool["function"]["description"] == "Look it up."
    # the schema keeps the docstring; only the tool's description changes
    assert (
        tool["function"]["parameters"]["description"]
        == "Get the current weather for a city."
    )


def test_no_docstring_means_no_description() -> None:
    function = pydantic_function_tool(NoDoc)["function"]
    assert "description" not in function
    assert (
        pydantic_function_tool(NoDoc, description="")["function"]["description"] == ""
    )


def test_helpers_md_query_tool() -> None:
    tool = pydantic_function_tool(models.Query)
    assert tool["function"]["name"] == "Query"
    assert tool["function"]["parameters"]["$defs"]["Condition"]["required"] == [
        "column",
        "operator",
        "value",
    ]


def test_each_tool_gets_its_own_schema() -> None:
    first = pydantic_function_tool(models.Query)
    first["function"]["parameters"]["properties"].clear()
    assert pydantic_function_tool(models.Query)["function"]["parameters"]["properties"]


def test_unsupported_model_fails_when_the_tool_is_built() -> None:
    with pytest.raises(StrictSchemaError, match="`WithDict.mapping`"):
        pydantic_function_tool(models.WithDict)


@pytest.mark.parametrize(
    "bad", [GetWeather(city="x"), dict, "GetWeather", pydantic.TypeAdapter(GetWeather)]
)
def test_non_model_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="pydantic BaseModel subclass"):
        pydantic_function_tool(bad)  # type: ignore[arg-type]


def test_bad_name_type() -> None:
    with pytest.raises(TypeError, match="`name` must be a string"):
        pydantic_function_tool(GetWeather, name=3)  # type: ignore[arg-type]


def test_responses_tool_shape() -> None:
    tool = to_responses_tool(pydantic_function_tool(GetWeather)["function"])
    assert isinstance(tool, ResponsesPydanticFunctionTool) and tool.model is GetWeather
    assert tool == {
        "type": "function",
        "name": "GetWeather",
        "description": "Get the current weather for a city.",
        "parameters": to_strict_json_schema(GetWeather),
        "strict": True,
    }
    assert list(tool) == ["type", "name", "description", "parameters", "strict"]
    assert tool.cast() is tool
    assert "description" not in to_responses_tool(
        pydantic_function_tool(NoDoc)["function"]
    )


def test_tool_dicts_survive_copying() -> None:
    function = pydantic_function_tool(GetWeather)["function"]
    for copied in (
        copy.copy(function),
        copy.deepcopy(function),
        pickle.loads(pickle.dumps(function)),
    ):
        assert isinstance(copied, PydanticFunctionTool)
        assert copied.model is GetWeather and copied == function


def test_lazy_export_from_openai_lib() -> None:
    assert openai.lib.pydantic_function_tool is pydantic_function_tool
    assert "pydantic_function_tool" in dir(openai.lib)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        openai.lib.nope  # type: ignore[attr-defined]  # noqa: B018


def test_tool_for_a_model_with_lists_of_models() -> None:
    class Plan(BaseModel):
        """A plan."""

        steps: List[models.Step]

    parameters = pydantic_function_tool(Plan)["function"]["parameters"]
    assert parameters["properties"]["steps"]["items"] == {"$ref": "#/$defs/Step"}
    assert parameters["$defs"]["Step"]["additionalProperties"] is False
